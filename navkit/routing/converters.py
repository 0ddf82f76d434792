"""Typed parameters: recognise text, convert it to Python, and back.

A converter is a small immutable object with ``to_python`` (text → value,
raising ``ValueError`` to refuse) and ``to_url`` (value → text). Which
converter a parameter gets is decided once, at registration, from the view
function's annotation or an explicit ``converters=`` entry, through the
:class:`ConverterRegistry` of the router (never a module-level registry).

Single-segment converters receive the fully decoded segment and return plain
text from ``to_url``. Multi-segment converters (``multi_segment = True``) work
on the *semi-decoded* form both ways: ``/`` separates segments, and a slash or
percent sign inside a segment is written ``%2F`` / ``%25``
(see :mod:`navkit.routing.location`).
"""

from __future__ import annotations

import enum
import math
import re
import types
import typing
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable

from navkit.routing.location import unescape

__all__ = [
    "BoolConverter",
    "Converter",
    "ConverterRegistry",
    "EnumConverter",
    "FloatConverter",
    "IntConverter",
    "ListConverter",
    "LiteralConverter",
    "PathConverter",
    "StrConverter",
    "UUIDConverter",
]

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})
_CANONICAL_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_MAX_NUMBER_TEXT = 64  # longer digit strings are not ids; refusing them bounds int() work


@runtime_checkable
class Converter(Protocol):
    """What a converter provides.

    Attributes:
        constrained: True when the converter accepts only some texts; such a
            parameter ranks above a plain one (``/items/:id`` with ``id: int``
            wins over ``/items/:slug``).
        multi_segment: True when the converter takes several path segments.
    """

    @property
    def constrained(self) -> bool:
        """True when only some texts are accepted (ranks above a plain parameter)."""

    @property
    def multi_segment(self) -> bool:
        """True when the value spans several path segments."""

    def to_python(self, value: str) -> Any:
        """Convert matched text to a Python value; raise ValueError to refuse it."""

    def to_url(self, value: Any) -> str:
        """Convert a Python value to text (not yet percent-encoded)."""


@dataclass(frozen=True, slots=True)
class StrConverter:
    """Any non-empty text: the default for unannotated parameters."""

    constrained: ClassVar[bool] = False
    multi_segment: ClassVar[bool] = False

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: Any) -> str:
        return str(value)


@dataclass(frozen=True, slots=True)
class IntConverter:
    """Decimal integers, optionally negative: ``42``, ``-7``. No signs, spaces or ``_``."""

    constrained: ClassVar[bool] = True
    multi_segment: ClassVar[bool] = False

    def to_python(self, value: str) -> int:
        digits = value[1:] if value.startswith("-") else value
        if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_NUMBER_TEXT:
            raise ValueError(f"not an integer: {value!r}")
        return int(value)

    def to_url(self, value: Any) -> str:
        if isinstance(value, str):
            return str(self.to_python(value))
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected an int, got {value!r}")
        return str(value)


@dataclass(frozen=True, slots=True)
class FloatConverter:
    """Finite decimal numbers as Python writes them: ``1.5``, ``-2``, ``1e+20``."""

    constrained: ClassVar[bool] = True
    multi_segment: ClassVar[bool] = False

    def to_python(self, value: str) -> float:
        if (
            not value.isascii()
            or len(value) > _MAX_NUMBER_TEXT
            or not value
            or not (value[0].isdigit() or value[0] in "-.")
            or "_" in value
            or value.strip() != value
        ):
            raise ValueError(f"not a number: {value!r}")
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"not a finite number: {value!r}")
        return number

    def to_url(self, value: Any) -> str:
        if isinstance(value, str):
            value = self.to_python(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"expected a number, got {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"cannot put {value!r} in an address")
        return repr(float(value))


@dataclass(frozen=True, slots=True)
class UUIDConverter:
    """UUIDs in their canonical 36-character form (any case)."""

    constrained: ClassVar[bool] = True
    multi_segment: ClassVar[bool] = False

    def to_python(self, value: str) -> uuid.UUID:
        # uuid.UUID() also takes "{...}", "urn:uuid:...", 32 bare digits, a
        # sign, and dashes anywhere: many texts for one UUID. An address has
        # one form, so that one page has one address.
        if _CANONICAL_UUID.fullmatch(value) is None:
            raise ValueError(f"not a UUID in its canonical form (8-4-4-4-12 hex digits): {value!r}")
        return uuid.UUID(value)

    def to_url(self, value: Any) -> str:
        if not isinstance(value, uuid.UUID):
            value = self.to_python(str(value))
        return str(value)


@dataclass(frozen=True, slots=True)
class BoolConverter:
    """``true/false``, ``1/0``, ``yes/no``, ``on/off`` (any case); written ``true``/``false``."""

    constrained: ClassVar[bool] = True
    multi_segment: ClassVar[bool] = False

    def to_python(self, value: str) -> bool:
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"not a boolean: {value!r}")

    def to_url(self, value: Any) -> str:
        if not isinstance(value, bool):
            raise ValueError(f"expected a bool, got {value!r}")
        return "true" if value else "false"


