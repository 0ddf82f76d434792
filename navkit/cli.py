"""``navkit routes module:router`` -- print a route table, like ``flask routes``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from navkit.routing.routes import Route
from navkit.routing.table import RouteTable

__all__ = ["describe_place", "format_routes", "load_router", "main"]

_SORT_KEYS = {
    "order": lambda route: route.order,
    "endpoint": lambda route: route.endpoint,
    "template": lambda route: route.template.source,
    "rank": lambda route: tuple(-x for x in route.key),
}


def load_router(target: str) -> RouteTable:
    """Import ``module:attribute`` (or ``module``, whose ``router`` is used).

    Raises:
        SystemExit: The module or attribute is missing, or is not a navkit.Router.
    """
    module_name, _, attribute = target.partition(":")
    if "" not in sys.path and "." not in sys.path:
        sys.path.insert(0, "")  # like `python -m`: the current directory is importable
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SystemExit(f"navkit: cannot import {module_name!r}: {error}") from None
    found = getattr(module, attribute or "router", None)
    found = getattr(found, "table", found)  # a navkit.Router holds its table
    if not isinstance(found, RouteTable):
        raise SystemExit(f"navkit: {target!r} is not a navkit.Router (found {found!r})")
    return found


def _type_name(converter: object) -> str:
    return type(converter).__name__.removesuffix("Converter").lower()


def describe_parameters(route: Route) -> str:
    """``item_id: int, tab: str?`` -- path parameters, then query ones (``?``)."""
    parts = [f"{name}: {_type_name(conv)}" for name, conv in route.converters.items()]
    parts += [f"{param.name}: {_type_name(param.converter)}?" for param in route.query]
    return ", ".join(parts)


def describe_place(table: RouteTable, route: Route) -> str:
    """``tabs:feed`` -- the shell and branch of a route; ``(root)`` where its destination opens."""
    place = table.place_of(route)
    if place is None:
        return ""
    return f"{place} (root)" if route.template.source == place.root else str(place)


def format_routes(routes: Sequence[Route], table: RouteTable | None = None) -> str:
    """Render routes as an aligned text table.

    With ``table``, a route table with shells gets a column saying which
    shell and branch each route belongs to.
    """
    header: tuple[str, ...] = ("Endpoint", "Template", "Parameters", "Blueprint")
    rows: list[tuple[str, ...]] = [
        (route.endpoint, route.template.source, describe_parameters(route), route.blueprint or "")
        for route in routes
    ]
    if table is not None and table.places:
        header += ("Shell:branch",)
        rows = [
            (*row, describe_place(table, route)) for row, route in zip(rows, routes, strict=True)
        ]
    rows.insert(0, header)
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = [_format_row(row, widths) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _format_row(row: Sequence[str], widths: Sequence[int]) -> str:
    cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
    return "  ".join(cells).rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``navkit`` console script."""
    parser = argparse.ArgumentParser(prog="navkit", description="navkit command line")
    commands = parser.add_subparsers(dest="command", required=True)
    routes = commands.add_parser("routes", help="print the route table of a router")
    routes.add_argument("target", help="module:router, e.g. myapp.routes:router")
    routes.add_argument(
        "--sort",
        choices=sorted(_SORT_KEYS),
        default="order",
        help="order of the rows (default: registration order)",
    )
    args = parser.parse_args(argv)
    router = load_router(args.target)
    table = sorted(router.routes(), key=_SORT_KEYS[args.sort])
    if not table:
        print("No routes are registered.")
        return 0
    print(format_routes(table, router))
    return 0
