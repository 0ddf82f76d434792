"""Router.match: what matches, what wins, and what never crashes."""

from __future__ import annotations

import random
import time
import uuid
from typing import Literal

import pytest

from navkit import RouteError, Router


def _view(*_args: object, **_kwargs: object) -> None: ...


def make_router(*templates: str) -> Router:
    router = Router()
    for index, template in enumerate(templates):
        router.add_route(template, _view, endpoint=f"r{index}")
    return router


@pytest.fixture
def shop() -> Router:
    router = Router()

    @router.route("/")
    def home() -> None: ...

    @router.route("/books/:book_id")
    def book(book_id: int) -> None: ...

    @router.route("/u/:name")
    def user(name: str) -> None: ...

    @router.route("/files/:rest*")
    def files(rest: str = "") -> None: ...

    return router


@pytest.mark.parametrize(
    ("address", "endpoint", "params", "path"),
    [
        ("/", "home", {}, "/"),
        ("", "home", {}, "/"),
        ("/books/42", "book", {"book_id": 42}, "/books/42"),
        ("/books/42?tab=reviews#x", "book", {"book_id": 42}, "/books/42"),
        ("/books/42/", "book", {"book_id": 42}, "/books/42/"),
        ("/u/J%C3%B6rg", "user", {"name": "Jörg"}, "/u/J%C3%B6rg"),
        ("/u/a%2Fb", "user", {"name": "a/b"}, "/u/a%2Fb"),
        ("/u/100%25", "user", {"name": "100%"}, "/u/100%25"),
        ("/u/x+y", "user", {"name": "x+y"}, "/u/x+y"),  # '+' is a plus in a path
        ("/files", "files", {"rest": ""}, "/files"),
        ("/files/a/b/c", "files", {"rest": "a/b/c"}, "/files/a/b/c"),
    ],
)
def test_match_finds_route_and_converted_params(
    shop: Router, address: str, endpoint: str, params: dict[str, object], path: str
) -> None:
    match = shop.match(address)
    assert match is not None
    assert (match.endpoint, dict(match.params), match.path) == (endpoint, params, path)


def test_match_exposes_template_query_and_fragment(shop: Router) -> None:
    match = shop.match("/books/7?tab=reviews&x=1#top")
    assert match is not None
    assert match.template == "/books/:book_id"
    assert match.query_string == "tab=reviews&x=1"
    assert match.query == [("tab", "reviews"), ("x", "1")]
    assert match.fragment == "top"


@pytest.mark.parametrize(
    "address",
    [
        "/books/abc",  # int converter refuses and no other route takes it
        "/Books/42",  # case-sensitive
        "/books/42/extra",
        "/books//42",
        "/u/",
        "/nowhere",
    ],
)
def test_no_match(shop: Router, address: str) -> None:
    assert shop.match(address) is None


def test_failed_conversion_falls_through_to_another_route() -> None:
    router = Router()

    @router.route("/items/:item_id")
    def item(item_id: int) -> None: ...

    @router.route("/items/:slug")
    def item_by_slug(slug: str) -> None: ...

    by_id, by_slug = router.match("/items/42"), router.match("/items/blue-shoe")
    assert by_id is not None and (by_id.endpoint, by_id.params["item_id"]) == ("item", 42)
    assert by_slug is not None and by_slug.endpoint == "item_by_slug"


@pytest.mark.parametrize(
    ("annotation", "text", "value"),
    [
        (float, "2.5", 2.5),
        (
            uuid.UUID,
            "12345678-1234-5678-1234-567812345678",
            uuid.UUID("12345678-1234-5678-1234-567812345678"),
        ),
        (bool, "yes", True),
        (Literal["asc", "desc"], "asc", "asc"),
    ],
)
def test_annotations_convert_path_params(annotation: object, text: str, value: object) -> None:
    router = Router()

    def view(value: str) -> None: ...

    view.__annotations__["value"] = annotation
    router.add_route("/v/:value", view)
    match = router.match(f"/v/{text}")
    assert match is not None and match.params == {"value": value}


def test_explicit_converters_override_annotations() -> None:
    router = Router()

    @router.route("/n/:num", converters={"num": int})
    def number(num) -> None:  # type: ignore[no-untyped-def]
        ...

    match = router.match("/n/12")
    assert match is not None and match.params == {"num": 12}
    assert router.match("/n/twelve") is None


def test_multi_segment_params_as_list() -> None:
    router = Router()

    @router.route("/tags/:tags+")
    def tags(tags: list[int]) -> None: ...

    match = router.match("/tags/1/2/3")
    assert match is not None and match.params == {"tags": [1, 2, 3]}
    assert router.match("/tags") is None
    assert router.match("/tags/1/x") is None


def test_optional_param_uses_view_default_or_defaults() -> None:
    router = Router()

    @router.route("/posts/:page?")
    def posts(page: int = 1) -> None: ...

    @router.route("/docs/:lang?", defaults={"lang": "en"})
    def docs(lang: str) -> None: ...

    for address, params in [
        ("/posts", {"page": 1}),
        ("/posts/3", {"page": 3}),
        ("/docs", {"lang": "en"}),
        ("/docs/fr", {"lang": "fr"}),
    ]:
        match = router.match(address)
        assert match is not None and dict(match.params) == params, address


