"""The compiled matcher: find the best-ranked route for a path.

Three structures, tried together so that rank, not declaration order, decides:

1. a dict of static paths -- a static template beats every other template
   that matches the same path, so a hit there is final;
2. a per-segment trie: static children are looked up in a dict, dynamic
   children (parameters, patterns) are tried best-first, and a route ending
   in a repeated parameter hangs its tail off the node it starts at. Each
   node remembers the best key below it, so a branch that cannot beat the
   best match found so far is skipped;
3. repath's regular expressions, for the few templates the trie cannot walk.

The cost of a lookup depends on the path and the shape of the table near it,
not on the number of routes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Any

from navkit.routes import Route
from navkit.templates import Param, Segment, SegmentKind

__all__ = ["Matcher"]

_REFUSED = object()  # a segment an edge does not accept
_NOTHING: tuple[int, ...] = ()


class _Leaf:
    """A route's end in the trie: the names of the captured values, in order."""

    __slots__ = ("key", "names", "route")

    def __init__(self, route: Route, names: tuple[str | None, ...], expansion: int) -> None:
        self.route = route
        self.names = names
        # Among the expansions of one route's optional segments, prefer the
        # one repath's regex would try first (parameters present).
        self.key = (*route.key, -expansion)

    def bind(self, values: list[Any]) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for name, value in zip(self.names, values):
            if name is None:
                params.update(value)
            else:
                params[name] = value
        return self.route.complete(params)


class _Edge:
    """A dynamic step: accepts one segment and converts what it captures."""

    __slots__ = ("convert", "node", "regex", "segment")

    def __init__(self, segment: Segment, route: Route) -> None:
        self.segment = segment
        self.regex = segment.regex
        self.node = _Node()
        if segment.kind is SegmentKind.PARAM:
            converter = route.converters[segment.param.name]
            self.convert = converter.to_python if converter.multi_segment else _unescaping(
                converter.to_python
            )
        else:
            self.convert = _pattern_converter(segment, route)

    def accept(self, text: str) -> Any:
        if self.segment.kind is SegmentKind.PARAM:
            regex = self.regex
            if regex is None:
                if not text:
                    return _REFUSED
            elif regex.fullmatch(text) is None:
                return _REFUSED
            try:
                return self.convert(text)
            except ValueError:
                return _REFUSED
        return self.convert(text)


class _Tail:
    """A repeated parameter that takes every remaining segment."""

    __slots__ = ("convert", "leaf", "min_segments", "regex")

    def __init__(self, segment: Segment, leaf: _Leaf) -> None:
        param = segment.param
        self.leaf = leaf
        self.regex = segment.regex
        self.min_segments = 0 if param.optional else 1
        self.convert = leaf.route.converters[param.name].to_python

    def accept(self, segments: list[str], start: int) -> Any:
        rest = segments[start:]
        if len(rest) < self.min_segments:
            return _REFUSED
        if not rest:
            return None  # absent: the optional parameter takes its fallback
        regex = self.regex
        if regex is None:
            if "" in rest:
                return _REFUSED
        elif any(regex.fullmatch(text) is None for text in rest):
            return _REFUSED
        try:
            return self.convert("/".join(rest))
        except ValueError:
            return _REFUSED


class _Node:
    __slots__ = ("best", "dynamic", "edges", "leaves", "static", "tails")

    def __init__(self) -> None:
        self.static: dict[str, _Node] | None = None
        self.edges: dict[tuple[Any, ...], _Edge] | None = None
        self.dynamic: list[_Edge] = []
        self.tails: list[_Tail] = []
        self.leaves: list[_Leaf] = []
        self.best: tuple[int, ...] = _NOTHING


