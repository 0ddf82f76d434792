"""What Router and Blueprint share: a route as written, the ``@route`` decorator, and checks.

Options are checked when a route is registered (:func:`check_options`);
``parent=`` names only once every route is registered (:func:`check_parents`,
called by ``RouteTable.check`` when a router is attached to a page).
"""

from __future__ import annotations

import difflib
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from navkit.errors import RouteError
from navkit.routing.options import RouteOptions
from navkit.routing.routes import EMPTY, Route

__all__ = [
    "RouteRegistrar",
    "RouteSpec",
    "check_error_code",
    "check_options",
    "check_parents",
    "refuse_bare_decorator",
]

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class RouteSpec:
    """A route as written, before it is registered on a router."""

    template: str
    view: Callable[..., Any] | None
    endpoint: str | None
    defaults: Mapping[str, Any]
    converters: Mapping[str, Any]
    options: Mapping[str, Any]

    @classmethod
    def make(  # noqa: PLR0913 - add_route's parameters, copied
        cls,
        template: str,
        view: Callable[..., Any] | None,
        endpoint: str | None,
        defaults: Mapping[str, Any] | None,
        converters: Mapping[str, Any] | None,
        options: Mapping[str, Any],
    ) -> RouteSpec:
        """Copy the caller's mappings, so later changes to them change nothing here.

        Raises:
            RouteError: ``template`` is a function (``add_route(view)``).
        """
        if callable(template):
            name = getattr(template, "__name__", "view")
            raise RouteError(
                f"add_route() was given the function {name!r} where the template goes: "
                f'write add_route("/path", {name})'
            )
        return cls(
            template,
            view,
            endpoint,
            dict(defaults) if defaults else EMPTY,
            dict(converters) if converters else EMPTY,
            dict(options) if options else EMPTY,
        )


