"""Route templates: parse ExpressJS-style templates once, with ``repath``.

This is the only module that imports ``repath``. A template is parsed into
segments when it is registered (the values are in :mod:`navkit.routing.segments`);
each segment is classified so that the matcher can walk it segment by segment:

* ``STATIC``   -- plain text (``/store``);
* ``PARAM``    -- one whole segment captured (``/:id``, ``/:id(\\d+)``, ``/:id?``);
* ``PATTERN``  -- text and parameters sharing a segment (``/v:n(\\d+)``);
* ``TAIL``     -- a repeated parameter ending the template (``/:rest*``).

A template whose parameters may capture a ``/`` anywhere else (``:p(.*)``
in the middle, ``/:name.:ext`` whose ``.ext`` part may contain ``/``) is
matched with repath's own regular expression instead (``needs_regex``,
:func:`template_regexes`).

What a template matches is what ``repath.pattern(template)`` matches
(non-strict: one optional trailing slash), applied to the semi-decoded path.
"""

from __future__ import annotations

import functools
import itertools
import keyword
import re
from typing import Any

import repath

from navkit.errors import RouteError
from navkit.routing.backtracking import backtracking_risk, may_match
from navkit.routing.flask_style import flask_placeholders, flask_style_message
from navkit.routing.segments import Param, Part, Segment, SegmentKind, Template

__all__ = [
    "Param",
    "Segment",
    "SegmentKind",
    "Template",
    "check_not_flask_style",
    "parse_template",
    "prefix_regex",
    "template_regexes",
]


def template_regexes(template: Template) -> tuple[re.Pattern[str], ...]:
    """repath's regular expressions for a template, one per reading.

    The first is the template itself. Then, as in the segment walk, each
    way of leaving out optional whole-segment parameters (present first),
    so that a value a converter refuses can be read as absent.
    """
    tokens = repath.parse(template.source)
    optional = [
        index
        for index, token in enumerate(tokens)
        if isinstance(token, dict)
        and token["optional"]
        and token["prefix"] == "/"
        and not token["repeat"]
    ]
    regexes = []
    for keep in itertools.product((True, False), repeat=len(optional)):
        dropped = {index for index, kept in zip(optional, keep, strict=True) if not kept}
        variant = [token for index, token in enumerate(tokens) if index not in dropped]
        regexes.append(re.compile(repath.tokens_to_pattern(variant or ["/"])))
    return tuple(regexes)


def prefix_regex(source: str) -> re.Pattern[str]:
    """repath's expression for the paths under a template (a blueprint's prefix).

    ``/u/:user`` takes ``/u/ada`` and ``/u/ada/anything``, not ``/u`` or
    ``/users``; it runs on the semi-decoded path, as matching does.

    Raises:
        RouteError: ``source`` is not a valid template.
    """
    return re.compile(repath.pattern(parse_template(source).source, end=False))


def parse_template(source: str) -> Template:
    """Parse and check a template.

    Raises:
        RouteError: The template is malformed; the message names it and
            says what is wrong.
    """
    if not isinstance(source, str) or not source.startswith("/"):
        raise RouteError(f"route template {source!r} must start with '/'")
    check_not_flask_style(source)
    tokens = _tokens(source)
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
    needs_regex = False
    for index, segment in enumerate(segments):
        kind = segment.kind
        if (kind is SegmentKind.PATTERN and segment.regex is None) or (
            kind is SegmentKind.TAIL and index != last
        ):
            needs_regex = True
    custom = any(isinstance(part, Param) and part.custom for part in parts)
    if needs_regex or (custom and len(names) > 1):
        _check_backtracking(source)
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


def _check_backtracking(source: str) -> None:
    """Refuse a template whose whole expression could backtrack catastrophically.

    Each constraint was checked alone; side by side, parameters may still
    trade characters (``:a(\\d+):b(\\d+)``, ``:a*/:b*``). Templates the segment
    walk matches with repath's default patterns succeed or fail fast and
    are not refused (``:name.:ext``).
    """
    risk = backtracking_risk(repath.pattern(source))
    if risk is not None:
        raise RouteError(
            f"route template {source!r}: its parameters could backtrack "
            f"catastrophically on hostile addresses ({risk}); {_RISK_FIX}"
        )


# Every token of repath's grammar starts with one of these characters.
_TOKEN_STARTS = re.compile(r"[\\:(*]")


def _tokens(source: str) -> list[Any]:
    """repath's tokens for ``source`` (adjacent text may come as separate strings).

    Parsing costs more than the rest of a registration, so two shortcuts,
    both checked against ``repath.parse`` in tests/routing/test_templates.py:

    * text with no token-starting character is a single string token;
    * without ``(`` or ``\\``, no token can contain a ``/``, so each
      ``/``-piece parses alone -- and pieces such as ``/:id`` repeat across
      a table, so their tokens are cached.
    """
    if _TOKEN_STARTS.search(source) is None:
        return [source]
    if "(" in source or "\\" in source:
        return list(repath.parse(source))
    tokens: list[Any] = []
    for text in source[1:].split("/"):
        piece = "/" + text
        if _TOKEN_STARTS.search(piece) is None:
            tokens.append(piece)
        else:
            tokens.extend(_piece_tokens(piece))
    return tokens


@functools.lru_cache(maxsize=2048)
def _piece_tokens(piece: str) -> tuple[Any, ...]:
    # Callers only read the token dicts, so sharing them is safe.
    return tuple(repath.parse(piece))


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
            re.compile(pattern)
        except re.error as error:
            raise RouteError(
                f"route template {source!r}: the constraint of {name!r} is not a valid "
                f"regular expression ({error})"
            ) from None
        risk = backtracking_risk(pattern)
        if risk is not None:
            raise RouteError(
                f"route template {source!r}: the constraint of {name!r} could backtrack "
                f"catastrophically on hostile addresses ({risk}); {_RISK_FIX}"
            )
    return _param(name, token["prefix"], pattern, custom, token["optional"], token["repeat"])


_RISK_FIX = (
    "put a character between the parameters that neither can match, simplify the "
    "expression, or use possessive quantifiers ('\\d++', Python 3.11+), which never backtrack"
)


@functools.lru_cache(maxsize=1024)
def _param(
    name: str, prefix: str, pattern: str, custom: bool, optional: bool, repeat: bool
) -> Param:
    """One shared value per distinct parameter: tables repeat ``:id`` a lot."""
    return Param(name, prefix, pattern, custom, optional, repeat, _may_match_slash(pattern))


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
    return Segment(SegmentKind.PATTERN, tuple(parts), re.compile(_segment_regex(parts)))


@functools.lru_cache(maxsize=1024)
def _single_param_segment(param: Param) -> Segment:
    """A segment that is one parameter; shared, like the parameter itself."""
    regex = re.compile(param.pattern) if param.custom else None
    if param.repeat and not param.spans:
        return Segment(SegmentKind.TAIL, (param,), regex)
    if not param.spans:
        return Segment(SegmentKind.PARAM, (param,), regex)
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


@functools.lru_cache(maxsize=256)
def _may_match_slash(pattern: str) -> bool:
    """Whether a regex could consume a ``/`` (True when unsure).

    Cached: most templates use repath's default patterns, and parsing a
    regex costs more than the rest of a template's registration.
    """
    return may_match(pattern, "/")
