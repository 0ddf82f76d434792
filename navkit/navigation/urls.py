"""URL strategies: where the route lives in a browser's address, and back.

* ``path``: ``https://host/<base>/store/42?x=1`` -- the route is the path
  after the base path (the app's prefix), plus the query.
* ``hash``: ``https://host/<base>/#/store/42?x=1`` -- the route lives after
  ``#``; the root route is written with no fragment at all, as Flet does.

A mobile deep link (``myapp://host/store/42``) carries the route as its path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from navkit.errors import AddressError
from navkit.routing.building import encode_query
from navkit.routing.location import add_query, is_app_address
from navkit.routing.table import RouteTable

__all__ = ["UrlStrategy", "resolve"]


def resolve(table: RouteTable, target: str, values: dict[str, Any]) -> str:
    """The address for a path (``values`` become its query) or an endpoint with values.

    Raises:
        AddressError: A path a browser would read as another host
            (``//host``, ``/\\host``) or with control characters.
        BuildError: ``url_for`` cannot build the endpoint's address.
    """
    if not target.startswith("/"):
        return table.url_for(target, **values)
    if not is_app_address(target):
        raise AddressError(f"refused to navigate to {target!r}: it is not a path in the app")
    if not values:
        return target
    return add_query(target, encode_query(values.items(), None, table.converters))


@dataclass(frozen=True, slots=True)
class UrlStrategy:
    """How a route is written in a browser address.

    Attributes:
        kind: ``"path"`` or ``"hash"``.
        base_path: The app's prefix (``"/app"``), "" at the root.
    """

    kind: Literal["path", "hash"] = "path"
    base_path: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("path", "hash"):
            raise ValueError(f"URL strategy must be 'path' or 'hash', not {self.kind!r}")
        base = self.base_path.rstrip("/")
        if base and not base.startswith("/"):
            raise ValueError(f"base_path {self.base_path!r} must start with '/'")
        object.__setattr__(self, "base_path", base)

    def href(self, route: str) -> str:
        """The address a browser shows for ``route`` (``/app/store/42`` or ``/#/store/42``)."""
        if self.kind == "hash":
            prefix = self.base_path + "/"
            return prefix if route in ("", "/") else prefix + "#" + route
        return (self.base_path + route) if route != "/" or not self.base_path else self.base_path

    def route_from_url(self, url: str) -> str | None:
        """The route a full URL or deep link addresses, or None if it is not this app's.

        ``https://host/app/#/store/42?x=1`` (hash), ``https://host/app/store/42``
        (path) and ``myapp://host/store/42`` all give ``/store/42...``. A
        ``#/...`` fragment is honoured under the path strategy too, so that
        links written for the hash strategy keep working -- but only under
        the base path: ``https://host/other/#/store`` is not this app's. What
        would not be a path inside the app (``javascript:...``, ``#//host``,
        control characters) gives None. The host is not checked.
        """
        route = self._route_from_url(url)
        return route if route is not None and is_app_address(route) else None

    def _route_from_url(self, url: str) -> str | None:
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.scheme not in ("http", "https", ""):
            # A custom-scheme deep link: the host names the app, the path is the route.
            if parts.fragment.startswith("/"):
                return parts.fragment
            return add_query(path, parts.query)
        if self.base_path:
            # Outside the base path is another app on the same host, whatever
            # its fragment says.
            if path == self.base_path or path == self.base_path + "/":
                path = "/"
            elif path.startswith(self.base_path + "/"):
                path = path[len(self.base_path) :]
            else:
                return None
        if parts.fragment.startswith("/"):
            return parts.fragment
        if self.kind == "hash":
            return "/"  # a hash-strategy address with no route fragment is the root
        return add_query(path, parts.query)