@dataclass(frozen=True, eq=False)
class _ChoiceConverter:
    """One of a fixed set of values, matched by their text.

    Two are equal only if their choices are equal *and of the same types*:
    members of two ``IntEnum`` classes with the same values compare equal,
    but a route annotated with one must not be handed the other's members
    (tables share equal converters between routes).
    """

    by_text: Mapping[str, Any]
    constrained: ClassVar[bool] = True
    multi_segment: ClassVar[bool] = False

    def to_python(self, value: str) -> Any:
        try:
            return self.by_text[value]
        except KeyError:
            raise ValueError(f"not one of {sorted(self.by_text)}: {value!r}") from None

    def to_url(self, value: Any) -> str:
        for text, choice in self.by_text.items():
            if choice == value and type(choice) is type(value):
                return text
        named = self.by_text.get(value) if isinstance(value, str) else None
        if named is not None:  # the text of a member, given for the member
            raise ValueError(f"{value!r} is the text of {named!r}: pass {named!r}")
        raise ValueError(f"{value!r} is not one of {sorted(self.by_text)}")

    def _identity(self) -> tuple[tuple[str, type, Any], ...]:
        return tuple((text, type(choice), choice) for text, choice in self.by_text.items())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _ChoiceConverter) or type(other) is not type(self):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(tuple((text, type(choice)) for text, choice in self.by_text.items()))


class EnumConverter(_ChoiceConverter):
    """Members of an ``Enum``, written as their values (``Color.RED`` ↔ ``"red"``)."""

    def __init__(self, enum_type: type[enum.Enum]) -> None:
        super().__init__({str(member.value): member for member in enum_type})


class LiteralConverter(_ChoiceConverter):
    """One of the values of a ``Literal[...]`` annotation (Flask's ``any``)."""

    def __init__(self, choices: Iterable[Any]) -> None:
        if isinstance(choices, (str, bytes)):
            raise TypeError(f"LiteralConverter takes the choices, not one string: [{choices!r}]")
        by_text: dict[str, Any] = {}
        for choice in choices:
            text = BoolConverter().to_url(choice) if isinstance(choice, bool) else str(choice)
            by_text[text] = choice
        super().__init__(by_text)


@dataclass(frozen=True, slots=True)
class PathConverter:
    """Several segments as one string: ``docs/guide/intro``.

    ``to_url`` keeps ``/`` but encodes everything else, and refuses empty and
    dot segments (``.``/``..``), which a browser would collapse.
    """

    constrained: ClassVar[bool] = False
    multi_segment: ClassVar[bool] = True

    def to_python(self, value: str) -> str:
        return unescape(value)

    def to_url(self, value: Any) -> str:
        text = str(value)
        _check_segments(text.split("/"))
        # Slashes separate segments; a literal "%" is data (see the module doc).
        return text.replace("%", "%25")


