"""Typed parameters: built-in converters, annotations, and per-router registries."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import pytest

from navkit import RouteError, Router
from navkit.routing.converters import (
    BoolConverter,
    ConverterRegistry,
    EnumConverter,
    FloatConverter,
    IntConverter,
    ListConverter,
    LiteralConverter,
    PathConverter,
    StrConverter,
    UUIDConverter,
)


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Size(enum.IntEnum):
    SMALL = 1
    LARGE = 2


U = uuid.UUID("12345678-1234-5678-1234-567812345678")


@pytest.mark.parametrize(
    ("converter", "text", "value"),
    [
        (IntConverter(), "42", 42),
        (IntConverter(), "-7", -7),
        (FloatConverter(), "1.5", 1.5),
        (FloatConverter(), "-2", -2.0),
        (FloatConverter(), "1e+20", 1e20),
        (UUIDConverter(), str(U), U),
        (UUIDConverter(), str(U).upper(), U),
        (BoolConverter(), "true", True),
        (BoolConverter(), "OFF", False),
        (EnumConverter(Color), "red", Color.RED),
        (EnumConverter(Size), "2", Size.LARGE),
        (LiteralConverter(["asc", "desc"]), "desc", "desc"),
        (LiteralConverter([1, 2]), "2", 2),
        (StrConverter(), "anything at all", "anything at all"),
        (PathConverter(), "a/b%2Fc", "a/b/c"),
        (ListConverter(IntConverter()), "1/2/3", [1, 2, 3]),
    ],
)
def test_to_python_accepts(converter: Any, text: str, value: Any) -> None:
    assert converter.to_python(text) == value


@pytest.mark.parametrize(
    ("converter", "text"),
    [
        (IntConverter(), "4_2"),
        (IntConverter(), " 42"),
        (IntConverter(), "+42"),
        (IntConverter(), "٣"),  # an Arabic-Indic digit: int() would take it
        (IntConverter(), "1" * 65),
        (IntConverter(), ""),
        (FloatConverter(), "nan"),
        (FloatConverter(), "inf"),
        (FloatConverter(), "-inf"),
        (FloatConverter(), "1_0"),
        (UUIDConverter(), "1234"),
        (UUIDConverter(), "{12345678-1234-5678-1234-567812345678}"),
        (BoolConverter(), "maybe"),
        (EnumConverter(Color), "RED"),
        (LiteralConverter(["asc", "desc"]), "up"),
        (ListConverter(IntConverter()), "1/x"),
    ],
)
def test_to_python_refuses_with_value_error(converter: Any, text: str) -> None:
    with pytest.raises(ValueError):
        converter.to_python(text)


@pytest.mark.parametrize(
    ("converter", "value", "text"),
    [
        (IntConverter(), 42, "42"),
        (IntConverter(), "42", "42"),
        (FloatConverter(), 1e20, "1e+20"),
        (UUIDConverter(), U, str(U)),
        (BoolConverter(), False, "false"),
        (EnumConverter(Color), Color.GREEN, "green"),
        (LiteralConverter([True, "x"]), True, "true"),
        (PathConverter(), "a/100%", "a/100%25"),
        (ListConverter(StrConverter()), ["a/b", "c"], "a%2Fb/c"),
    ],
)
def test_to_url(converter: Any, value: Any, text: str) -> None:
    assert converter.to_url(value) == text


@pytest.mark.parametrize(
    ("converter", "value"),
    [
        (IntConverter(), True),
        (IntConverter(), 1.5),
        (FloatConverter(), float("nan")),
        (BoolConverter(), 1),
        (EnumConverter(Color), "red"),
        (PathConverter(), "a/../b"),
        (PathConverter(), "/abs"),
        (ListConverter(StrConverter()), "not-a-list"),
    ],
)
def test_to_url_refuses(converter: Any, value: Any) -> None:
    with pytest.raises(ValueError):
        converter.to_url(value)


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (int, IntConverter()),
        (int | None, IntConverter()),
        (str, StrConverter()),
        (uuid.UUID, UUIDConverter()),
        ("path", PathConverter()),
        (list[int], ListConverter(IntConverter())),
        (Color, EnumConverter(Color)),
        (Literal["a", "b"], LiteralConverter(["a", "b"])),
    ],
)
def test_registry_resolves_annotations(annotation: Any, expected: Any) -> None:
    assert ConverterRegistry().resolve(annotation) == expected


def test_registry_refuses_unknown_types() -> None:
    with pytest.raises(LookupError):
        ConverterRegistry().resolve(complex)


@dataclass(frozen=True)
class Slug:
    text: str


@dataclass(frozen=True)
class SlugConverter:
    constrained: ClassVar[bool] = True
    multi_segment: ClassVar[bool] = False

    def to_python(self, value: str) -> Slug:
        if not value.replace("-", "").isalnum() or value.lower() != value:
            raise ValueError(value)
        return Slug(value)

    def to_url(self, value: Any) -> str:
        return str(value.text)


def test_custom_converter_is_per_router() -> None:
    with_slug = Router()
    with_slug.add_converter(Slug, SlugConverter())

    @with_slug.route("/posts/:slug")
    def post(slug: Slug) -> None: ...

    match = with_slug.match("/posts/hello-world")
    assert match is not None and match.params == {"slug": Slug("hello-world")}
    assert with_slug.match("/posts/Hello") is None  # the converter refuses: no match
    assert with_slug.url_for("post", slug=Slug("a-b")) == "/posts/a-b"

    other = Router()
    with pytest.raises(RouteError, match="no converter for"):

        @other.route("/posts/:slug")
        def post2(slug: Slug) -> None: ...


def test_converter_must_speak_the_protocol() -> None:
    with pytest.raises(RouteError, match="to_python"):
        Router().add_converter(Slug, object())  # type: ignore[arg-type]
