"""``navkit routes module:router`` -- print a route table, like ``flask routes``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import Any

from navkit.routing.converters import EnumConverter, ListConverter, LiteralConverter
from navkit.routing.routes import Route
from navkit.routing.table import RouteTable

__all__ = [
    "describe_converter",
    "describe_guards",
    "describe_options",
    "describe_parameters",
    "describe_place",
    "format_routes",
    "load_router",
    "main",
]

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
        hint = ""
        if module_name.endswith(".py") or "/" in module_name:
            dotted = module_name.removesuffix(".py").replace("/", ".")
            hint = f" (name a module, not a file: navkit routes {dotted}:router)"
        raise SystemExit(f"navkit: cannot import {module_name!r}: {error}{hint}") from None
    if attribute and not hasattr(module, attribute):
        raise SystemExit(f"navkit: {module_name!r} has no attribute {attribute!r}")
    found = getattr(module, attribute or "router", None)
    found = getattr(found, "table", found)  # a navkit.Router holds its table
    if not isinstance(found, RouteTable):
        raise SystemExit(f"navkit: {target!r} is not a navkit.Router (found {found!r})")
    return found


def describe_converter(converter: object) -> str:
    """``int``, ``Literal['info', 'reviews']``, ``Color`` (an Enum), ``list[int]``, ``path``..."""
    if isinstance(converter, LiteralConverter):
        return "Literal[" + ", ".join(repr(value) for value in converter.by_text.values()) + "]"
    if isinstance(converter, EnumConverter):
        members = list(converter.by_text.values())
        return type(members[0]).__name__ if members else "enum"
    if isinstance(converter, ListConverter):
        return f"list[{describe_converter(converter.item)}]"
    return type(converter).__name__.removesuffix("Converter").lower()


def describe_parameters(route: Route) -> str:
    """``item_id: int, tab: str?`` -- path parameters, then query ones (``?``)."""
    parts = [f"{name}: {describe_converter(conv)}" for name, conv in route.converters.items()]
    parts += [f"{param.name}: {describe_converter(param.converter)}?" for param in route.query]
    return ", ".join(parts)


def _name(function: Callable[..., Any]) -> str:
    """A guard's or loader's name as written in the app (an object: its class's)."""
    name = getattr(function, "__name__", None)
    return name if isinstance(name, str) else type(function).__name__


def describe_guards(guards: Sequence[Callable[..., Any]]) -> str:
    """``require_login, admin_only`` -- guards by name, in the order they are asked."""
    return ", ".join(_name(guard) for guard in guards)


def describe_options(route: Route) -> str:
    """``root, modal=dialog, parent=home``: the options that change how a route is shown."""
    options = route.options
    parts = ["root"] if options.root else []
    if options.modal is not None:
        parts.append(f"modal={options.modal}")
    if options.parent is not None:
        parts.append(f"parent={options.parent}")
    if options.redirect_to is not None:
        parts.append(f"redirect_to={options.redirect_to}")
    if options.loader is not None:
        parts.append(f"loader={_name(options.loader)}")
    return ", ".join(parts)


def describe_place(table: RouteTable, route: Route) -> str:
    """``tabs:feed`` -- the shell and branch of a route; ``(root)`` where its destination opens."""
    place = table.place_of(route)
    if place is None:
        return ""
    return f"{place} (root)" if route.template.source == place.root else str(place)


def format_routes(routes: Sequence[Route], table: RouteTable | None = None) -> str:
    """Render routes as an aligned text table.

    Endpoint, template, parameters and title always; the guards a route
    adds (its blueprints' and its own), its options (``root``, ``modal``,
    ``parent``, ``redirect_to``, ``loader``), its blueprint, and -- with
    ``table``, when it has shells -- its shell and branch, each only when
    some route has one. With ``table``, the router's own guards, asked
    before every route, are listed once under the table.
    """
    columns: list[tuple[str, list[str]]] = [
        ("Endpoint", [route.endpoint for route in routes]),
        ("Template", [route.template.source for route in routes]),
        ("Parameters", [describe_parameters(route) for route in routes]),
        ("Title", [route.title for route in routes]),
        ("Guards", [describe_guards(_own_guards(route, table)) for route in routes]),
        ("Options", [describe_options(route) for route in routes]),
        ("Blueprint", [route.blueprint or "" for route in routes]),
    ]
    if table is not None and table.places:
        columns.append(("Shell:branch", [describe_place(table, route) for route in routes]))
    always = {"Endpoint", "Template", "Parameters", "Title"}
    shown = [(name, cells) for name, cells in columns if name in always or any(cells)]
    rows = [tuple(name for name, _ in shown)]
    rows += zip(*(cells for _, cells in shown), strict=True)
    widths = [max(len(row[column]) for row in rows) for column in range(len(shown))]
    lines = [_format_row(row, widths) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    if table is not None and table.guards:
        lines.append(f"\nGuards asked before every route: {describe_guards(table.guards)}")
    return "\n".join(lines)


def _own_guards(route: Route, table: RouteTable | None) -> list[Callable[..., Any]]:
    """The guards of ``route`` beyond the router's: its blueprints', then its own."""
    if table is None:
        return list(route.options.guards)
    return table.guards_for(route)[len(table.guards) :]


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
