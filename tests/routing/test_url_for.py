"""url_for: building addresses that always route back, never inject."""

from __future__ import annotations

import enum
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navkit import BuildError, Router


class Sort(enum.Enum):
    PRICE = "price"
    NAME = "name"


@pytest.fixture
def router() -> Router:
    router = Router()

    @router.route("/")
    def home() -> None: ...

    @router.route("/items/:item_id")
    def item(item_id: int, tab: str = "info") -> None: ...

    @router.route("/u/:name")
    def user(name: str) -> None: ...

    @router.route("/users", defaults={"page": 1})
    @router.route("/users/page/:page")
    def show_users(page: int) -> None: ...

    @router.route("/docs/:path*")
    def docs(path: str = "") -> None: ...

    @router.route("/tags/:tags+")
    def tags(tags: list[str]) -> None: ...

    @router.route(r"/code/:code(\d{3})")
    def code(code: str) -> None: ...

    @router.route("/posts/:page?")
    def posts(page: int = 1) -> None: ...

    @router.route("/products")
    def products(sort: Sort = Sort.NAME, page: int = 1, ids: list[int] | None = None) -> None: ...

    return router


@pytest.mark.parametrize(
    ("endpoint", "values", "address"),
    [
        ("home", {}, "/"),
        ("item", {"item_id": 42}, "/items/42"),
        ("item", {"item_id": 42, "tab": "reviews"}, "/items/42?tab=reviews"),
        ("show_users", {"page": 1}, "/users"),
        ("show_users", {}, "/users"),
        ("show_users", {"page": 2}, "/users/page/2"),
        ("docs", {"path": "guide/intro"}, "/docs/guide/intro"),
        ("docs", {}, "/docs"),
        ("tags", {"tags": ["a", "b c"]}, "/tags/a/b%20c"),
        ("tags", {"tags": ["a/b"]}, "/tags/a%2Fb"),
        ("posts", {}, "/posts"),
        ("posts", {"page": 3}, "/posts/3"),
        ("code", {"code": "123"}, "/code/123"),
        ("user", {"name": "Jörg"}, "/u/J%C3%B6rg"),
        ("user", {"name": "a b"}, "/u/a%20b"),
        ("products", {"sort": Sort.PRICE, "page": 2}, "/products?sort=price&page=2"),
        ("products", {"ids": [1, 2]}, "/products?ids=1&ids=2"),
        ("products", {"page": None}, "/products"),
        ("item", {"item_id": 1, "_fragment": "top"}, "/items/1#top"),
        ("item", {"item_id": 1, "q": "a&b=c"}, "/items/1?q=a%26b%3Dc"),
    ],
)
def test_url_for_builds(
    router: Router, endpoint: str, values: dict[str, object], address: str
) -> None:
    assert router.url_for(endpoint, **values) == address


@pytest.mark.parametrize(
    ("endpoint", "values", "address"),
    [
        ("products", {"ids": []}, "/products"),
        ("products", {"ids": [None]}, "/products"),
        ("products", {"ids": [None, None]}, "/products"),
        ("products", {"ids": [1, None, 2]}, "/products?ids=1&ids=2"),
        ("products", {"ids": (None, 3)}, "/products?ids=3"),
        ("products", {"ids": [None], "page": 2}, "/products?page=2"),
        ("home", {"tag": [1, None, "x"]}, "/?tag=1&tag=x"),  # no declared type: the same rule
        ("home", {"tag": [None]}, "/"),
        ("item", {"item_id": 7, "tag": [None, None]}, "/items/7"),
    ],
)
def test_none_inside_a_query_list_is_left_out(
    router: Router, endpoint: str, values: dict[str, object], address: str
) -> None:
    assert router.url_for(endpoint, **values) == address


def _tagged() -> Router:
    router = Router()

    @router.route("/tagged")
    def tagged(tag: list[int] | None = None) -> None: ...

    return router


