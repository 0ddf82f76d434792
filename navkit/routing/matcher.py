"""The compiled matcher: find the best-ranked route for a path.

Two structures, consulted together so that rank, not declaration order,
decides:

1. a per-segment trie: static children are looked up in a dict, dynamic
   edges (parameters, patterns) are tried best-first, and a route ending in
   a repeated parameter hangs a *tail* off the node where it starts. Every
   node knows the best key below it, so a branch that cannot beat the best
   match found so far is skipped (branch and bound);
2. repath's expressions (run with RE2), for the few templates whose
   parameters may capture a ``/`` in the middle.

The cost of a lookup depends on the path and on the shape of the table near
it, not on the number of routes. Edges that accept the same texts the same
way are shared between routes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from navkit.routing.converters import Converter
from navkit.routing.location import semi_decode_path, unescape
from navkit.routing.regexes import template_regexes
from navkit.routing.routes import EXPANSIONS, Match, Route, route_key
from navkit.routing.templates import Param, Segment, SegmentKind

__all__ = ["Matcher"]

REFUSED = object()  # what an edge returns for a segment it does not take

Found = tuple[tuple[int, ...], "Leaf", tuple[Any, ...]]


class Leaf:
    """A route's end in the trie, with the names of the captured values in order."""

    __slots__ = ("key", "names", "route")

    def __init__(self, route: Route, names: tuple[str | None, ...], expansion: int) -> None:
        self.route = route
        self.names = names
        # Among the readings of one route's optional segments, prefer the one
        # repath's regex would try first (parameters present).
        self.key = route.key if not expansion else route_key(route.rank, route.order, expansion)

    def bind(self, values: tuple[Any, ...]) -> dict[str, Any]:
        """Name the captured values: the route's path parameters."""
        params: dict[str, Any] = {}
        for name, value in zip(self.names, values, strict=True):
            if name is None:
                params.update(value)  # a pattern segment captured several values
            elif value is not None:  # None: an optional tail that took no segment
                params[name] = value
        return self.route.complete(params)


class Edge:
    """A dynamic step: which segments it accepts and how it converts them."""

    __slots__ = ("converter", "key", "names", "node", "regex", "route")

    def __init__(self, segment: Segment, route: Route, key: tuple[Any, ...]) -> None:
        self.key = key
        self.node = Node()
        self.regex = segment.regex
        self.route = route
        self.names: tuple[str, ...] | None = None  # a pattern's parameters
        self.converter: Converter | None = None
        if segment.param is None:  # a pattern
            self.names = tuple(part.name for part in segment.parts if isinstance(part, Param))
        else:
            self.converter = route.converters[segment.param.name]

    def accept(self, segment: str) -> Any:
        """The value this edge takes from ``segment``, or ``REFUSED``."""
        found: Any = self.regex.fullmatch(segment) if self.regex is not None else segment
        if not found:
            return REFUSED
        try:
            if self.converter is None:  # a pattern: several values from one segment
                groups = [(name, found.group(name)) for name in self.names or ()]
                return {
                    name: self.route.convert(name, text)
                    for name, text in groups
                    if text is not None
                }
            multi = self.converter.multi_segment
            return self.converter.to_python(segment if multi else unescape(segment))
        except ValueError:
            return REFUSED


class Tail:
    """A repeated parameter that takes every remaining segment."""

    __slots__ = ("converter", "leaf", "optional", "regex")

    def __init__(self, param: Param, regex: Any, leaf: Leaf) -> None:
        self.leaf = leaf
        self.converter = leaf.route.converters[param.name]
        self.regex = regex
        self.optional = param.optional

    def accept(self, segments: list[str], start: int) -> Any:
        rest = segments[start:]
        if not rest:
            return None if self.optional else REFUSED  # None: takes its fallback
        if self.regex is None and "" in rest:
            return REFUSED
        if self.regex is not None and not all(self.regex.fullmatch(text) for text in rest):
            return REFUSED
        try:
            return self.converter.to_python("/".join(rest))
        except ValueError:
            return REFUSED


class Node:
    __slots__ = ("best", "dynamic", "leaf", "static", "tails")

    def __init__(self) -> None:
        self.static: dict[str, Node] = {}
        self.dynamic: tuple[Edge, ...] = ()  # best-first
        self.tails: tuple[Tail, ...] = ()  # best-first
        self.leaf: Leaf | None = None  # the best route ending here
        self.best: tuple[int, ...] = ()


