"""The view stack for an address, as a value, and the one diff of two stacks.

The stack for ``/store/42`` is the stack for its parent address plus one
level for ``/store/42`` itself. The parent address is:

* none, for a route registered with ``root=True`` (``/login`` starts afresh);
* ``url_for(parent)`` for a route registered with ``parent="endpoint"``,
  filled with the values the two routes share by name;
* otherwise the longest proper prefix of the path that some route matches
  (``/store``, then ``/``), so a prefix no route matches contributes nothing.

Only the top level keeps the query string -- except that a level already
shown keeps the address it was shown at (``/products?sort=price`` stays
beneath the product opened from it). Nothing here touches Flet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from navkit.errors import BuildError, NotFound
from navkit.navigation.values import FailedLevel, FoundLevel, Level
from navkit.routing.location import path_of
from navkit.routing.routes import Match
from navkit.routing.shells import Place
from navkit.routing.table import RouteTable

__all__ = [
    "MAX_DEPTH",
    "as_shown",
    "build_stack",
    "kept",
    "parent_address",
    "pending_view",
    "place_of",
]

MAX_DEPTH = 64  # deeper stacks are cut: a guard against pathological tables


def build_stack(
    table: RouteTable, address: str, shown: tuple[Level, ...] = ()
) -> tuple[Level, ...]:
    """The levels for ``address``, bottom first; never empty.

    An address no route matches gives a not-found level on top of the stack
    of its longest matching prefix. A path over the table's
    ``max_path_length`` is one not-found level: no prefix of it is tried,
    so the work stays proportional to the address.

    Args:
        table: The route table.
        address: Where the navigation goes.
        shown: The levels shown now: a level beneath the top with the same
            path and route keeps its shown address (and so its query).
    """
    path = path_of(address)
    if len(path) > table.max_path_length:
        return (_not_found(address),)
    levels: list[Level] = []
    seen: set[str] = set()
    current: str | None = address
    while current is not None and len(levels) < MAX_DEPTH:
        path = path_of(current)
        if path in seen:
            break  # two levels would share a route: stop rather than loop
        seen.add(path)
        match = table.match(current)
        if not levels or match is None or match.route.options.redirect_to is None:
            at = current if not levels else path
            levels.append(_not_found(at) if match is None else FoundLevel(at, match))
        # else: a redirect_to route beneath (``/`` sending to ``/notes``) is never shown
        current = _beneath(table, match, path)
    levels.reverse()
    return as_shown(tuple(levels), shown)


def as_shown(levels: tuple[Level, ...], shown: tuple[Level, ...]) -> tuple[Level, ...]:
    """``levels`` with each level beneath the top that ``shown`` has at a fuller address kept so."""
    if not shown:
        return levels
    beneath = [_as_shown(level, shown, index) for index, level in enumerate(levels[:-1])]
    return (*beneath, levels[-1])


def place_of(table: RouteTable, levels: tuple[Level, ...]) -> Place | None:
    """The shell branch a stack is in: its bottom level's (None: in no shell)."""
    if not levels:
        return None
    bottom = levels[0]
    if bottom.match is not None:
        return table.place_of(bottom.match.route)
    return table.root_place(bottom.path)


def pending_view(table: RouteTable, address: str) -> Callable[[], Any] | None:
    """The pending view of the route ``address`` matches (None: the page's indicator)."""
    match = table.match(address)
    return match.route.options.pending if match is not None else None


def kept(shown: tuple[Level, ...], levels: tuple[Level, ...]) -> int:
    """How many bottom levels two stacks share: the one diff of the pipeline.

    The first ``kept`` levels stay (their views are reused, their leave
    checks and guards not asked); ``shown[kept:]`` leave and
    ``levels[kept:]`` enter. A level showing an error is never shared: it
    is built, and its guards asked, again.
    """
    count = 0
    for old, new in zip(shown, levels, strict=False):
        if old != new or old.error is not None or new.error is not None:
            break
        count += 1
    return count


def _beneath(table: RouteTable, match: Match | None, path: str) -> str | None:
    """The address of the level beneath, kept inside a shell branch.

    A branch's root is the bottom of its stack, and a page of the branch
    never has a page of another branch (or none) beneath it: its parent is
    then the branch's root.
    """
    if match is None:
        return _matching_prefix(table, path)
    place = table.place_of(match.route)
    if place is None:
        return parent_address(table, match)
    if place.opens_at(path):
        return None
    parent = parent_address(table, match)
    if parent is not None:
        below = table.match(parent)
        if below is not None and table.place_of(below.route) == place:
            return parent
    return place.root


def parent_address(table: RouteTable, match: Match) -> str | None:
    """The address of the level beneath ``match``'s (see the module docstring)."""
    options = match.route.options
    if options.root:
        return None
    parent = options.parent
    if parent is not None:
        try:
            return table.url_for(parent, **_shared_values(table, parent, match))
        except BuildError:
            return None  # RouteTable.check() reports this at attach time
    return _matching_prefix(table, path_of(match.address))


def _as_shown(level: Level, shown: tuple[Level, ...], index: int) -> Level:
    """``level``, or the shown level at ``index`` if it is the same page at a fuller address."""
    if index >= len(shown):
        return level
    old = shown[index]
    if not isinstance(old, FoundLevel) or not isinstance(level, FoundLevel):
        return level
    same = old.path == level.path and old.match.route is level.match.route
    return old if same and old.match.params == level.match.params else level


def _not_found(address: str) -> FailedLevel:
    """The level shown where no route matches ``address``."""
    path = path_of(address)
    return FailedLevel(address, NotFound(path=path, detail=f"No route matches {path}."))


def _shared_values(table: RouteTable, endpoint: str, match: Match) -> dict[str, object]:
    """The child's values that the parent's templates take, by name."""
    wanted: set[str] = set()
    for route in table.routes_for(endpoint):
        wanted.update(route.template.param_names)
    return {name: value for name, value in match.params.items() if name in wanted}


def _matching_prefix(table: RouteTable, path: str) -> str | None:
    """The longest proper prefix of ``path`` that a route matches.

    Only the lengths the table says a route may take are tried: each try is
    a full match, and trying all of a deep path's prefixes would cost the
    square of its length.
    """
    segments = [segment for segment in path.split("/") if segment]
    for length in table.prefix_lengths(segments):
        prefix = "/" + "/".join(segments[:length])
        if table.match(prefix) is not None:
            return prefix
    return None