@given(st.lists(st.integers() | st.none(), max_size=8))
def test_a_query_list_reads_back_as_its_values_that_are_not_none(tags: list[int | None]) -> None:
    router = _tagged()
    address = router.url_for("tagged", tag=tags)
    given_ints = [tag for tag in tags if tag is not None]
    pairs = parse_qsl(urlsplit(address).query, keep_blank_values=True)
    assert pairs == [("tag", str(tag)) for tag in given_ints]
    # What the view is called with: the same ints, never a 400 for "None".
    match = router.match(address)
    assert match is not None
    assert match.view_args() == {"tag": given_ints or None}


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("a/b", "a%2Fb"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("100%", "100%25"),
        ("..a", "..a"),
        ("a.b", "a.b"),
    ],
)
def test_values_cannot_inject_delimiters(router: Router, value: str, encoded: str) -> None:
    address = router.url_for("user", name=value)
    assert address == f"/u/{encoded}"
    match = router.match(address)
    assert match is not None and match.endpoint == "user" and match.params == {"name": value}


@pytest.mark.parametrize("value", [".", "..", ""])
def test_dot_and_empty_segments_are_refused(router: Router, value: str) -> None:
    with pytest.raises(BuildError, match="browser would drop"):
        router.url_for("user", name=value)


@pytest.mark.parametrize("value", ["../etc", "a/./b", "/abs", "a//b"])
def test_path_converter_refuses_dot_and_empty_segments(router: Router, value: str) -> None:
    with pytest.raises(BuildError):
        router.url_for("docs", path=value)


def test_control_characters_are_refused(router: Router) -> None:
    with pytest.raises(BuildError, match="control"):
        router.url_for("user", name="a\x00b")


def test_constraint_is_checked(router: Router) -> None:
    with pytest.raises(BuildError, match="constraint"):
        router.url_for("code", code="12a")


def test_unconvertible_value(router: Router) -> None:
    with pytest.raises(BuildError, match="item_id"):
        router.url_for("item", item_id="forty-two")


def test_unknown_endpoint_suggests_the_closest(router: Router) -> None:
    with pytest.raises(BuildError) as caught:
        router.url_for("itme", item_id=1)
    assert caught.value.suggestion == "item"
    assert "Did you mean 'item'?" in str(caught.value)


def test_missing_value_names_it_and_suggests(router: Router) -> None:
    with pytest.raises(BuildError) as caught:
        router.url_for("item", itemid=1)
    assert "'item_id'" in str(caught.value)
    assert caught.value.suggestion == "itemid"


@pytest.mark.parametrize("value", ["abc", "4_2", True, 1.0])
def test_int_parameter_refuses_values_that_are_not_ints(router: Router, value: object) -> None:
    with pytest.raises(BuildError, match="item_id"):
        router.url_for("item", item_id=value)


# -- several parameters in one segment -------------------------------------


@pytest.fixture
def files() -> Router:
    router = Router()
    router.add_route("/:name.:ext", lambda name, ext: None, endpoint="file")
    router.add_route("/p/:slug.:fmt(json|xml)?", lambda slug, fmt=None: None, endpoint="page")
    router.add_route("/h/:a.:b.:c", lambda a, b, c: None, endpoint="three")
    router.add_route("/d/:y-:m", lambda y, m: None, endpoint="month", converters={"y": int})
    router.add_route("/g/:a-:b", lambda a, b: None, endpoint="pair")
    return router


@pytest.mark.parametrize(
    ("endpoint", "values"),
    [
        ("file", {"name": "a", "ext": "tar.gz"}),  # read back as a.tar + gz
        ("file", {"name": "a", "ext": "pdf."}),  # not matched at all
        ("file", {"name": "a", "ext": ".pdf"}),
        ("page", {"slug": "a.json"}),  # read back as a + json
        ("three", {"a": "x", "b": "y.", "c": "z"}),
        ("three", {"a": "x", "b": "y", "c": "z.w"}),
        ("pair", {"a": "x-y", "b": "z"}),  # read back as x + y-z
    ],
)
def test_values_read_back_differently_are_refused(
    files: Router, endpoint: str, values: dict[str, object]
) -> None:
    with pytest.raises(BuildError, match="would be read back"):
        files.url_for(endpoint, **values)


