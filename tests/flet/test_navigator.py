"""The navigator on a real ft.Page, driven through navkit.testing's client stand-in."""

from __future__ import annotations

import gc
import importlib
import weakref
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

import navkit
from navkit import Source
from navkit.navigation.history import HistoryState
from navkit.testing import FletTestClient
from tests.conftest import ShopApp
from tests.flet.test_components import shown_texts

Client = Callable[..., FletTestClient]


def assert_consistent(client: FletTestClient) -> None:
    """The invariants: views never empty, no duplicates, the stack of the route."""
    page = client.page
    routes = client.view_routes
    assert routes, "page.views is empty"
    assert len(routes) == len(set(routes)), f"duplicate routes {routes}"
    assert page.route == routes[-1]
    expected = [
        level.address
        for level in navkit.navigation.stack.build_stack(client.navigator.router.table, page.route)
    ]
    assert routes == expected


def test_deep_link_builds_the_whole_stack(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/store/42")
    assert client.view_routes == ["/", "/store", "/store/42"]
    assert client.titles == ["Home", "Store", "Item"]
    assert client.navigator.last_source is Source.DEEP_LINK
    assert client.navigator.current is not None
    assert client.navigator.current.params == {"item_id": 42}
    assert client.navigator.can_pop
    assert_consistent(client)


def test_views_of_unchanged_levels_are_reused(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/store")
    home, store = client.page.views
    client.go("/store/42")
    assert client.page.views[0] is home and client.page.views[1] is store
    assert shop.calls == {"home": 1, "store": 1, "item": 1}
    client.call(client.navigator.pop)
    assert client.page.views == [home, store]
    assert shop.calls == {"home": 1, "store": 1, "item": 1}  # going back called no view


def test_a_changed_parameter_rebuilds_that_level_and_above(
    navkit_client: Client, shop: ShopApp
) -> None:
    client = navkit_client(shop.router, route="/store/42/reviews")
    before = list(client.page.views)
    client.go("/store/43/reviews")
    after = client.page.views
    assert after[:2] == before[:2] and after[2] is not before[2] and after[3] is not before[3]
    assert shop.calls["item"] == 2 and shop.calls["reviews"] == 2 and shop.calls["store"] == 1


def test_a_changed_query_rebuilds_the_top(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/store?page=1")
    home = client.page.views[0]
    client.go("/store", page=2)
    assert client.page.route == "/store?page=2"
    assert client.page.views[0] is home and shop.calls["store"] == 2


def test_go_by_endpoint_and_page_go(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router)
    client.go("item", item_id=7)
    assert client.page.route == "/store/7" and client.url == "/store/7"
    client.call(client.page.go, "/store", page=3)  # type: ignore[attr-defined]
    assert client.page.route == "/store?page=3"
    assert client.view_routes == ["/", "/store?page=3"]
    assert_consistent(client)


def test_view_result_kinds_are_wrapped(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/store/42/reviews")
    views = client.page.views
    assert isinstance(views[2], ft.View) and views[2].route == "/store/42"  # its own View
    assert views[3].controls[0].value == "reviews of 42 at /store/42/reviews"  # type: ignore[attr-defined]
    assert client.titles[3] == "Reviews"  # no title=: the endpoint's name


def test_root_route_starts_a_fresh_stack(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/store/1")
    client.go("login")
    assert client.view_routes == ["/login"]
    assert not client.navigator.can_pop
    assert not client.call(client.navigator.pop)
    assert client.view_routes == ["/login"]


@pytest.mark.parametrize(
    ("route", "title", "told", "detail"),
    [
        ("/nope", "Page not found", "There is no page at this address.", "No route matches /nope."),
        (
            "/broken",
            "Something went wrong",
            "Something went wrong while opening this page.",
            "the view 'broken' raised RuntimeError: view failed",
        ),
        (
            "/search",
            "Invalid address",
            "This link is incomplete or has a value that is not valid.",
            "the query parameter 'q' is required",
        ),
    ],
)
def test_error_outcomes_are_views(
    navkit_client: Client, shop: ShopApp, route: str, title: str, told: str, detail: str
) -> None:
    client = navkit_client(shop.router, route=route)
    assert client.titles[-1] == title
    shown = shown_texts(client)
    assert told in shown and not any(detail in text for text in shown)  # no developer text
    assert client.view_routes[0] == "/"  # on top of what its prefixes match
    client.go("/store")
    assert client.view_routes == ["/", "/store"]  # and the app goes on
    debugging = navkit_client(shop.router, route=route, debug=True)
    assert told in shown_texts(debugging)
    assert any(detail in text for text in shown_texts(debugging))  # debug mode says what failed


def test_web_history_mirrors_the_browser(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/")
    client.go("/store")
    client.go("/store/1")
    client.go("/store/2")
    for expected in ["/store/1", "/store", "/"]:
        client.browser_back()
        assert client.page.route == expected == client.url
        assert client.navigator.last_source is Source.BROWSER_BACK
        assert_consistent(client)
    for expected in ["/store", "/store/1"]:
        client.browser_forward()
        assert client.page.route == expected
        assert client.navigator.last_source is Source.BROWSER_FORWARD
    assert client.navigator.history == HistoryState(tuple(client.entries), client.index)
    assert client.entries == ["/", "/store", "/store/1", "/store/2"]


def test_each_go_adds_exactly_one_browser_entry(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router)
    for n, address in enumerate(["/store", "/store/1", "/store/1/reviews"], start=2):
        client.go(address)
        assert len(client.entries) == n
    client.go("/store/1/reviews")  # the same address: nothing new
    assert len(client.entries) == 4


def test_app_bar_back_lands_on_the_view_beneath(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router)
    client.go("/store")
    client.go("/store/42")
    client.app_bar_back()
    assert client.view_routes == ["/", "/store"]
    assert client.navigator.last_source is Source.VIEW_POP
    # The browser went back one entry: the closed page is ahead, not behind.
    assert (client.entries, client.index) == (["/", "/store", "/store/42"], 1)
    client.browser_back()
    assert client.view_routes == ["/"]
    client.browser_forward()
    client.browser_forward()
    assert client.view_routes == ["/", "/store", "/store/42"]
    assert client.navigator.history == HistoryState(tuple(client.entries), client.index)


def test_after_a_deep_link_the_back_arrow_rewrites_the_entry(
    navkit_client: Client, shop: ShopApp
) -> None:
    client = navkit_client(shop.router, route="/store/42")
    client.app_bar_back()
    # /store never was a browser entry: the current one now holds it, so no
    # Back or Forward returns to the closed item.
    assert (client.entries, client.index) == (["/store"], 0)
    assert client.navigator.history == HistoryState(("/store",), 0)


def test_without_the_history_script_the_history_can_only_grow(
    navkit_client: Client, shop: ShopApp
) -> None:
    client = navkit_client(shop.router, route="/store/42", history_script=False)
    client.app_bar_back()
    assert client.view_routes == ["/", "/store"]
    # Flet alone turns the pop into a new browser entry: Back returns to the closed page.
    assert client.entries == ["/store/42", "/store"]
    client.browser_back()
    assert client.view_routes == ["/", "/store", "/store/42"]
    assert client.navigator.history == HistoryState(tuple(client.entries), client.index)


def test_typed_address_is_a_new_entry(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router)
    client.go("/store")
    client.open("/store/9")
    assert client.navigator.last_source is Source.BROWSER_NEW
    assert client.navigator.history.entries == ("/", "/store", "/store/9")
    assert_consistent(client)


def test_desktop_back_and_forward_really_move(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, web=False)
    client.go("/store")
    client.go("/store/5")
    nav = client.navigator
    assert client.call(nav.back)
    assert client.page.route == "/store" and nav.history.index == 1
    assert client.call(nav.forward)
    assert client.page.route == "/store/5"
    assert not client.call(nav.forward)
    client.call(nav.replace, "/store/6")
    assert nav.history.entries == ("/", "/store", "/store/6")
    assert client.page.route == client.client_route == "/store/6"  # the client was told


def test_pop_until_and_refresh(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/store/3/reviews")
    nav = client.navigator
    assert not client.call(nav.pop_until, "nowhere")
    assert client.call(nav.pop_until, "store")
    assert client.view_routes == ["/", "/store"]
    top = client.page.views[-1]
    client.call(nav.refresh)
    assert client.page.views[-1] is not top and shop.calls["store"] == 2
    assert client.view_routes == ["/", "/store"]


def test_href_follows_the_strategy(navkit_client: Client, shop: ShopApp) -> None:
    path = navkit_client(shop.router, strategy="path", base_path="/app").navigator
    hashed = navkit_client(shop.router, strategy="hash").navigator
    assert path.href("item", item_id=4) == "/app/store/4"
    assert hashed.href("item", item_id=4) == "/#/store/4"
    assert hashed.href("/") == "/"


def test_hash_strategy_addresses(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/store/42", strategy="hash")
    assert client.url == "/#/store/42"
    client.app_bar_back()
    assert client.url == "/#/store"
    client.go("/")
    assert client.url == "/"


def test_handlers_the_app_had_keep_being_called(shop: ShopApp) -> None:
    seen: list[tuple[str, str]] = []
    client = FletTestClient(route="/store/1")
    client.page.on_route_change = lambda e: seen.append(("route", e.route))
    client.page.on_view_pop = lambda e: seen.append(("pop", e.route))
    client.call(shop.router.attach, client.page)
    client.app_bar_back()
    assert ("pop", "/store/1") in seen and ("route", "/store") in seen
    assert client.view_routes == ["/", "/store"]
    client.close()


def test_pages_do_not_share_state(navkit_client: Client, shop: ShopApp) -> None:
    first = navkit_client(shop.router, route="/store/1")
    second = navkit_client(shop.router, route="/login")
    first.go("/store/2")
    assert second.view_routes == ["/login"]
    assert second.navigator.history.entries == ("/login",)
    assert first.navigator is not second.navigator


def test_a_dropped_page_is_garbage_collected(shop: ShopApp) -> None:
    client = FletTestClient(shop.router, route="/store/1")
    client.go("/store/2")
    page_ref = weakref.ref(client.page)
    navigator_ref = weakref.ref(client.navigator)
    client.close()
    del client
    gc.collect()
    assert page_ref() is None and navigator_ref() is None


def test_attaching_twice_is_refused(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router)
    with pytest.raises(navkit.NavkitError, match="already attached"):
        client.call(shop.router.attach, client.page)


def test_navigator_of_a_bare_page_is_an_error() -> None:
    client = FletTestClient()
    with pytest.raises(navkit.NavkitError, match="no navkit router"):
        navkit.navigator_of(client.page)
    client.close()


def test_quick_successive_goes_are_not_taken_for_browser_back(
    navkit_client: Client, shop: ShopApp
) -> None:
    client = navkit_client(shop.router)

    def twice() -> None:
        client.navigator.go("/store")
        client.navigator.go("/store/1")  # before the client echoes /store

    client.call(twice)
    assert client.page.route == "/store/1"
    assert client.navigator.last_source is Source.GO
    assert client.navigator.history.entries == ("/", "/store", "/store/1")
    assert client.entries == ["/", "/store", "/store/1"]


def test_main_receives_the_page_after_attach(shop: ShopApp) -> None:
    seen: list[Any] = []
    client = FletTestClient(shop.router, route="/store", main=lambda page: seen.append(page.route))
    assert seen == ["/store"]
    client.close()


@pytest.mark.parametrize("script", [True, False])
def test_back_and_forward_at_the_same_address(
    navkit_client: Client, shop: ShopApp, script: bool
) -> None:
    # [/, /store, /]: Back and Forward from /store both land on "/".
    client = navkit_client(shop.router, history_script=script)
    client.go("/store")
    client.go("/")
    client.browser_back()
    client.browser_forward()
    assert client.view_routes == ["/"] and client.page.route == "/"
    assert client.navigator.history.current == "/"
    if script:  # the script says how far the browser moved: exact
        assert client.navigator.history == HistoryState(("/", "/store", "/"), 2)
    else:  # Flet alone sends no direction: navkit assumes Back (index 0)
        assert client.navigator.history.index == 0 and client.index == 2


@pytest.mark.parametrize(
    ("url", "route"),
    [
        ("https://shop.example/app/#/store/42?x=1", "/store/42?x=1"),
        ("myapp://shop/store/7", "/store/7"),
        ("https://shop.example/app/store/3", "/store/3"),
    ],
)
def test_open_url_follows_full_urls_and_deep_links(
    navkit_client: Client, shop: ShopApp, url: str, route: str
) -> None:
    client = navkit_client(shop.router, base_path="/app")
    assert client.call(client.navigator.open_url, url)
    assert client.page.route == route
    assert not client.call(client.navigator.open_url, "https://elsewhere/other")
    assert client.page.route == route


def test_navigation_from_an_async_handler(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router)

    async def on_click() -> str:
        client.navigator.go("item", item_id=5)
        return client.navigator.address

    assert client.call(on_click) == "/store/5"
    assert client.view_routes == ["/", "/store", "/store/5"] and client.client_route == "/store/5"


def test_a_web_page_without_the_history_script_warns_once_and_still_navigates(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, shop: ShopApp
) -> None:
    # navkit.flet re-exports the function attach, hiding the module of that name.
    attaching = importlib.import_module("navkit.flet.attach")
    monkeypatch.setattr(attaching, "history_script_served", lambda: False)
    monkeypatch.setattr(attaching, "_warned", [])
    clients = []
    with caplog.at_level("WARNING", logger="navkit"):
        for _ in range(2):
            client = FletTestClient(history_script=False)
            client.call(shop.router.attach, client.page)  # no history_script=: navkit decides
            clients.append(client)
    warnings = [r for r in caplog.records if "no navkit history script" in r.getMessage()]
    assert len(warnings) == 1
    client = clients[0]
    client.go("/store/42")
    client.app_bar_back()  # push-only: a new entry, as Flet alone can do
    assert client.entries == ["/", "/store/42", "/store"]
    assert client.navigator.history == HistoryState(tuple(client.entries), client.index)
    for each in clients:
        each.close()


def test_every_error_page_has_a_way_out_that_works(navkit_client: Client) -> None:
    """Back after a page was shown, Home where the app has one, Try again after a failure."""
    shell = navkit.Shell("s")
    tab = shell.branch("a", label="A", icon=ft.Icons.HOME, route="/a")
    other = shell.branch("b", label="B", icon=ft.Icons.PEOPLE, route="/b")
    other.add_route("/b", lambda: [ft.Text("b")], endpoint="b")
    flaky = {"fails": True}

    @tab.route("/a")
    def start(nav: navkit.Navigator) -> list[ft.Control]:
        return [ft.Text("start")]

    @tab.route("/a/boom")
    def boom() -> list[ft.Control]:
        if flaky["fails"]:
            raise ValueError("flaky")
        return [ft.Text("boom fixed")]

    router = navkit.Router()  # no page at "/": Home would be a dead end
    router.register_blueprint(shell)
    client = navkit_client(router, route="/a")
    client.go("/a/boom")
    assert client.titles[-1] == "Something went wrong"
    buttons = [c.content for c in client.find_all(type=ft.OutlinedButton)]
    assert buttons == ["Go back", "Try again"] and not client.find_all(text="Home")
    flaky["fails"] = False
    client.tap(client.find(text="Try again"))
    assert "boom fixed" in client.texts
    flaky["fails"] = True
    client.go("/a")
    client.go("/a/boom")
    client.tap(client.find(text="Go back"))
    assert client.page.route == "/a" and "start" in client.texts
    client.go("/nowhere")  # a 404 offers Back too
    client.tap(client.find(text="Go back"))
    assert client.page.route == "/a"


def test_home_on_an_error_page_goes_home(navkit_client: Client, shop: ShopApp) -> None:
    client = navkit_client(shop.router, route="/nope")
    assert client.titles[-1] == "Page not found" and not client.find_all(text="Go back")
    client.tap(client.find(text="Home"))
    assert client.page.route == "/" and client.titles == ["Home"]
