"""Spotting regex constraints that could backtrack catastrophically.

Python's ``re`` backtracks: ``(a+)+`` takes exponential time on
``"aaaa…!"`` and ``[a-z]+[a-z]*[a-z]+`` cubic time (minutes on 8 KB). A
constraint in a route template (``/t/:code(…)``) runs on text any visitor
types, so navkit refuses such constraints when the route is registered
(see :func:`backtracking_risk`). The test is conservative: it looks at the
shape of the expression, not at every input, and may refuse a harmless
one; possessive quantifiers (``a++``) and atomic groups (``(?>…)``), which
never backtrack, are always accepted (Python 3.11+).

Two shapes are refused:

* a repeated group holding a variable-length part (a repeat or an
  alternation) with no delimiter -- a character that starts or ends every
  repetition and that nothing else in the group can match. ``(a+)+``,
  ``(\\d{1,3})+`` and ``(a|ab)*`` are refused; ``[a-z]+(?:-[a-z]+)*`` is
  accepted, since every repetition starts with ``-``;
* two unbounded repeats in a row that can match the same characters,
  unless a mandatory character between them is one that either repeat
  cannot match: ``\\d+\\d+`` and ``.*x.*`` are refused; ``\\w+\\.\\w+`` and
  repath's own ``[^/]+?\\.[^.]+?`` (``:name.:ext``) are accepted;
* bounded repeats in a row that can match the same characters, when their
  bounds allow too many ways to share a text among them:
  ``\\d{1,3000}\\d{1,3000}\\d{1,3000}`` (5 s on 1.2 KB) is refused;
  ``\\d{1,3}\\d{1,3}``, ``\\d{1,3}-\\d{1,3}`` and ``[a-z]{2}\\d{2}`` are accepted.

Templates are checked whole too (:func:`navkit.routing.templates.parse_template`),
since two parameters side by side may trade characters. Whatever is left
runs on at most ``Router(max_path_length=...)`` characters.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["backtracking_risk", "may_match"]

# Python's regex parser lives in re._parser since 3.11 and sre_parse before.
try:
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    _parser = importlib.import_module("sre_parse")
_UNBOUNDED = int(_parser.MAXREPEAT)

# Characters that stand for every class: ASCII, and a few beyond it for the
# Unicode categories (\d matches Arabic digits, \w Cyrillic, \s NBSP).
_ALPHABET = frozenset(
    [chr(code) for code in range(128)] + ["é", "ß", "Ж", "中", "٣", "\u00a0", "\u2028", "\uffff"]
)
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT"}  # POSSESSIVE_REPEAT never backtracks
# Ways a run of bounded repeats may share a text: at most this many (a few
# milliseconds of matching), or this many per character when an unbounded
# repeat is in the run too.
_MAX_SPLITS = 10_000
_UNBOUNDED_SPLITS = 100


def backtracking_risk(pattern: str) -> str | None:
    """Why ``pattern`` could backtrack catastrophically, or None when it cannot.

    Args:
        pattern: A regular expression (``re`` syntax) that compiles.
    """
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # not ours to judge: re.compile reports it
        return None
    alphabet = _ALPHABET | frozenset(pattern)  # its own literals among them
    return _Analysis(parsed.state, alphabet).sequence(list(parsed))


class _Analysis:
    def __init__(self, state: Any, alphabet: frozenset[str]) -> None:
        self.state = state
        self.alphabet = alphabet

    def sequence(self, items: list[Any]) -> str | None:
        """Check a sequence of nodes, and every sequence inside them."""
        open_chars: frozenset[str] = frozenset()  # what earlier unbounded repeats may take
        # A mandatory character since then that those repeats may take too:
        # it still separates them from a repeat that cannot take it.
        delimiter: frozenset[str] = frozenset()
        for item in _flatten(items):
            inner = self.node(item)
            if inner is not None:
                return inner
            starts = self.first([item])
            width = self.width([item])
            taken = self.unbounded_chars([item])
            if taken and delimiter and not self.chars([item]) & delimiter:
                open_chars, delimiter = taken, frozenset()  # it stops at the next delimiter
                continue
            if taken and starts & open_chars:
                # Text this repeat may start with, the one before may take
                # too: every split between them is tried.
                return "two repeats in a row can match the same characters"
            if width[0] >= 1 and not starts & open_chars:
                open_chars, delimiter = taken, frozenset()  # a delimiter: a fresh start
            elif width == (1, 1) and not taken:
                delimiter = self.chars([item])
            else:
                open_chars, delimiter = open_chars | taken, frozenset()
        return self.wide_bounds(_flatten(items))

    def wide_bounds(self, flat: list[Any]) -> str | None:
        """Check repeats in a row whose bounds, multiplied, allow too many splits.

        ``\\d{1,3000}\\d{1,3000}\\d{1,3000}`` fails on a long digit string only
        after trying every way to share it among the three: about 3000**3.
        A run of repeats that may take the same characters ends where a
        mandatory character none of them can take starts.
        """
        run: frozenset[str] = frozenset()  # what the run's repeats may take
        splits = 1
        unbounded = False
        for item in flat:
            starts = self.first([item])
            if self.width([item])[0] >= 1 and not starts & run:
                run, splits, unbounded = frozenset(), 1, False  # a fresh start
            factor = self.splits([item])
            op, arg = item
            if str(op) in _REPEATS and (arg[0], arg[1]) == (0, 1) and not starts & run:
                # An optional part the run cannot start: its first character
                # decides whether it is there, so it adds no choice of its own.
                factor //= 2
            run |= self.variable_chars([item])
            splits *= factor
            unbounded = unbounded or bool(self.unbounded_chars([item]))
            # An unbounded repeat in the run multiplies the work by the text's length.
            budget = _UNBOUNDED_SPLITS if unbounded else _MAX_SPLITS
            if splits > budget:
                ways = f"at least {splits:,}" if splits < 10**9 else "billions of"
                return (
                    f"repeats in a row with wide bounds can match the same characters: "
                    f"{ways} ways to share a text among them; narrow their "
                    f"bounds (\\d{{1,3}}, not \\d{{1,3000}})"
                )
        return None

    def splits(self, items: list[Any]) -> int:
        """Ways the bounded backtracking repeats in ``items`` may choose their lengths."""
        count = 1
        for item in items:
            op, arg = item
            name = str(op)
            if name in _REPEATS:
                low, high = int(arg[0]), int(arg[1])
                if high not in (_UNBOUNDED, low):
                    count *= high - low + 1
                count *= self.splits(list(arg[2]))
            elif name == "BRANCH":
                count *= sum(self.splits(part) for part in _parts(item) or [])
            elif name == "SUBPATTERN":
                count *= self.splits(list(arg[-1]))
            # Atomic groups and possessive repeats never go back on a choice.
        return count

    def variable_chars(self, items: list[Any]) -> frozenset[str]:
        """Characters taken by backtracking repeats of variable length anywhere in ``items``."""
        found: frozenset[str] = frozenset()
        for item in items:
            op, arg = item
            if str(op) in _REPEATS and arg[0] != arg[1]:
                found |= self.chars(list(arg[2]))
            elif str(op) not in {"ATOMIC_GROUP", "POSSESSIVE_REPEAT"}:  # never backtrack
                for part in _parts(item) or []:
                    found |= self.variable_chars(part)
        return found

    def node(self, item: Any) -> str | None:
        op, arg = item
        name = str(op)
        if name in _REPEATS:
            body = list(arg[2])
            if arg[1] > 1 and self.ambiguous(body) and not self.delimited(body):
                return "a repeated group holds a variable-length part with no delimiter"
            return self.sequence(body)
        if name in {"SUBPATTERN", "BRANCH", "ASSERT", "ASSERT_NOT"}:
            for part in _parts(item) or []:
                found = self.sequence(part)
                if found is not None:
                    return found
        return None  # single characters, anchors; atomic groups never backtrack

    def ambiguous(self, items: list[Any]) -> bool:
        """Whether a group can match one text in several ways (variable parts)."""
        for item in items:
            op, arg = item
            name = str(op)
            if name == "BRANCH" or (name in _REPEATS and arg[0] != arg[1]):
                return True
            nested = _parts(item) if name in _REPEATS or name == "SUBPATTERN" else None
            if any(self.ambiguous(part) for part in nested or []):
                return True
        return False

    def delimited(self, items: list[Any]) -> bool:
        """Whether a mandatory first or last character sets each repetition apart."""
        if len(items) < 2:
            return False
        for edge, rest in ((items[0], items[1:]), (items[-1], items[:-1])):
            if self.width([edge]) == (1, 1) and not (self.chars([edge]) & self.chars(rest)):
                return True
        return False

    def width(self, items: list[Any]) -> tuple[int, int]:
        low, high = _parser.SubPattern(self.state, items).getwidth()
        return int(low), int(high)

    def first(self, items: list[Any]) -> frozenset[str]:
        """Characters a match of ``items`` may start with (over-approximated)."""
        found: frozenset[str] = frozenset()
        for item in items:
            parts = _parts(item)
            if parts is None:
                found |= self.chars([item])
            else:
                for part in parts:
                    found |= self.first(part)
            if self.width([item])[0] >= 1:
                return found
        return found

    def unbounded_chars(self, items: list[Any]) -> frozenset[str]:
        """Characters taken by unbounded backtracking repeats anywhere in ``items``."""
        found: frozenset[str] = frozenset()
        for item in items:
            op, arg = item
            if str(op) in _REPEATS and arg[1] == _UNBOUNDED:
                found |= self.chars(list(arg[2]))
            elif str(op) != "ATOMIC_GROUP":  # never backtracks
                for part in _parts(item) or []:
                    found |= self.unbounded_chars(part)
        return found

    def chars(self, items: list[Any]) -> frozenset[str]:
        """Characters that text matched by ``items`` may contain (over-approximated)."""
        found: frozenset[str] = frozenset()
        for item in items:
            op, arg = item
            name = str(op)
            parts = _parts(item)
            if parts is not None:
                if name not in {"ASSERT", "ASSERT_NOT"}:  # they consume nothing
                    for part in parts:
                        found |= self.chars(part)
            elif name == "LITERAL":
                found |= {chr(arg)}
            elif name == "NOT_LITERAL":
                found |= self.alphabet - {chr(arg)}
            elif name == "IN":
                found |= {char for char in self.alphabet if _in_class(char, arg)}
            elif name != "AT":  # ANY, back references and the like: anything
                found |= self.alphabet
        return found


def _parts(item: Any) -> list[list[Any]] | None:
    """The sequences inside a group, repeat, alternation or assertion (None: a leaf)."""
    op, arg = item
    name = str(op)
    if name in _REPEATS or name == "POSSESSIVE_REPEAT":
        return [list(arg[2])]
    if name == "SUBPATTERN":
        return [list(arg[-1])]
    if name == "ATOMIC_GROUP":
        return [list(arg)]
    if name == "BRANCH":
        return [list(branch) for branch in arg[1]]
    if name in {"ASSERT", "ASSERT_NOT"}:
        return [list(arg[1])]
    return None


def may_match(pattern: str, char: str) -> bool:
    """Whether text matched by ``pattern`` could contain ``char`` (True when unsure)."""
    try:
        parsed = _parser.parse(pattern)
    except Exception:
        return True
    alphabet = _ALPHABET | frozenset(pattern) | {char}
    return char in _Analysis(parsed.state, alphabet).chars(list(parsed))


def _in_class(char: str, items: Any) -> bool:
    """Whether a parsed character class (``[...]``) matches ``char`` (True when unsure)."""
    negate = False
    found = False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            found = found or char == chr(arg)
        elif name == "RANGE":
            found = found or arg[0] <= ord(char) <= arg[1]
        elif name == "CATEGORY":
            found = found or _in_category(char, str(arg))
        else:
            found = True  # unknown: assume it matches (over-approximate)
    return found != negate


def _in_category(char: str, category: str) -> bool:
    negate = "_NOT_" in category
    if "DIGIT" in category:
        member = char.isdecimal()
    elif "SPACE" in category:
        member = char.isspace()
    elif "WORD" in category:
        member = char.isalnum() or char == "_"
    else:  # LINEBREAK
        member = char == "\n"
    return member != negate


def _flatten(items: list[Any]) -> list[Any]:
    """A sequence with its plain groups opened: ``(\\d+)(\\d+)`` is ``\\d+\\d+``."""
    flat = []
    for item in items:
        if str(item[0]) == "SUBPATTERN":
            flat.extend(_flatten(list(item[1][-1])))
        else:
            flat.append(item)
    return flat