class RouteRegistrar(ABC):
    """Gives a class with ``add_route`` the ``@route`` decorator."""

    @abstractmethod
    def add_route(
        self,
        template: str,
        view: Callable[..., Any] | None = None,
        *,
        endpoint: str | None = None,
        defaults: Mapping[str, Any] | None = None,
        converters: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> object:
        """Register ``view`` at ``template`` (the non-decorator form of :meth:`route`)."""

    def route(
        self,
        template: str,
        *,
        endpoint: str | None = None,
        defaults: Mapping[str, Any] | None = None,
        converters: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> Callable[[View], View]:
        """Decorator: register the decorated view function at ``template``.

        Args:
            template: An ExpressJS-style template (``/users/:id``).
            endpoint: The name for ``url_for``; the function's name by default.
            defaults: Values passed to the view that the template lacks
                (``@route("/users", defaults={"page": 1})``).
            converters: Parameter name → type, registered name or converter
                object, instead of the annotation.
            **options: Options for later layers (``title``, ``parent``, ...).

        Raises:
            RouteError: Used bare (``@router.route`` without a template), the
                template is invalid, the endpoint is taken by another
                function, or another route matches exactly the same paths
                with the same rank (on a blueprint: when it is registered).
        """
        refuse_bare_decorator(self, "route", template, '"/path"')

        def decorator(view: View) -> View:
            self.add_route(
                template,
                view,
                endpoint=endpoint,
                defaults=defaults,
                converters=converters,
                **options,
            )
            return view

        return decorator


def refuse_bare_decorator(owner: object, method: str, given: object, example: str) -> None:
    """Refuse ``@owner.method`` used without its first argument.

    Python then passes the decorated function as that argument, and the
    decorator returned replaces the function: nothing is registered, and the
    name no longer holds the function. Checked where the decorator is written.

    Raises:
        RouteError: ``given`` is a function.
    """
    if not callable(given) or (isinstance(given, type) and issubclass(given, BaseException)):
        return  # not the decorated function (an exception class: see check_error_code)
    noun = _NOUNS.get(type(owner).__name__, type(owner).__name__.lower())
    name = getattr(given, "__name__", "the function")
    raise RouteError(
        f"@{noun}.{method} needs its argument: write @{noun}.{method}({example}) above "
        f"def {name}; used bare, it would register nothing and replace {name!r}"
    )


def check_error_code(owner: object, code: object) -> None:
    """Refuse an ``errorhandler`` key that is not an HTTP status code.

    Raises:
        RouteError: Used bare (``@router.errorhandler``), or given something
            other than an int, such as an exception class (Flask takes those;
            navkit's handlers are found by the error's ``code``).
    """
    refuse_bare_decorator(owner, "errorhandler", code, "404")
    if not isinstance(code, int) or isinstance(code, bool):
        hint = (
            f" ({code.__name__}.code)" if hasattr(code, "code") and isinstance(code, type) else ""
        )
        raise RouteError(
            f"errorhandler() takes an HTTP status code such as 404{hint}, not {code!r}"
        )
    if not 400 <= code <= 599:
        raise RouteError(f"errorhandler({code}): error pages are for codes 400 to 599")


# What the message calls the object a decorator is used on (its usual variable name).
_NOUNS = {"Router": "router", "RouteTable": "router", "Shell": "shell", "Branch": "branch"}


def _redirect_only(**_values: Any) -> None:
    """The view of a ``redirect_to`` route: never called, the navigator redirects."""


def check_options(
    spec: RouteSpec,
) -> tuple[RouteSpec, Callable[..., Any], RouteOptions]:
    """``spec`` (with a view for a ``redirect_to`` route), its view and its options, checked.

    Raises:
        RouteError: An unknown option, one of the wrong kind, or no view.
    """
    options = RouteOptions.of(spec.template, spec.options)
    if spec.view is not None:
        return spec, spec.view, options
    if options.redirect_to is None:
        raise RouteError(f"route {spec.template!r} needs a view (or redirect_to=)")
    endpoint = spec.endpoint or f"redirect:{spec.template}"
    redirect = RouteSpec(
        spec.template, _redirect_only, endpoint, spec.defaults, spec.converters, spec.options
    )
    return redirect, _redirect_only, options


def check_parents(
    routes: Iterable[Route],
    routes_for: Callable[[str], tuple[Route, ...]],
    endpoints: Collection[str],
) -> None:
    """Check every ``parent=``: it exists, its address can be built, no loops.

    Args:
        routes: Every route of the table.
        routes_for: An endpoint's routes.
        endpoints: Every endpoint (for "did you mean").

    Raises:
        RouteError: A ``parent=`` endpoint that does not exist, that needs
            a value its child cannot give, or a loop of parents.
    """
    for route in routes:
        parent = route.options.parent
        if parent is None:
            continue
        parents = routes_for(parent)
        if not parents:
            close = difflib.get_close_matches(parent, endpoints, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise RouteError(
                f"route {route.template.source!r} ({route.endpoint}) names parent "
                f"{parent!r}, which is not an endpoint.{hint}"
            )
        given = set(route.template.param_names) | set(route.defaults)
        if not any(set(_required(p)) <= given for p in parents):
            raise RouteError(
                f"route {route.template.source!r} ({route.endpoint}) cannot build the "
                f"address of its parent {parent!r}: it lacks "
                f"{sorted(set(_required(parents[0])) - given)}"
            )
        _check_parent_loop(route, routes_for)


def _required(route: Route) -> list[str]:
    return [
        p.name for p in route.template.params if not p.optional and p.name not in route.defaults
    ]


def _check_parent_loop(route: Route, routes_for: Callable[[str], tuple[Route, ...]]) -> None:
    chain = [route.endpoint]
    parent = route.options.parent
    while parent is not None:
        if parent in chain:
            raise RouteError(f"parent= endpoints form a loop: {' => '.join([*chain, parent])}")
        chain.append(parent)
        parents = routes_for(parent)
        parent = parents[0].options.parent if parents else None
