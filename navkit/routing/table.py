"""The route table: registration, matching and ``url_for``, over the routing modules.

Registration checks a route's options (:mod:`navkit.routing.registration`),
parses its template, reads its view's signature and refuses a route that
matches the same paths as another; the matcher, the prefix reach and the
builders of ``url_for`` do the rest. Blueprints are kept by
:class:`~navkit.routing.blueprints.BlueprintIndex`.

Pure: nothing here knows about pages or Flet. ``navkit.Router`` is this
table with ``attach`` added by the Flet binding (as Werkzeug's ``Request``
subclasses its sans-IO core).

A table is built once and then only read: every page (browser tab)
of an app matches against the same table, and nothing a navigation does
writes to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeVar
from urllib.parse import quote

from navkit.errors import RouteError
from navkit.routing.blueprints import Blueprint, BlueprintIndex
from navkit.routing.building import Builder, builders_for, choose_builder
from navkit.routing.converters import Converter, ConverterRegistry
from navkit.routing.loaders import DATA_PARAMETER, Loader, loader_of
from navkit.routing.matcher import Matcher
from navkit.routing.options import RouteOptions
from navkit.routing.prefixes import PrefixReach
from navkit.routing.registration import (
    RouteRegistrar,
    RouteSpec,
    check_error_code,
    check_options,
    check_parents,
)
from navkit.routing.routes import EMPTY, Match, Route, route_key
from navkit.routing.shells import Place, ShellIndex
from navkit.routing.signature import ViewParameters, ViewSignature, read_signature
from navkit.routing.templates import Template, parse_template

__all__ = ["DEFAULT_MAX_PATH_LENGTH", "RouteTable"]


DEFAULT_MAX_PATH_LENGTH = 8192

G = TypeVar("G", bound=Callable[..., Any])

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
        self._endpoints: dict[str, tuple[Route, ...]] = {}  # an endpoint's routes
        self._builders: dict[str, list[Builder]] = {}  # made on first use by url_for
        self._views: dict[str, Callable[..., Any]] = {}
        self._signatures: dict[str, Route] = {}
        self._blueprints = BlueprintIndex()
        self._shells = ShellIndex()
        self.guards: list[Callable[..., Any]] = []
        self.error_handlers: dict[int, Callable[..., Any]] = {}
        self._interned: dict[tuple[tuple[str, type, Any], ...], Mapping[str, Any]] = {}
        # One inspection per view function, however many templates it has.
        self._inspected: dict[Callable[..., Any], ViewParameters] = {}
        self._matcher = Matcher(max_path_length=max_path_length)
        self._reach = PrefixReach()

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

        Raises:
            RouteError: Used bare (``@router.errorhandler`` without a code),
                or ``code`` is not an int.
        """
        check_error_code(self, code)

        def decorator(function: G) -> G:
            self.error_handlers[code] = function
            return function

        return decorator

    def guards_for(self, route: Route) -> list[Callable[..., Any]]:
        """The guards a navigation to ``route`` asks: the router's, its blueprints', its own."""
        guards = list(self.guards)
        for blueprint in reversed(self._blueprints.chain(route.blueprint)):
            guards.extend(blueprint.blueprint.guards)
        guards.extend(route.options.guards)
        return guards

    def error_handler_for(self, code: int, path: str, route: Route | None) -> Any:
        """The handler for error ``code`` at ``path`` (None: the default view).

        The innermost blueprint of the route -- or, for a path no route
        matches, the blueprint whose prefix the path is under -- wins over the
        router.
        """
        name = route.blueprint if route is not None else self._blueprints.at(path)
        for blueprint in self._blueprints.chain(name):
            handler = blueprint.blueprint.error_handlers.get(code)
            if handler is not None:
                return handler
        return self.error_handlers.get(code)

    def register_blueprint(
        self, blueprint: Blueprint, *, url_prefix: str | None = None, name: str | None = None
    ) -> None:
        """Register every route of ``blueprint`` (and its nested blueprints).

        Args:
            blueprint: The blueprint.
            url_prefix: Use this prefix instead of the blueprint's own.
            name: Register under another name (to register a blueprint twice).

        Raises:
            RouteError: The name is taken (pass ``name=``), or a route of it
                is refused (as by :meth:`route`).
        """
        registered = self._blueprints.add(blueprint, url_prefix=url_prefix, name=name)
        self._shells.add(registered)
        for one in registered:
            for spec in one.routes:
                self._shells.note(self._register(spec, blueprint=one.name))

    def _register(self, spec: RouteSpec, *, blueprint: str | None) -> Route:
        spec, view, options = check_options(spec)
        parsed = parse_template(spec.template)
        endpoint = self._endpoint_for(spec, view, blueprint)
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
            loaded=DATA_PARAMETER if options.loader is not None else "",
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
            options=options,
            injected=signature.injected,
            query_model=signature.query_model,
            loader=_loader(spec.template, options, parsed, spec.defaults, signature),
        )
        self._add(route, parsed.signature(converters))
        return route

    def _endpoint_for(
        self, spec: RouteSpec, view: Callable[..., Any], blueprint: str | None
    ) -> str:
        """The endpoint of a route being registered; refused if another view has it."""
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
        return endpoint

    def _add(self, route: Route, signature: str) -> None:
        """Add a checked route to every structure, unless another matches the same paths."""
        clash = self._signatures.get(signature)
        if clash is not None:
            raise RouteError(
                f"route {route.template.source!r} ({route.endpoint}) matches exactly the same "
                f"paths as {clash.template.source!r} ({clash.endpoint}); one of them would "
                f"never be used"
            )
        self._signatures[signature] = route
        self._views[route.endpoint] = route.view
        self._routes.append(route)
        endpoint = route.endpoint
        self._endpoints[endpoint] = (*self._endpoints.get(endpoint, ()), route)
        self._builders.pop(endpoint, None)  # built again, lazily, by the next url_for
        self._matcher.add(route)
        self._reach.add(route)

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
        return self._endpoints.get(endpoint, ())

    def check(self) -> None:
        """Check what can only be checked once every route is registered.

        Called when the router is attached to a page.

        Raises:
            RouteError: A ``parent=`` endpoint that does not exist, that needs
                a value its child cannot give, or a loop of parents.
        """
        check_parents(self._routes, self.routes_for, self._endpoints)
        for place in self._shells.places:
            match = self.match(place.root)
            if match is None or self.place_of(match.route) != place:
                raise RouteError(
                    f"branch {place} opens at {place.root!r}, but no route of it matches "
                    f"that path; add one to the branch"
                )

    def place_of(self, route: Route) -> Place | None:
        """The shell and branch ``route`` belongs to (None: it is in no shell)."""
        return self._shells.place_of(route)

    @property
    def places(self) -> tuple[Place, ...]:
        """Every shell branch registered, in registration order."""
        return self._shells.places

    def root_place(self, path: str) -> Place | None:
        """The branch whose destination opens at ``path`` (its root), if any."""
        return self._shells.root_place(path)

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
            routes = self._endpoints.get(endpoint)
            builders = builders_for(endpoint, routes, self._endpoints)
            self._builders[endpoint] = builders
        if len(builders) == 1 and builders[0].simple:
            text = builders[0].build(values, self.converters)  # build() reports what is missing
        else:
            text = choose_builder(endpoint, builders, values).build(values, self.converters)
        if fragment:
            text += "#" + quote(str(fragment), safe=_FRAGMENT_SAFE)
        return text

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


def _loader(
    template: str,
    options: RouteOptions,
    parsed: Template,
    defaults: Mapping[str, Any],
    signature: ViewSignature,
) -> Loader | None:
    """The route's loader, read against the values its view receives (None without one)."""
    if options.loader is None:
        return None
    values = {param.name for param in parsed.params} | set(defaults)
    values |= {param.name for param in signature.query}
    if signature.query_model is not None:
        values.add(signature.query_model.parameter)
    return loader_of(template, options.loader, options.stale_time, values)
