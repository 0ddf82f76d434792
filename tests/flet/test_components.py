"""Flet 1.0's components in navkit's views: they render, keep their hook state, update alone.

Next to what a components app has: ``@ft.component`` functions with
``ft.use_state``, ``ft.use_effect``, an async view, a view that is itself a
component with typed props, navkit's hooks, and ``page.render_views`` /
``ft.Router`` on the same page (refused). The stand-in speaks Flet's real
protocol: clicks are control events dispatched by the session, and what
``set_state`` renders is a patch the client receives.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest
from flet.components.component import Component

import navkit
from navkit.flet.components import other_owner
from navkit.testing import FletTestClient
from navkit.testing.protocol import MessageAction, control_id

Client = Callable[..., FletTestClient]


@ft.component
def Counter(label: str) -> ft.Control:
    count, set_count = ft.use_state(0)
    return ft.Column(
        [
            ft.Text(f"{label}: {count}"),
            ft.Button("Add", on_click=lambda _: set_count(count + 1)),
        ]
    )


def app() -> navkit.Router:
    router = navkit.Router()

    @router.route("/")
    def home() -> list[ft.Control]:
        return [ft.Text("Home"), Counter("home")]  # controls holding a component

    @router.route("/items")
    def items() -> Any:
        return Counter("items")  # a component alone

    @router.route("/items/:item_id")
    @ft.component
    def Item(item_id: int) -> ft.Control:  # the view is a component: typed props
        nav = navkit.use_navigator()
        params = navkit.use_params()
        seen, set_seen = ft.use_state(0)
        return ft.Column(
            [
                ft.Text(f"item {item_id} ({type(params['item_id']).__name__}), seen {seen}"),
                ft.Button("Seen", on_click=lambda _: set_seen(seen + 1)),
                ft.Button("Next", on_click=lambda _: nav.go(f"/items/{item_id + 1}")),
            ]
        )

    @router.route("/items/:item_id/edit")
    def edit(item_id: int) -> list[ft.Control]:
        return [ft.Text(f"editing {item_id}")]

    @router.route("/slow")
    async def slow() -> list[ft.Control]:
        await asyncio.sleep(0.01)
        return [Counter("slow")]  # made after an await: still inside navkit's renderer

    return router


def bodies(client: FletTestClient) -> list[Any]:
    """The controls rendered by the components the top view hosts, depth first."""
    return _walk(client.page.views[-1])


def shown_texts(client: FletTestClient) -> list[str]:
    return [c.value for c in bodies(client) if isinstance(c, ft.Text)]


def tap(client: FletTestClient, text: str) -> None:
    """The user taps the button ``text``: the client sends Flet's click event."""
    button = next(c for c in bodies(client) if isinstance(c, ft.Button) and c.content == text)
    client.loop.run_until_complete(client.session.dispatch_event(control_id(button), "click", None))
    client.settle()


def patched_bytes(client: FletTestClient) -> int:
    return sum(size for action, size in client.sent if action is MessageAction.PATCH_CONTROL)


def test_a_component_in_a_view_renders_and_updates_alone(navkit_client: Client) -> None:
    client = navkit_client(app())
    assert shown_texts(client) == ["Home", "home: 0"]
    view, before = client.page.views[-1], patched_bytes(client)
    tap(client, "Add")
    tap(client, "Add")
    assert shown_texts(client) == ["Home", "home: 2"] and client.page.views[-1] is view
    assert patched_bytes(client) - before < 200  # the counter's text, not the view again


def test_hook_state_survives_while_the_level_is_kept(navkit_client: Client) -> None:
    client = navkit_client(app(), route="/items/3")
    tap(client, "Seen")
    assert "item 3 (int), seen 1" in shown_texts(client)
    client.go("/items/3/edit")
    client.app_bar_back()  # the item's level was kept beneath: the same component, its state
    assert "item 3 (int), seen 1" in shown_texts(client)


def test_another_address_gets_a_fresh_component_not_the_previous_ones_state(
    navkit_client: Client,
) -> None:
    client = navkit_client(app(), route="/items/3")
    tap(client, "Seen")
    tap(client, "Next")  # navkit.use_navigator() in the component: go to item 4
    assert client.navigator.address == "/items/4"
    assert "item 4 (int), seen 0" in shown_texts(client)  # item 3's state stays with item 3
    client.browser_back()
    assert "item 3 (int), seen 0" in shown_texts(client)  # built anew: a new component


def test_a_component_alone_and_one_made_after_an_await(navkit_client: Client) -> None:
    client = navkit_client(app(), route="/items")
    tap(client, "Add")
    assert shown_texts(client) == ["items: 1"]
    client.go("/slow")
    client.settle()
    tap(client, "Add")
    assert shown_texts(client) == ["slow: 1"]


def test_navkits_hooks_outside_a_navkit_view_say_so(navkit_client: Client) -> None:
    router = navkit.Router()

    @ft.component
    def Lost() -> ft.Control:
        navkit.use_navigator()
        return ft.Text("never")

    @router.route("/")
    def home() -> list[ft.Control]:
        return [ft.Text("Home")]

    client = navkit_client(router)
    with pytest.raises(navkit.NavkitError, match="use_navigator"):
        client.call(lambda: client.page.render(Lost))