@pytest.mark.parametrize(
    ("endpoint", "values", "address"),
    [
        ("file", {"name": "report", "ext": "pdf"}, "/report.pdf"),
        ("file", {"name": "archive.tar", "ext": "gz"}, "/archive.tar.gz"),
        ("file", {"name": "a.", "ext": "pdf"}, "/a..pdf"),  # read back as written
        ("page", {"slug": "a", "fmt": "xml"}, "/p/a.xml"),
        ("page", {"slug": "a.b"}, "/p/a.b"),
        ("month", {"y": 2024, "m": "07"}, "/d/2024-07"),
        ("month", {"y": -1, "m": "1-2"}, "/d/-1-1-2"),  # the lazy reading gives these back
        ("pair", {"a": "x", "b": "y-z"}, "/g/x-y-z"),
    ],
)
def test_values_read_back_alike_are_built(
    files: Router, endpoint: str, values: dict[str, object], address: str
) -> None:
    assert files.url_for(endpoint, **values) == address
    match = files.match(address)
    assert match is not None and match.endpoint == endpoint
    assert {k: v for k, v in match.params.items() if v is not None} == values


# -- url_for writes only what its own route reads back ----------------------


@pytest.fixture
def numbers() -> Router:
    router = Router()

    @router.route(r"/small/:n(\d{1,3})")
    def small(n: int) -> None: ...

    @router.route("/any/:n", endpoint="any")
    def any_number(n: int) -> None: ...

    @router.route(r"/signed/:n(-?\d+)")
    def signed(n: int) -> None: ...

    @router.route("/many/:ns+")
    def many(ns: list[int]) -> None: ...

    return router


@pytest.mark.parametrize(
    ("endpoint", "values"),
    [
        ("small", {"n": 12345}),
        ("small", {"n": -1}),
        ("any", {"n": 10**70}),  # an int, but longer than an address's number may be
        ("signed", {"n": -(10**70)}),
        ("many", {"ns": [1, 10**70]}),
    ],
)
def test_int_its_route_would_refuse_is_refused(
    numbers: Router, endpoint: str, values: dict[str, object]
) -> None:
    with pytest.raises(BuildError, match=r"'ns?'"):
        numbers.url_for(endpoint, **values)


@given(endpoint=st.sampled_from(["small", "any", "signed"]), n=st.integers() | st.just(10**70))
def test_an_int_url_for_accepts_matches_back(endpoint: str, n: int) -> None:
    router = _numbers()
    try:
        address = router.url_for(endpoint, n=n)
    except BuildError:
        return
    match = router.match(address)
    assert match is not None and match.endpoint == endpoint and match.params == {"n": n}


def _numbers() -> Router:
    router = Router()
    router.add_route(r"/small/:n(\d{1,3})", lambda n: None, endpoint="small", converters={"n": int})
    router.add_route("/any/:n", lambda n: None, endpoint="any", converters={"n": int})
    router.add_route(r"/signed/:n(-?\d+)", lambda n: None, endpoint="signed", converters={"n": int})
    return router


@pytest.fixture
def empties() -> Router:
    router = Router()

    @router.route("/files/:path*")
    def files(path: str = "") -> None: ...

    @router.route("/u/:name?")
    def user(name: str = "") -> None: ...

    @router.route("/tags/:tags*")
    def tags(tags: list[str] = []) -> None: ...  # noqa: B006 - never mutated

    @router.route("/all/:rest(.*)")
    def everything(rest: str) -> None: ...

    return router


@pytest.mark.parametrize(
    ("address", "params"),
    [
        ("/files", {"path": ""}),
        ("/files/a/b", {"path": "a/b"}),
        ("/u", {"name": ""}),
        ("/tags", {"tags": []}),
        ("/all/", {"rest": ""}),
    ],
)
def test_url_for_of_a_match_with_an_empty_value(
    empties: Router, address: str, params: dict[str, object]
) -> None:
    match = empties.match(address)
    assert match is not None and match.params == params
    built = empties.url_for(match.endpoint, **match.params)
    assert built == address
    again = empties.match(built)
    assert again is not None and again.route is match.route and again.params == params
