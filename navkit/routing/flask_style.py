"""Flask-style placeholders (``/t/<int:x>``): spot them, and spell them ExpressJS's way.

repath reads ``/users/<name>`` as literal text and ``/t/<int:x>`` as the text
``<int``, a parameter ``x`` and ``>``: a route that never matches what its
author meant, with no error. A ``<`` followed by a name and ``>`` in a path
is almost certainly such a mistake (a browser sends ``<`` encoded as ``%3C``
anyway), so templates holding one are refused, with the template to write
instead. A ``<`` anywhere else (``/a<b``) and ``<...>`` inside a ``(...)``
constraint (``(?P<x>...)``) are left alone.

One pass over the template, and only when it holds a ``<``: each attempt
of :data:`_SCAN` at a ``<`` stops before the next ``<``, so the scan is
linear in the template's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FlaskPlaceholder", "flask_placeholders", "flask_style_message"]

# Werkzeug's placeholder grammar (``<converter(arguments):name>``, names
# ASCII identifiers), beside escapes and parentheses, so that placeholders
# inside a constraint are told apart in the same pass.
_WORD = "[A-Za-z_][A-Za-z0-9_]*"
_SCAN = re.compile(
    rf"\\.|[()]|<(?P<first>{_WORD})"
    rf"(?:\((?P<args>[^()<>]*)\):(?P<name>{_WORD})|:(?P<plain>{_WORD}))?>",
    re.DOTALL,
)

# Werkzeug's converters: the annotation (or converters= value) giving the same values.
_ANNOTATIONS = {"int": "int", "float": "float", "uuid": "uuid.UUID"}
_TEXT = frozenset({"default", "string"})
_KNOWN = frozenset({*_ANNOTATIONS, *_TEXT, "path", "any"})


@dataclass(frozen=True, slots=True)
class FlaskPlaceholder:
    """One ``<converter(args):name>`` found in a template.

    Attributes:
        text: The placeholder as written (``<int:x>``).
        start: Its offset in the template.
        converter: Werkzeug's converter name (``"default"`` when none is written).
        args: The converter's arguments as written ("" when none).
        name: The variable name.
    """

    text: str
    start: int
    converter: str
    args: str
    name: str


def flask_placeholders(source: str) -> list[FlaskPlaceholder]:
    """The Flask-style placeholders of ``source`` outside constraints (often none)."""
    if "<" not in source:
        return []
    found: list[FlaskPlaceholder] = []
    depth = 0
    for hit in _SCAN.finditer(source):
        text = hit.group()
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(depth - 1, 0)
        elif text[0] == "<" and depth == 0:
            first = hit.group("first")
            name = hit.group("name") or hit.group("plain")
            converter, name = (first, name) if name else ("default", first)
            args = hit.group("args") or ""
            found.append(FlaskPlaceholder(text, hit.start(), converter, args, name))
    return found


def flask_style_message(source: str, placeholders: list[FlaskPlaceholder]) -> str:
    """What to tell the author of a template holding Flask-style ``placeholders``."""
    pieces: list[str] = []
    annotations: list[tuple[str, str]] = []
    notes: list[str] = []
    end = 0
    for placeholder in placeholders:
        pieces.append(source[end : placeholder.start])
        end = placeholder.start + len(placeholder.text)
        before = source[placeholder.start - 1 : placeholder.start]
        pieces.append(_express(placeholder, before, source[end : end + 1], notes))
        annotation = _annotation(placeholder)
        if annotation is not None:
            annotations.append((placeholder.name, annotation))
        elif placeholder.converter not in _KNOWN:
            notes.append(
                f"for {placeholder.text!r}, register your {placeholder.converter!r} converter "
                f"with router.add_converter(SomeType, converter) and annotate "
                f"{placeholder.name!r} with SomeType (or pass "
                f"converters={{{placeholder.name!r}: converter}})"
            )
        if placeholder.args and placeholder.converter != "any":
            notes.append(
                f"the arguments of {placeholder.text!r} have no template spelling: "
                f"check the value in the view (or give a constraint, ':{placeholder.name}(regex)')"
            )
    pieces.append(source[end:])
    suggestion = "".join(pieces)
    written = ", ".join(repr(placeholder.text) for placeholder in placeholders)
    message = (
        f"route template {source!r} uses Flask's placeholder syntax ({written}); navkit "
        f"templates are ExpressJS-style: use {suggestion!r}"
    )
    if annotations:
        hints = ", ".join(f"{name}: {annotation}" for name, annotation in annotations)
        given = ", ".join(f"{name!r}: {annotation}" for name, annotation in annotations)
        plural = "s" if len(annotations) > 1 else ""
        message += f" with the annotation{plural} {hints} (or converters={{{given}}})"
    return "; ".join([message, *notes])


def _express(placeholder: FlaskPlaceholder, before: str, following: str, notes: list[str]) -> str:
    """The ExpressJS spelling of one placeholder, given the characters around it."""
    name = placeholder.name
    if placeholder.converter == "path":
        if before != "/" or following not in ("", "/"):
            return f":{name}(.+)"  # within a segment: any text, slashes too
        notes.append(f"':{name}+' takes one segment or more, ':{name}*' none or more")
        return f":{name}+"
    if following and (following.isalnum() or following == "_"):
        # ``:name`` would swallow the letters after it into the name.
        return f":{name}([^/]+?)"
    return f":{name}"


def _annotation(placeholder: FlaskPlaceholder) -> str | None:
    converter = placeholder.converter
    if converter in _TEXT or converter == "path":
        return None
    if converter == "any":
        choices = [choice.strip().strip("'\"") for choice in placeholder.args.split(",")]
        return "Literal[" + ", ".join(repr(choice) for choice in choices if choice) + "]"
    return _ANNOTATIONS.get(converter)
