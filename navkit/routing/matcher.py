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

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from navkit.routing.converters import Converter, StrConverter
from navkit.routing.location import semi_decode_path, unescape
from navkit.routing.routes import EXPANSIONS, Match, Route, route_key
from navkit.routing.segments import Param, Segment, SegmentKind
from navkit.routing.templates import template_regexes

__all__ = ["Matcher"]

_tuple_new = tuple.__new__


_REFUSED = object()  # what a pattern edge returns for a segment it does not take
_NOTHING: tuple[int, ...] = ()

# How an edge turns a segment into a value (checked in this order in _walk).
_AS_TEXT = 0  # plain str parameter: the segment itself, unescaped if needed
_CONVERT = 1  # a converter taking the decoded segment
_CONVERT_RAW = 2  # a multi-segment converter taking the semi-decoded text
_PATTERN = 3  # several values from one segment: a dict or _REFUSED

Found = tuple[tuple[int, ...], "_Leaf", tuple[Any, ...]]


class _Leaf:
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


class _Edge:
    """A dynamic step: which segments it accepts and how it converts them."""

    __slots__ = ("convert", "converter", "key", "mode", "node", "plain", "regex")

    def __init__(self, segment: Segment, route: Route, key: tuple[Any, ...]) -> None:
        self.key = key
        self.node = _Node()
        self.regex = segment.regex
        self.plain = False  # any non-empty segment, taken as text
        self.converter: Converter | None = None
        self.convert: Callable[[str], Any] | None = None
        if segment.kind is SegmentKind.PATTERN:
            self.mode = _PATTERN
            self.convert = _pattern_converter(segment, route)
            return
        converter = route.converters[segment.param.name]
        # The converter itself, not its bound method: one bound method per
        # edge would add up in a large table.
        self.converter = converter
        if isinstance(converter, StrConverter):
            self.mode = _AS_TEXT
            self.plain = self.regex is None
        else:
            self.mode = _CONVERT_RAW if converter.multi_segment else _CONVERT


class _Tail:
    """A repeated parameter that takes every remaining segment."""

    __slots__ = ("converter", "leaf", "min_segments", "regex")

    def __init__(self, segment: Segment, leaf: _Leaf) -> None:
        self.leaf = leaf
        self.regex = segment.regex
        self.min_segments = 0 if segment.param.optional else 1
        self.converter = leaf.route.converters[segment.param.name]

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
            return self.converter.to_python("/".join(rest))
        except ValueError:
            return _REFUSED


# What a node offers the next segment; lets the walk step through most nodes
# without recursing.
_BRANCHES = 0  # several possibilities: recurse into each (branch and bound)
_STATIC_ONLY = 1  # static children only
_ONE_EDGE = 2  # exactly one dynamic edge and nothing else


class _Node:
    __slots__ = ("best", "dynamic", "leaf", "static", "step", "tails")

    def __init__(self) -> None:
        self.step = _STATIC_ONLY
        self.static: dict[str, _Node] | None = None
        self.dynamic: tuple[_Edge, ...] = ()  # best-first
        self.tails: tuple[_Tail, ...] = ()  # best-first
        self.leaf: _Leaf | None = None  # the best route ending here
        self.best: tuple[int, ...] = _NOTHING


class Matcher:
    """Incrementally built lookup structure over a route table."""

    def __init__(self, *, max_path_length: int) -> None:
        self.max_path_length = max_path_length
        self._static: dict[str, Route] = {}
        self._root = _Node()
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
            self._insert(route, template.segments, 0)
        else:
            readings = list(_expansions(template.segments))
            if len(readings) > EXPANSIONS:
                raise ValueError(f"{template.source!r} has too many optional segments")
            for expansion, segments in enumerate(readings):
                self._insert(route, segments, expansion)

    def _insert(self, route: Route, segments: Sequence[Segment], expansion: int) -> None:
        node = self._root
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
                    child = node.static[segment.text] = _Node()
                node = child
            else:
                node = _edge(node, segment, route).node
                names.append(segment.param.name if segment.kind is SegmentKind.PARAM else None)
            visited.append(node)
        if tail is not None:
            names.append(tail.param.name)
            leaf = _Leaf(route, tuple(names), expansion, tail=True)
            node.tails = tuple(
                sorted((*node.tails, _Tail(tail, leaf)), key=lambda t: t.leaf.key, reverse=True)
            )
        else:
            leaf = _Leaf(route, tuple(names), expansion)
            if node.leaf is None or leaf.key > node.leaf.key:
                node.leaf = leaf  # equal templates were refused, so the loser is never needed
        for step in visited:
            step.best = max(step.best, leaf.key)
            if len(step.dynamic) > 1:
                step.dynamic = tuple(sorted(step.dynamic, key=lambda e: e.node.best, reverse=True))
            step.step = _step_kind(step)

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


def _step_kind(node: _Node) -> int:
    if node.tails:
        return _BRANCHES
    if not node.dynamic:
        return _STATIC_ONLY
    if node.static is None and len(node.dynamic) == 1:
        return _ONE_EDGE
    return _BRANCHES


def _walk(
    node: _Node,
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


def _accept(edge: _Edge, segment: str) -> Any:
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


def _edge(node: _Node, segment: Segment, route: Route) -> _Edge:
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
    edge = _Edge(segment, route, key)
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
        left_out = {index for index, keep in zip(optional, present, strict=True) if not keep}
        yield [segment for index, segment in enumerate(segments) if index not in left_out]
