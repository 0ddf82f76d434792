"""The view stack as a function of the address (no page involved)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navkit import RouteError
from navkit.navigation.stack import build_stack
from navkit.navigation.values import FailedLevel
from navkit.routing.table import RouteTable
from tests.routing.test_properties import PATH_PIECES, route_tables


def _view(**_kwargs: object) -> None:
    return None


@pytest.fixture
def router() -> RouteTable:
    router = RouteTable()
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
def test_stack_levels(router: RouteTable, address: str, stack: list[str]) -> None:
    levels = build_stack(router, address)
    assert [level.address for level in levels] == stack
    assert all(level.match is not None for level in levels)


def test_not_found_sits_on_its_longest_matching_prefix(router: RouteTable) -> None:
    levels = build_stack(router, "/store/42/nope")
    assert [level.address for level in levels] == ["/", "/store", "/store/42", "/store/42/nope"]
    assert levels[-1].match is None
    assert isinstance(levels[-1], FailedLevel) and levels[-1].error.code == 404
    assert [level.address for level in build_stack(RouteTable(), "/x")] == ["/x"]


def test_equal_addresses_give_equal_stacks(router: RouteTable) -> None:
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
    router = RouteTable()
    for template, endpoint, options in routes:
        router.add_route(template, _view, endpoint=endpoint, **options)
    with pytest.raises(RouteError, match=message):
        router.check()


def test_unknown_route_option_is_refused() -> None:
    with pytest.raises(RouteError, match="unknown option"):
        RouteTable().add_route("/a", _view, endpoint="a", titel="typo")


# -- bounded work on addresses with thousands of segments ------------------

TABLES: dict[str, list[tuple[str, dict[str, object]]]] = {
    "bounded": [("/", {}), ("/store", {}), ("/store/:item_id", {"item_id": int})],
    "path tail": [("/", {}), ("/docs", {}), ("/docs/:path*", {})],
    "list tail": [("/", {}), ("/tags/:tags+", {"tags": list[int]})],
    "spanning": [("/", {}), ("/e/:rest(.*)/edit", {}), ("/:name.:ext", {})],
}


def _table(name: str) -> RouteTable:
    router = RouteTable()
    for index, (template, converters) in enumerate(TABLES[name]):
        router.add_route(template, _view, endpoint=f"e{index}", converters=converters)
    return router


def _brute_force_prefix(router: RouteTable, path: str) -> str | None:
    """The specification: the longest proper prefix any route matches, every one tried."""
    segments = [segment for segment in path.split("/") if segment]
    for length in range(len(segments) - 1, -1, -1):
        prefix = "/" + "/".join(segments[:length])
        if router.match(prefix) is not None:
            return prefix
    return None


# (table, address of n repetitions): each a path no route matches whole.
HOSTILE = [
    ("bounded", lambda n: "/a" * n),
    ("bounded", lambda n: "/store/42" + "/a" * n),
    ("path tail", lambda n: "/a" * n),
    ("path tail", lambda n: "/docs" + "/a" * n + "/%zz"),
    ("list tail", lambda n: "/tags" + "/1" * n + "/x" + "/1" * n),
    ("list tail", lambda n: "/tags/x" + "/1" * n),
    ("spanning", lambda n: "/e" + "/a" * n),
    ("spanning", lambda n: "/a.b" + "/a" * n),
]


def _matched_characters(router: RouteTable, address: str) -> tuple[int, tuple[str, ...]]:
    """Characters handed to match() while building the stack, and the levels' addresses."""
    seen: list[str] = []
    match = router.match

    def counting(route: str) -> object:
        seen.append(route)
        return match(route)

    router.match = counting  # type: ignore[method-assign]
    try:
        levels = build_stack(router, address)
    finally:
        router.match = match  # type: ignore[method-assign]
    return sum(len(route) for route in seen), tuple(level.address for level in levels)


@pytest.mark.parametrize(("table", "address"), HOSTILE)
def test_deep_address_costs_work_proportional_to_its_length(
    table: str, address: Callable[[int], str]
) -> None:
    router = _table(table)
    small, _ = _matched_characters(router, address(200))
    large, _ = _matched_characters(router, address(2000))
    assert len(address(2000)) <= router.max_path_length  # long, but not refused outright
    # Linear: 10x the address, about 10x the characters matched (quadratic is 100x).
    assert large <= 15 * max(small, len(address(200)))


@pytest.mark.parametrize(("table", "address"), HOSTILE)
def test_deep_address_stack_is_the_longest_matching_prefix(
    table: str, address: Callable[[int], str]
) -> None:
    router = _table(table)
    path = address(5)
    levels = build_stack(router, path)
    assert levels[-1].address == path
    beneath = _brute_force_prefix(router, path)
    assert (levels[-2].address if len(levels) > 1 else None) == beneath


def _reference_stack(router: RouteTable, address: str) -> list[str]:
    """build_stack's addresses with every prefix tried (tables without parent=/root=)."""
    addresses: list[str] = []
    current: str | None = address
    while current is not None and current.partition("?")[0] not in addresses:
        addresses.append(current)
        current = _brute_force_prefix(router, current)
    return list(reversed(addresses))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    route_tables(),
    st.lists(st.lists(st.sampled_from([*PATH_PIECES, "%zz", "docs"]), max_size=7), max_size=4),
)
def test_stack_tries_every_prefix_a_route_could_match(
    table: list[tuple[str, dict[str, Any]]], paths: list[list[str]]
) -> None:
    router = RouteTable()
    for index, (template, converters) in enumerate(table):
        try:
            router.add_route(
                template, lambda **kwargs: None, endpoint=f"e{index}", converters=converters
            )
        except RouteError:
            continue  # a conflict with an earlier template of the table
    for pieces in paths:
        address = "/" + "/".join(pieces)
        stack = [level.address for level in build_stack(router, address)]
        assert stack == _reference_stack(router, address), address


def test_a_redirect_route_is_never_a_level_beneath() -> None:
    """``/`` sending to ``/notes`` would show an empty page under every note: it is skipped."""
    table = RouteTable()
    table.add_route("/", endpoint="start", redirect_to="notes")
    table.add_route("/notes", _view, endpoint="notes")
    table.add_route("/notes/:note_id", _view, endpoint="note")
    table.check()
    assert [level.path for level in build_stack(table, "/notes/7")] == ["/notes", "/notes/7"]
    top = build_stack(table, "/")  # on top, it is the level the navigation redirects from
    assert [level.path for level in top] == ["/"]
