"""Components apps: ``page.render_views(navkit.Views, router)`` -- navkit owns the views.

Next to what such an app has: its root ``@ft.component`` providing a
context, ``ft.use_state`` in the levels, its own ``page.on_route_change``,
a shell's bar tapped with Flet's auto-update off (components mode), a
loader, a query, and the races: a navigation asked for before navkit holds
the page, a second owner, the tab's process dying.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import flet as ft
import pytest

import navkit
from navkit.flet.declarative import is_views_root, uses_components
from navkit.testing import FletTestClient
from tests.flet.test_components import app, shown_texts, tap

Client = Callable[..., FletTestClient]

Theme = ft.create_context("plain")


def views_main(router: navkit.Router, **options: Any) -> Callable[[ft.Page], None]:
    def main(page: ft.Page) -> None:
        page.render_views(navkit.Views, router, **options)

    return main


def components_client(
    navkit_client: Client, router: navkit.Router, route: str = "/", **options: Any
) -> FletTestClient:
    client = navkit_client(None, route=route, main=views_main(router, **options))
    client.settle()
    return client


def test_render_views_with_navkit_views_shows_the_deep_linked_stack(
    navkit_client: Client,
) -> None:
    client = components_client(navkit_client, app(), route="/items/3")
    assert isinstance(client.page.views, list)  # handed over: navkit's stack
    assert client.view_routes == ["/", "/items", "/items/3"]
    assert "item 3 (int), seen 0" in shown_texts(client)
    tap(client, "Seen")  # set_state with Flet's components mode on
    assert "item 3 (int), seen 1" in shown_texts(client)
    client.go("/items/3/edit")
    client.app_bar_back()
    assert "item 3 (int), seen 1" in shown_texts(client)  # the kept level kept its state


STEPS: list[Callable[[FletTestClient], None]] = [
    lambda c: tap(c, "Seen"),
    lambda c: c.go("/items/3/edit"),
    lambda c: c.app_bar_back(),
    lambda c: tap(c, "Next"),
    lambda c: c.browser_back(),
    lambda c: c.app_bar_back(),
    lambda c: c.browser_forward(),
    lambda c: c.system_back(),
    lambda c: c.open("/items/9/edit"),
    lambda c: c.browser_back(),
]


def test_both_modes_show_the_same_pages_and_history_step_by_step(navkit_client: Client) -> None:
    attached = navkit_client(app(), route="/items/3")
    components = components_client(navkit_client, app(), route="/items/3")
    for number, step in enumerate(STEPS):
        seen = []
        for client in (attached, components):
            step(client)
            seen.append(
                (client.view_routes, client.url, client.entries, client.index, shown_texts(client))
            )
        assert seen[0] == seen[1], f"step {number}"


def test_a_kept_level_costs_no_bytes_when_another_is_pushed(navkit_client: Client) -> None:
    client = components_client(navkit_client, app(), route="/items/3")
    views = list(client.page.views)
    before = client.sent_bytes
    client.go("/items/3/edit")
    assert client.page.views[:3] == views  # the same views, not rendered again
    pushed = client.sent_bytes - before
    before = client.sent_bytes
    client.app_bar_back()
    assert client.page.views == views
    assert client.sent_bytes - before < pushed  # the pop sends less than the push did


def test_contexts_the_app_provides_above_views_reach_every_level(navkit_client: Client) -> None:
    router = navkit.Router()

    @router.route("/")
    @ft.component
    def Home() -> ft.Control:
        return ft.Text(f"theme {ft.use_context(Theme)}")

    @router.route("/about")
    @ft.component
    def About() -> ft.Control:
        return ft.Text(f"about, theme {ft.use_context(Theme)}")

    @ft.component
    def App() -> Any:
        return Theme("dark", lambda: navkit.Views(router))

    client = navkit_client(None, main=lambda page: page.render_views(App))
    client.settle()
    assert shown_texts(client) == ["theme dark"]
    client.go("/about")  # built after the hand-over: the context is still there
    assert shown_texts(client) == ["about, theme dark"]


@dataclass(frozen=True)
class Filters:
    q: str = ""
    page: int = 1


def test_use_query_use_loader_data_and_use_branch(navkit_client: Client) -> None:
    shell = navkit.Shell("app")
    feed = shell.branch("feed", label="Feed", icon=ft.Icons.HOME, route="/feed")
    search = shell.branch("search", label="Search", icon=ft.Icons.SEARCH, route="/search")
    loads: list[int] = []

    async def load_feed(page: int = 1) -> list[str]:
        loads.append(page)
        await asyncio.sleep(0)
        return [f"post {n}" for n in range(page * 2 - 1, page * 2 + 1)]

    @ft.component
    def Posts() -> ft.Control:
        posts = navkit.use_loader_data()
        (query, set_query) = navkit.use_query()
        branch, switch = navkit.use_branch()
        return ft.Column(
            [
                ft.Text(f"{branch.label} page {query['page']}: {', '.join(posts)}"),
                ft.Button("More", on_click=lambda _: set_query(page=query["page"] + 1)),
                ft.Button("To search", on_click=lambda _: switch(1)),
            ]
        )

    @feed.route("/feed", loader=load_feed)
    def feed_view(data: list[str], page: int = 1) -> Any:
        return Posts()

    @search.route("/search")
    @ft.component
    def Search(filters: Filters) -> ft.Control:
        query, _ = navkit.use_query()
        return ft.Text(f"search {query.q!r} page {query.page} ({query == filters})")

    router = navkit.Router()
    router.register_blueprint(shell)
    client = components_client(navkit_client, router, route="/feed")
    assert shown_texts(client) == ["Feed page 1: post 1, post 2"]
    tap(client, "More")
    assert client.navigator.address == "/feed?page=2" and loads == [1, 2]
    assert shown_texts(client) == ["Feed page 2: post 3, post 4"]
    tap(client, "To search")
    assert client.navigator.address == "/search" and client.selected_destination == "Search"
    client.go("/search?q=flet&page=3")
    assert shown_texts(client) == ["search 'flet' page 3 (True)"]
    client.tap_destination("Feed")  # Flet's auto-update is off: navkit updates itself
    assert shown_texts(client) == ["Feed page 2: post 3, post 4"]


def test_use_loader_data_on_a_route_without_a_loader_says_so(navkit_client: Client) -> None:
    router = navkit.Router()
    errors: list[str] = []

    @router.route("/")
    @ft.component
    def Home() -> ft.Control:
        try:
            navkit.use_loader_data()
        except navkit.NavkitError as error:
            errors.append(str(error))
        return ft.Text("home")

    components_client(navkit_client, router)
    assert errors and "has no loader" in errors[0]


def test_the_apps_on_route_change_hears_only_public_addresses(navkit_client: Client) -> None:
    heard: list[str] = []
    router = app()

    def main(page: ft.Page) -> None:
        page.on_route_change = lambda event: heard.append(event.route)
        page.render_views(navkit.Views, router)

    client = navkit_client(None, route="/items", main=main)
    client.settle()
    client.go("/items/4")
    client.browser_back()
    assert client.navigator.address == "/items"
    assert heard and all(route.startswith("/items") for route in heard), heard


def test_a_second_owner_is_refused_either_way(navkit_client: Client) -> None:
    attached = navkit_client(app())
    with pytest.raises(navkit.NavkitError, match=r"already attached.*render navkit\.Views"):
        attached.call(lambda: attached.page.render_views(navkit.Views, app()))
    client = components_client(navkit_client, app())
    with pytest.raises(navkit.NavkitError, match="already attached"):
        client.call(app().attach, client.page)
    assert client.view_routes == ["/"] and shown_texts(client) == ["Home", "home: 0"]


def test_a_navigation_asked_for_before_navkit_holds_the_page_lands(
    navkit_client: Client,
) -> None:
    router = app()

    async def main(page: ft.Page) -> None:
        page.render_views(navkit.Views, router)
        assert is_views_root(page.views)  # not handed over yet: navkit waits for the mount
        navigator = await navkit.flet.declarative.navigator_when_attached(page)
        navigator.go("/items/7")

    client = navkit_client(None, main=main)
    client.settle()
    assert client.navigator.address == "/items/7" and "item 7 (int), seen 0" in shown_texts(client)
    assert client.entries[-1].endswith("/items/7")


def test_a_new_process_for_the_tab_renders_the_app_again_where_it_was(
    navkit_client: Client,
) -> None:
    client = components_client(navkit_client, app(), route="/items/3")
    client.go("/items/3/edit")
    client.new_session()  # the worker died: main runs again, render_views included
    client.settle()
    assert isinstance(client.page.views, list)
    assert client.view_routes == ["/", "/items", "/items/3", "/items/3/edit"]
    client.app_bar_back()
    assert client.navigator.address == "/items/3" and "item 3 (int), seen 0" in shown_texts(client)


def test_a_leave_check_stops_the_back_arrow_in_components_mode(navkit_client: Client) -> None:
    router = navkit.Router()

    @router.route("/")
    def home() -> list[ft.Control]:
        return [ft.Text("Home")]

    @router.route("/edit")
    @ft.component
    def Edit() -> ft.Control:
        dirty, set_dirty = ft.use_state(False)
        navkit.use_leave_check(lambda navigation: not dirty)
        typed = ft.Button("Type", on_click=lambda _: set_dirty(True))
        return ft.Column([ft.Text(f"dirty {dirty}"), typed])

    client = components_client(navkit_client, router, route="/edit")
    assert client.page.views[-1].can_pop is False
    tap(client, "Type")
    client.app_bar_back()
    assert client.navigator.address == "/edit" and shown_texts(client) == ["dirty True"]


def test_navkit_run_uses_components_mode_only_when_every_view_is_a_component() -> None:
    router = navkit.Router()
    assert not uses_components(router)
    router.add_route("/", ft.component(lambda: ft.Text("x")), endpoint="home")
    router.add_route("/start", endpoint="start", redirect_to="home")  # no view of its own
    assert uses_components(router)
    # An imperative view beside them relies on auto-update, which components mode turns off.
    assert not uses_components(app())


def test_a_parked_tab_keeps_its_components_state_and_runs_its_effects_again(
    navkit_client: Client,
) -> None:
    shell = navkit.Shell("app")
    feed = shell.branch("feed", label="Feed", icon=ft.Icons.HOME, route="/feed")
    other = shell.branch("other", label="Other", icon=ft.Icons.SEARCH, route="/other")
    effects: list[str] = []

    @ft.component
    def Likes(post: int) -> ft.Control:  # nested in the view's component
        likes, set_likes = ft.use_state(0)
        return ft.Column(
            [
                ft.Text(f"post {post}: {likes} likes"),
                ft.Button("Like", on_click=lambda _: set_likes(likes + 1)),
            ]
        )

    @feed.route("/feed")
    @ft.component
    def Feed() -> ft.Control:
        read, set_read = ft.use_state(0)

        # Flet's cleanup= (1.0.5 drops a cleanup the setup returns once the
        # component renders again).
        ft.use_effect(
            lambda: effects.append("subscribed"), [], cleanup=lambda: effects.append("unsubscribed")
        )
        return ft.Column(
            [
                ft.Text(f"read {read}"),
                ft.Button("Read", on_click=lambda _: set_read(read + 1)),
                Likes(1),
            ]
        )

    @other.route("/other")
    @ft.component
    def Other() -> ft.Control:
        return ft.Text("other")

    router = navkit.Router()
    router.register_blueprint(shell)
    opened: list[Callable[[], FletTestClient]] = [
        lambda: navkit_client(router, route="/feed"),
        lambda: components_client(navkit_client, router, route="/feed"),
    ]
    for opening in opened:
        effects.clear()
        client = opening()
        client.settle()
        tap(client, "Read")
        tap(client, "Like")
        tap(client, "Like")
        assert shown_texts(client) == ["read 1", "post 1: 2 likes"]
        client.tap_destination("Other")
        assert shown_texts(client) == ["other"]
        client.tap_destination("Feed")  # the parked stack again: state as left
        assert shown_texts(client) == ["read 1", "post 1: 2 likes"]
        tap(client, "Like")  # and still alive: set_state renders it
        assert shown_texts(client) == ["read 1", "post 1: 3 likes"]
        client.browser_back()
        assert client.navigator.address == "/other", client.entries
        client.browser_forward()
        assert shown_texts(client) == ["read 1", "post 1: 3 likes"]
        # Away, its effects are cleaned up; back, they run again (React's <Activity>).
        assert effects == ["subscribed", "unsubscribed"] * 2 + ["subscribed"]


def test_use_navigation_shows_a_spinner_while_a_navigation_waits(navkit_client: Client) -> None:
    router = navkit.Router()
    release = asyncio.Event()
    seen: list[tuple[bool, str | None]] = []

    async def load_report(report_id: int) -> str:
        await release.wait()
        return f"report {report_id} data"

    @ft.component
    def Spinner() -> ft.Control:
        navigating = navkit.use_navigation()
        seen.append((navigating.loading, navigating.address))
        return ft.Text(f"loading {navigating.address}" if navigating.loading else "idle")

    @router.route("/")
    @ft.component
    def Reports() -> ft.Control:
        route = navkit.use_route()
        return ft.Column([ft.Text(f"at {route.address}"), Spinner()])

    @router.route("/reports/:report_id", loader=load_report)
    @ft.component
    def Report(report_id: int, data: str) -> ft.Control:
        return ft.Text(data)

    client = components_client(navkit_client, router)
    assert shown_texts(client) == ["at /", "idle"]
    client.call(client.navigator.go, "/reports/1", wait=False)
    client.settle_until(lambda: "loading /reports/1" in shown_texts(client))
    client.call(client.navigator.go, "/reports/2", wait=False)  # overtakes it
    client.settle_until(lambda: "loading /reports/2" in shown_texts(client))
    release.set()
    client.settle()
    assert client.navigator.address == "/reports/2" and shown_texts(client) == ["report 2 data"]
    client.app_bar_back()  # the list was kept: its spinner is idle again, not stuck
    assert shown_texts(client) == ["at /", "idle"]
    assert (True, "/reports/1") in seen and (True, "/reports/2") in seen


def test_use_navigation_after_a_refused_navigation_is_idle(navkit_client: Client) -> None:
    router = navkit.Router()
    answer: asyncio.Future[bool] | None = None

    async def ask(navigation: navkit.Navigation) -> bool:
        nonlocal answer
        answer = asyncio.get_running_loop().create_future()
        return await answer

    @router.route("/")
    @ft.component
    def Home() -> ft.Control:
        navigating = navkit.use_navigation()
        return ft.Text("busy" if navigating.loading else "idle")

    @router.route("/private", guards=[ask])
    @ft.component
    def Private() -> ft.Control:
        return ft.Text("private")

    client = components_client(navkit_client, router)
    client.call(client.navigator.go, "/private", wait=False)
    client.settle_until(lambda: answer is not None and shown_texts(client) == ["busy"])
    assert answer is not None
    answer.set_result(False)  # the guard refuses: nothing lands
    client.settle()
    assert client.navigator.address == "/" and shown_texts(client) == ["idle"]


def test_the_apps_root_rendering_again_before_the_hand_over_is_harmless() -> None:
    router = navkit.Router()
    renders: list[int] = []

    async def load(item_id: int) -> str:
        await asyncio.sleep(0.2)  # the first page is still loading when the root renders again
        return f"item {item_id}"

    @router.route("/items/:item_id", loader=load)
    @ft.component
    def Item(item_id: int, data: str) -> ft.Control:
        return ft.Text(f"{data}, {ft.use_context(Theme)}")

    @ft.component
    def App() -> Any:
        count, set_count = ft.use_state(0)
        renders.append(count)
        # The root's own state changes once navkit is attached (its effect ran).
        ft.use_effect(lambda: asyncio.get_running_loop().call_later(0.05, set_count, 1), [])
        # Props that change render Views again (Flet skips it when they are equal).
        return Theme(f"render {count}", lambda: navkit.Views(router, pending_delay=0.2 + count))

    loop = asyncio.new_event_loop()
    failures: list[str] = []
    loop.set_exception_handler(lambda _, context: failures.append(str(context.get("exception"))))
    main = lambda page: page.render_views(App)  # noqa: E731
    client = FletTestClient(None, route="/items/3", main=main, loop=loop)
    try:
        client.settle()
        assert renders == [0, 1]  # rendered again before navkit's first commit
        assert client.navigator.address == "/items/3"
        assert shown_texts(client) == ["item 3, render 0"]  # the contexts as the level began
    finally:
        client.close()
        # Flet's update loop never died on a render error (it would drop the
        # set_state and effects queued with it): a dead task reports when collected.
        gc.collect()
        loop.close()
    assert failures == []


def test_closed_component_views_are_not_kept_alive(navkit_client: Client) -> None:
    router = app()
    client = components_client(navkit_client, router, route="/items/3")
    closed: list[weakref.ref[Any]] = []
    for _ in range(20):
        client.go("/items/3/edit")
        closed.append(weakref.ref(client.page.views[-1]))
        client.app_bar_back()
    gc.collect()
    assert sum(1 for ref in closed if ref() is not None) <= 1  # Flet may hold the last one


def test_attaching_to_a_page_views_is_about_to_take_is_refused(navkit_client: Client) -> None:
    router = app()

    def main(page: ft.Page) -> None:
        page.render_views(navkit.Views, router, base_path="/app")
        router.attach(page)  # before Views is mounted: its options would be lost

    with pytest.raises(navkit.NavkitError, match=r"give your options to navkit\.Views"):
        navkit_client(None, main=main)


def test_a_mistyped_views_option_fails_in_render_views(navkit_client: Client) -> None:
    with pytest.raises(TypeError, match="strateggy"):
        navkit_client(None, main=lambda page: page.render_views(navkit.Views, app(), strateggy="x"))


def test_use_loader_data_in_an_error_view_says_the_loader_failed(navkit_client: Client) -> None:
    router = navkit.Router()
    said: list[str] = []

    async def load(item_id: int) -> str:
        navkit.abort(404)

    @router.route("/items/:item_id", loader=load)
    @ft.component
    def Item(item_id: int, data: str) -> ft.Control:
        return ft.Text(data)

    @ft.component
    def Missing() -> ft.Control:
        try:
            navkit.use_loader_data()
        except navkit.NavkitError as error:
            said.append(str(error))
        return ft.Text("missing")

    @router.errorhandler(404)
    def not_found(error: navkit.HTTPError) -> Any:
        return Missing()

    client = components_client(navkit_client, router, route="/items/4")
    assert shown_texts(client) == ["missing"]
    assert said and "did not load" in said[0]


def test_use_navigation_is_not_loading_while_a_leave_check_asks_the_user(
    navkit_client: Client,
) -> None:
    router = navkit.Router()
    answer: asyncio.Future[bool] | None = None
    seen: list[tuple[bool, str | None]] = []

    async def ask(navigation: navkit.Navigation) -> bool:
        nonlocal answer
        answer = asyncio.get_running_loop().create_future()
        return await answer

    @router.route("/")
    @ft.component
    def Home() -> ft.Control:
        return ft.Text("home")

    @router.route("/edit")
    @ft.component
    def Edit() -> ft.Control:
        navigating = navkit.use_navigation()
        seen.append((navigating.loading, navigating.address))
        navkit.use_leave_check(ask)
        return ft.Text("busy" if navigating.loading else "editing")

    client = components_client(navkit_client, router, route="/edit")
    client.call(client.navigator.go, "/", wait=False)
    client.settle_until(lambda: answer is not None)
    client.settle_until(lambda: seen[-1][1] == "/")  # rendered again: a navigation is pending
    assert seen[-1] == (False, "/") and shown_texts(client) == ["editing"]  # no spinner
    assert answer is not None
    answer.set_result(True)
    client.settle()
    assert client.navigator.address == "/"


def test_main_waiting_for_the_navigator_hears_why_attaching_failed(navkit_client: Client) -> None:
    heard: list[BaseException] = []

    async def main(page: ft.Page) -> None:
        page.render_views(navkit.Views, app(), history="not a history")
        try:
            await navkit.flet.declarative.navigator_when_attached(page)
        except TypeError as error:  # as navkit.run's main(page, nav) would, not forever
            heard.append(error)

    client = navkit_client(None, main=main)
    client.settle()
    assert heard and "history must be" in str(heard[0])
