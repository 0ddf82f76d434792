"""The matcher's trie: nodes, the edges between them, and how routes hang off them.

A node has static children (a dict), dynamic edges (parameters, patterns;
best-first) and tails (routes ending in a repeated parameter); a route's
end is a leaf. Every node knows the best key below it, so that the walk in
:mod:`navkit.routing.matcher` can skip a branch that cannot win. Edges that
accept the same texts the same way are shared between routes.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from navkit.routing.converters import Converter, StrConverter
from navkit.routing.routes import Route, route_key
from navkit.routing.segments import Param, Segment, SegmentKind

__all__ = [
    "AS_TEXT",
    "BRANCHES",
    "CONVERT",
    "CONVERT_RAW",
    "NOTHING",
    "ONE_EDGE",
    "PATTERN",
    "REFUSED",
    "STATIC_ONLY",
    "Edge",
    "Found",
    "Leaf",
    "Node",
    "Tail",
    "expansions",
    "insert",
]

REFUSED = object()  # what a pattern edge returns for a segment it does not take
NOTHING: tuple[int, ...] = ()

# How an edge turns a segment into a value (checked in this order in _walk).
AS_TEXT = 0  # plain str parameter: the segment itself, unescaped if needed
CONVERT = 1  # a converter taking the decoded segment
CONVERT_RAW = 2  # a multi-segment converter taking the semi-decoded text
PATTERN = 3  # several values from one segment: a dict or REFUSED

Found = tuple[tuple[int, ...], "Leaf", tuple[Any, ...]]


class Leaf:
    """A route's end in the trie, with the names of the captured values in order."""

    __slots__ = ("binder", "key", "names", "route")

    def __init__(
        self, route: Route, names: tuple[str | None, ...], expansion: int, *, tail: bool = False
    ) -> None:
        self.route = route
        self.names = names
        # Among the readings of one route's optional segments, prefer the one
        # repath's regex would try first (parameters present); reading 0 is the
        # route's own key, shared rather than copied.
        self.key = route.key if not expansion else route_key(route.rank, route.order, expansion)
        # The usual shape gets a shared, cheap binder; others use bind_general.
        simple = not (tail or None in names or route.optional_fallbacks or route.defaults)
        self.binder = _simple_binder(names) if simple else None

    def bind(self, values: tuple[Any, ...]) -> dict[str, Any]:
        """Name the captured values: the route's path parameters."""
        if self.binder is not None:
            return self.binder(values)
        params: dict[str, Any] = {}
        for name, value in zip(self.names, values, strict=True):
            if name is None:
                params.update(value)  # a pattern segment captured several values
            elif value is not None:  # None: an optional tail that took no segment
                params[name] = value
        return self.route.complete(params)


@functools.lru_cache(maxsize=1024)
def _simple_binder(names: tuple[str, ...]) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    """Shared by every leaf with these names; a dict display beats dict(zip())."""
    if not names:
        return lambda values: {}
    if len(names) == 1:
        (first,) = names
        return lambda values: {first: values[0]}
    if len(names) == 2:
        first, second = names
        return lambda values: {first: values[0], second: values[1]}
    return lambda values: dict(zip(names, values, strict=True))


class Edge:
    """A dynamic step: which segments it accepts and how it converts them."""

    __slots__ = ("convert", "converter", "key", "mode", "node", "plain", "regex")

    def __init__(self, segment: Segment, route: Route, key: tuple[Any, ...]) -> None:
        self.key = key
        self.node = Node()
        self.regex = segment.regex
        self.plain = False  # any non-empty segment, taken as text
        self.converter: Converter | None = None
        self.convert: Callable[[str], Any] | None = None
        if segment.kind is SegmentKind.PATTERN:
            self.mode = PATTERN
            self.convert = _pattern_converter(segment, route)
            return
        converter = route.converters[segment.param.name]
        # The converter itself, not its bound method: one bound method per
        # edge would add up in a large table.
        self.converter = converter
        if isinstance(converter, StrConverter):
            self.mode = AS_TEXT
            self.plain = self.regex is None
        else:
            self.mode = CONVERT_RAW if converter.multi_segment else CONVERT


class Tail:
    """A repeated parameter that takes every remaining segment."""

    __slots__ = ("converter", "leaf", "min_segments", "regex")

    def __init__(self, segment: Segment, leaf: Leaf) -> None:
        self.leaf = leaf
        self.regex = segment.regex
        self.min_segments = 0 if segment.param.optional else 1
        self.converter = leaf.route.converters[segment.param.name]

    def accept(self, segments: list[str], start: int) -> Any:
        rest = segments[start:]
        if len(rest) < self.min_segments:
            return REFUSED
        if not rest:
            return None  # absent: the optional parameter takes its fallback
        regex = self.regex
        if regex is None:
            if "" in rest:
                return REFUSED
        elif any(regex.fullmatch(text) is None for text in rest):
            return REFUSED
        try:
            return self.converter.to_python("/".join(rest))
        except ValueError:
            return REFUSED


