"""The route table: registration, conflict checks, matching and ``url_for``.

Pure: nothing here knows about pages or Flet. ``navkit.Router`` is this
table with ``attach`` added by the Flet binding (as Werkzeug's ``Request``
subclasses its sans-IO core).

A table is built once and then only read: every page (browser tab)
of an app matches against the same table, and nothing a navigation does
writes to it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeVar
from urllib.parse import quote

from navkit.errors import BuildError, RouteError
from navkit.routing.blueprints import Blueprint, RegisteredBlueprint
from navkit.routing.building import Builder, missing_value
from navkit.routing.converters import Converter, ConverterRegistry
from navkit.routing.location import path_of, semi_decode_path
from navkit.routing.matcher import Matcher
from navkit.routing.prefixes import PrefixReach
from navkit.routing.registration import RouteRegistrar, RouteSpec
from navkit.routing.routes import EMPTY, Match, Route, route_key
from navkit.routing.signature import ViewParameters, read_signature
from navkit.routing.templates import parse_template, prefix_regex

__all__ = ["DEFAULT_MAX_PATH_LENGTH", "RouteTable"]


DEFAULT_MAX_PATH_LENGTH = 8192

# Options a route may carry for the navigation layers (see Router.route).
ROUTE_OPTIONS = frozenset({"title", "parent", "root", "guards", "redirect_to", "modal"})
MODAL_KINDS = frozenset({"dialog", "sheet"})

G = TypeVar("G", bound=Callable[..., Any])


def _redirect_only(**_values: Any) -> None:
    """The view of a ``redirect_to`` route: never called, the navigator redirects."""


_FRAGMENT_SAFE = "/?=&:@!$'()*+,;~-._"


class RouteTable(RouteRegistrar):
    """A table of routes, shared by every page of an app.

    Args:
        max_path_length: Longer paths are not matched at all (they are not
            found). This bounds the work any address can cause.

    Example::

        router = navkit.Router()   # this table, with attach()

        @router.route("/items/:item_id")
        def item(item_id: int): ...

        router.url_for("item", item_id=42)   # "/items/42"
        router.match("/items/42").params      # {"item_id": 42}
    """

    def __init__(
        self,
        *,
        max_path_length: int = DEFAULT_MAX_PATH_LENGTH,
    ) -> None:
        self.converters = ConverterRegistry()
        self._routes: list[Route] = []
        # An endpoint's routes: the Route itself while it has one (most do).
        self._endpoints: dict[str, Route | tuple[Route, ...]] = {}
        self._builders: dict[str, list[Builder]] = {}  # made on first use by url_for
        self._views: dict[str, Callable[..., Any]] = {}
        self._signatures: dict[str, Route] = {}
        self._blueprints: set[str] = set()
        self._registered_blueprints: dict[str, RegisteredBlueprint] = {}
        self._prefixes: list[tuple[re.Pattern[str], str]] = []  # (prefix, blueprint name)
        self.guards: list[Callable[..., Any]] = []
        self.error_handlers: dict[int, Callable[..., Any]] = {}
        self._interned: dict[tuple[tuple[str, type, Any], ...], Mapping[str, Any]] = {}
        # One inspection per view function, however many templates it has.
        self._inspected: dict[Callable[..., Any], ViewParameters] = {}
        self._matcher = Matcher(max_path_length=max_path_length)
        self._reach = PrefixReach()
        # Asked once per level of every stack: answer with the method itself.
        self.prefix_lengths = self._reach.lengths  # type: ignore[method-assign]
        # Every navigation matches: skip one Python call by answering with the
        # matcher's own method (same contract as Router.match below).
        self.match = self._matcher.match  # type: ignore[method-assign]

    # -- registration ---------------------------------------------------

    def add_converter(self, key: type | str, converter: Converter) -> None:
        """Use ``converter`` for parameters annotated with type ``key`` (or named ``key``).

        Register converters before the routes that use them.
        """
        self.converters.register(key, converter)

    def add_route(
        self,
        template: str,
        view: Callable[..., Any] | None = None,
        *,
        endpoint: str | None = None,
        defaults: Mapping[str, Any] | None = None,
        converters: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> Route:
        """Register ``view`` at ``template`` (the non-decorator form of :meth:`route`)."""
        spec = RouteSpec.make(template, view, endpoint, defaults, converters, options)
        return self._register(spec, blueprint=None)

    def guard(self, function: G) -> G:
        """Decorator: ask ``function`` before every navigation (a guard)."""
        self.guards.append(function)
        return function

    def errorhandler(self, code: int) -> Callable[[G], G]:
        """Decorator: build the view for error ``code`` (404, 400, 403, 500...).

        The handler is called with the error (``.code``, ``.path``,
        ``.description``) and returns a view like any view function. A
        blueprint's handler wins for the blueprint's paths.
        """

        def decorator(function: G) -> G:
            self.error_handlers[code] = function
            return function

        return decorator

    def guards_for(self, route: Route) -> list[Callable[..., Any]]:
        """The guards a navigation to ``route`` asks: the router's, its blueprints', its own."""
        guards = list(self.guards)
        for blueprint in reversed(self._blueprint_chain(route.blueprint)):
            guards.extend(blueprint.blueprint.guards)
        guards.extend(route.options.get("guards", ()))
        return guards

    def error_handler_for(self, code: int, path: str, route: Route | None) -> Any:
        """The handler for error ``code`` at ``path`` (None: the default view).

        The innermost blueprint of the route -- or, for a path no route
        matches, the blueprint whose prefix the path is under -- wins over the
        router.
        """
        name = route.blueprint if route is not None else self._blueprint_at(path)
        for blueprint in self._blueprint_chain(name):
            handler = blueprint.blueprint.error_handlers.get(code)
            if handler is not None:
                return handler
        return self.error_handlers.get(code)

    def _blueprint_chain(self, name: str | None) -> list[RegisteredBlueprint]:
        """The blueprint called ``name`` and its parents, innermost first."""
        chain = []
        while name:
            registered = self._registered_blueprints.get(name)
            if registered is not None:
                chain.append(registered)
            name = name.rpartition(".")[0]
        return chain

    def _blueprint_at(self, path: str) -> str | None:
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

    def register_blueprint(
        self, blueprint: Blueprint, *, url_prefix: str | None = None, name: str | None = None
    ) -> None:
        """Register every route of ``blueprint`` (and its nested blueprints).

        Args:
            blueprint: The blueprint.
            url_prefix: Use this prefix instead of the blueprint's own.
            name: Register under another name (to register a blueprint twice).
        """
        registered_name = name or blueprint.name
        if registered_name in self._blueprints:
            raise RouteError(
                f"a blueprint named {registered_name!r} is already registered; pass name= "
                f"to register it again under another name"
            )
        self._blueprints.add(registered_name)
        flattened = blueprint.flatten(url_prefix=url_prefix, name=name)
        for registered in flattened:
            registered.blueprint.seal()
        for registered in flattened:
            self._registered_blueprints[registered.name] = registered
            if registered.prefix:
                regex = prefix_regex(registered.prefix)
                self._prefixes.append((regex, registered.name))
            for spec in registered.routes:
                self._register(spec, blueprint=registered.name)

    def _register(self, spec: RouteSpec, *, blueprint: str | None) -> Route:
        unknown = set(spec.options) - ROUTE_OPTIONS
        if unknown:
            raise RouteError(
                f"route {spec.template!r}: unknown option(s) {sorted(unknown)}; "
                f"known: {sorted(ROUTE_OPTIONS)}"
            )
        spec = self._check_options(spec)
        view = spec.view
        if view is None:  # pragma: no cover - _check_options gives every route a view
            raise RouteError(f"route {spec.template!r} has no view")
        parsed = parse_template(spec.template)
        name = spec.endpoint or getattr(view, "__name__", None)
        if not name:
            raise RouteError(f"route {spec.template!r}: pass endpoint= (the view has no __name__)")
        endpoint = f"{blueprint}.{name}" if blueprint else name
        known = self._views.get(endpoint)
        if known is not None and known is not view:
            raise RouteError(
                f"endpoint {endpoint!r} is already used by {known.__qualname__!r}; "
                f"pass endpoint= to name {getattr(view, '__qualname__', view)!r}"
            )
        inspected = self._inspected.get(view)
        if inspected is None:
            inspected = self._inspected[view] = ViewParameters.of(view)
        signature = read_signature(
            view,
            inspected,
            parsed,
            defaults=spec.defaults,
            converters=spec.converters,
            registry=self.converters,
        )
        converters = self._shared(signature.path_converters)
        route = Route(
            template=parsed,
            endpoint=endpoint,
            view=view,
            defaults=spec.defaults,  # copied by RouteSpec's makers; never mutated
            converters=converters,
            query=signature.query,
            optional_fallbacks=signature.optional_fallbacks,
            blueprint=blueprint,
            order=len(self._routes),
            key=route_key(parsed.rank(converters), len(self._routes)),
            options=spec.options,
            injected=signature.injected,
        )
        key = parsed.signature(converters)
        clash = self._signatures.get(key)
        if clash is not None:
            raise RouteError(
                f"route {spec.template!r} ({endpoint}) matches exactly the same paths as "
                f"{clash.template.source!r} ({clash.endpoint}); one of them would never be used"
            )
        self._signatures[key] = route
        self._views[endpoint] = view
        self._routes.append(route)
        earlier = self._endpoints.get(endpoint)
        if earlier is None:
            self._endpoints[endpoint] = route
        else:
            self._endpoints[endpoint] = (*_as_tuple(earlier), route)
        self._builders.pop(endpoint, None)  # built again, lazily, by the next url_for
        self._matcher.add(route)
        self._reach.add(route)
        return route

    # -- reading --------------------------------------------------------

    @property
    def max_path_length(self) -> int:
        """Paths longer than this are not matched (see the class docstring)."""
        return self._matcher.max_path_length

    def prefix_lengths(self, segments: Sequence[str]) -> Sequence[int]:
        """The lengths of a path's proper prefixes some route may match, longest first.

        Args:
            segments: The path's non-empty segments, percent-encoded.

        A length left out is one no route matches, so a caller looking for
        the longest matching prefix tries only these: a few, however many
        segments the path has (see :mod:`navkit.routing.prefixes`).
        """
        return self._reach.lengths(segments)

    def routes(self) -> Iterator[Route]:
        """The registered routes, in registration order."""
        return iter(self._routes)

    def routes_for(self, endpoint: str) -> tuple[Route, ...]:
        """The routes registered for ``endpoint`` (empty if none)."""
        found = self._endpoints.get(endpoint)
        return () if found is None else _as_tuple(found)

    def check(self) -> None:
        """Check what can only be checked once every route is registered.

        Called when the router is attached to a page.

        Raises:
            RouteError: A ``parent=`` endpoint that does not exist, that needs
                a value its child cannot give, or a loop of parents.
        """
        for route in self._routes:
            parent = route.options.get("parent")
            if parent is None:
                continue
            parents = self.routes_for(parent)
            if not parents:
                close = difflib.get_close_matches(parent, self._endpoints, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise RouteError(
                    f"route {route.template.source!r} ({route.endpoint}) names parent "
                    f"{parent!r}, which is not an endpoint.{hint}"
                )
            given = set(route.template.param_names) | set(route.defaults)
            if not any(set(self._required(p)) <= given for p in parents):
                raise RouteError(
                    f"route {route.template.source!r} ({route.endpoint}) cannot build the "
                    f"address of its parent {parent!r}: it lacks "
                    f"{sorted(set(self._required(parents[0])) - given)}"
                )
            self._check_parent_loop(route)

    @staticmethod
    def _required(route: Route) -> list[str]:
        return [
            p.name for p in route.template.params if not p.optional and p.name not in route.defaults
        ]

    def _check_parent_loop(self, route: Route) -> None:
        chain = [route.endpoint]
        parent = route.options.get("parent")
        while parent is not None:
            if parent in chain:
                raise RouteError(f"parent= endpoints form a loop: {' => '.join([*chain, parent])}")
            chain.append(parent)
            parents = self.routes_for(parent)
            parent = parents[0].options.get("parent") if parents else None

    def match(self, route: str) -> Match | None:
        """Find the most specific route for an address, or None.

        Args:
            route: An address as ``page.route`` holds it: a path, optionally
                followed by ``?query`` and ``#fragment``. Only the path is
                matched; it is percent-decoded segment by segment.

        Returns:
            The match, or None when no route matches, the path is malformed
            (bad percent-encoding, control characters) or longer than
            ``max_path_length``. Never raises for any string.
        """
        return self._matcher.match(route)

    def url_for(self, endpoint: str, /, **values: Any) -> str:
        """Build the address of ``endpoint`` from ``values``.

        Values the template uses are converted and percent-encoded into the
        path; the others become the query string (lists as repeated keys,
        None left out). ``_fragment`` adds ``#fragment``. Where an endpoint
        has several templates, the one whose ``defaults`` the values confirm
        wins, then the one that puts the most values in the path.

        Raises:
            BuildError: Unknown endpoint, a missing value, or a value that
                cannot be written in the path.
        """
        fragment = values.pop("_fragment", None)
        builders = self._builders.get(endpoint)
        if builders is None:
            builders = self._builders_for(endpoint)
        if len(builders) == 1 and builders[0].simple:
            text = builders[0].build(values, self.converters)  # build() reports what is missing
        else:
            text = self._choose(endpoint, builders, values).build(values, self.converters)
        if fragment:
            text += "#" + quote(str(fragment), safe=_FRAGMENT_SAFE)
        return text

    @staticmethod
    def _check_options(spec: RouteSpec) -> RouteSpec:
        guards = spec.options.get("guards", ())
        if not isinstance(guards, (list, tuple)) or not all(callable(g) for g in guards):
            raise RouteError(f"route {spec.template!r}: guards= must be a list of functions")
        modal = spec.options.get("modal")
        if modal is not None and modal not in MODAL_KINDS:
            kinds = sorted(MODAL_KINDS)
            raise RouteError(
                f"route {spec.template!r}: modal= must be one of {kinds}, not {modal!r}"
            )
        redirect_to = spec.options.get("redirect_to")
        if redirect_to is not None and (not isinstance(redirect_to, str) or not redirect_to):
            raise RouteError(f"route {spec.template!r}: redirect_to= must be a path or endpoint")
        if spec.view is None:
            if redirect_to is None:
                raise RouteError(f"route {spec.template!r} needs a view (or redirect_to=)")
            endpoint = spec.endpoint or f"redirect:{spec.template}"
            return RouteSpec(
                spec.template,
                _redirect_only,
                endpoint,
                spec.defaults,
                spec.converters,
                spec.options,
            )
        return spec

    def _shared(self, mapping: Mapping[str, Any]) -> Mapping[str, Any]:
        """One frozen mapping per distinct content (most routes repeat ``{"id": str}``)."""
        if not mapping:
            return EMPTY
        try:
            # The converters' types too: converters that compare equal must
            # still convert to their own types (see the choice converters).
            key = tuple((name, type(value), value) for name, value in mapping.items())
            return self._interned.setdefault(key, MappingProxyType(dict(mapping)))
        except TypeError:  # an unhashable custom converter: keep its own copy
            return MappingProxyType(dict(mapping))

    def _builders_for(self, endpoint: str) -> list[Builder]:
        routes = self._endpoints.get(endpoint)
        if routes is None:
            close = difflib.get_close_matches(endpoint, self._endpoints, n=1)
            raise BuildError(
                f"url_for: no endpoint {endpoint!r}.",
                endpoint=endpoint,
                suggestion=close[0] if close else None,
            )
        builders = self._builders[endpoint] = [Builder(route) for route in _as_tuple(routes)]
        return builders

    @staticmethod
    def _choose(endpoint: str, builders: list[Builder], values: Mapping[str, Any]) -> Builder:
        best: Builder | None = None
        best_fit: tuple[int, int] | None = None
        for builder in builders:
            fit = builder.suitability(values)
            if fit is not None and (best_fit is None or fit > best_fit):
                best, best_fit = builder, fit
        if best is not None:
            return best
        missing = builders[0].missing(values)
        if missing:
            raise missing_value(builders[0].route, missing[0], values)
        raise BuildError(
            f"url_for({endpoint!r}): the values {dict(values)!r} contradict the defaults of "
            f"every template of this endpoint.",
            endpoint=endpoint,
        )


def _as_tuple(routes: Route | tuple[Route, ...]) -> tuple[Route, ...]:
    return routes if isinstance(routes, tuple) else (routes,)
