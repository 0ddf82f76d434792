"""What navkit gives a shell view, and what stays the app's: found by an adversarial review.

A view function may return the same ``ft.View`` again (a cached page), set
its own bar later, clear the overlay: navkit's bar and the rail's room must
follow the view as it comes and goes, never pile up or go stale.
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]
ViewFunction = Callable[..., object]


def shell_router(views: dict[str, ViewFunction] | None = None, **options: bool) -> navkit.Router:
    """Tabs T0 (the start), T1 and T2 at /t0, /t1, /t2, each with a page /tN/x."""
    views = views or {}
    shell = navkit.Shell("app", **options)
    for i in range(3):
        name = f"t{i}"
        branch = shell.branch(name, label=f"T{i}", icon=ft.Icons.HOME, route=f"/{name}")
        root = views.get(name, lambda n=name: [ft.Text(n)])
        branch.add_route(f"/{name}", root, endpoint="root", title=name)
        page = views.get(f"{name}/x", lambda n=name: [ft.Text(n + " x")])
        branch.add_route(f"/{name}/x", page, endpoint="x")
    branch.add_route("/t2/sheet", lambda: [ft.Text("a sheet")], endpoint="sheet", modal="sheet")
    router = navkit.Router()
    router.register_blueprint(shell)
    return router


def cached(title: str) -> ViewFunction:
    """A view function that builds its view once and returns that same object again."""
    made: list[ft.View] = []

    def view() -> ft.View:
        if not made:
            made.append(ft.View(appbar=ft.AppBar(title=ft.Text(title)), controls=[ft.Text(title)]))
        return made[0]

    return view


def stack(client: FletTestClient) -> list[str]:
    return [level.address for level in client.navigator.stack]


def test_a_view_shown_again_gets_the_rail_s_room_once(navkit_client: Client) -> None:
    client = navkit_client(shell_router({"t0/x": cached("Detail")}), route="/t0")  # 800: rail
    client.go("/t0/x")
    detail = client.page.views[-1]
    first = detail.padding
    assert first == ft.Padding(left=90, top=10, right=10, bottom=10)
    for _ in range(3):
        client.app_bar_back()
        client.go("/t0/x")
    assert client.page.views[-1] is detail and detail.padding == first


def test_a_view_shown_again_wide_has_no_stale_bar(navkit_client: Client) -> None:
    client = navkit_client(shell_router({"t0/x": cached("Detail")}), route="/t0")
    client.resize(400)
    client.go("/t0/x")
    client.app_bar_back()
    client.resize(1000)
    client.go("/t0/x")
    assert client.page.views[-1].navigation_bar is None
    assert isinstance(client.chrome, ft.NavigationRail)


def test_a_cached_root_with_keep_state_false_selects_its_own_tab(navkit_client: Client) -> None:
    client = navkit_client(shell_router({"t0": cached("Home")}, keep_state=False), route="/t0")
    client.resize(400)
    client.tap_destination("T1")
    client.tap_destination("T0")
    assert stack(client) == ["/t0"] and client.selected_destination == "T0"


def test_a_bar_the_app_sets_later_is_kept(navkit_client: Client) -> None:
    client = navkit_client(shell_router(), route="/t0")
    client.resize(400)
    view = client.page.views[-1]
    own = ft.NavigationBar(
        destinations=[
            ft.NavigationBarDestination(icon=ft.Icons.ADD, label="Mine"),
            ft.NavigationBarDestination(icon=ft.Icons.ADD, label="Also mine"),
        ]
    )

    def set_own() -> None:
        view.navigation_bar = own
        client.page.update()

    client.call(set_own)
    client.go("/t0/x")
    client.app_bar_back()
    client.resize(1000)
    client.resize(400)
    assert view.navigation_bar is own


def test_one_view_for_two_routes_carries_the_route_it_is_shown_at(navkit_client: Client) -> None:
    shared = ft.View(appbar=ft.AppBar(title=ft.Text("Shared")), controls=[ft.Text("shared")])
    views: dict[str, ViewFunction] = {"t0/x": lambda: shared, "t1/x": lambda: shared}
    client = navkit_client(shell_router(views), route="/t0/x")
    client.tap_destination("T1")
    client.go("/t1/x")
    client.tap_destination("T0")
    assert [view.route for view in client.page.views] == ["/t0", "/t0/x"]
    client.app_bar_back()
    assert stack(client) == ["/t0"] and client.url == "/t0"


def test_a_resize_brings_the_rail_back_after_the_app_cleared_the_overlay(
    navkit_client: Client,
) -> None:
    client = navkit_client(shell_router(), route="/t0")

    def clear() -> None:
        client.page.overlay.clear()
        client.page.update()

    client.call(clear)
    client.resize(1200)
    assert isinstance(client.chrome, ft.NavigationRail)
    client.tap_destination("T1")
    assert stack(client) == ["/t1"]


@pytest.mark.parametrize("back_at_once", [False, True])
def test_a_sheet_open_when_its_tab_is_left_closes(
    navkit_client: Client, back_at_once: bool
) -> None:
    client = navkit_client(shell_router(), route="/t2/sheet")
    assert client.dialog is not None

    def leave() -> None:
        client.navigator.switch_branch(0)
        if back_at_once:  # away and back in one handler, before the client answers
            client.navigator.switch_branch(2)

    client.call(leave)
    assert stack(client) == (["/t2"] if back_at_once else ["/t0"])
    client.tap_destination("T2")
    assert stack(client) == ["/t2"] and client.dialog is None


def test_a_sheet_the_client_still_shows_after_a_move_offline_opens_without_error(
    navkit_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    client = navkit_client(shell_router(), route="/t2/sheet")
    client.disconnect()
    client.go("/t0")  # the app moves on while the client is away
    client.reconnect()  # the client still shows /t2/sheet and reports it
    assert not [record for record in caplog.records if record.levelname == "ERROR"]
    assert stack(client) == ["/t2", "/t2/sheet"] and client.dialog is not None


def test_android_back_on_a_single_root_with_a_leave_check_keeps_what_was_typed(
    navkit_client: Client,
) -> None:
    router = navkit.Router()
    calls: list[int] = []

    @router.route("/")
    def home(nav: navkit.Navigator) -> list[ft.Control]:
        calls.append(1)
        nav.on_leave(lambda navigation: False)
        return [ft.TextField(label="Draft")]

    client = navkit_client(router, route="/", web=False)
    view = client.page.views[-1]
    draft = view.controls[0]
    assert isinstance(draft, ft.TextField)
    client.call(lambda: setattr(draft, "value", "typed"))
    client.system_back()
    assert client.page.views[-1] is view and calls == [1] and draft.value == "typed"
