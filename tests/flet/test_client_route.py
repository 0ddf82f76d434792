"""Which route changes echo navkit's own pushes and commands, what a reconnect lost, and
what a click crossing a browser move leaves in the address bar."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit.flet.client_route import ClientRoute
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def test_a_command_and_its_landing_are_echoes_in_either_order() -> None:
    client = ClientRoute("/")
    assert client.pushed("/a")
    client.commanded("/__navkit__/go?n=1&by=-1", "/")
    assert client.received("/a")
    assert client.received("/")  # the landing crossed the command's own echo
    assert client.received("/__navkit__/go?n=1&by=-1")
    assert not client.received("/typed")  # not an echo: the user's


def test_a_reconnect_counts_only_lost_pushes_not_commands() -> None:
    client = ClientRoute("/")
    client.pushed("/a")
    client.commanded("/__navkit__/go?n=1&by=-1", "/")  # echoes never came back
    assert client.reconnected("/") == 0  # the browser shows "/": nothing was lost
    client.pushed("/b")
    client.pushed("/c")
    assert client.reconnected("/b") == 1  # /c never reached the browser


def test_a_push_of_the_route_the_user_moved_to_will_never_echo() -> None:
    client = ClientRoute("/b")
    client.pushed("/a")  # sent; then the user pressed Back, landing on /a first
    assert client.moved("/a") == 1  # Flet's client ignores a push of the route it shows
    assert not client.waiting
    assert not client.received("/c")  # a later route change is the user's, not an echo


def test_pushes_after_a_move_still_echo() -> None:
    client = ClientRoute("/b")
    client.pushed("/a")
    client.pushed("/c")
    assert client.moved("/a") == 0  # /c still lands: what the history holds is not known exactly
    assert client.waiting and client.route == "/c"
    assert client.received("/c") and not client.waiting


# -- on a page: a click and a browser move crossing -------------------------------


def crossing_app() -> navkit.Router:
    router = navkit.Router()
    for name in ("a", "b", "c"):
        router.add_route(f"/{name}", lambda n=name: [ft.Text(n)], endpoint=name, root=True)

    async def loading() -> list[ft.Control]:
        await asyncio.sleep(0.01)
        return [ft.Text("x")]

    router.add_route("/b/x", loading, endpoint="bx")
    return router


@pytest.mark.parametrize("script", [True, False], ids=["history script", "push only"])
def test_a_click_crossing_forward_leaves_the_address_bar_on_the_page(
    navkit_client: Client, script: bool
) -> None:
    client = navkit_client(crossing_app(), route="/a", history_script=script)
    client.go("/b")
    client.browser_back()
    client.call(client.navigator.go, "/c", wait=False)  # the push is still on its way
    client.browser_forward(wait=False)  # the page follows the Forward, then the push lands
    client.settle()
    assert client.url == client.navigator.address == client.page.route == "/b"


def test_a_click_crossing_back_to_its_own_address_keeps_the_history_exact(
    navkit_client: Client,
) -> None:
    client = navkit_client(crossing_app(), route="/a")
    client.go("/b")
    client.call(client.navigator.go, "/a", wait=False)
    client.browser_back(wait=False)  # to /a, before the push of /a arrives: it is ignored
    client.settle()
    assert client.url == client.navigator.address == "/a"
    assert client.entries == list(client.navigator.history.entries) == ["/a", "/b"]
    assert client.index == client.navigator.history.index == 0
    client.browser_forward()
    assert client.url == client.navigator.address == "/b"


@pytest.mark.parametrize("seed", range(40))
def test_fast_clicks_and_browser_moves_end_with_the_address_bar_on_the_page(
    navkit_client: Client, seed: int
) -> None:
    """Random clicks, Backs and Forwards, none waiting for the last: URL and page agree."""
    rnd = random.Random(seed)
    client = navkit_client(crossing_app(), route="/a")
    for _ in range(12):
        wait = rnd.random() < 0.5
        action = rnd.choice(["a", "b", "c", "bx", "back", "forward"])
        if action == "back":
            client.browser_back(wait=wait)
        elif action == "forward":
            client.browser_forward(wait=wait)
        else:
            client.call(client.navigator.go, action, wait=wait)
    client.settle()
    assert client.url == client.navigator.address == client.page.route
    assert client.index == client.navigator.history.index


def test_after_a_crossing_an_in_app_back_lands_where_the_browser_goes(
    navkit_client: Client,
) -> None:
    client = navkit_client(crossing_app(), route="/a")
    client.go("/b")
    client.browser_back()
    client.call(client.navigator.go, "/c", wait=False)
    client.browser_forward(wait=False)
    client.settle()
    client.call(client.navigator.back)  # navkit's entry there was /c; the browser's is /b
    assert client.url == client.navigator.address == "/b"
    assert client.index == client.navigator.history.index
    client.browser_back()
    client.go("/c")  # the client is known to show /a: /c is pushed
    assert client.url == client.navigator.address == client.page.route == "/c"


def test_an_in_app_back_crossing_the_browsers_back(navkit_client: Client) -> None:
    client = navkit_client(crossing_app(), route="/a")
    client.go("/b")
    client.go("/c")
    client.call(client.navigator.back, wait=False)
    client.browser_back(wait=False)  # then the command moves back once more, from /b
    client.settle()
    assert client.url == client.navigator.address == "/a"
    assert client.entries == list(client.navigator.history.entries) == ["/a", "/b", "/c"]
    assert client.index == client.navigator.history.index == 0
    client.go("/b")
    assert client.url == client.navigator.address == "/b"


def test_typing_the_address_a_replace_goes_to_settles(navkit_client: Client) -> None:
    client = navkit_client(crossing_app(), route="/a", strategy="hash")
    client.call(client.navigator.replace, "/c", wait=False)
    client.open("/c", wait=False)  # matches the replace's landing; its own echo comes last
    client.settle()
    assert client.url == "/#/c" and client.navigator.address == "/c"
