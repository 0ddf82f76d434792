"""Parsed route templates as values: parameters, segments, and how specific they are.

:func:`navkit.routing.templates.parse_template` makes them (with ``repath``);
the matcher walks their segments, ``url_for`` follows their parts, and the
table ranks them (:meth:`Template.rank`) and refuses two that match the same
paths (:meth:`Template.signature`). Nothing here parses text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

__all__ = ["Param", "Part", "Segment", "SegmentKind", "Template"]


class SegmentKind(Enum):
    """How the matcher treats a template segment.

    ``STATIC``: plain text (``/store``); ``PARAM``: one whole segment
    captured (``/:id``, ``/:id?``); ``PATTERN``: text and parameters sharing a
    segment (``/v:n(\\d+)``); ``TAIL``: a repeated parameter ending the
    template (``/:rest*``).
    """

    STATIC = "static"
    PARAM = "param"
    PATTERN = "pattern"
    TAIL = "tail"


# Per-segment scores for ranking: more specific scores higher. END marks
# "the template stops here", which beats any further (optional) segment.
SCORE_REPEAT = 0
SCORE_OPTIONAL = 1
SCORE_PLAIN = 2
SCORE_CONSTRAINED = 3
SCORE_STATIC = 4
SCORE_END = 5


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a template, as repath parsed it.

    Attributes:
        name: The parameter name (a Python identifier).
        prefix: ``"/"``, ``"."`` or ``""``: the text written before the value.
        pattern: The regex source a value must match (repath's default or
            the ``(...)`` constraint).
        custom: True when the template gave the pattern (``:id(\\d+)``).
        optional: ``:name?`` or ``:name*``.
        repeat: ``:name+`` or ``:name*``.
        spans: The pattern may match ``/`` (the value may cross segments).
    """

    name: str
    prefix: str
    pattern: str
    custom: bool
    optional: bool
    repeat: bool
    spans: bool

    @property
    def plain(self) -> bool:
        """A single-segment parameter with repath's default pattern."""
        return not (self.custom or self.repeat or self.spans)

    @property
    def multi_segment(self) -> bool:
        """True when the value may hold several path segments."""
        return self.repeat or self.spans


Part = str | Param


@dataclass(frozen=True, slots=True)
class Segment:
    """One ``/``-separated piece of a template.

    Attributes:
        kind: How the matcher treats it.
        parts: Static text and parameters, in order (empty for ``STATIC``).
        regex: For ``PATTERN`` segments (and constrained ``PARAM``/``TAIL``
            ones), the compiled expression a whole segment must match.
    """

    kind: SegmentKind
    parts: tuple[Part, ...]
    regex: re.Pattern[str] | None = None
    text: str = ""  # the text of a STATIC segment

    @property
    def param(self) -> Param:
        """The parameter of a ``PARAM`` or ``TAIL`` segment."""
        part = self.parts[0]
        if not isinstance(part, Param):  # pragma: no cover - only called on PARAM/TAIL
            raise TypeError(f"{self.kind} segment has no single parameter")
        return part


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed route template.

    Attributes:
        source: The template as written.
        segments: The template split at ``/`` (trailing slash dropped).
        needs_regex: True when the segment walk cannot match it.
    """

    source: str
    segments: tuple[Segment, ...]
    needs_regex: bool

    @property
    def params(self) -> tuple[Param, ...]:
        """The parameters, in order."""
        return tuple([part for s in self.segments for part in s.parts if isinstance(part, Param)])

    @property
    def has_optional_segment(self) -> bool:
        """True when a whole segment is an optional parameter (``/:id?``)."""
        for segment in self.segments:
            if segment.kind is SegmentKind.PARAM and segment.param.optional:
                return True
        return False

    @property
    def param_names(self) -> tuple[str, ...]:
        """The parameter names, in order."""
        return tuple(param.name for param in self.params)

    @property
    def parts(self) -> tuple[Part, ...]:
        """Static text and parameters in order: the recipe for building a path.

        A parameter whose prefix is ``/`` carries its own separator, so an
        optional one left out takes its ``/`` with it.
        """
        parts: list[Part] = []
        for segment in self.segments:
            if segment.kind is SegmentKind.STATIC:
                parts.append("/" + segment.text)
                continue
            first = segment.parts[0]
            if not (isinstance(first, Param) and first.prefix == "/"):
                parts.append("/")
            parts.extend(segment.parts)
        return tuple(parts)

    @property
    def is_static(self) -> bool:
        """True when the template has no parameters."""
        return all(segment.kind is SegmentKind.STATIC for segment in self.segments)

    @property
    def static_key(self) -> str:
        """The semi-decoded path of a static template (``/a/b``)."""
        return "/" + "/".join(segment.text for segment in self.segments)

    def rank(self, converters: Mapping[str, Any]) -> tuple[int, ...]:
        """Score the template segment by segment; a larger tuple is more specific.

        Args:
            converters: Converter per parameter; a ``constrained`` one (a
                typed converter) ranks above a plain string.
        """
        scores = [_segment_score(segment, converters) for segment in self.segments]
        scores.append(SCORE_END)
        return tuple(scores)

    def signature(self, converters: Mapping[str, Any]) -> str:
        """A text equal for two templates that match exactly the same paths.

        Parameter names are left out: ``/u/:id`` and ``/u/:name`` collide.
        One string rather than nested tuples: a large table keeps one per route.
        """
        if self.is_static:
            return self.static_key
        pieces = []
        for segment in self.segments:
            if segment.kind is SegmentKind.STATIC:
                pieces.append("s" + segment.text)
                continue
            for part in segment.parts:
                if isinstance(part, str):
                    pieces.append("t" + part)
                else:
                    pieces.append(
                        f"p{part.prefix}\x1f{part.pattern}\x1f{part.optional:d}"
                        f"{part.repeat:d}\x1f{converters[part.name]!r}"
                    )
            pieces.append("/")
        return "\x1e".join(pieces)


def _segment_score(segment: Segment, converters: Mapping[str, Any]) -> int:
    if segment.kind is SegmentKind.STATIC:
        return SCORE_STATIC
    params = [part for part in segment.parts if isinstance(part, Param)]
    if any(param.repeat or param.spans for param in params):
        return SCORE_REPEAT
    if any(param.optional for param in params):
        return SCORE_OPTIONAL
    if len(segment.parts) > 1:
        return SCORE_CONSTRAINED  # static text or a second parameter narrows it
    param = params[0]
    constrained = param.custom or converters[param.name].constrained
    return SCORE_CONSTRAINED if constrained else SCORE_PLAIN
