"""The compiled matcher: find the best-ranked route for a path.

Three structures, consulted together so that rank, not declaration order,
decides:

1. a dict of static paths -- a static template beats every other template
   that matches the same path, so a hit there is final;
2. a per-segment trie: static children are looked up in a dict, dynamic
   children (parameters, patterns) are tried best-first, and a route ending
   in a repeated parameter hangs a *tail* off the node where it starts.
   Every node knows the best key below it, so a branch that cannot beat the
   best match found so far is skipped (branch and bound);
3. repath's regular expressions, for the few templates the trie cannot walk.

The cost of a lookup depends on the path and on the shape of the table near
it, not on the number of routes. The walk is written for speed: it is the
hot path of every navigation.
"""

from __future__ import annotations

import re
from typing import Any

from navkit.routing.location import semi_decode_path, unescape
from navkit.routing.routes import EXPANSIONS, Match, Route
from navkit.routing.templates import template_regexes

# The trie's names as this module's own globals: the walk reads them often.
from navkit.routing.trie import AS_TEXT as _AS_TEXT
from navkit.routing.trie import CONVERT_RAW as _CONVERT_RAW
from navkit.routing.trie import ONE_EDGE as _ONE_EDGE
from navkit.routing.trie import PATTERN as _PATTERN
from navkit.routing.trie import REFUSED as _REFUSED
from navkit.routing.trie import STATIC_ONLY as _STATIC_ONLY
from navkit.routing.trie import Edge, Found, Node, expansions, insert

__all__ = ["Matcher"]

_tuple_new = tuple.__new__


class Matcher:
    """Incrementally built lookup structure over a route table."""

    def __init__(self, *, max_path_length: int) -> None:
        self.max_path_length = max_path_length
        self._static: dict[str, Route] = {}
        self._root = Node()
        self._regex_routes: list[tuple[Route, tuple[re.Pattern[str], ...]]] = []

    def static_route(self, path: str) -> Route | None:
        """The static route registered at ``path`` (semi-decoded), if any."""
        return self._static.get(path)

    def add(self, route: Route) -> None:
        """Insert a route (the router has checked it for conflicts)."""
        template = route.template
        if template.is_static:
            self._static.setdefault(template.static_key, route)
        elif template.needs_regex:
            self._regex_routes.append((route, template_regexes(template)))
            self._regex_routes.sort(key=lambda item: item[0].key, reverse=True)
        elif not template.has_optional_segment:
            insert(self._root, route, template.segments, 0)
        else:
            readings = list(expansions(template.segments))
            if len(readings) > EXPANSIONS:
                raise ValueError(f"{template.source!r} has too many optional segments")
            for expansion, segments in enumerate(readings):
                insert(self._root, route, segments, expansion)

    def match(self, route: str) -> Match | None:
        """The best route for an address (``/path?query#fragment``), or None.

        This is the hot path of every navigation, so the location handling
        is inlined here rather than split into helpers. Never raises.
        """
        if type(route) is not str:
            return None if not isinstance(route, str) else self.match(str(route))
        address = path = route
        if "#" in path:
            path = path.partition("#")[0]
        if "?" in path:
            path = path.partition("?")[0]
        if len(path) > self.max_path_length:
            return None
        if not ("%" not in path and path.isprintable() and path[:1] == "/"):
            decoded = semi_decode_path(path)  # decode, or refuse (None)
            if decoded is None:
                return None
            path = decoded
        # One trailing slash is optional (repath's non-strict mode); "//" is
        # one empty segment, not the root.
        stripped = path[:-1] if len(path) > 2 and path[-1] == "/" else path
        if stripped != "//":
            static = self._static.get(stripped)
            if static is not None:
                params = static.complete({}) if static.defaults else {}
                return _tuple_new(Match, (static, params, address))
        segments = stripped[1:].split("/") if len(stripped) > 1 else []
        found = _walk(self._root, segments, 0, len(segments), (), None)
        for candidate, regexes in self._regex_routes:
            if found is not None and candidate.key < found[1].key:
                break  # sorted best-first: nothing further can win
            for regex in regexes:
                hit = regex.match(path)
                if hit is None:
                    continue
                converted = candidate.convert_groups(hit.groupdict())
                if converted is not None:
                    return _tuple_new(Match, (candidate, converted, address))
        if found is None:
            return None
        leaf = found[1]
        binder = leaf.binder  # inlined: this is every parameterised match
        params = binder(found[2]) if binder is not None else leaf.bind(found[2])
        return _tuple_new(Match, (leaf.route, params, address))


def _walk(
    node: Node,
    segments: list[str],
    index: int,
    count: int,
    values: tuple[Any, ...],
    found: Found | None,
) -> Found | None:
    """Branch and bound over the trie; returns the best (key, leaf, values) found.

    A node with a single way on (a static child, or one dynamic edge) is
    stepped through in a loop; only real branch points recurse. That keeps
    the usual lookup to a handful of bytecodes per segment.
    """
    while True:
        if found is not None and node.best <= found[0]:
            return found
        if index == count:
            leaf = node.leaf
            if leaf is not None and (found is None or leaf.key > found[0]):
                found = (leaf.key, leaf, values)
            break
        segment = segments[index]
        step = node.step
        if step == _STATIC_ONLY:
            if node.static is None:
                return found
            node = node.static.get(segment)  # type: ignore[assignment]
            if node is None:
                return found
            index += 1
            continue
        if step == _ONE_EDGE:
            edge = node.dynamic[0]
            if edge.plain:
                if not segment:
                    return found
                value = unescape(segment) if "%" in segment else segment
            else:
                value = _accept(edge, segment)
                if value is _REFUSED:
                    return found
            node, index, values = edge.node, index + 1, (*values, value)
            continue
        static = node.static
        child = static.get(segment) if static is not None else None
        dynamic = node.dynamic
        if child is not None:
            found = _walk(child, segments, index + 1, count, values, found)
        for edge in dynamic:
            if found is not None and edge.node.best <= found[0]:
                continue
            value = _accept(edge, segment)
            if value is not _REFUSED:
                found = _walk(edge.node, segments, index + 1, count, (*values, value), found)
        break
    for tail in node.tails:
        if found is not None and tail.leaf.key <= found[0]:
            continue
        value = tail.accept(segments, index)
        if value is not _REFUSED:
            found = (tail.leaf.key, tail.leaf, (*values, value))
    return found


def _accept(edge: Edge, segment: str) -> Any:
    """The value ``edge`` takes from ``segment``, or ``_REFUSED``."""
    regex = edge.regex
    if regex is None:
        if not segment:
            return _REFUSED
    elif regex.fullmatch(segment) is None:
        return _REFUSED
    mode = edge.mode
    if mode == _AS_TEXT:
        return unescape(segment) if "%" in segment else segment
    if mode == _PATTERN:
        return edge.convert(segment)  # type: ignore[misc]
    try:
        return edge.converter.to_python(  # type: ignore[union-attr]
            segment if mode == _CONVERT_RAW else unescape(segment)
        )
    except ValueError:
        return _REFUSED
