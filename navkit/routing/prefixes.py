"""Which prefixes of a path could a route match: bounded work on deep paths.

The stack of a path is built on its longest matching prefix (see
:mod:`navkit.navigation.stack`). Trying every prefix of a path of ``n``
segments, each a full match, costs ``n**2``; this module names the few
lengths worth trying, so that the work stays proportional to the path:

* a route whose values each take one segment takes at most as many
  segments as its template has: no longer prefix is tried for it;
* a route ending in a repeated parameter (``/docs/:path*``) takes every
  segment its parameter accepts, one by one; the first it refuses ends its
  reach, and only that longest prefix is tried for it;
* a route whose value spans segments mid-template (``/:rest(.*)/edit``,
  matched by regex) could end anywhere: the :data:`OPEN_TRIALS` longest
  prefixes are tried for it, no more.

A segment that does not decode (``%zz``, a control character) ends every
route's reach: no prefix holding it matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from navkit.routing.converters import Converter, ListConverter, PathConverter
from navkit.routing.location import semi_decode_path, unescape
from navkit.routing.routes import Route
from navkit.routing.templates import SegmentKind

__all__ = ["OPEN_TRIALS", "PrefixReach"]

# Prefixes tried for routes whose value spans segments mid-template. Each try
# costs the length of the path, so this keeps the work linear; a stack deeper
# than this below such a route loses the levels in between (hostile input).
OPEN_TRIALS = 8


@dataclass(frozen=True, slots=True)
class _Tail:
    """A route ending in a repeated parameter, as far as its reach goes."""

    head: tuple[str | None, ...]  # static texts of the segments before it; None: a parameter
    minimum: int  # segments the repeated parameter needs (0 for ``:p*``)
    accepts: Callable[[str], bool]  # whether it takes one semi-decoded segment

    def reach(self, segments: Sequence[str]) -> int | None:
        """The most of ``segments`` this route could take, or None if none.

        It takes every prefix from its head to there: its parameter takes
        segments one by one.
        """
        head = len(self.head)
        if len(segments) < head + self.minimum:
            return None
        for text, segment in zip(self.head, segments, strict=False):
            if text is not None and text != segment:
                return None
        end = head
        while end < len(segments) and self.accepts(segments[end]):
            end += 1
        return end if end - head >= self.minimum else None


class PrefixReach:
    """What a table knows about how many segments its routes take."""

    def __init__(self) -> None:
        self.max_segments = 0  # the most segments a route of single-segment values takes
        self._tails: list[_Tail] = []
        self._open = False  # some value spans segments mid-template
        self._usual = True  # neither: the bound is max_segments alone

    def add(self, route: Route) -> None:
        """Take ``route`` into account."""
        template = route.template
        segments = template.segments
        if not any(param.multi_segment for param in template.params):
            self.max_segments = max(self.max_segments, len(segments))
            return
        self._usual = False
        tail = _tail(route)
        if tail is None:
            self._open = True
        else:
            self._tails.append(tail)

    def lengths(self, segments: Sequence[str]) -> Sequence[int]:
        """The lengths of a path's proper prefixes worth trying, longest first.

        Args:
            segments: The path's non-empty segments, still percent-encoded.

        Returns:
            Lengths below ``len(segments)``; a length left out is one no route
            matches (but see :data:`OPEN_TRIALS`).
        """
        longest = len(segments) - 1
        if self._usual:  # asked on every level of every stack: kept cheap
            return range(longest if longest < self.max_segments else self.max_segments, -1, -1)
        if longest < 0:
            return ()  # the root has no proper prefix
        found = set(range(min(longest, self.max_segments) + 1))
        decoded = _decoded(segments[:longest])
        longest = len(decoded)
        found = {length for length in found if length <= longest}
        for tail in self._tails:
            # It takes every prefix from its head to its reach.
            reach = tail.reach(decoded)
            if reach is not None:
                found.add(reach)
        if self._open:
            found.update(range(longest, max(longest - OPEN_TRIALS, -1), -1))
        return sorted(found, reverse=True)


def _tail(route: Route) -> _Tail | None:
    """The reach of a route ending in a repeated parameter (None: not one it can tell)."""
    *head, last = route.template.segments
    param = last.param
    if route.template.needs_regex or param is None or last.kind is not SegmentKind.TAIL:
        return None  # a value spans segments mid-template
    if any(segment.param is not None and segment.param.optional for segment in head):
        return None  # the head's length varies: the tail may start anywhere
    accepts = _segment_check(route.converters[param.name], last.regex)
    if accepts is None:
        return None
    texts = tuple(segment.text if segment.kind is SegmentKind.STATIC else None for segment in head)
    return _Tail(texts, 0 if param.optional else 1, accepts)


def _segment_check(converter: Converter, regex: Any) -> Callable[[str], bool] | None:
    """Whether a repeated parameter takes one more segment (None: only its converter knows).

    Its converter must decide segment by segment too: a path takes any text,
    a list any its item converter takes.
    """
    item: Converter | None = None
    if isinstance(converter, ListConverter):
        item = converter.item
    elif not isinstance(converter, PathConverter):
        return None

    def accepts(segment: str) -> bool:
        if regex is not None and regex.fullmatch(segment) is None:
            return False
        if item is not None:
            try:
                item.to_python(unescape(segment))
            except ValueError:
                return False
        return True

    return accepts


def _decoded(segments: Sequence[str]) -> list[str]:
    """The semi-decoded segments, up to the first that does not decode."""
    decoded: list[str] = []
    for segment in segments:
        semi = semi_decode_path("/" + segment)
        if semi is None:
            break
        decoded.append(semi[1:])
    return decoded
