"""Build addresses from an endpoint's values (the ``url_for`` side).

Each value is converted back to text by its converter and percent-encoded as
one segment, so a value can never inject ``/``, ``?``, ``#`` or a dot
segment. Values the template does not use become the query string.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any
from urllib.parse import quote, urlencode

from navkit.errors import BuildError
from navkit.routing.converters import (
    Converter,
    ConverterRegistry,
    ListConverter,
)
from navkit.routing.location import CONTROL_CHARACTERS, semi_decode_path, unescape
from navkit.routing.regexes import template_regexes
from navkit.routing.routes import Route
from navkit.routing.templates import Param, SegmentKind

__all__ = ["Builder", "builders_for", "choose_builder", "encode_query", "missing_value"]

_SAFE_TEXT = re.compile(r"[A-Za-z0-9_~-]+")  # needs no encoding, cannot be a dot segment
_MISSING = object()


class Builder:
    """Builds the path of one route from values (compiled once per route)."""

    __slots__ = ("_params", "_reading", "_recipe", "_route", "_uses", "simple")

    def __init__(self, route: Route) -> None:
        self._route = route
        self._params = {param.name: param for param in route.template.params}
        # Static text is encoded once here; parameters become (param, converter).
        self._recipe: tuple[str | tuple[Param, Converter], ...] = tuple(
            quote(part, safe="/") if isinstance(part, str) else (part, route.converters[part.name])
            for part in route.template.parts
        )
        self._uses = frozenset(self._params) | frozenset(route.defaults)
        # No defaults to weigh: the only template of an endpoint needs no choosing.
        self.simple = not route.defaults
        # Where parameters share a segment (``/:name.:ext``) or may span
        # segments, a value may hold the text the next one starts at: the
        # built path is read back with the template's own expression.
        # Every reading the matcher tries, in its order (see matcher.match).
        self._reading = template_regexes(route.template.source) if _may_misread(route) else None

    @property
    def route(self) -> Route:
        """The route this builder builds."""
        return self._route

    def suitability(self, values: Mapping[str, Any]) -> tuple[int, int] | None:
        """How well ``values`` fit this route, or None if they cannot.

        A route whose ``defaults`` disagree with a value cannot be used;
        one missing a required parameter neither. Among the rest, prefer
        the one whose defaults the values confirm (Flask's rule), then the
        one that puts more values in the path.
        """
        defaults = self._route.defaults
        confirmed = 0
        for name, default in defaults.items():
            value = values.get(name, _MISSING)
            if value is _MISSING:
                continue
            if value != default:
                return None
            confirmed += 1
        if self.missing(values):
            return None
        used = sum(1 for name in self._params if values.get(name) is not None)
        return confirmed, used

    def missing(self, values: Mapping[str, Any]) -> list[str]:
        """Required parameters ``values`` lacks."""
        return [
            name
            for name, param in self._params.items()
            if values.get(name) is None and not param.optional and name not in self._route.defaults
        ]

    def build(self, values: Mapping[str, Any], registry: ConverterRegistry) -> str:
        """The address for ``values``: path, then query for the unused values.

        Raises:
            BuildError: A required value is missing, a value does not
                convert, fails the parameter's constraint, is a dot segment,
                or would be read back as another value (``/:name.:ext`` with
                ``ext="tar.gz"``).
        """
        defaults = self._route.defaults
        path: list[str] = []
        # The semi-decoded text of each value written, when it is read back.
        written: dict[str, str] | None = None if self._reading is None else {}
        for part in self._recipe:
            if isinstance(part, str):
                path.append(part)
                continue
            param, converter = part
            value = values.get(param.name)
            if value is None and defaults:
                value = defaults.get(param.name)
            if value is None:
                if param.optional:
                    continue  # left out, with its prefix
                raise missing_value(self._route, param.name, values)
            encoded = self._encode(param, converter, value, written)
            if encoded is not None:
                path.append(param.prefix)
                path.append(encoded)
        text = "".join(path) or "/"
        if written is not None:
            self._check_reading(text, written)
        uses = self._uses
        if not uses.issuperset(values):
            extra = [(name, value) for name, value in values.items() if name not in uses]
            query = encode_query(extra, self._route, registry)
            if query:
                text += "?" + query
        return text

    def _encode(  # noqa: PLR0912 - one rule per kind of value (empty, list, optional, text)
        self, param: Param, converter: Converter, value: Any, written: dict[str, str] | None
    ) -> str | None:
        """The encoded text of one value; None: an optional parameter left out."""
        if value == "" or (isinstance(value, (list, tuple)) and not value):
            if param.optional:
                # What matching gives for an absent optional value (``/files``
                # for ``/files/:path*`` with ``path: str = ""``): left out.
                return None
            if written is not None and param.custom and re.fullmatch(param.pattern, ""):
                # A constraint that takes nothing (``/:rest(.*)`` at ``/``); the
                # whole path is read back, so it is written only if it reads so.
                written[param.name] = ""
                return ""
        try:
            text = converter.to_url(value)
        except (ValueError, TypeError) as error:
            raise self._error(param, f"cannot be {value!r} ({error})") from None
        if not text and param.optional:
            return None
        try:
            # Only what the converter itself reads back may be written:
            # int(10**80) is an int, but not one an address can hold.
            converter.to_python(text)
        except ValueError as error:
            why = f"cannot be {value!r}: it would not be read back ({error})"
            raise self._error(param, why) from None
        if written is not None:
            written[param.name] = _semi(text, converter)
        if not param.custom and _SAFE_TEXT.fullmatch(text):
            return text  # nothing to encode; cannot be a dot segment or hold a "/"
        if converter.multi_segment:
            pieces = [unescape(piece) for piece in text.split("/")]
        else:
            pieces = [text]
        for piece in pieces:
            if piece in ("", ".", ".."):
                raise self._error(param, f"cannot be {piece!r}: a browser would drop the segment")
            if CONTROL_CHARACTERS.search(piece):
                raise self._error(param, "cannot contain control characters")
        if param.custom:
            semi = _semi(text, converter)
            checks = semi.split("/") if param.repeat else [semi]
            pattern = re.compile(param.pattern)
            if not all(pattern.fullmatch(check) for check in checks):
                raise self._error(param, f"{value!r} does not match its constraint {param.pattern}")
        try:
            return "/".join(
                piece if _SAFE_TEXT.fullmatch(piece) else quote(piece, safe="") for piece in pieces
            )
        except UnicodeEncodeError:
            raise self._error(param, f"{value!r} is not valid Unicode text") from None

    def _check_reading(self, path: str, written: Mapping[str, str]) -> None:
        """Refuse ``path`` unless the template reads back exactly the values written."""
        read = self._read_back(semi_decode_path(path))
        names = self._params
        if read is not None and all(read.get(name) == written.get(name) for name in names):
            return
        if read is None:
            how = "it would not match at all"
        else:
            how = "it would give " + ", ".join(
                f"{name}={unescape(text)!r}" for name, text in read.items() if text is not None
            )
        route = self._route
        raise BuildError(
            f"url_for({route.endpoint!r}): the address {path!r} would be read back "
            f"differently by {route.template.source!r} ({how}); a value holds the text "
            f"that separates it from its neighbour. Choose other values, or give each "
            f"parameter its own segment.",
            endpoint=route.endpoint,
        )

    def _read_back(self, semi: str | None) -> dict[str, str | None] | None:
        """The texts the matcher reads from ``semi``: its first reading whose values
        the converters take (an optional value a converter refuses reads as absent)."""
        if not semi or self._reading is None:
            return None
        for regex in self._reading:
            hit = regex.match(semi)
            groups: dict[str, str | None] = {} if hit is None else hit.groupdict()
            if hit is not None and self._route.convert_groups(groups) is not None:
                return groups
        return None

    def _error(self, param: Param, why: str) -> BuildError:
        return BuildError(
            f"url_for({self._route.endpoint!r}): the parameter {param.name!r} of "
            f"{self._route.template.source!r} {why}.",
            endpoint=self._route.endpoint,
        )


def _may_misread(route: Route) -> bool:
    """Whether a value may change how the template reads the others back.

    A value alone in its segment is cut out by the ``/`` around it, and its
    constraint is checked; values sharing a segment, or one that may span
    segments in the middle of a template, are cut where the expression
    decides.
    """
    template = route.template
    return template.needs_regex or any(
        segment.kind is SegmentKind.PATTERN for segment in template.segments
    )


def _semi(text: str, converter: Converter) -> str:
    """The semi-decoded form of a converter's text (see navkit.routing.location)."""
    if converter.multi_segment:
        return text  # already semi-decoded
    return text.replace("%", "%25").replace("/", "%2F")


def builders_for(
    endpoint: str, routes: tuple[Route, ...] | None, endpoints: Collection[str]
) -> list[Builder]:
    """One builder per route of ``endpoint``.

    Raises:
        BuildError: No such endpoint (``routes`` is None); it suggests the
            closest of ``endpoints``.
    """
    if routes is None:
        close = difflib.get_close_matches(endpoint, endpoints, n=1)
        raise BuildError(
            f"url_for: no endpoint {endpoint!r}.",
            endpoint=endpoint,
            suggestion=close[0] if close else None,
        )
    return [Builder(route) for route in routes]


def choose_builder(endpoint: str, builders: list[Builder], values: Mapping[str, Any]) -> Builder:
    """The builder that fits ``values`` best (see :meth:`Builder.suitability`).

    Raises:
        BuildError: No builder fits: a value is missing, or the values
            contradict the defaults of every template of the endpoint.
    """
    best: Builder | None = None
    best_fit: tuple[int, int] | None = None
    for builder in builders:
        fit = builder.suitability(values)
        if fit is not None and (best_fit is None or fit > best_fit):
            best, best_fit = builder, fit
    if best is not None:
        return best
    missing = builders[0].missing(values)
    if missing:
        raise missing_value(builders[0].route, missing[0], values)
    raise BuildError(
        f"url_for({endpoint!r}): the values {dict(values)!r} contradict the defaults of "
        f"every template of this endpoint.",
        endpoint=endpoint,
    )


def missing_value(route: Route, name: str, values: Mapping[str, Any]) -> BuildError:
    """The error for a required value not given, suggesting a close key that was."""
    close = difflib.get_close_matches(name, list(values), n=1)
    return BuildError(
        f"url_for({route.endpoint!r}) needs a value for {name!r} "
        f"(template {route.template.source!r}).",
        endpoint=route.endpoint,
        suggestion=close[0] if close else None,
    )


# Like Werkzeug, "/", ":", "@" and "," stay as they are in query values:
# RFC 3986 allows them, and Flet's web client shows the query decoded in the
# address bar, so "next=/account" is what a reload sends back.
QUERY_SAFE = "/:@,"


def encode_query(
    pairs: Iterable[tuple[str, Any]], route: Route | None, registry: ConverterRegistry
) -> str:
    """Encode values as a query string; lists become repeated keys, None is left out.

    None is left out inside a list or tuple too (``[1, None, 2]`` gives
    ``k=1&k=2``), so a list with nothing else in it writes no key at all,
    as an empty one does.
    """
    declared: dict[str, Converter] = {}
    if route is not None:
        declared = {param.name: param.converter for param in route.query}
        model = route.query_model
        if model is not None:
            declared.update((field.name, field.converter) for field in model.fields)
            pairs = model.written(pairs)
    encoded: list[tuple[str, str]] = []
    for name, value in pairs:
        if value is None:
            continue
        converter = declared.get(name)
        if isinstance(converter, ListConverter):
            converter = converter.item
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if item is None:
                # Written, it would be the text "None", which a view that
                # declares list[int] refuses with a 400.
                continue
            encoded.append((name, _query_text(item, converter, registry)))
    return urlencode(encoded, safe=QUERY_SAFE)


def _query_text(value: Any, converter: Converter | None, registry: ConverterRegistry) -> str:
    if converter is None:
        try:
            converter = registry.resolve(type(value))
        except LookupError:
            return str(value)
    try:
        return converter.to_url(value)
    except (ValueError, TypeError):
        return str(value)
