"""What real apps do: async views calling real libraries, and navigations racing each other.

Async views here call httpx against a local HTTP server (the ``api`` fixture),
``anyio.fail_after`` and ``asyncio.timeout``: each navigation's awaited work
must start and finish in one task. The races start a second navigation
while the first is still waiting, and check that what is shown is never
what is in flight.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import anyio
import flet as ft
import httpx
import pytest

import navkit
from examples import shop
from navkit import Navigation
from navkit.testing import FletTestClient
from tests.flet.test_components import shown_texts
from tests.flet.test_examples import click, texts

Client = Callable[..., FletTestClient]


def api_app(url: str) -> navkit.Router:
    router = navkit.Router(guard_timeout=None)

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return [ft.Text("home")]

    @router.route("/users/:name", title="User")
    async def user(name: str) -> list[ft.Control]:
        async with httpx.AsyncClient() as http:
            answer = await http.get(url, params={"name": name, "delay": "0.02"})
        return [ft.Text(f"Hello {answer.json()['name']}")]

    @router.route("/scoped", title="Scoped")
    async def scoped() -> list[ft.Control]:
        with anyio.fail_after(5):
            await asyncio.sleep(0.01)
        return [ft.Text("in time")]

    @router.route("/too-slow", title="Too slow")
    async def too_slow() -> list[ft.Control]:
        try:
            async with asyncio.timeout(0.02):
                await asyncio.sleep(10)
        except TimeoutError:
            return [ft.Text("gave up waiting")]
        return [ft.Text("never")]

    async def fetches(navigation: Navigation) -> bool:
        async with httpx.AsyncClient() as http:
            answer = await http.get(url, params={"name": "guard"})
        return bool(answer.json()["name"] == "guard")

    @router.route("/checked", title="Checked", guards=[fetches])
    def checked() -> list[ft.Control]:
        return [ft.Text("checked")]

    return router


# -- 1. async views and guards with real async libraries ---------------------------


@pytest.mark.parametrize("deep_link", [False, True])
def test_an_async_view_loads_with_httpx(navkit_client: Client, api: str, deep_link: bool) -> None:
    router = api_app(api)
    if deep_link:
        client = navkit_client(router, route="/users/grace")
    else:
        client = navkit_client(router)
        client.go("/users/grace")
    assert client.titles[-1] == "User"
    assert texts(client) == ["Hello grace"]


@pytest.mark.parametrize(
    ("address", "text"),
    [("/scoped", "in time"), ("/too-slow", "gave up waiting"), ("/checked", "checked")],
)
def test_cancel_scopes_and_timeouts_work_in_views_and_guards(
    navkit_client: Client, api: str, address: str, text: str
) -> None:
    client = navkit_client(api_app(api))
    client.go(address)
    assert texts(client) == [text]


def test_a_guard_with_a_timeout_fetches_with_httpx(navkit_client: Client, api: str) -> None:
    router = api_app(api)
    router.guard_timeout = 5.0
    client = navkit_client(router)
    client.go("/checked")
    assert texts(client) == ["checked"]


# -- 2. what is shown is never confused with what is in flight ---------------------


class SlowShop:
    """A store whose item page loads slowly; the store page is guarded when asked."""

    def __init__(self) -> None:
        self.item_calls = 0
        self.release = asyncio.Event()
        self.refuse_admin = True
        router = self.router = navkit.Router()

        @router.route("/", title="Home")
        def home() -> list[ft.Control]:
            return [ft.Text("home")]

        @router.route("/store", title="Store")
        def store() -> list[ft.Control]:
            return [ft.Text("store")]

        @router.route("/store/:item_id", title="Item")
        async def item(item_id: int) -> list[ft.Control]:
            self.item_calls += 1
            await self.release.wait()
            return [ft.Text(f"item {item_id}")]

        def admins_only(navigation: Navigation) -> bool:
            return not self.refuse_admin

        @router.route("/admin", title="Admin", guards=[admins_only])
        def admin() -> list[ft.Control]:
            return [ft.Text("admin")]


def start_go(client: FletTestClient, target: str) -> None:
    client.call(client.navigator.go, target, wait=False)


def assert_agree(client: FletTestClient, address: str) -> None:
    """Python, the client and the history all say the page shows ``address``."""
    nav = client.navigator
    assert nav.address == client.page.route == client.client_route == address
    assert client.view_routes == [level.address for level in nav.stack]
    assert client.shown_routes == client.view_routes  # the client hides nothing it should show
    assert nav.history.current == address
    assert nav.history.entries == tuple(client.entries)
    assert nav.history.index == client.index


def test_app_bar_back_while_a_page_loads_pops_what_is_shown(navkit_client: Client) -> None:
    app = SlowShop()
    client = navkit_client(app.router, route="/store")
    start_go(client, "/store/7")
    assert client.navigator.in_flight is not None
    assert client.navigator.address == "/store" and client.navigator.stack[-1].path == "/store"
    client.app_bar_back()  # pops Store, the page shown: back to Home
    assert client.navigator.in_flight is None
    assert_agree(client, "/")
    app.release.set()
    client.settle()
    assert_agree(client, "/")  # the cancelled load never lands


def test_overtaken_by_a_refused_navigation_the_shown_address_stays(
    navkit_client: Client,
) -> None:
    app = SlowShop()
    client = navkit_client(app.router, route="/store")
    start_go(client, "/store/7")
    client.go("/admin")  # refused by its guard; the load is overtaken
    assert client.navigator.address == "/store" and client.navigator.in_flight is None
    assert_agree(client, "/store")
    app.release.set()
    client.go("/store/7")  # the cancelled target can be visited
    assert_agree(client, "/store/7")
    assert texts(client) == ["item 7"]


def test_a_refused_browser_move_during_a_load_puts_back_the_shown_address(
    navkit_client: Client,
) -> None:
    app = SlowShop()
    app.refuse_admin = False
    client = navkit_client(app.router, route="/admin")
    client.go("/store")
    app.refuse_admin = True
    start_go(client, "/store/7")  # loading, not shown: the browser still shows /store
    client.browser_back()  # to /admin, which its guard now refuses
    assert_agree(client, "/store")


# -- 3. the last navigation wins, always ---------------------------------------------


def test_clicking_home_while_a_guarded_navigation_waits_keeps_home(
    navkit_client: Client,
) -> None:
    waiting = asyncio.Event()
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    async def asks_a_server(navigation: Navigation) -> bool:
        await waiting.wait()
        return True

    @router.route("/account", title="Account", guards=[asks_a_server])
    def account() -> list[ft.Control]:
        return []

    client = navkit_client(router)
    start_go(client, "/account")
    client.go("/")  # Home, the address shown: the guarded navigation gives way
    waiting.set()
    client.settle()
    assert client.titles == ["Home"]
    assert_agree(client, "/")


def test_forward_back_to_the_form_while_its_leave_dialog_is_open(
    navkit_client: Client,
) -> None:
    from examples import unsaved

    client = navkit_client(unsaved.router, main=unsaved.main)
    click(client, "Edit profile")
    client.page.views[-1].controls[0].value = "Ada"  # type: ignore[attr-defined]
    client.browser_back(wait=False)  # the leave check opens "Discard changes?"
    client.settle_until(lambda: client.dialog is not None)
    client.browser_forward()  # back to /profile/edit: the pending Back gives way
    dialog = client.dialog
    if dialog is not None:  # the app's dialog is still open; Discard now leaves nothing
        discard = next(a for a in dialog.actions if "Discard" in str(a.content))  # type: ignore[attr-defined]
        client.call(discard.on_click, None)
    assert client.titles[-1] == "Edit profile"
    assert_agree(client, "/profile/edit")


# -- 4. the page beneath keeps its query ----------------------------------------------


def counting_shop() -> tuple[navkit.Router, dict[str, int]]:
    calls = {"products": 0, "leave": 0}
    router = navkit.Router()
    blueprint = navkit.Blueprint("shop")
    original = shop.products

    @blueprint.route("/", title="Shop")
    def home(nav: navkit.Navigator) -> list[ft.Control]:
        return shop.home(nav)

    @blueprint.route("/products", title="Products")
    def products(nav: navkit.Navigator, sort: str = "name", page: int = 1) -> list[ft.Control]:
        calls["products"] += 1

        def leave(navigation: Navigation) -> bool:
            calls["leave"] += 1
            return True

        nav.on_leave(leave)
        return original(nav, sort, page)  # type: ignore[arg-type]

    @blueprint.route("/products/:product_id", title="Product")
    def product(nav: navkit.Navigator, product_id: int) -> list[ft.Control]:
        return shop.product(nav, product_id)

    router.register_blueprint(blueprint)
    return router, calls


@pytest.mark.parametrize("web", [True, False])
def test_back_to_products_keeps_sort_and_page(navkit_client: Client, web: bool) -> None:
    router, calls = counting_shop()
    client = navkit_client(router, route="/products?sort=price&page=2", web=web)
    assert texts(client)[0] == "Sorted by price, page 2 of 2"
    entries = len(client.navigator.history.entries)
    click(client, "Teapot")
    assert client.page.route == "/products/1"
    assert calls == {"products": 1, "leave": 0}  # going deeper asks nothing
    client.app_bar_back()
    assert client.page.route == "/products?sort=price&page=2"
    assert texts(client)[0] == "Sorted by price, page 2 of 2"
    assert calls["products"] == 1  # the same view, not called again
    if not web:  # desktop: the back arrow stepped back, no extra entry
        assert len(client.navigator.history.entries) == entries + 1
        assert client.navigator.history.index == entries - 1


def test_the_shop_example_keeps_its_sort_on_the_back_arrow(navkit_client: Client) -> None:
    client = navkit_client(shop.router, route="/products")
    click(client, "Sort by price")
    click(client, "Next page")
    click(client, "Teapot")
    client.app_bar_back()
    assert texts(client)[0] == "Sorted by price, page 2 of 2"


def test_a_deep_link_still_builds_parents_from_the_path(navkit_client: Client) -> None:
    client = navkit_client(shop.router, route="/products/5?x=1")
    assert client.view_routes == ["/", "/products", "/products/5?x=1"]


def test_push_for_result_from_a_page_with_a_query(navkit_client: Client) -> None:
    router = navkit.Router()
    results: list[object] = []

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/list", title="List")
    def listing(sort: str = "name") -> list[ft.Control]:
        return [ft.Text(f"sorted by {sort}")]

    @router.route("/list/pick", title="Pick")
    def pick() -> list[ft.Control]:
        return []

    client = navkit_client(router, route="/list?sort=price")

    async def ask() -> None:
        results.append(await client.navigator.push_for_result("/list/pick"))

    asking = []
    client.call(lambda: asking.append(client.loop.create_task(ask())), wait=False)
    client.settle_until(lambda: client.page.route == "/list/pick")
    assert results == []  # still open
    client.call(client.navigator.pop, "chosen")
    assert results == ["chosen"] and asking[0].done()
    assert client.page.route == "/list?sort=price"


# -- 7. a view's redirect -----------------------------------------------------------------


def test_raising_redirect_from_a_view_redirects(navkit_client: Client) -> None:
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/old/:item_id")
    def old(item_id: int) -> list[ft.Control]:
        raise navkit.redirect("new", item_id=item_id)

    @router.route("/new/:item_id", title="New")
    def new(item_id: int) -> list[ft.Control]:
        return [ft.Text(f"new {item_id}")]

    @router.route("/loop")
    def loop() -> list[ft.Control]:
        raise navkit.redirect("/loop")

    client = navkit_client(router, debug=True)
    client.go("/old/3")
    assert client.page.route == "/new/3" and texts(client) == ["new 3"]
    assert client.navigator.history.entries == ("/", "/new/3")
    client.go("/loop")  # a view redirecting to itself: a 500 naming the loop, not a hang
    assert client.titles[-1] == "Something went wrong"
    assert any("redirect loop" in text for text in shown_texts(client))  # in debug mode


# -- found by the adversarial review -----------------------------------------------------


def test_two_quick_backs_then_a_refusal_put_both_back(navkit_client: Client) -> None:
    answers: list[asyncio.Future[bool]] = []
    router = navkit.Router()

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/a", title="A")
    def a() -> list[ft.Control]:
        return []

    @router.route("/a/edit", title="Edit")
    def edit(nav: navkit.Navigator) -> list[ft.Control]:
        async def unsaved(navigation: Navigation) -> bool:
            answers.append(asyncio.get_running_loop().create_future())
            return await answers[-1]

        nav.on_leave(unsaved)
        return []

    client = navkit_client(router)
    client.go("/a")
    client.go("/a/edit")
    client.browser_back(wait=False)
    client.browser_back(wait=False)  # impatient: the first check is still asking
    client.call(lambda: answers[-1].set_result(False), wait=False)  # "Keep editing"
    client.settle()
    assert_agree(client, "/a/edit")
    assert (client.entries, client.index) == (["/", "/a", "/a/edit"], 2)


def test_a_back_overtaken_by_a_refused_click_puts_the_address_back(
    navkit_client: Client,
) -> None:
    router = navkit.Router()

    async def asks_the_server(navigation: Navigation) -> None:
        await asyncio.sleep(0.05)

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return []

    @router.route("/dash", title="Dash", guards=[asks_the_server])
    def dash() -> list[ft.Control]:
        return []

    @router.route("/page", title="Page")
    def page() -> list[ft.Control]:
        return []

    @router.route("/admin", title="Admin", guards=[lambda navigation: False])
    def admin() -> list[ft.Control]:
        return []

    client = navkit_client(router)
    client.go("/dash")
    client.go("/page")
    client.browser_back(wait=False)  # to /dash, its guard still asking
    client.go("/admin")  # a click, refused at once: the Back never lands
    assert_agree(client, "/page")
    assert client.url == "/page"
