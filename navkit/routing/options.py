"""What a route asks of the navigation layers beyond its template and view: one typed value.

The keyword options given at registration (``title=``, ``parent=``,
``root=``, ``guards=``, ``redirect_to=``, ``modal=``, ``meta=``) are checked
once, there, and frozen into a :class:`RouteOptions`; every later layer
reads its attributes, never a string-keyed bag. ``meta`` is the app's own:
whatever a guard or a view wants to know about a route (``requires_login``,
a breadcrumb label...). A navigation merges the ``meta`` of its matched
levels, parent to child (Vue Router's ``to.meta``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal, cast

from navkit.errors import RouteError

__all__ = ["MODAL_KINDS", "NO_OPTIONS", "ModalKind", "RouteOptions", "merged_meta"]

ModalKind = Literal["dialog", "sheet"]
MODAL_KINDS: frozenset[str] = frozenset({"dialog", "sheet"})
_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RouteOptions:
    """A route's options, checked at registration.

    Attributes:
        title: The view's title (default: made from the endpoint's name).
        parent: The endpoint of the level beneath, when it is not the
            route's path prefix.
        root: The route starts a stack of its own (no level beneath).
        guards: Asked before a navigation to this route, after the
            router's and its blueprints'.
        redirect_to: A path or endpoint this route sends every navigation to.
        modal: ``"dialog"`` or ``"sheet"``: the level opens over the one beneath.
        meta: The app's own data about the route (read-only).
        invalid_query: What a query value that does not convert gives:
            ``"error"`` (a 400) or ``"default"`` (the field's default; for
            a view that takes its query as a dataclass).
        loader: Fetches the page's data apart from the view, which gets it
            as ``data`` (see :mod:`navkit.routing.loaders`).
        stale_time: Seconds the loader's result is reused for the same address.
        pending: Makes the control shown while a navigation to this route
            waits (after the pending delay), in place of the page's
            indicator: a skeleton of the page, say.
    """

    title: str | None = None
    parent: str | None = None
    root: bool = False
    guards: tuple[Callable[..., Any], ...] = ()
    redirect_to: str | None = None
    modal: ModalKind | None = None
    meta: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    invalid_query: Literal["error", "default"] = "error"
    loader: Callable[..., Any] | None = None
    stale_time: float = 0.0
    pending: Callable[[], Any] | None = None

    @classmethod
    def of(cls, template: str, given: Mapping[str, Any]) -> RouteOptions:  # noqa: PLR0912 - one check per option
        """Check the keyword options of a registration and freeze them.

        Raises:
            RouteError: An unknown option, or a value of the wrong kind.
        """
        if not given:
            return NO_OPTIONS
        where = f"route {template!r}"
        unknown = set(given) - _KNOWN
        if unknown:
            raise RouteError(f"{where}: unknown option(s) {sorted(unknown)}; known: {_NAMES}")
        guards = given.get("guards", ())
        if not isinstance(guards, (list, tuple)) or not all(callable(g) for g in guards):
            raise RouteError(f"{where}: guards= must be a list of functions")
        modal = given.get("modal")
        if modal is not None and modal not in MODAL_KINDS:
            kinds = sorted(MODAL_KINDS)
            raise RouteError(f"{where}: modal= must be one of {kinds}, not {modal!r}")
        redirect_to = given.get("redirect_to")
        if redirect_to is not None and (not isinstance(redirect_to, str) or not redirect_to):
            raise RouteError(f"{where}: redirect_to= must be a path or endpoint")
        parent = given.get("parent")
        if parent is not None and (not isinstance(parent, str) or not parent):
            raise RouteError(f"{where}: parent= must be an endpoint")
        meta = given.get("meta", _EMPTY)
        if not isinstance(meta, Mapping) or not all(isinstance(key, str) for key in meta):
            raise RouteError(f"{where}: meta= must be a mapping with string keys")
        invalid_query = given.get("invalid_query", "error")
        if invalid_query not in ("error", "default"):
            raise RouteError(f"{where}: invalid_query= must be 'error' or 'default'")
        loader = given.get("loader")
        if loader is not None and not callable(loader):
            raise RouteError(f"{where}: loader= must be a function")
        stale_time = given.get("stale_time", 0.0)
        if (
            isinstance(stale_time, bool)
            or not isinstance(stale_time, (int, float))
            or not 0 <= stale_time < float("inf")
        ):
            raise RouteError(f"{where}: stale_time= must be a number of seconds, 0 or more")
        if "stale_time" in given and loader is None:
            raise RouteError(f"{where}: stale_time= needs a loader=")
        pending = given.get("pending")
        if pending is not None and not callable(pending):
            raise RouteError(f"{where}: pending= must be a function making a control")
        title = given.get("title")
        if title is not None and not isinstance(title, str):
            raise RouteError(f"{where}: title= must be a string, not {title!r}")
        if not isinstance(given.get("root", False), bool):
            raise RouteError(f"{where}: root= must be True or False")
        return cls(
            title=title,
            parent=parent,
            root=bool(given.get("root", False)),
            guards=tuple(guards),
            redirect_to=redirect_to,
            modal=cast("ModalKind | None", modal),
            meta=MappingProxyType(dict(meta)) if meta else _EMPTY,
            invalid_query=invalid_query,
            loader=loader,
            stale_time=float(stale_time),
            pending=pending,
        )


NO_OPTIONS = RouteOptions()
_NAMES = [option.name for option in fields(RouteOptions)]
_KNOWN = frozenset(_NAMES)


def merged_meta(levels: Iterable[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The ``meta`` of matched levels, parent to child: a child's key wins over its parent's."""
    merged: dict[str, Any] = {}
    for meta in levels:
        merged.update(meta)
    return MappingProxyType(merged) if merged else _EMPTY
