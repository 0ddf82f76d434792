"""Typed parameters: built-in converters, annotations, and per-router registries."""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import navkit
from navkit import BuildError, RouteError, Router
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


# -- UUIDs: the canonical form only -------------------------------------------

V = uuid.UUID("550e8400-e29b-41d4-a716-446655440000")
CANONICAL_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


@pytest.fixture
def orders() -> Router:
    router = Router()

    @router.route("/orders/:order_id")
    def order(order_id: uuid.UUID) -> None: ...

    return router


@pytest.mark.parametrize(
    ("segment", "found"),
    [
        (str(U), U),
        (str(V), V),
        (str(V).upper(), V),
        ("550E8400-e29b-41D4-a716-446655440000", V),  # either case, even mixed
        ("{12345678-1234-5678-1234-567812345678}", None),
        ("urn:uuid:12345678-1234-5678-1234-567812345678", None),
        ("12345678123456781234567812345678", None),  # no dashes
        ("urn:12345678123456781234567812345678", None),  # 36 characters, as the canonical form
        ("----12345678123456781234567812345678", None),
        ("1234-5678-1234-5678-1234567812345678", None),  # dashes misplaced
        ("12345678-1234-5678-1234-56781234567g", None),
        ("+2345678-1234-5678-1234-567812345678", None),
    ],
)
def test_uuid_parameter_takes_the_canonical_form_only(
    orders: Router, segment: str, found: uuid.UUID | None
) -> None:
    match = orders.match(f"/orders/{segment}")
    assert (match.params["order_id"] if match is not None else None) == found


@pytest.mark.parametrize(
    "value", ["{12345678-1234-5678-1234-567812345678}", "urn:12345678123456781234567812345678"]
)
def test_url_for_refuses_a_uuid_text_it_would_not_match(orders: Router, value: str) -> None:
    with pytest.raises(BuildError, match="order_id"):
        orders.url_for("order", order_id=value)


@given(
    st.text(alphabet="0123456789abcdefABCDEF-{}:urn+_ ", min_size=32, max_size=40)
    | st.uuids()
    .map(str)
    .flatmap(
        lambda text: st.sampled_from([text, text.upper(), f"{{{text}}}", text.replace("-", "")])
    )
)
def test_uuid_converter_accepts_exactly_the_canonical_form(text: str) -> None:
    try:
        value = UUIDConverter().to_python(text)
    except ValueError:
        assert CANONICAL_UUID.fullmatch(text) is None
    else:
        assert CANONICAL_UUID.fullmatch(text) is not None
        assert value == uuid.UUID(text)


@given(st.uuids())
def test_url_for_of_a_uuid_matches_back(value: uuid.UUID) -> None:
    router = Router()
    router.add_route("/orders/:order_id", lambda order_id: None, converters={"order_id": uuid.UUID})
    match = router.match(router.url_for("<lambda>", order_id=value))
    assert match is not None and match.params == {"order_id": value}


# -- converters equal by value, different by type ---------------------------


class Size(enum.IntEnum):
    SMALL = 1
    LARGE = 2


class Rank(enum.IntEnum):
    LOW = 1
    HIGH = 2


@pytest.mark.parametrize(
    ("templates", "address", "value"),
    [
        (("/size/:v", "/rank/:v"), "/size/1", Size.SMALL),
        (("/size/:v", "/rank/:v"), "/rank/1", Rank.LOW),
        (("/p/:v/size", "/p/:v/rank"), "/p/2/size", Size.LARGE),  # one trie node, two edges
        (("/p/:v/size", "/p/:v/rank"), "/p/2/rank", Rank.HIGH),
    ],
)
def test_enums_with_equal_values_keep_their_own_type(
    templates: tuple[str, str], address: str, value: enum.IntEnum
) -> None:
    router = Router()
    for template, kind in zip(templates, (Size, Rank), strict=True):
        router.add_route(template, lambda v: None, endpoint=kind.__name__, converters={"v": kind})
    match = router.match(address)
    assert match is not None
    assert type(match.params["v"]) is type(value) and match.params["v"] == value
    assert router.url_for(match.endpoint, v=value) == address


def test_choice_converters_differ_by_the_type_of_their_choices() -> None:
    assert EnumConverter(Size) != EnumConverter(Rank)
    assert EnumConverter(Size) == EnumConverter(Size)
    assert hash(EnumConverter(Size)) == hash(EnumConverter(Size))
    assert LiteralConverter([1, 2]) != LiteralConverter(["1", "2"])
    assert LiteralConverter([1, 2]) == LiteralConverter([1, 2])


@pytest.mark.parametrize(
    ("template", "converters", "annotation"),
    [
        ("/docs/:p", {"p": "path"}, str),
        ("/ids/:ids", {}, list[int]),
        ("/docs/:p", {"p": navkit.PathConverter()}, str),
    ],
)
def test_a_converter_of_several_segments_on_a_one_segment_parameter_is_refused(
    template: str, converters: dict[str, object], annotation: object
) -> None:
    router = Router()

    def view(**values: object) -> list[object]:
        return []

    view.__annotations__ = dict.fromkeys(("p", "ids"), annotation)
    with pytest.raises(RouteError) as refused:
        router.add_route(template, view, endpoint="v", converters=converters)
    name = template.rsplit(":", 1)[1]
    assert f"write ':{name}+'" in str(refused.value)
    assert router.match(template.replace(f":{name}", "a")) is None  # nothing registered


def test_the_same_converters_on_a_parameter_of_several_segments_build_what_matches() -> None:
    router = Router()
    router.add_route("/docs/:p+", lambda p: [], endpoint="docs", converters={"p": "path"})
    router.add_route("/ids/:ids*", lambda ids: [], endpoint="ids", converters={"ids": list[int]})
    address = router.url_for("docs", p="guide/intro")
    assert address == "/docs/guide/intro"
    match = router.match(address)
    assert match is not None and match.params == {"p": "guide/intro"}
    ids = router.match(router.url_for("ids", ids=[1, 2]))
    assert ids is not None and ids.params == {"ids": [1, 2]}


def test_a_converter_class_instead_of_an_instance_is_refused() -> None:
    router = Router()
    with pytest.raises(RouteError) as refused:
        router.add_converter(int, navkit.IntConverter)  # type: ignore[arg-type]
    assert "IntConverter(), not the class IntConverter" in str(refused.value)


def test_an_enums_text_given_to_url_for_names_the_member_to_pass() -> None:
    class Colour(enum.Enum):
        BLUE = "blue"
        RED = "red"

    router = Router()
    router.add_route("/c/:colour", lambda colour: [], endpoint="c", converters={"colour": Colour})
    assert router.url_for("c", colour=Colour.BLUE) == "/c/blue"
    with pytest.raises(BuildError) as refused:
        router.url_for("c", colour="blue")
    assert "pass <Colour.BLUE: 'blue'>" in str(refused.value)


def test_a_literal_converter_of_one_string_is_refused() -> None:
    with pytest.raises(TypeError) as refused:
        navkit.LiteralConverter("ab")
    assert "not one string" in str(refused.value)
    assert navkit.LiteralConverter(["ab"]).to_python("ab") == "ab"