@dataclass(frozen=True, slots=True)
class ListConverter:
    """Repeated segments (``:tags*``) as a list, each item converted by ``item``."""

    item: Converter
    constrained: ClassVar[bool] = False
    multi_segment: ClassVar[bool] = True

    def to_python(self, value: str) -> list[Any]:
        return [self.item.to_python(unescape(part)) for part in value.split("/")]

    def to_url(self, value: Any) -> str:
        if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
            raise ValueError(f"expected a list, got {value!r}")
        parts = [self.item.to_url(item) for item in value]
        _check_segments(parts)
        # A "/" inside one item is data: keep it from splitting the item.
        return "/".join(part.replace("%", "%25").replace("/", "%2F") for part in parts)


def _check_segments(parts: list[str]) -> None:
    for part in parts:
        if part in {"", ".", ".."}:
            raise ValueError(f"a path cannot contain the segment {part!r}")


_BUILTIN: dict[Any, Converter] = {
    str: StrConverter(),
    int: IntConverter(),
    float: FloatConverter(),
    bool: BoolConverter(),
    uuid.UUID: UUIDConverter(),
    "str": StrConverter(),
    "int": IntConverter(),
    "float": FloatConverter(),
    "bool": BoolConverter(),
    "uuid": UUIDConverter(),
    "path": PathConverter(),
}


class ConverterRegistry:
    """Maps annotations (types) and names to converters, per router.

    Built in: ``str``, ``int``, ``float``, ``bool``, ``uuid.UUID``, ``Enum``
    subclasses, ``Literal[...]``, and the names ``"str"``, ``"int"``,
    ``"float"``, ``"bool"``, ``"uuid"``, ``"path"``.
    """

    def __init__(self) -> None:
        self._by_key: dict[Any, Converter] = dict(_BUILTIN)

    def register(self, key: type | str, converter: Converter) -> None:
        """Use ``converter`` for parameters annotated with ``key`` (or named ``key``).

        Raises:
            RouteError: ``converter`` lacks ``to_python``/``to_url``.
        """
        from navkit.errors import RouteError

        if isinstance(converter, type):
            raise RouteError(
                f"converter for {key!r} must be an instance: {converter.__name__}(), "
                f"not the class {converter.__name__}"
            )
        if not isinstance(converter, Converter):
            raise RouteError(
                f"converter for {key!r} must have to_python, to_url, constrained and "
                f"multi_segment; got {converter!r}"
            )
        self._by_key[key] = converter

    def resolve(self, spec: Any) -> Converter:  # noqa: PLR0911 - one answer per kind of annotation
        """Find the converter for an annotation, a registered name, or a converter.

        ``Optional[X]``/``X | None`` resolve as ``X``; ``list[X]`` gives a
        :class:`ListConverter` of ``X``.

        Raises:
            LookupError: Nothing is registered for ``spec``.
        """
        try:
            found = self._by_key.get(spec)
        except TypeError:  # unhashable annotation
            found = None
        if found is not None:
            return found
        # Duck-typed check first: isinstance() against a runtime Protocol is slow.
        if (
            hasattr(spec, "to_python")
            and not isinstance(spec, type)
            and isinstance(spec, Converter)
        ):
            return spec
        origin = typing.get_origin(spec)
        args = typing.get_args(spec)
        if origin is Literal:
            return LiteralConverter(args)
        if origin in (typing.Union, types.UnionType):
            inner = [arg for arg in args if arg is not type(None)]
            if len(inner) == 1:
                return self.resolve(inner[0])
        if origin in (list, typing.List) and len(args) == 1:  # noqa: UP006
            return ListConverter(self.resolve(args[0]))
        if isinstance(spec, type):
            if issubclass(spec, enum.Enum):
                return EnumConverter(spec)
            for key, converter in self._by_key.items():
                if isinstance(key, type) and key is not bool and issubclass(spec, key):
                    if key is str or key is int:
                        continue  # a str/int subclass is not necessarily made from text
                    return converter
        raise LookupError(f"no converter for {spec!r}")

    def is_list(self, spec: Any) -> bool:
        """True when ``spec`` is ``list[X]`` (possibly Optional)."""
        origin = typing.get_origin(spec)
        if origin in (typing.Union, types.UnionType):
            inner = [arg for arg in typing.get_args(spec) if arg is not type(None)]
            return len(inner) == 1 and self.is_list(inner[0])
        return origin in (list, typing.List)  # noqa: UP006