def test_regex_fallback_templates_match_like_repath() -> None:
    router = Router()

    @router.route("/raw/:rest(.*)/edit")
    def edit(rest: str) -> None: ...

    @router.route("/dl/:name.:ext")
    def download(name: str, ext: str) -> None: ...

    match = router.match("/raw/a/b/edit")
    assert match is not None and match.params == {"rest": "a/b"}
    match = router.match("/dl/report.pdf")
    assert match is not None and match.params == {"name": "report", "ext": "pdf"}


# -- precedence ---------------------------------------------------------

# Written in the order they must rank: most specific first.
PRIORITY = [
    "/users",
    "/users/me",
    r"/users/:id(\d+)",
    "/users/:name",
    "/users/:name?",
    "/users/:path*",
    "/:section/me",
    "/:section/:name",
    "/:section/:name/:rest+",
    "/:section/:rest*",
]


@pytest.mark.parametrize("seed", range(8))
def test_ranking_is_independent_of_declaration_order(seed: int) -> None:
    shuffled = PRIORITY[:]
    random.Random(seed).shuffle(shuffled)
    router = make_router(*shuffled)
    ranked = sorted(router.routes(), key=lambda route: route.key, reverse=True)
    assert [route.template.source for route in ranked] == PRIORITY


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(
    ("address", "winner"),
    [
        ("/users", "/users"),
        ("/users/me", "/users/me"),
        ("/users/42", r"/users/:id(\d+)"),
        ("/users/bob", "/users/:name"),
        ("/users/a/b", "/users/:path*"),
        ("/team/me", "/:section/me"),
        ("/team/bob", "/:section/:name"),
        ("/team/bob/x", "/:section/:name/:rest+"),
        ("/team", "/:section/:rest*"),
    ],
)
def test_most_specific_route_wins(seed: int, address: str, winner: str) -> None:
    shuffled = PRIORITY[:]
    random.Random(seed).shuffle(shuffled)
    match = make_router(*shuffled).match(address)
    assert match is not None and match.template == winner


def test_static_beats_parameter_declared_first() -> None:
    router = make_router("/store/:id", "/store/new")
    match = router.match("/store/new")
    assert match is not None and match.template == "/store/new"


def test_typed_converter_beats_plain_parameter() -> None:
    router = Router()

    @router.route("/p/:slug")
    def by_slug(slug: str) -> None: ...

    @router.route("/p/:num")
    def by_num(num: int) -> None: ...

    match = router.match("/p/5")
    assert match is not None and match.endpoint == "by_num"


def test_declaration_order_breaks_ties() -> None:
    router = Router()

    @router.route("/t/:num")
    def first(num: int) -> None: ...

    @router.route(r"/t/:code(\d{3})")
    def second(code: str) -> None: ...

    match = router.match("/t/123")
    assert match is not None and match.endpoint == "first"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("/users/:id", "/users/:name"),
        ("/users", "/users/"),
        (r"/a/:x(\d+)", r"/a/:y(\d+)"),
        ("/a/:rest*", "/a/:other*"),
        ("/", "/"),
    ],
)
def test_templates_matching_the_same_paths_conflict(first: str, second: str) -> None:
    with pytest.raises(RouteError, match="matches exactly the same paths"):
        make_router(first, second)


def test_same_shape_with_different_types_does_not_conflict() -> None:
    router = Router()
    router.add_route("/a/:x", lambda x: None, endpoint="text")
    router.add_route("/a/:x", lambda x: None, endpoint="number", converters={"x": int})
    match = router.match("/a/1")
    assert match is not None and match.endpoint == "number"


# -- hostile input -------------------------------------------------------

BAD_ADDRESSES = [
    "/u/%",
    "/u/%zz",
    "/u/%c3%28",
    "/u/%00",
    "/u/a\x00b",
    "/u/\x1b[31m",
    "/u/" + "a" * 100_000,
    "/" + "/".join(["a"] * 10_000),
    "u/relative",
]


@pytest.mark.parametrize("address", BAD_ADDRESSES, ids=lambda a: repr(a[:20]))
def test_bad_input_returns_none_quickly(shop: Router, address: str) -> None:
    started = time.perf_counter()
    assert shop.match(address) is None
    # Generous bound: the point is "not catastrophic", not a benchmark.
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("value", [None, 42, b"/bytes"])
def test_match_never_raises_for_non_strings(shop: Router, value: object) -> None:
    assert shop.match(value) is None  # type: ignore[arg-type]


def test_max_path_length_is_configurable() -> None:
    router = Router(max_path_length=20)
    router.add_route("/files/:rest*", lambda rest: None, endpoint="files")
    assert router.match("/files/" + "a" * 13) is not None
    assert router.match("/files/" + "a" * 14) is None


@pytest.mark.parametrize("template", ["/:lang?/:page/:rest*", "/:lang?/:page/:rest(.*)"])
def test_refused_optional_value_is_read_as_absent(template: str) -> None:
    # repath's regex alone would commit to lang="1"; converters constrain
    # matching (as Werkzeug's do), so the reading without lang is taken.
    router = Router()
    router.add_route(template, lambda **kwargs: None, endpoint="page", converters={"page": int})
    match = router.match("/1/x")
    assert match is not None
    assert (match.params["page"], match.params["rest"]) == (1, "x")
    assert match.params["lang"] is None
