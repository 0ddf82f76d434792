"""The view stack for an address, as a value.

The stack for ``/store/42`` is the stack for its parent address plus one
level for ``/store/42`` itself. The parent address is:

* none, for a route registered with ``root=True`` (``/login`` starts afresh);
* ``url_for(parent)`` for a route registered with ``parent="endpoint"``,
  filled with the values the two routes share by name;
* otherwise the longest proper prefix of the path that some route matches
  (``/store``, then ``/``), so a prefix no route matches contributes nothing.

Only the top level keeps the query string. Nothing here touches Flet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from navkit.errors import BuildError, HTTPError
from navkit.router import Router
from navkit.routes import Match

__all__ = ["Level", "build_stack", "parent_address"]

MAX_DEPTH = 64  # deeper stacks are cut: a guard against pathological tables


@dataclass(frozen=True, slots=True)
class Level:
    """One view of the stack.

    Attributes:
        address: The view's route: its path, plus the query for the top level.
            Flutter keys views by it and back navigation targets it.
        match: What matched the address; None for a not-found level.
        error: An error to show at this level instead of its view.
    """

    address: str
    match: Match | None
    # An error shown instead of the match's view (a guard's abort, a failed
    # guard, a redirect loop). Errors are never reused: not compared.
    error: HTTPError | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        """The address without query or fragment."""
        return _path_of(self.address)


def build_stack(router: Router, address: str) -> tuple[Level, ...]:
    """The levels for ``address``, bottom first; never empty.

    An address no route matches gives a not-found level on top of the stack
    of its longest matching prefix.
    """
    levels: list[Level] = []
    seen: set[str] = set()
    current: str | None = address
    while current is not None and len(levels) < MAX_DEPTH:
        path = _path_of(current)
        if path in seen:
            break  # two levels would share a route: stop rather than loop
        seen.add(path)
        match = router.match(current)
        levels.append(Level(current if not levels else path, match))
        current = (
            parent_address(router, match) if match is not None else _matching_prefix(router, path)
        )
    levels.reverse()
    return tuple(levels)


def parent_address(router: Router, match: Match) -> str | None:
    """The address of the level beneath ``match``'s (see the module docstring)."""
    options = match.route.options
    if options.get("root"):
        return None
    parent = options.get("parent")
    if parent is not None:
        try:
            return router.url_for(parent, **_shared_values(router, parent, match))
        except BuildError:
            return None  # Router.check() reports this at attach time
    return _matching_prefix(router, _path_of(match.address))


def _shared_values(router: Router, endpoint: str, match: Match) -> dict[str, object]:
    """The child's values that the parent's templates take, by name."""
    wanted: set[str] = set()
    for route in router.routes_for(endpoint):
        wanted.update(route.template.param_names)
    return {name: value for name, value in match.params.items() if name in wanted}


def _matching_prefix(router: Router, path: str) -> str | None:
    """The longest proper prefix of ``path`` that a route matches."""
    segments = [segment for segment in path.split("/") if segment]
    for length in range(len(segments) - 1, -1, -1):
        prefix = "/" + "/".join(segments[:length])
        if router.match(prefix) is not None:
            return prefix
    return None


def _path_of(address: str) -> str:
    return address.partition("#")[0].partition("?")[0] or "/"