# What a node offers the next segment; lets the walk step through most nodes
# without recursing.
BRANCHES = 0  # several possibilities: recurse into each (branch and bound)
STATIC_ONLY = 1  # static children only
ONE_EDGE = 2  # exactly one dynamic edge and nothing else


class Node:
    __slots__ = ("best", "dynamic", "leaf", "static", "step", "tails")

    def __init__(self) -> None:
        self.step = STATIC_ONLY
        self.static: dict[str, Node] | None = None
        self.dynamic: tuple[Edge, ...] = ()  # best-first
        self.tails: tuple[Tail, ...] = ()  # best-first
        self.leaf: Leaf | None = None  # the best route ending here
        self.best: tuple[int, ...] = NOTHING


def insert(root: Node, route: Route, segments: Sequence[Segment], expansion: int) -> None:
    """Hang one reading of a route's segments off ``root``, keeping every node's best key."""
    node = root
    visited = [node]
    names: list[str | None] = []
    tail: Segment | None = None
    for segment in segments:
        if segment.kind is SegmentKind.TAIL:
            tail = segment
            break
        if segment.kind is SegmentKind.STATIC:
            if node.static is None:
                node.static = {}
            child = node.static.get(segment.text)
            if child is None:
                child = node.static[segment.text] = Node()
            node = child
        else:
            node = _edge(node, segment, route).node
            names.append(segment.param.name if segment.kind is SegmentKind.PARAM else None)
        visited.append(node)
    if tail is not None:
        names.append(tail.param.name)
        leaf = Leaf(route, tuple(names), expansion, tail=True)
        node.tails = tuple(
            sorted((*node.tails, Tail(tail, leaf)), key=lambda t: t.leaf.key, reverse=True)
        )
    else:
        leaf = Leaf(route, tuple(names), expansion)
        if node.leaf is None or leaf.key > node.leaf.key:
            node.leaf = leaf  # equal templates were refused, so the loser is never needed
    for step in visited:
        step.best = max(step.best, leaf.key)
        if len(step.dynamic) > 1:
            step.dynamic = tuple(sorted(step.dynamic, key=lambda e: e.node.best, reverse=True))
        step.step = step_kind(step)


def step_kind(node: Node) -> int:
    if node.tails:
        return BRANCHES
    if not node.dynamic:
        return STATIC_ONLY
    if node.static is None and len(node.dynamic) == 1:
        return ONE_EDGE
    return BRANCHES


def _edge(node: Node, segment: Segment, route: Route) -> Edge:
    """The edge of ``node`` for ``segment``, shared by routes that accept alike."""
    names = [part.name for part in segment.parts if isinstance(part, Param)]
    converters = tuple([route.converters[name] for name in names])
    # Their types too: converters that compare equal may still convert to
    # different types, and an edge converts for every route sharing it.
    types = tuple([type(converter) for converter in converters])
    try:
        key = _edge_key(segment, converters, types)
    except TypeError:  # an unhashable custom converter: no sharing, same key
        key = _edge_key.__wrapped__(segment, converters, types)
    for edge in node.dynamic:  # a handful at most: a scan beats a dict per node
        if edge.key == key:
            return edge
    edge = Edge(segment, route, key)
    node.dynamic = (*node.dynamic, edge)
    return edge


@functools.lru_cache(maxsize=1024)
def _edge_key(
    segment: Segment, converters: tuple[Converter, ...], types: tuple[type, ...]
) -> tuple[Any, ...]:
    """What makes two edges accept the same texts the same way (shared per shape).

    For patterns the group names matter too: they are the keys produced.
    """
    pattern = segment.regex.pattern if segment.regex is not None else None
    names = tuple(part.name for part in segment.parts if isinstance(part, Param))
    group_names = names if segment.kind is SegmentKind.PATTERN else ()
    return (segment.kind, pattern, converters, types, group_names)


def _pattern_converter(segment: Segment, route: Route) -> Callable[[str], Any]:
    regex = segment.regex
    if regex is None:  # pragma: no cover - the template module guarantees one
        raise ValueError("a walkable pattern segment needs a regex")
    names = [part.name for part in segment.parts if isinstance(part, Param)]

    def convert(text: str) -> Any:
        found = regex.fullmatch(text)
        if found is None:
            return REFUSED
        values: dict[str, Any] = {}
        try:
            for name in names:
                captured = found.group(name)
                if captured is not None:
                    values[name] = route.convert(name, captured)
        except ValueError:
            return REFUSED
        return values

    return convert


def expansions(segments: Iterable[Segment]) -> Iterable[list[Segment]]:
    """Every way of leaving out optional whole-segment parameters, present first."""
    segments = list(segments)
    optional = [
        index
        for index, segment in enumerate(segments)
        if segment.kind is SegmentKind.PARAM and segment.param.optional
    ]
    for present in itertools.product((True, False), repeat=len(optional)):
        left_out = {index for index, keep in zip(optional, present, strict=True) if not keep}
        yield [segment for index, segment in enumerate(segments) if index not in left_out]
