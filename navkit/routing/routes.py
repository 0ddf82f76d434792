"""Route and Match: the values the route table is made of.

A :class:`Route` is one template bound to one view function, frozen at
registration. A :class:`Match` is what matching an address produced; two
navigations to the same place give equal matches, which is what lets the
navigator reuse views.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

from navkit.errors import BadRequest
from navkit.routing.converters import Converter, ListConverter
from navkit.routing.loaders import Loader
from navkit.routing.location import Location, parse_query, unescape
from navkit.routing.options import NO_OPTIONS, RouteOptions
from navkit.routing.query_model import QueryModel
from navkit.routing.signature import QueryParam
from navkit.routing.templates import Template

__all__ = ["EMPTY", "EXPANSIONS", "Match", "Route", "route_key"]

# Readings of one template's optional segments the order slot of a key leaves
# room for (2 ** 6: six optional whole-segment parameters per template).
EXPANSIONS = 64


def route_key(rank: tuple[int, ...], order: int, expansion: int = 0) -> tuple[int, ...]:
    """The sort key of a route (or of one reading of its optional segments)."""
    return (*rank, -(order * EXPANSIONS + expansion))


EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, eq=False, slots=True)
class Route:
    """One registered template and its view.

    Attributes:
        template: The parsed template.
        endpoint: The name ``url_for`` knows the route by.
        view: The view function.
        defaults: Values passed to the view that the template does not carry.
        converters: Converter per template parameter.
        query: Parameters read from the query string.
        optional_fallbacks: Value of an optional template parameter when absent.
        blueprint: Dotted name of the blueprint that registered it, or None.
        order: Registration order; breaks ties between equal ranks.
        key: Sort key, larger preferred: the rank (see :meth:`Template.rank`),
            then ``-order * EXPANSIONS`` so earlier registration wins ties
            (the matcher folds an optional-segment reading into that slot).
        options: Its options (title, parent, guards, meta...), checked at registration.
        injected: View parameters navkit fills, with what (``"Navigator"``, ``"Navigation"``).
        query_model: The dataclass the view takes its query as, if any.
        loader: What fetches the view's ``data``, if any.
    """

    template: Template
    endpoint: str
    view: Callable[..., Any]
    defaults: Mapping[str, Any]
    converters: Mapping[str, Converter]
    query: tuple[QueryParam, ...]
    optional_fallbacks: Mapping[str, Any]
    blueprint: str | None
    order: int
    key: tuple[int, ...]
    options: RouteOptions = NO_OPTIONS
    injected: tuple[tuple[str, str], ...] = ()
    query_model: QueryModel | None = None
    loader: Loader | None = None

    @property
    def title(self) -> str:
        """The title its view shows: ``title=``, else made from the endpoint
        (``shop.item_list``: ``"Item list"``); "" for a ``redirect_to`` route."""
        if self.options.redirect_to is not None:
            return ""
        if self.options.title is not None:
            return self.options.title
        return self.endpoint.rpartition(".")[2].replace("_", " ").capitalize()

    @property
    def rank(self) -> tuple[int, ...]:
        """Specificity, segment by segment; larger wins."""
        return self.key[:-1]

    def __post_init__(self) -> None:
        # Share one empty mapping rather than keep an empty dict per route.
        for name in ("defaults", "optional_fallbacks"):
            if not getattr(self, name):
                object.__setattr__(self, name, EMPTY)

    def convert(self, name: str, text: str) -> Any:
        """Convert a semi-decoded captured value; raises ValueError to refuse."""
        converter = self.converters[name]
        return converter.to_python(text if converter.multi_segment else unescape(text))

    def convert_groups(self, groups: Mapping[str, str | None]) -> dict[str, Any] | None:
        """Convert regex captures to path parameters, or None if one is refused."""
        params: dict[str, Any] = {}
        try:
            for param in self.template.params:
                text = groups.get(param.name)
                if text is None:
                    continue
                params[param.name] = self.convert(param.name, text)
        except ValueError:
            return None
        return self.complete(params)

    def complete(self, params: dict[str, Any]) -> dict[str, Any]:
        """Add defaults and the fallbacks of absent optional parameters."""
        for name, value in self.optional_fallbacks.items():
            params.setdefault(name, value)
        for name, value in self.defaults.items():
            params.setdefault(name, value)
        return params

    def __repr__(self) -> str:
        return f"<Route {self.template.source!r} endpoint={self.endpoint!r}>"


class Match(NamedTuple):
    """The result of matching an address: an immutable value.

    Two matches of the same address by the same route are equal, which is
    what lets the navigator reuse views. A named tuple rather than a frozen
    dataclass because one is built on every navigation, and a tuple is built
    in half the time.

    Attributes:
        route: The route that matched.
        params: Converted path parameters, plus the route's defaults.
        address: The address matched, as given (path, query, fragment).
    """

    route: Route
    params: Mapping[str, Any]
    address: str

    @property
    def path(self) -> str:
        """The path as given, without query or fragment (``/`` for "")."""
        return Location.parse(self.address).path

    @property
    def query_string(self) -> str:
        """The raw query string ("" if none)."""
        return Location.parse(self.address).query

    @property
    def fragment(self) -> str:
        """The raw fragment ("" if none)."""
        return Location.parse(self.address).fragment

    @property
    def endpoint(self) -> str:
        """The endpoint of the matched route."""
        return self.route.endpoint

    @property
    def template(self) -> str:
        """The template of the matched route, as written."""
        return self.route.template.source

    @property
    def query(self) -> list[tuple[str, str]]:
        """The decoded query as ``(key, value)`` pairs.

        Raises:
            BadRequest: The query string is malformed.
        """
        try:
            return parse_query(self.query_string)
        except ValueError as error:
            raise BadRequest(detail=f"malformed query string: {error}", path=self.path) from None

    def view_args(self) -> dict[str, Any]:
        """Every keyword argument for the view: path params, then query values.

        Raises:
            BadRequest: A required query value is missing, or one does not
                convert. The navigator shows it as a 400 error view.
        """
        args = dict(self.params)
        route = self.route
        if not route.query and route.query_model is None:
            return args
        values: dict[str, list[str]] = {}
        for key, value in self.query:
            values.setdefault(key, []).append(value)
        for param in route.query:
            args[param.name] = self._query_value(param, values.get(param.name))
        model = route.query_model
        if model is not None:
            lenient = route.options.invalid_query == "default"
            args[model.parameter] = model.read(values, self.path, lenient=lenient)
        return args

    def _query_value(self, param: QueryParam, texts: list[str] | None) -> Any:
        if not texts:
            if param.required:
                raise BadRequest(
                    detail=f"the query parameter {param.name!r} is required",
                    path=self.path,
                    parameter=param.name,
                )
            return param.default
        converter = param.converter
        try:
            if isinstance(converter, ListConverter):
                return [converter.item.to_python(text) for text in texts]
            return converter.to_python(texts[-1])
        except ValueError as error:
            raise BadRequest(
                detail=f"the query parameter {param.name!r} is invalid: {error}",
                path=self.path,
                parameter=param.name,
            ) from None
