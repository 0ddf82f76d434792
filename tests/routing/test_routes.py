"""Registration rules, query binding, and introspection."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navkit import BadRequest, RouteError, Router
from navkit.routing.location import is_app_address


def test_endpoint_defaults_to_function_name_and_can_be_given() -> None:
    router = Router()

    @router.route("/a")
    def alpha() -> None: ...

    @router.route("/b", endpoint="beta")
    def other() -> None: ...

    assert [route.endpoint for route in router.routes()] == ["alpha", "beta"]


def test_duplicate_endpoint_for_another_function_raises() -> None:
    router = Router()

    @router.route("/a")
    def page() -> None: ...

    with pytest.raises(RouteError, match="already used"):

        @router.route("/b", endpoint="page")
        def another() -> None: ...


def test_one_function_may_have_several_templates() -> None:
    router = Router()

    @router.route("/users", defaults={"page": 1})
    @router.route("/users/page/:page")
    def show_users(page: int) -> None: ...

    assert [route.template.source for route in router.routes()] == ["/users/page/:page", "/users"]


def test_template_parameter_the_view_cannot_take_raises() -> None:
    with pytest.raises(RouteError, match="no parameter 'item_id'"):
        Router().add_route("/items/:item_id", lambda: None, endpoint="x")


def test_view_with_kwargs_takes_any_parameter() -> None:
    router = Router()
    router.add_route("/items/:item_id", lambda **kwargs: None, endpoint="x")
    match = router.match("/items/5")
    assert match is not None and match.params == {"item_id": "5"}


def test_unresolvable_annotation_is_reported_at_registration() -> None:
    # With postponed annotations this is the string "Missing", which no
    # namespace resolves (as for a class defined inside a function).
    def view(item_id: Missing) -> None:  # type: ignore[name-defined]  # noqa: F821
        ...

    with pytest.raises(RouteError, match="cannot resolve the annotation 'Missing'"):
        Router().add_route("/items/:item_id", view)


def test_repeated_param_with_scalar_type_raises() -> None:
    with pytest.raises(RouteError, match="several segments"):
        Router().add_route("/n/:nums*", lambda nums: None, endpoint="n", converters={"nums": int})


def test_unknown_converters_key_raises() -> None:
    with pytest.raises(RouteError, match="converters= names 'idd'"):
        Router().add_route("/i/:id", lambda id: None, endpoint="i", converters={"idd": int})


# -- query parameters ----------------------------------------------------


@pytest.fixture
def search() -> Router:
    router = Router()

    @router.route("/search")
    def search(
        q: str, page: int = 1, tags: list[int] | None = None, exact: bool = False
    ) -> None: ...

    return router


@pytest.mark.parametrize(
    ("address", "args"),
    [
        ("/search?q=shoes", {"q": "shoes", "page": 1, "tags": None, "exact": False}),
        ("/search?q=red+shoes&page=2", {"q": "red shoes", "page": 2, "tags": None, "exact": False}),
        ("/search?q=x&tags=1&tags=2", {"q": "x", "page": 1, "tags": [1, 2], "exact": False}),
        (
            "/search?q=x&exact=true&other=ignored",
            {"q": "x", "page": 1, "tags": None, "exact": True},
        ),
        ("/search?page=1&page=3&q=x", {"q": "x", "page": 3, "tags": None, "exact": False}),
    ],
)
def test_query_values_are_converted_by_annotation(
    search: Router, address: str, args: dict[str, Any]
) -> None:
    match = search.match(address)
    assert match is not None
    assert match.view_args() == args


@pytest.mark.parametrize(
    ("address", "parameter"),
    [
        ("/search", "q"),
        ("/search?q=x&page=two", "page"),
        ("/search?q=x&tags=1&tags=b", "tags"),
        ("/search?q=x&exact=perhaps", "exact"),
    ],
)
def test_bad_query_is_a_bad_request_outcome(search: Router, address: str, parameter: str) -> None:
    match = search.match(address)
    assert match is not None  # the path matched: this is a 400, not a 404
    with pytest.raises(BadRequest) as caught:
        match.view_args()
    assert (caught.value.code, caught.value.parameter, caught.value.path) == (
        400,
        parameter,
        "/search",
    )


@pytest.mark.parametrize("query", ["q=%zz", "q=%c3%28", "q=a\x00b", "q=two\nlines"])
def test_malformed_query_is_a_bad_request(search: Router, query: str) -> None:
    # A raw control character would break the address itself; an encoded one is data.
    match = search.match(f"/search?{query}")
    assert match is not None
    with pytest.raises(BadRequest, match="malformed query"):
        match.view_args()


@pytest.mark.parametrize("value", ["two\nlines", "a\tb", "cr\r\nlf", "nul\x00", "\x7f\x85"])
def test_control_characters_in_a_query_value_reach_the_view(search: Router, value: str) -> None:
    address = search.url_for("search", q=value)
    assert is_app_address(address)  # percent-encoded: nothing raw in the address
    match = search.match(address)
    assert match is not None
    assert match.query == [("q", value)]
    assert match.view_args()["q"] == value


@given(value=st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_any_query_text_round_trips(value: str) -> None:
    router = Router()
    router.add_route("/search", lambda q="": None, endpoint="search")
    match = router.match(router.url_for("search", q=value))
    assert match is not None
    assert match.view_args() == {"q": value}


@pytest.mark.parametrize("segment", ["a%0Ab", "a%09b", "%00", "%7F", "%C2%85"])
def test_control_characters_in_a_path_segment_are_not_found(segment: str) -> None:
    # The path names a page (see navkit.routing.location): no route takes them.
    router = Router()
    router.add_route("/u/:name", lambda name: None, endpoint="user")
    router.add_route("/files/:path*", lambda path="": None, endpoint="files")
    assert router.match(f"/u/{segment}") is None
    assert router.match(f"/files/a/{segment}") is None


def test_equal_addresses_give_equal_matches(search: Router) -> None:
    assert search.match("/search?q=1") == search.match("/search?q=1")
    assert search.match("/search?q=1") != search.match("/search?q=2")


# -- introspection -------------------------------------------------------


def test_routes_describe_endpoint_template_params_and_blueprint() -> None:
    router = Router()

    @router.route("/items/:item_id")
    def item(item_id: int, tab: str = "info") -> None: ...

    (route,) = router.routes()
    assert route.endpoint == "item"
    assert route.template.source == "/items/:item_id"
    assert route.template.param_names == ("item_id",)
    assert type(route.converters["item_id"]).__name__ == "IntConverter"
    assert [param.name for param in route.query] == ["tab"]
    assert route.blueprint is None


def test_match_is_an_immutable_value(search: Router) -> None:
    match = search.match("/search?q=1")
    assert match is not None
    with pytest.raises(AttributeError):
        match.address = "/elsewhere"  # type: ignore[misc]
    assert match.path == "/search" and match.query_string == "q=1" and match.fragment == ""
