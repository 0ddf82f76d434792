"""Regular expressions for templates, compiled with RE2.

Constraints (``/t/:code(\\d+)``) run on text any visitor types. Python's
``re`` backtracks: ``\\d+\\d+`` takes minutes on an 8 KB segment, and
``(a+)+`` hours. RE2 runs in time linear in the text whatever the
expression, so every constraint is accepted that RE2 can run; what it
cannot (lookarounds, back references, possessive quantifiers) is refused
when the route is registered.

Where RE2 has no wheel (Pyodide, iOS, Android: the dependency is left out
there by its environment marker), Python's ``re`` runs the same
expressions, and ``Router(max_path_length=...)`` is what bounds a
backtracking constraint's cost.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any

import repath

try:
    import re2  # type: ignore[import-untyped]
except ImportError:  # tests/routing/test_regexes.py hides it
    re2 = None

__all__ = ["compile_regex", "may_match_slash", "prefix_regex", "template_regexes"]


def template_regexes(source: str) -> tuple[Any, ...]:
    """repath's regular expressions for a parsed template, one per reading.

    The first is the template itself. Then, as in the segment walk, each
    way of leaving out optional whole-segment parameters (present first),
    so that a value a converter refuses can be read as absent.
    """
    tokens = repath.parse(source)
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
        regexes.append(_repath_regex(repath.tokens_to_pattern(variant or ["/"])))
    return tuple(regexes)


def prefix_regex(source: str) -> Any:
    """repath's expression for the paths under a template (a blueprint's prefix).

    ``/u/:user`` takes ``/u/ada`` and ``/u/ada/anything``, not ``/u`` or
    ``/users``; it runs on the semi-decoded path, as matching does.
    ``source`` is a template :func:`~navkit.routing.templates.parse_template` took.
    """
    return _repath_regex(repath.pattern(source, end=False))


def _repath_regex(pattern: str) -> Any:
    """repath's expression for RE2, which has no lookahead.

    Its non-strict ending ``(?:/(?=$))?`` then ``$`` (whole path) or
    ``(?=/|$)`` (a prefix) becomes ``/?$`` or ``(?:/|$)``: the same paths;
    a prefix's match ends one character later when a ``/`` follows it,
    which keeps the order of prefix lengths.
    """
    pattern = pattern.replace("(?:/(?=$))?(?=/|$)", "(?:/|$)")
    return compile_regex(pattern.replace("(?:/(?=$))?$", "/?$"))


# Python's ``\d``, ``\w`` and ``\s`` match Unicode; RE2's only ASCII, so
# they are written out as Python reads them.
_UNICODE = {"d": r"\p{Nd}", "w": r"\p{L}\p{N}_", "s": r"\s\x0b\x1c-\x1f\x85\p{Z}"}
if re2 is not None:
    _OPTIONS = re2.Options()
    _OPTIONS.log_errors = False
# One atom of an expression: an escape, a character class, or a character.
_ATOM = re.compile(r"\\(?:[pP]\{[^}]*\}|x\{[^}]*\}|.)|\[\^?\]?(?:\[:\w+:\]|\\.|[^\]])*\]|.", re.S)
_CLASS_ESCAPE = re.compile(r"\\(?:([dws])|.)")


def _re2_atom(atom: str) -> str:
    if atom[:1] == "[":  # \d in a class: its Unicode members (\D there stays ASCII)
        return _CLASS_ESCAPE.sub(lambda m: _UNICODE[m[1]] if m[1] else m[0], atom)
    if atom[:1] == "\\" and atom[1:].lower() in _UNICODE:
        return f"[{'^' if atom[1:].isupper() else ''}{_UNICODE[atom[1:].lower()]}]"
    return atom


@functools.lru_cache(maxsize=1024)
def compile_regex(pattern: str) -> Any:
    """``pattern`` (Python's syntax) compiled with RE2; shared per pattern.

    Raises:
        ValueError: RE2 cannot run it (lookarounds, back references...).
    """
    if re2 is None:
        try:
            return re.compile(pattern)
        except re.error as error:
            raise ValueError(str(error)) from None
    try:
        return re2.compile("".join(map(_re2_atom, _ATOM.findall(pattern))), options=_OPTIONS)
    except re2.error as error:
        why = error.args[0] if error.args else error
        raise ValueError(why.decode() if isinstance(why, bytes) else str(why)) from None


@functools.lru_cache(maxsize=256)
def may_match_slash(pattern: str) -> bool:
    """Whether a constraint could consume a ``/`` (True when unsure)."""
    try:
        compile_regex(pattern)
        atoms = [atom for atom in _ATOM.findall(pattern) if atom[:1] in "[\\./"]
        return any(atom in "./" or compile_regex(atom).fullmatch("/") for atom in atoms)
    except ValueError:
        return True
