"""The view stack as a function of the address (no page involved)."""

from __future__ import annotations

import pytest

from navkit import RouteError, Router
from navkit.navigation.stack import build_stack


def _view(**_kwargs: object) -> None:
    return None


@pytest.fixture
def router() -> Router:
    router = Router()
    for template, endpoint, options in [
        ("/", "home", {}),
        ("/store", "store", {}),
        ("/store/:item_id", "item", {}),
        ("/store/:item_id/reviews", "reviews", {}),
        ("/login", "login", {"root": True}),
        ("/deep/a/b/c", "deep", {}),
        ("/cart/:item_id", "cart_item", {"parent": "item"}),
        ("/help", "help", {"parent": "store"}),
    ]:
        router.add_route(template, _view, endpoint=endpoint, **options)
    router.check()
    return router


@pytest.mark.parametrize(
    ("address", "stack"),
    [
        ("/", ["/"]),
        ("/store", ["/", "/store"]),
        ("/store/42", ["/", "/store", "/store/42"]),
        ("/store/42/reviews", ["/", "/store", "/store/42", "/store/42/reviews"]),
        ("/store/42?tab=1", ["/", "/store", "/store/42?tab=1"]),  # only the top keeps its query
        ("/store/42/", ["/", "/store", "/store/42/"]),
        ("/login", ["/login"]),  # root=True starts a fresh stack
        ("/deep/a/b/c", ["/", "/deep/a/b/c"]),  # unmatched prefixes contribute nothing
        ("/cart/7", ["/", "/store", "/store/7", "/cart/7"]),  # parent=item, item_id shared
        ("/help", ["/", "/store", "/help"]),
    ],
)
def test_stack_levels(router: Router, address: str, stack: list[str]) -> None:
    levels = build_stack(router, address)
    assert [level.address for level in levels] == stack
    assert all(level.match is not None for level in levels)


def test_not_found_sits_on_its_longest_matching_prefix(router: Router) -> None:
    levels = build_stack(router, "/store/42/nope")
    assert [level.address for level in levels] == ["/", "/store", "/store/42", "/store/42/nope"]
    assert levels[-1].match is None
    assert [level.address for level in build_stack(Router(), "/x")] == ["/x"]


def test_equal_addresses_give_equal_stacks(router: Router) -> None:
    assert build_stack(router, "/store/42") == build_stack(router, "/store/42")
    a, b = build_stack(router, "/store/42"), build_stack(router, "/store/43")
    assert a[:2] == b[:2] and a[2] != b[2]


@pytest.mark.parametrize(
    ("routes", "message"),
    [
        ([("/a", "a", {"parent": "nowhere"})], "not an endpoint"),
        ([("/a", "a", {"parent": "b"}), ("/b", "b", {"parent": "a"})], "loop: a => b => a"),
        ([("/x", "x", {}), ("/y/:id", "y", {}), ("/z", "z", {"parent": "y"})], "lacks \\['id'\\]"),
    ],
)
def test_check_reports_unusable_parents(
    routes: list[tuple[str, str, dict[str, object]]], message: str
) -> None:
    router = Router()
    for template, endpoint, options in routes:
        router.add_route(template, _view, endpoint=endpoint, **options)
    with pytest.raises(RouteError, match=message):
        router.check()


def test_unknown_route_option_is_refused() -> None:
    with pytest.raises(RouteError, match="unknown option"):
        Router().add_route("/a", _view, endpoint="a", titel="typo")
