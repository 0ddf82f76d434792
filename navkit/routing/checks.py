"""The table's checks of what a route asks for: its options, and its parents.

Options are checked when a route is registered (:func:`check_options`,
with :meth:`RouteOptions.of <navkit.routing.options.RouteOptions.of>`);
``parent=`` names can only be checked once every route is registered
(:func:`check_parents`, called by ``RouteTable.check`` when a router is
attached to a page).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable
from typing import Any

from navkit.errors import RouteError
from navkit.routing.options import RouteOptions
from navkit.routing.registration import RouteSpec
from navkit.routing.routes import Route

__all__ = ["check_options", "check_parents"]


def _redirect_only(**_values: Any) -> None:
    """The view of a ``redirect_to`` route: never called, the navigator redirects."""


def check_options(spec: RouteSpec) -> tuple[RouteSpec, RouteOptions]:
    """``spec`` (with a view for a ``redirect_to`` route) and its options, checked.

    Raises:
        RouteError: An unknown option, one of the wrong kind, or no view.
    """
    options = RouteOptions.of(spec.template, spec.options)
    if spec.view is not None:
        return spec, options
    if options.redirect_to is None:
        raise RouteError(f"route {spec.template!r} needs a view (or redirect_to=)")
    endpoint = spec.endpoint or f"redirect:{spec.template}"
    redirect = RouteSpec(
        spec.template, _redirect_only, endpoint, spec.defaults, spec.converters, spec.options
    )
    return redirect, options


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