class Matcher:
    """Incrementally built lookup structure over a route table."""

    def __init__(self, *, max_path_length: int) -> None:
        self.max_path_length = max_path_length
        self._root = Node()
        self._regex_routes: list[tuple[Route, tuple[Any, ...]]] = []

    def add(self, route: Route) -> None:
        """Insert a route (the router has checked it for conflicts)."""
        template = route.template
        if template.needs_regex:
            self._regex_routes.append((route, template_regexes(template.source)))
            self._regex_routes.sort(key=lambda item: item[0].key, reverse=True)
            return
        readings = list(_expansions(template.segments))
        if len(readings) > EXPANSIONS:
            raise ValueError(f"{template.source!r} has too many optional segments")
        for expansion, segments in enumerate(readings):
            _insert(self._root, route, segments, expansion)

    def match(self, route: str) -> Match | None:
        """The best route for an address (``/path?query#fragment``), or None.

        Never raises.
        """
        if not isinstance(route, str):
            return None
        address = route = str(route)
        path = route.partition("#")[0].partition("?")[0]
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
        segments = stripped[1:].split("/") if len(stripped) > 1 else []
        found = _walk(self._root, segments, 0, (), None)
        for candidate, regexes in self._regex_routes:
            if found is not None and candidate.key < found[0]:
                break  # sorted best-first: nothing further can win
            for regex in regexes:
                hit = regex.match(path)
                converted = None if hit is None else candidate.convert_groups(hit.groupdict())
                if converted is not None:
                    return Match(candidate, converted, address)
        if found is None:
            return None
        return Match(found[1].route, found[1].bind(found[2]), address)


def _walk(
    node: Node, segments: list[str], index: int, values: tuple[Any, ...], found: Found | None
) -> Found | None:
    """Branch and bound over the trie; returns the best (key, leaf, values) found."""
    if found is not None and node.best <= found[0]:
        return found
    if index == len(segments):
        leaf = node.leaf
        if leaf is not None and (found is None or leaf.key > found[0]):
            found = (leaf.key, leaf, values)
    else:
        segment = segments[index]
        child = node.static.get(segment)
        if child is not None:
            found = _walk(child, segments, index + 1, values, found)
        for edge in node.dynamic:
            if found is None or edge.node.best > found[0]:
                value = edge.accept(segment)
                if value is not REFUSED:
                    found = _walk(edge.node, segments, index + 1, (*values, value), found)
    for tail in node.tails:
        if found is None or tail.leaf.key > found[0]:
            value = tail.accept(segments, index)
            if value is not REFUSED:
                found = (tail.leaf.key, tail.leaf, (*values, value))
    return found


def _insert(root: Node, route: Route, segments: Sequence[Segment], expansion: int) -> None:
    """Hang one reading of a route's segments off ``root``, keeping every node's best key."""
    node = root
    visited = [node]
    names: list[str | None] = []
    tail: tuple[Param, Any] | None = None  # the repeated parameter, its regex
    for segment in segments:
        if segment.param is not None and segment.kind is SegmentKind.TAIL:
            tail = (segment.param, segment.regex)
            break
        if segment.kind is SegmentKind.STATIC:
            node = node.static.setdefault(segment.text, Node())
        else:
            node = _edge(node, segment, route).node
            names.append(segment.param.name if segment.param is not None else None)
        visited.append(node)
    if tail is not None:
        names.append(tail[0].name)
        leaf = Leaf(route, tuple(names), expansion)
        tails = (*node.tails, Tail(*tail, leaf))
        node.tails = tuple(sorted(tails, key=lambda t: t.leaf.key, reverse=True))
    else:
        leaf = Leaf(route, tuple(names), expansion)
        if node.leaf is None or leaf.key > node.leaf.key:
            node.leaf = leaf  # equal templates were refused, so the loser is never needed
    for step in visited:
        step.best = max(step.best, leaf.key)
        step.dynamic = tuple(sorted(step.dynamic, key=lambda e: e.node.best, reverse=True))


def _edge(node: Node, segment: Segment, route: Route) -> Edge:
    """The edge of ``node`` for ``segment``, shared by routes that accept alike."""
    names = tuple(part.name for part in segment.parts if isinstance(part, Param))
    converters = tuple(route.converters[name] for name in names)
    # Their types too: converters that compare equal may still convert to
    # different types, and an edge converts for every route sharing it. For
    # patterns the group names matter too: they are the keys produced.
    pattern = segment.regex.pattern if segment.regex is not None else None
    group_names = names if segment.kind is SegmentKind.PATTERN else ()
    types = tuple(type(converter) for converter in converters)
    key = (segment.kind, pattern, converters, types, group_names)
    for edge in node.dynamic:  # a handful at most
        if edge.key == key:
            return edge
    edge = Edge(segment, route, key)
    node.dynamic = (*node.dynamic, edge)
    return edge


def _expansions(segments: Iterable[Segment]) -> Iterable[list[Segment]]:
    """Every way of leaving out optional whole-segment parameters, present first."""
    segments = list(segments)
    optional = [
        index
        for index, segment in enumerate(segments)
        if segment.param is not None
        and segment.param.optional
        and segment.kind is SegmentKind.PARAM
    ]
    for present in itertools.product((True, False), repeat=len(optional)):
        left_out = {index for index, keep in zip(optional, present, strict=True) if not keep}
        yield [segment for index, segment in enumerate(segments) if index not in left_out]