class Matcher:
    """Incrementally built lookup structure over a route table."""

    def __init__(self) -> None:
        self._static: dict[str, Route] = {}
        self._root = _Node()
        self._regex_routes: list[tuple[Route, re.Pattern[str]]] = []

    def add(self, route: Route) -> None:
        """Insert a route (its conflicts were already checked by the router)."""
        template = route.template
        if template.is_static:
            self._static.setdefault(template.static_key, route)
        elif template.needs_regex:
            self._regex_routes.append((route, template.compile_regex()))
            self._regex_routes.sort(key=lambda item: item[0].key, reverse=True)
        else:
            for expansion, segments in enumerate(_expansions(template.segments)):
                self._insert(route, segments, expansion)

    def _insert(self, route: Route, segments: list[Segment], expansion: int) -> None:
        node = self._root
        path = [node]
        names: list[str | None] = []
        tail: Segment | None = None
        for segment in segments:
            if segment.kind is SegmentKind.TAIL:
                tail = segment
                break
            if segment.kind is SegmentKind.STATIC:
                if node.static is None:
                    node.static = {}
                node = node.static.setdefault(segment.text, _Node())
            else:
                node = self._edge(node, segment, route).node
                names.append(segment.param.name if segment.kind is SegmentKind.PARAM else None)
            path.append(node)
        if tail is not None:
            names.append(tail.param.name)
            leaf = _Leaf(route, tuple(names), expansion)
            node.tails.append(_Tail(tail, leaf))
            node.tails.sort(key=lambda item: item.leaf.key, reverse=True)
        else:
            leaf = _Leaf(route, tuple(names), expansion)
            node.leaves.append(leaf)
            node.leaves.sort(key=lambda item: item.key, reverse=True)
        for visited in path:
            if leaf.key > visited.best:
                visited.best = leaf.key
        for visited in path:
            visited.dynamic.sort(key=lambda edge: edge.node.best, reverse=True)

    @staticmethod
    def _edge(node: _Node, segment: Segment, route: Route) -> _Edge:
        names = tuple(part.name for part in segment.parts if isinstance(part, Param))
        converters = tuple(route.converters[name] for name in names)
        pattern = segment.regex.pattern if segment.regex is not None else None
        # Edges are shared by routes whose segment accepts the same texts
        # the same way; for patterns the group names matter too.
        key = (segment.kind, pattern, converters,
               names if segment.kind is SegmentKind.PATTERN else ())
        if node.edges is None:
            node.edges = {}
        edge = node.edges.get(key)
        if edge is None:
            edge = node.edges[key] = _Edge(segment, route)
            node.dynamic.append(edge)
        return edge

    def match(self, path: str, segments: list[str]) -> tuple[Route, dict[str, Any]] | None:
        """The best route for a path already split into semi-decoded segments."""
        key = "/" + "/".join(segments)
        route = self._static.get(key)
        if route is not None:
            return route, route.complete({})
        best = self._walk(self._root, segments, 0, [], None)
        for route, regex in self._regex_routes:
            if best is not None and route.key < best[1].key:
                break  # sorted best-first: nothing further can win
            found = regex.match(key)
            if found is None:
                continue
            params = route.convert_groups(found.groupdict())
            if params is not None:
                return route, params
        if best is None:
            return None
        return best[1], best[2]

    def _walk(
        self,
        node: _Node,
        segments: list[str],
        index: int,
        values: list[Any],
        best: tuple[tuple[int, ...], Route, dict[str, Any]] | None,
    ) -> tuple[tuple[int, ...], Route, dict[str, Any]] | None:
        if best is not None and node.best <= best[0]:
            return best
        if index == len(segments):
            for leaf in node.leaves:  # sorted best-first
                if best is None or leaf.key > best[0]:
                    best = (leaf.key, leaf.route, leaf.bind(values))
                break
        else:
            if node.static is not None:
                child = node.static.get(segments[index])
                if child is not None:
                    best = self._walk(child, segments, index + 1, values, best)
            for edge in node.dynamic:
                if best is not None and edge.node.best <= best[0]:
                    continue
                value = edge.accept(segments[index])
                if value is _REFUSED:
                    continue
                values.append(value)
                best = self._walk(edge.node, segments, index + 1, values, best)
                values.pop()
        for tail in node.tails:
            if best is not None and tail.leaf.key <= best[0]:
                continue
            value = tail.accept(segments, index)
            if value is _REFUSED:
                continue
            leaf = tail.leaf
            bound = leaf.bind(values)
            if value is not None:
                bound[leaf.names[-1]] = value
            best = (leaf.key, leaf.route, bound)
        return best


def _unescaping(to_python: Any) -> Any:
    from navkit.location import unescape

    def convert(text: str) -> Any:
        return to_python(unescape(text) if "%" in text else text)

    return convert


def _pattern_converter(segment: Segment, route: Route) -> Any:
    regex = segment.regex
    assert regex is not None  # noqa: S101 - PATTERN edges always have one
    names = [part.name for part in segment.parts if isinstance(part, Param)]

    def convert(text: str) -> Any:
        found = regex.fullmatch(text)
        if found is None:
            return _REFUSED
        values: dict[str, Any] = {}
        try:
            for name in names:
                captured = found.group(name)
                if captured is not None:
                    values[name] = route.convert(name, captured)
        except ValueError:
            return _REFUSED
        return values

    return convert


def _expansions(segments: Iterable[Segment]) -> Iterable[list[Segment]]:
    """Every way of leaving out optional whole-segment parameters, present first."""
    segments = list(segments)
    optional = [
        index
        for index, segment in enumerate(segments)
        if segment.kind is SegmentKind.PARAM and segment.param.optional
    ]
    for present in itertools.product((True, False), repeat=len(optional)):
        left_out = {index for index, keep in zip(optional, present) if not keep}
        yield [segment for index, segment in enumerate(segments) if index not in left_out]
