"""Route templates: ExpressJS-style templates parsed once (with ``repath``), as values.

A template is split into segments when it is registered; each is classified
so that the matcher can walk it segment by segment:

* ``STATIC``   -- plain text (``/store``);
* ``PARAM``    -- one whole segment captured (``/:id``, ``/:id(\\d+)``, ``/:id?``);
* ``PATTERN``  -- text and parameters sharing a segment (``/v:n(\\d+)``);
* ``TAIL``     -- a repeated parameter ending the template (``/:rest*``).

A template whose parameters may capture a ``/`` anywhere else (``:p(.*)``
in the middle, ``/:name.:ext`` whose ``.ext`` part may contain ``/``) is
matched with repath's own expression instead (``needs_regex``,
:mod:`navkit.routing.regexes`). What a template matches is what
``repath.pattern(template)`` matches (non-strict: one optional trailing
slash), applied to the semi-decoded path. The table ranks templates
(:meth:`Template.rank`) and refuses two that match the same paths
(:meth:`Template.signature`).

Constraints run on what visitors type, so they are compiled with RE2
(:mod:`navkit.routing.regexes`), whose time is linear in the text.
"""

from __future__ import annotations

import functools
import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import repath

from navkit.errors import RouteError
from navkit.routing.flask_style import flask_placeholders, flask_style_message
from navkit.routing.regexes import compile_regex, may_match_slash

