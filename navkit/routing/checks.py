"""The table's checks of what a route asks for: its options, and its parents.

Options are checked when a route is registered (:func:`check_options`);
``parent=`` names can only be checked once every route is registered
(:func:`check_parents`, called by ``RouteTable.check`` when a router is
attached to a page).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable
from typing import Any

from navkit.errors import RouteError
from navkit.routing.registration import RouteSpec
from navkit.routing.routes import Route

__all__ = ["MODAL_KINDS", "ROUTE_OPTIONS", "check_options", "check_parents"]

# Options a route may carry for the navigation layers (see Router.route).
ROUTE_OPTIONS = frozenset({"title", "parent", "root", "guards", "redirect_to", "modal"})
MODAL_KINDS = frozenset({"dialog", "sheet"})


def _redirect_only(**_values: Any) -> None:
    """The view of a ``redirect_to`` route: never called, the navigator redirects."""


def check_options(spec: RouteSpec) -> RouteSpec:
    """``spec`` with its options checked, and a view for a ``redirect_to`` route.

    Raises:
        RouteError: An unknown option, or one of the wrong kind.
    """
    unknown = set(spec.options) - ROUTE_OPTIONS
    if unknown:
        raise RouteError(
            f"route {spec.template!r}: unknown option(s) {sorted(unknown)}; "
            f"known: {sorted(ROUTE_OPTIONS)}"
        )
    guards = spec.options.get("guards", ())
    if not isinstance(guards, (list, tuple)) or not all(callable(g) for g in guards):
        raise RouteError(f"route {spec.template!r}: guards= must be a list of functions")
    modal = spec.options.get("modal")
    if modal is not None and modal not in MODAL_KINDS:
        kinds = sorted(MODAL_KINDS)
        raise RouteError(f"route {spec.template!r}: modal= must be one of {kinds}, not {modal!r}")
    redirect_to = spec.options.get("redirect_to")
    if redirect_to is not None and (not isinstance(redirect_to, str) or not redirect_to):
        raise RouteError(f"route {spec.template!r}: redirect_to= must be a path or endpoint")
    if spec.view is not None:
        return spec
    if redirect_to is None:
        raise RouteError(f"route {spec.template!r} needs a view (or redirect_to=)")
    endpoint = spec.endpoint or f"redirect:{spec.template}"
    return RouteSpec(
        spec.template, _redirect_only, endpoint, spec.defaults, spec.converters, spec.options
    )


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
        parent = route.options.get("parent")
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
    parent = route.options.get("parent")
    while parent is not None:
        if parent in chain:
            raise RouteError(f"parent= endpoints form a loop: {' => '.join([*chain, parent])}")
        chain.append(parent)
        parents = routes_for(parent)
        parent = parents[0].options.get("parent") if parents else None