def test_a_page_rendered_by_render_views_refuses_navkit(navkit_client: Client) -> None:
    @ft.component
    def App() -> list[ft.View]:
        return [ft.View(route="/", controls=[ft.Text("declarative")])]

    client = navkit_client(None)
    client.call(lambda: client.page.render_views(App))
    assert other_owner(client.page) == "page.render_views(App)"
    with pytest.raises(navkit.NavkitError, match=r"render_views\(App\).*one of them must own"):
        client.call(app().attach, client.page)


def test_render_views_after_attaching_is_refused_at_the_next_navigation(
    navkit_client: Client,
) -> None:
    @ft.component
    def App() -> list[ft.View]:
        return [ft.View(route="/", controls=[ft.Text("declarative")])]

    client = navkit_client(app())
    client.call(lambda: client.page.render_views(App))
    with pytest.raises(navkit.NavkitError, match="one of them must own page"):
        client.call(client.navigator.go, "/items")


def test_a_components_leave_check_is_known_before_the_back_arrow(
    navkit_client: Client,
) -> None:
    router = navkit.Router()
    asked: list[str] = []

    @ft.component
    def Editor() -> ft.Control:
        text, set_text = ft.use_state("")

        def leave(navigation: navkit.Navigation) -> bool:
            asked.append(text)
            return not text  # unsaved text: stay

        navkit.use_leave_check(leave)
        return ft.Column(
            [ft.Text(f"draft: {text}"), ft.Button("Type", on_click=lambda _: set_text("hi"))]
        )

    @router.route("/")
    def home() -> list[ft.Control]:
        return [ft.Text("Home")]

    @router.route("/edit")
    def edit() -> Any:
        return Editor()

    client = navkit_client(router, route="/edit")
    assert client.page.views[-1].can_pop is False  # asked first, from the very first render
    tap(client, "Type")
    client.app_bar_back()
    assert asked == ["hi"] and client.navigator.address == "/edit"  # the current state's check
    assert shown_texts(client) == ["draft: hi"]
    client.browser_back()  # (nothing beneath in the tab: the back arrow again, emptied)
    client.call(client.navigator.go, "/")
    assert asked[-1] == "hi" and client.navigator.address == "/edit"


def test_a_components_effects_run_once_it_is_shown(navkit_client: Client) -> None:
    router = navkit.Router()
    runs: list[str] = []

    @ft.component
    def Loaded() -> ft.Control:
        text, set_text = ft.use_state("loading")

        def mounted() -> None:
            runs.append("effect")
            set_text("loaded")

        ft.use_effect(mounted, [])
        return ft.Text(text)

    @router.route("/")
    def home() -> Any:
        return Loaded()

    client = navkit_client(router)
    client.settle()
    assert shown_texts(client) == ["loaded"] and runs == ["effect"]  # once: on mount


def test_a_nested_component_that_aborts_shows_the_levels_error_page(
    navkit_client: Client,
) -> None:
    router = navkit.Router()

    @ft.component
    def Details(item_id: int) -> ft.Control:
        if item_id > 10:
            navkit.abort(404)
        return ft.Text(f"details {item_id}")

    @router.route("/")
    def home() -> list[ft.Control]:
        return [ft.Text("Home")]

    @router.route("/items/:item_id")
    def item(item_id: int) -> list[ft.Control]:
        return [ft.Column([ft.Text("header"), Details(item_id)])]  # nested, not hosted

    @router.errorhandler(404)
    def missing(error: navkit.HTTPError) -> list[ft.Control]:
        return [ft.Text("no such item"), Counter("404")]  # an error view with a component

    client = navkit_client(router, route="/items/3")
    assert "details 3" in shown_texts(client)
    client.go("/items/99")
    assert client.navigator.address == "/items/99" and client.client_route == "/items/99"
    assert shown_texts(client) == ["no such item", "404: 0"]
    tap(client, "Add")
    assert shown_texts(client) == ["no such item", "404: 1"]


def test_components_in_a_modal_route_update(navkit_client: Client) -> None:
    router = navkit.Router()

    @router.route("/")
    def home() -> list[ft.Control]:
        return [ft.Text("Home")]

    @router.route("/share", modal="dialog")
    def share() -> ft.AlertDialog:
        return ft.AlertDialog(title=ft.Text("Share"), content=Counter("shared"))

    client = navkit_client(router, route="/share")
    dialog = client.dialog
    assert dialog is not None
    button = next(
        c for c in _walk(dialog.content) if isinstance(c, ft.Button) and c.content == "Add"
    )
    client.loop.run_until_complete(client.session.dispatch_event(control_id(button), "click", None))
    client.settle()
    assert [c.value for c in _walk(dialog.content) if isinstance(c, ft.Text)] == ["shared: 1"]


def _walk(control: Any) -> list[Any]:
    """``control`` and what it holds (components' bodies, contents, controls), depth first."""
    found: list[Any] = []
    stack = [control]
    while stack:
        current = stack.pop()
        if isinstance(current, Component):
            stack.append(current._b)
            continue
        found.append(current)
        content = getattr(current, "content", None)
        if content is not None and not isinstance(content, str):
            stack.append(content)
        stack.extend(reversed(getattr(current, "controls", None) or []))
    return found


def test_navkits_hooks_called_outside_any_render_say_so_too() -> None:
    with pytest.raises(navkit.NavkitError, match="called while one renders"):
        navkit.use_navigator()
