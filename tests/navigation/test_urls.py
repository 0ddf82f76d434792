"""URL strategies: routes to browser addresses and back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navkit.navigation.urls import UrlStrategy, resolve
from navkit.routing.location import add_query
from navkit.routing.table import RouteTable


@pytest.mark.parametrize(
    ("address", "query", "added"),
    [
        ("/a", "x=1", "/a?x=1"),
        ("/a?y=2", "x=1", "/a?y=2&x=1"),
        ("/a?", "x=1", "/a?&x=1"),  # as written: an empty query stays
        ("/a", "", "/a"),
        ("/a?y=2", "", "/a?y=2"),
        ("/a#top", "x=1", "/a?x=1#top"),  # before the fragment, never inside it
        ("/a#b?c", "x=1", "/a?x=1#b?c"),  # a ? in the fragment is the fragment's
        ("/a?y=2#b?c", "x=1", "/a?y=2&x=1#b?c"),
    ],
)
def test_add_query(address: str, query: str, added: str) -> None:
    assert add_query(address, query) == added


def test_resolve_adds_values_to_a_path_as_its_query() -> None:
    table = RouteTable()
    assert resolve(table, "/a", {"x": 1}) == "/a?x=1"
    assert resolve(table, "/a?y=2", {"x": 1}) == "/a?y=2&x=1"
    assert resolve(table, "/a#top", {"x": 1}) == "/a?x=1#top"
    assert resolve(table, "/a", {}) == "/a"


@pytest.mark.parametrize(
    ("kind", "base", "route", "href"),
    [
        ("path", "", "/", "/"),
        ("path", "", "/store/42?x=1", "/store/42?x=1"),
        ("path", "/app", "/store/42", "/app/store/42"),
        ("path", "/app/", "/", "/app"),
        ("hash", "", "/", "/"),
        ("hash", "", "/store/42", "/#/store/42"),
        ("hash", "/app", "/store/42?x=1", "/app/#/store/42?x=1"),
    ],
)
def test_href(kind: str, base: str, route: str, href: str) -> None:
    assert UrlStrategy(kind, base).href(route) == href  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "base", "url", "route"),
    [
        ("hash", "/app", "https://host/app/#/store/42?x=1", "/store/42?x=1"),
        ("hash", "", "https://host/", "/"),
        ("path", "/app", "https://host/app/store/42", "/store/42"),
        ("path", "/app", "https://host/app", "/"),
        ("path", "/app", "https://host/other/store", None),
        ("path", "", "https://host/store/42?x=1", "/store/42?x=1"),
        ("path", "", "https://host/#/store/42", "/store/42"),  # a legacy hash link
        ("path", "", "myapp://host/store/42", "/store/42"),
        ("hash", "", "myapp://host/store/42?tab=1", "/store/42?tab=1"),
        ("path", "", "/store/42", "/store/42"),
        # Hostile: never a route outside the app.
        ("path", "", "javascript:alert(1)", None),
        ("path", "", "data:text/html,x", None),
        ("hash", "", "javascript:alert(1)", None),
        ("path", "", "https://host/#//evil.example", None),
        ("path", "/app", "https://host/app//evil.example", None),
        ("path", "", "myapp://host/a%00b", "/a%00b"),  # encoded: the matcher refuses it
        ("path", "", "myapp://host/a\x00b", None),
        ("path", "/app", "https://host/app/../x", "/../x"),  # not found, inside the app
        # A #/ link counts only under the base path: elsewhere is another app.
        ("hash", "/app", "https://host/other/#/store", None),
        ("path", "/app", "https://host/other/#/store", None),
        ("hash", "/app", "https://host/#/store", None),
        ("hash", "/app", "https://host/application/#/store", None),
        ("hash", "/app", "https://host/app#/store", "/store"),
        ("path", "/app", "https://host/app/#/store?x=1", "/store?x=1"),
        ("hash", "/app", "/other/#/store", None),
        ("hash", "/app", "/app/#/store", "/store"),
    ],
)
def test_route_from_url(kind: str, base: str, url: str, route: str | None) -> None:
    assert UrlStrategy(kind, base).route_from_url(url) == route  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "base"), [("query", ""), ("path", "app")])
def test_bad_strategy_is_refused(kind: str, base: str) -> None:
    with pytest.raises(ValueError):
        UrlStrategy(kind, base)  # type: ignore[arg-type]


SEGMENTS = st.lists(st.sampled_from(["app", "other", "ap", "apps", "x", ""]), max_size=3)


@given(kind=st.sampled_from(["path", "hash"]), segments=SEGMENTS, fragment=st.text(max_size=8))
def test_nothing_outside_the_base_path_is_a_route(
    kind: str, segments: list[str], fragment: str
) -> None:
    path = "/" + "/".join(segments)
    route = UrlStrategy(kind, "/app").route_from_url(f"https://host{path}#/{fragment}")  # type: ignore[arg-type]
    under = path in ("/app", "/app/") or path.startswith("/app/")
    assert route is None or under
