"""Typed query state: a page's query as one dataclass, defaults out of the URL, update_query.

A notes list with ``?page=`` and ``?sort=`` and ``?tag=``: what a user sees
in the address bar, what the view receives, and what Back gives back.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import flet as ft
import pytest
from hypothesis import given
from hypothesis import strategies as st

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


class Shown(enum.Enum):
    ALL = "all"
    PINNED = "pinned"


@dataclass(frozen=True)
class NotesQuery:
    page: int = 1
    sort: Literal["title", "date"] = "date"
    tags: list[str] = field(default_factory=list)
    shown: Shown = Shown.ALL
    search: str | None = None


def notes_app(seen: list[NotesQuery], *, invalid_query: str = "error") -> navkit.Router:
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return [ft.Text("home")]

    @router.route("/notes", title="Notes", invalid_query=invalid_query)
    def notes(query: NotesQuery, nav: navkit.Navigator) -> list[ft.Control]:
        seen.append(query)
        return [
            ft.Text(f"page {query.page} by {query.sort}"),
            ft.Button("Next", on_click=lambda _: nav.update_query(page=query.page + 1)),
        ]

    return router


def test_the_view_gets_one_typed_value_with_defaults(navkit_client: Client) -> None:
    seen: list[NotesQuery] = []
    client = navkit_client(notes_app(seen), route="/notes")
    assert seen[-1] == NotesQuery()
    client.go("/notes?page=3&sort=title&tags=a&tags=b&shown=pinned&search=tea")
    assert seen[-1] == NotesQuery(3, "title", ["a", "b"], Shown.PINNED, "tea")


def test_defaults_stay_out_of_the_url(navkit_client: Client) -> None:
    client = navkit_client(notes_app([]))
    router = client.navigator.router
    assert router.url_for("notes", page=1, sort="date") == "/notes"
    assert router.url_for("notes", page=2, sort="date") == "/notes?page=2"
    assert router.url_for("notes", query=NotesQuery(page=2, tags=["x"])) == "/notes?page=2&tags=x"
    assert router.url_for("notes", query=NotesQuery()) == "/notes"


def test_update_query_changes_one_key_and_keeps_the_others(navkit_client: Client) -> None:
    seen: list[NotesQuery] = []
    client = navkit_client(notes_app(seen), route="/notes?sort=title&page=2&utm=x")
    length = len(client.entries)
    client.call(client.navigator.update_query, page=3)
    assert client.page.route == "/notes?sort=title&page=3&utm=x"  # in place, the rest kept
    assert seen[-1] == NotesQuery(page=3, sort="title")
    assert len(client.entries) == length + 1  # pagination: a new entry, Back returns
    client.browser_back()
    assert client.page.route == "/notes?sort=title&page=2&utm=x"
    assert seen[-1].page == 2


def test_update_query_to_a_default_removes_the_key(navkit_client: Client) -> None:
    client = navkit_client(notes_app([]), route="/notes?sort=title&page=2")
    client.call(client.navigator.update_query, page=1)
    assert client.page.route == "/notes?sort=title"
    client.call(client.navigator.update_query, sort=None)
    assert client.page.route == "/notes"


def test_update_query_in_place_adds_no_entry(navkit_client: Client) -> None:
    client = navkit_client(notes_app([]), route="/notes")
    length = len(client.entries)
    client.call(client.navigator.update_query, replace=True, search="tea")
    client.call(client.navigator.update_query, replace=True, search="teapot")
    assert client.page.route == "/notes?search=teapot"
    assert len(client.entries) == length and client.entries[-1] == "/notes?search=teapot"


def test_a_button_in_the_view_pages_through(navkit_client: Client) -> None:
    seen: list[NotesQuery] = []
    client = navkit_client(notes_app(seen), route="/notes?sort=title")
    for _ in range(3):
        button = client.page.views[-1].controls[1]
        client.call(button.on_click, None)  # type: ignore[attr-defined]
    assert client.page.route == "/notes?sort=title&page=4"
    assert client.titles == ["Home", "Notes"]  # one level, rebuilt: no stack growth


def test_a_typo_in_update_query_is_a_precise_error(navkit_client: Client) -> None:
    client = navkit_client(notes_app([]), route="/notes")
    with pytest.raises(navkit.BuildError, match=r"no key 'pgae'.*Did you mean 'page'"):
        client.navigator.update_query(pgae=2)
    assert client.page.route == "/notes"


def test_an_invalid_value_is_a_400_or_the_default(navkit_client: Client) -> None:
    strict = navkit_client(notes_app([]), route="/notes?page=two")
    assert strict.titles[-1] == "Invalid address"
    seen: list[NotesQuery] = []
    lenient = navkit_client(
        notes_app(seen, invalid_query="default"), route="/notes?page=two&sort=x"
    )
    assert seen[-1] == NotesQuery()
    assert lenient.page.route == "/notes?page=two&sort=x"  # the address the user typed stays


def test_a_query_class_and_a_clashing_parameter_are_refused() -> None:
    router = navkit.Router()

    def clash(page: int, query: NotesQuery) -> list[ft.Control]:
        return []

    with pytest.raises(navkit.RouteError, match="both a query field and a parameter"):
        router.add_route("/n", clash)
    with pytest.raises(navkit.RouteError, match="invalid_query="):
        router.add_route("/m", lambda: [], endpoint="m", invalid_query="ignore")


@dataclass(frozen=True)
class Search:
    q: str


def test_a_required_field_missing_is_a_400(navkit_client: Client) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")
    results: list[Search] = []

    @router.route("/find")
    def find(query: Search) -> list[ft.Control]:
        results.append(query)
        return [ft.Text(query.q)]

    client = navkit_client(router, route="/find")
    assert client.titles[-1] == "Invalid address"
    client.go("/find?q=tea")
    assert results == [Search("tea")]
    assert client.titles[-1] == "Find"


@given(
    page=st.integers(min_value=-(10**6), max_value=10**6),
    sort=st.sampled_from(["title", "date"]),
    tags=st.lists(st.text(min_size=1, max_size=8), max_size=4),
    search=st.none() | st.text(max_size=12),
)
def test_url_for_then_matching_gives_the_same_value(
    page: int, sort: Any, tags: list[str], search: str | None
) -> None:
    """The property: every query value survives being written to the URL and read back."""
    seen: list[NotesQuery] = []
    router = notes_app(seen)
    query = NotesQuery(page, sort, tags, Shown.ALL, search)
    address = router.url_for("notes", query=query)
    match = router.table.match(address)
    assert match is not None
    assert match.view_args()["query"] == query
    if query == NotesQuery():
        assert address == "/notes"


def test_two_quick_changes_both_count(navkit_client: Client) -> None:
    """Next page, then a sort, while the first is still loading: both end in the address."""
    loads: list[str] = []
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

    async def load(query: NotesQuery) -> str:
        loads.append(str(query.page))
        await asyncio.sleep(0.05)
        return str(query)

    def listed(query: NotesQuery, data: str) -> list[ft.Control]:
        return [ft.Text(data)]

    router.add_route("/notes", listed, endpoint="notes", loader=load)
    client = navkit_client(router, route="/notes")
    client.settle()

    def clicks() -> None:
        client.navigator.update_query(page=2)
        client.navigator.update_query(sort="title")

    client.call(clicks)
    client.settle()
    assert client.page.route == "/notes?page=2&sort=title"


@dataclass(frozen=True)
class Checked:
    page: int = 1

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError("page must be 1 or more")


@pytest.mark.parametrize(
    ("invalid_query", "title"), [("error", "Invalid address"), ("default", "C")]
)
def test_a_dataclass_that_refuses_its_values_is_a_400_or_the_default(
    navkit_client: Client, invalid_query: str, title: str
) -> None:
    seen: list[Checked] = []
    router = navkit.Router()
    router.add_route("/", lambda: [ft.Text("home")], endpoint="home")

    def c(query: Checked) -> list[ft.Control]:
        seen.append(query)
        return [ft.Text(str(query.page))]

    router.add_route("/c", c, endpoint="c", invalid_query=invalid_query)
    client = navkit_client(router, route="/c?page=0")
    assert client.titles[-1] == title
    assert seen == ([] if invalid_query == "error" else [Checked()])


def test_update_query_takes_the_whole_value_and_removes_stray_keys(navkit_client: Client) -> None:
    client = navkit_client(notes_app([]), route="/notes?utm=x&page=2")
    client.call(client.navigator.update_query, query=NotesQuery(page=5, sort="title"))
    assert client.page.route == "/notes?utm=x&page=5&sort=title"
    client.call(client.navigator.update_query, utm=None)  # not a field: None still removes it
    assert client.page.route == "/notes?page=5&sort=title"
