"""Blueprints: groups of routes registered together under a prefix, as in Flask.

A blueprint records what it is asked to register and replays it when it is
registered on a router (or on a parent blueprint), so the same blueprint can
be registered again under another prefix and name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from navkit.errors import RouteError
from navkit.routing.location import path_of, semi_decode_path
from navkit.routing.regexes import prefix_regex
from navkit.routing.registration import RouteRegistrar, RouteSpec, check_error_code
from navkit.routing.templates import check_not_flask_style, parse_template

__all__ = ["Blueprint", "BlueprintIndex", "RegisteredBlueprint"]

G = TypeVar("G", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class RegisteredBlueprint:
    """A blueprint as registered on a router.

    Attributes:
        name: Dotted name (``"admin.users"``).
        prefix: Full URL prefix (``"/admin/users"``; "" for none).
        blueprint: The blueprint (its guards and error handlers).
        routes: Its routes, templates already prefixed.
    """

    name: str
    prefix: str
    blueprint: Blueprint
    routes: tuple[RouteSpec, ...]


class Blueprint(RouteRegistrar):
    """A named group of routes with a common URL prefix.

    Endpoints of a blueprint's routes are ``"<name>.<endpoint>"``; nested
    blueprints give ``"parent.child.endpoint"``.

    Args:
        name: The blueprint's name (no dots).
        url_prefix: Prepended to every template (``"/shop"``).
    """

    def __init__(self, name: str, url_prefix: str | None = None) -> None:
        if not name or "." in name:
            raise RouteError(f"blueprint name {name!r} must be non-empty and contain no '.'")
        if url_prefix is not None and not url_prefix.startswith("/"):
            raise RouteError(f"blueprint {name!r}: url_prefix {url_prefix!r} must start with '/'")
        if url_prefix is not None:
            check_not_flask_style(url_prefix)
        self.name = name
        self.url_prefix = url_prefix
        self._routes: list[RouteSpec] = []
        self._children: list[tuple[Blueprint, str | None, str | None]] = []
        self.guards: list[Callable[..., Any]] = []
        self.error_handlers: dict[int, Callable[..., Any]] = {}
        self._sealed = False  # registered on a router: its routes were replayed

    def seal(self) -> None:
        """Refuse further routes and nested blueprints (called when a router registers it).

        A router replays a blueprint's routes once, when it registers it; a
        route added later would be silently missing, so it is refused (as
        Flask does). Guards and error handlers are read on each navigation
        and may still be added.
        """
        self._sealed = True

    def _check_open(self, what: str) -> None:
        if self._sealed:
            raise RouteError(
                f"blueprint {self.name!r} is already registered on a router, so {what} "
                f"would never be used; add it before registering the blueprint"
            )

    def guard(self, function: G) -> G:
        """Decorator: ask ``function`` before entering any route of this blueprint.

        See :mod:`navkit.navigation.guards` for what a guard is called with and returns.
        """
        self.guards.append(function)
        return function

    def errorhandler(self, code: int) -> Callable[[G], G]:
        """Decorator: build the view for error ``code`` on this blueprint's paths.

        The handler is called with the error (``.code``, ``.path``,
        ``.description``) and returns a view like any view function. It wins
        over the router's handler for the blueprint's paths.

        Raises:
            RouteError: Used bare (``@blueprint.errorhandler`` without a code),
                or ``code`` is not an int.
        """
        check_error_code(self, code)

        def decorator(function: G) -> G:
            self.error_handlers[code] = function
            return function

        return decorator

    def add_route(
        self,
        template: str,
        view: Callable[..., Any] | None = None,
        *,
        endpoint: str | None = None,
        defaults: Mapping[str, Any] | None = None,
        converters: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> None:
        """Record a route; it is created when the blueprint is registered.

        The rest of the template is checked when the blueprint is registered
        (it may need the prefix), but a Flask-style placeholder is refused here.

        Raises:
            RouteError: The blueprint is already registered on a router, or
                the template is written Flask's way (``/<int:id>``).
        """
        self._check_open(f"the route {template!r}")
        if isinstance(template, str):
            check_not_flask_style(template)
        if endpoint is not None and "." in endpoint:
            raise RouteError(f"blueprint {self.name!r}: endpoint {endpoint!r} must not contain '.'")
        self._routes.append(RouteSpec.make(template, view, endpoint, defaults, converters, options))

    def register_blueprint(
        self, blueprint: Blueprint, *, url_prefix: str | None = None, name: str | None = None
    ) -> None:
        """Nest ``blueprint`` in this one (endpoints become ``"this.child.view"``).

        Raises:
            RouteError: This blueprint is already registered on a router, or
                ``blueprint`` is this one.
        """
        self._check_open(f"the nested blueprint {blueprint.name!r}")
        if blueprint is self:
            raise RouteError(f"blueprint {self.name!r} cannot be registered on itself")
        self._children.append((blueprint, url_prefix, name))

    def flatten(
        self,
        *,
        url_prefix: str | None = None,
        name: str | None = None,
        parent: str = "",
        parent_prefix: str = "",
        seen: tuple[Blueprint, ...] = (),
    ) -> list[RegisteredBlueprint]:
        """This blueprint and its nested ones, as registered: full names, prefixes, routes."""
        if self in seen:
            raise RouteError(f"blueprint {self.name!r} is nested inside itself")
        full_name = f"{parent}.{name or self.name}" if parent else (name or self.name)
        prefix = join_prefix(
            parent_prefix, url_prefix if url_prefix is not None else (self.url_prefix or "")
        )
        routes = tuple(
            RouteSpec(
                join_prefix(prefix, spec.template),
                spec.view,
                spec.endpoint,
                spec.defaults,
                spec.converters,
                spec.options,
            )
            for spec in self._routes
        )
        found = [RegisteredBlueprint(full_name, prefix, self, routes)]
        for child, child_prefix, child_name in self._children:
            found.extend(
                child.flatten(
                    url_prefix=child_prefix,
                    name=child_name,
                    parent=full_name,
                    parent_prefix=prefix,
                    seen=(*seen, self),
                )
            )
        return self._checked(found, seen)

    def _checked(
        self, found: list[RegisteredBlueprint], seen: tuple[Blueprint, ...]
    ) -> list[RegisteredBlueprint]:
        """``found`` (this blueprint first, then those nested), once a subclass checked it.

        Checked while flattening, so a refused registration leaves the router
        as it was. ``seen``: the blueprints this one is nested in, outermost first.
        """
        return found

    def __repr__(self) -> str:
        return f"<Blueprint {self.name!r} url_prefix={self.url_prefix!r}>"


class BlueprintIndex:
    """The blueprints registered on a table: by name, and by prefix."""

    def __init__(self) -> None:
        self._names: set[str] = set()  # the names given to register_blueprint
        self._by_name: dict[str, RegisteredBlueprint] = {}  # nested ones too
        self._prefixes: list[tuple[Any, str]] = []  # (RE2 prefix expression, name)

    def add(
        self, blueprint: Blueprint, *, url_prefix: str | None, name: str | None
    ) -> list[RegisteredBlueprint]:
        """Register ``blueprint`` and its nested ones; seal them (see :meth:`Blueprint.seal`).

        Returns:
            Each blueprint as registered, its routes to be added by the caller.

        Raises:
            RouteError: The name is taken, a prefix is not a valid template,
                or the blueprint is nested inside itself.
        """
        registered_name = name or blueprint.name
        if registered_name in self._names:
            raise RouteError(
                f"a blueprint named {registered_name!r} is already registered; pass name= "
                f"to register it again under another name"
            )
        flattened = blueprint.flatten(url_prefix=url_prefix, name=name)
        self._names.add(registered_name)
        for registered in flattened:
            registered.blueprint.seal()
            self._by_name[registered.name] = registered
            if registered.prefix:
                self._prefixes.append(
                    (prefix_regex(parse_template(registered.prefix).source), registered.name)
                )
        return flattened

    def chain(self, name: str | None) -> list[RegisteredBlueprint]:
        """The blueprint called ``name`` and its parents, innermost first."""
        chain = []
        while name:
            registered = self._by_name.get(name)
            if registered is not None:
                chain.append(registered)
            name = name.rpartition(".")[0]
        return chain

    def at(self, path: str) -> str | None:
        """The blueprint whose prefix ``path`` is under (the longest match), if any.

        Prefixes are templates (``/u/:user``), matched as routes are.
        """
        semi = semi_decode_path(path_of(path))
        if semi is None:
            return None
        best: str | None = None
        longest = -1
        for regex, name in self._prefixes:
            hit = regex.match(semi)
            if hit is not None and hit.end() > longest:
                best, longest = name, hit.end()
        return best


def join_prefix(prefix: str, template: str) -> str:
    """``/shop`` + ``/items`` → ``/shop/items``; ``/shop`` + ``/`` → ``/shop``."""
    prefix = prefix.rstrip("/")
    if not prefix:
        return template
    if template in ("", "/"):
        return prefix
    if not template.startswith("/"):
        template = "/" + template
    return prefix + template