__all__ = [
    "Param",
    "Part",
    "Segment",
    "SegmentKind",
    "Template",
    "check_not_flask_style",
    "parse_template",
]


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
            ones), the RE2 expression a whole segment must match.
        text: The text of a ``STATIC`` segment.
        param: The parameter of a ``PARAM`` or ``TAIL`` segment (else None).
    """

    kind: SegmentKind
    parts: tuple[Part, ...]
    regex: Any = None
    text: str = ""
    param: Param | None = None


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


def parse_template(source: str) -> Template:
    """Parse and check a template.

    Raises:
        RouteError: The template is malformed; the message names it and
            says what is wrong.
    """
    if not isinstance(source, str) or not source.startswith("/"):
        raise RouteError(f"route template {source!r} must start with '/'")
    check_not_flask_style(source)
    tokens = repath.parse(source)
    parts: list[Part] = []
    names: set[str] = set()
    for token in tokens:
        if isinstance(token, str):
            _check_static(source, token)
            parts.append(token)
            continue
        param = _param_from_token(source, token)
        if param.name in names:
            raise RouteError(f"route template {source!r} uses the parameter {param.name!r} twice")
        names.add(param.name)
        parts.append(param)
    segments = _split_segments(source, parts)
    last = len(segments) - 1
    needs_regex = any(
        (segment.kind is SegmentKind.PATTERN and segment.regex is None)
        or (segment.kind is SegmentKind.TAIL and index != last)
        for index, segment in enumerate(segments)
    )
    return Template(source, segments, needs_regex)


def check_not_flask_style(source: str) -> None:
    """Refuse a template written Flask's way (``/t/<int:x>``), naming the one to write.

    Raises:
        RouteError: ``source`` holds a ``<converter:name>`` placeholder
            outside a constraint; the message gives the ExpressJS spelling.
    """
    placeholders = flask_placeholders(source)
    if placeholders:
        raise RouteError(flask_style_message(source, placeholders))


_STATIC_PROBLEMS = re.compile(r"[?#%()*]|:(?!\w)|//")
_STATIC_WHY = {
    "?": "a query string does not belong in a template",
    "#": "a fragment does not belong in a template",
    "%": "templates are written decoded ('é', not '%C3%A9')",
    "(": "unbalanced '(' (a constraint is written ':name(regex)')",
    ")": "unbalanced ')' (a constraint is written ':name(regex)')",
    "*": "'*' must follow a named parameter (':rest*')",
    ":": "':' must be followed by a parameter name",
    "//": "has an empty segment ('//')",
}


def _check_static(source: str, text: str) -> None:
    problem = _STATIC_PROBLEMS.search(text)
    if problem is not None:
        raise RouteError(f"route template {source!r}: {_STATIC_WHY[problem.group()]}")


def _param_from_token(source: str, token: dict[str, Any]) -> Param:
    name = token["name"]
    if name.isdigit():
        raise RouteError(
            f"route template {source!r} has an unnamed parameter; name it, "
            f"as in ':rest*' or ':rest(.*)'"
        )
    if not name.isidentifier() or keyword.iskeyword(name):
        raise RouteError(
            f"route template {source!r}: parameter name {name!r} must be a Python identifier"
        )
    pattern = token["pattern"]
    default_pattern = f"[^{token['delimiter']}]+?"
    custom = pattern != default_pattern
    if custom:
        try:
            compile_regex(pattern)
        except ValueError as why:
            raise RouteError(
                f"route template {source!r}: the constraint of {name!r} is not a valid "
                f"regular expression ({why}); constraints are RE2 expressions, which run "
                f"in time linear in the address: no lookarounds, back references or "
                f"possessive quantifiers"
            ) from None
    return _param(name, token["prefix"], pattern, custom, token["optional"], token["repeat"])


@functools.lru_cache(maxsize=1024)
def _param(  # noqa: PLR0913 - the cache key: one shared value per distinct parameter
    name: str, prefix: str, pattern: str, custom: bool, optional: bool, repeat: bool
) -> Param:
    """One shared value per distinct parameter: tables repeat ``:id`` a lot."""
    return Param(name, prefix, pattern, custom, optional, repeat, may_match_slash(pattern))


def _split_segments(source: str, parts: list[Part]) -> tuple[Segment, ...]:
    raw: list[list[Part]] = [[]]
    for part in parts:
        if isinstance(part, Param):
            if part.prefix == "/":
                raw.append([part])
            else:
                raw[-1].append(part)
            continue
        pieces = part.split("/")
        if pieces[0]:
            raw[-1].append(pieces[0])
        raw.extend([piece] if piece else [] for piece in pieces[1:])
    if raw[0]:
        raise RouteError(f"route template {source!r} must start with '/'")
    body = raw[1:]
    if body and not body[-1]:
        body.pop()  # a trailing slash: non-strict matching ignores it
    if [] in body:
        raise RouteError(f"route template {source!r} has an empty segment ('//')")
    return tuple([_classify(segment) for segment in body])


def _classify(parts: list[Part]) -> Segment:
    params = [part for part in parts if isinstance(part, Param)]
    if not params:
        text = "".join(part for part in parts if isinstance(part, str))
        return Segment(SegmentKind.STATIC, (), None, text)
    if len(parts) == 1:
        return _single_param_segment(params[0])
    first = parts[0]
    walkable = not any(param.spans or param.repeat for param in params) and not (
        isinstance(first, Param) and first.optional
    )
    if not walkable:
        return Segment(SegmentKind.PATTERN, tuple(parts), None)
    return Segment(SegmentKind.PATTERN, tuple(parts), compile_regex(_segment_regex(parts)))


@functools.lru_cache(maxsize=1024)
def _single_param_segment(param: Param) -> Segment:
    """A segment that is one parameter; shared, like the parameter itself."""
    regex = compile_regex(param.pattern) if param.custom else None
    if param.repeat and not param.spans:
        return Segment(SegmentKind.TAIL, (param,), regex, param=param)
    if not param.spans:
        return Segment(SegmentKind.PARAM, (param,), regex, param=param)
    return Segment(SegmentKind.PATTERN, (param,), None)  # needs the full regex


def _segment_regex(parts: list[Part]) -> str:
    """The regex one segment must match in full, built as repath builds it."""
    pieces = []
    for index, part in enumerate(parts):
        if isinstance(part, str):
            pieces.append(re.escape(part))
            continue
        # A leading "/" prefix is the segment separator itself.
        prefix = "" if index == 0 and part.prefix == "/" else re.escape(part.prefix)
        group = f"{prefix}(?P<{part.name}>{part.pattern})"
        pieces.append(f"(?:{group})?" if part.optional else group)
    return "".join(pieces)
