"""App shells on the client stand-in: the bar or rail, one stack per tab, history and backs.

The user's side: which destination the bar shows selected after every kind
of navigation, what a tab shows when the user comes back to it (the same
views, what was typed still there), what Back does, and what a branch
switch costs on the wire.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

import navkit
from examples import tabs
from navkit.testing import FletTestClient
from tests.flet.test_examples import click

Client = Callable[..., FletTestClient]


def open_tabs(navkit_client: Client, route: str = "/", **options: Any) -> FletTestClient:
    return navkit_client(tabs.router, route=route, main=tabs.main, **options)


def field(client: FletTestClient, label: str) -> ft.TextField:
    for control in client.page.views[-1].controls:
        if isinstance(control, ft.TextField) and control.label == label:
            return control
    raise LookupError(label)


def type_into(client: FletTestClient, label: str, text: str) -> None:
    """Type as the client does: it reports the field's new value to Python."""
    control = field(client, label)

    def typing() -> None:
        control.value = text

    client.call(typing)


def shown(client: FletTestClient) -> list[str]:
    """The routes of the stack the user sees (the shown branch's, bottom first)."""
    return [level.address for level in client.navigator.stack]


def small_shell(
    *names: str, keep_state: bool = True, views: dict[str, Callable[..., Any]] | None = None
) -> tuple[navkit.Shell, dict[str, navkit.Branch]]:
    """A shell ``app`` with a branch per name, opening at ``/<name>`` (its view from ``views``)."""
    shell = navkit.Shell("app", keep_state=keep_state)
    branches = {}
    for name in names:
        branch = shell.branch(name, label=name.capitalize(), icon=ft.Icons.HOME, route=f"/{name}")
        view = (views or {}).get(name, lambda n=name: [ft.Text(n)])
        branch.add_route(f"/{name}", view, endpoint="root")
        branches[name] = branch
    return shell, branches


def registered(shell: navkit.Shell) -> navkit.Router:
    router = navkit.Router()
    router.register_blueprint(shell)
    return router


# -- the selected destination follows the route -------------------------------

SELECTED_AFTER = [
    # (how the page opens, what the user does, the destination selected, the title on top)
    ("/", lambda c: None, "Feed", "Feed"),
    ("/profile/settings", lambda c: None, "Profile", "Settings"),
    ("/search?q=post", lambda c: None, "Search", "Search"),
    ("/feed", lambda c: c.go("/profile"), "Profile", "Profile"),
    ("/feed", lambda c: c.go("tabs.search.find", q="x"), "Search", "Search"),
    ("/feed", lambda c: c.call(c.navigator.replace, "/profile/settings"), "Profile", "Settings"),
    ("/feed", lambda c: c.tap_destination("Search"), "Search", "Search"),
    ("/feed", lambda c: c.open("/profile/settings"), "Profile", "Settings"),
    ("/feed", lambda c: (c.go("/profile"), c.browser_back()), "Feed", "Feed"),
    (
        "/feed",
        lambda c: (c.go("/profile"), c.browser_back(), c.browser_forward()),
        "Profile",
        "Profile",
    ),
    ("/feed", lambda c: (c.go("/profile"), c.call(c.navigator.back)), "Feed", "Feed"),
    ("/profile", lambda c: (c.go("/feed/post/2"), c.app_bar_back()), "Feed", "Feed"),
    ("/profile", lambda c: c.system_back(), "Feed", "Feed"),
    ("/feed", lambda c: c.go("/feed/post/9"), "Feed", "Page not found"),
]


@pytest.mark.parametrize(
    ("opens", "act", "selected", "title"),
    SELECTED_AFTER,
    ids=[f"{case[0]}-{index}" for index, case in enumerate(SELECTED_AFTER)],
)
def test_the_selected_destination_follows_the_route(
    navkit_client: Client,
    opens: str,
    act: Callable[[FletTestClient], Any],
    selected: str,
    title: str,
) -> None:
    client = open_tabs(navkit_client, opens)
    act(client)
    assert client.selected_destination == selected
    assert client.titles[-1] == title
    assert (
        client.chrome is not None and client.chrome.selected_index == client.navigator.branch.index
    )  # type: ignore[union-attr]


def test_a_deep_link_builds_its_branch_and_leaves_the_others_at_their_roots(
    navkit_client: Client,
) -> None:
    client = open_tabs(navkit_client, "/profile/settings")
    assert shown(client) == ["/profile", "/profile/settings"]
    assert client.titles == ["Profile", "Settings"]
    client.tap_destination("Feed")
    assert shown(client) == ["/feed"] and client.url == "/feed"
    client.tap_destination("Search")
    assert shown(client) == ["/search"]


def test_a_branch_root_is_the_bottom_of_its_stack(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/feed/post/3")
    assert shown(client) == ["/feed", "/feed/post/3"]  # not "/" beneath: it redirects
    assert client.navigator.can_pop
    client.app_bar_back()
    assert shown(client) == ["/feed"] and not client.navigator.can_pop
    client.app_bar_back()  # no arrow on a branch root
    assert shown(client) == ["/feed"]


# -- one stack per branch --------------------------------------------------------


def test_switching_back_shows_the_same_views_with_what_was_typed(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/profile")
    click(client, "Settings")
    settings_view = client.page.views[-1]
    type_into(client, "Display name", "Ada L.")
    client.tap_destination("Feed")
    assert client.titles[-1] == "Feed" and client.url == "/feed"
    client.tap_destination("Profile")
    assert client.page.views[-1] is settings_view
    assert field(client, "Display name").value == "Ada L."
    assert client.url == "/profile/settings"


def test_a_toggled_like_survives_a_trip_to_another_tab(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/feed")
    click(client, "Post 2")
    like = client.page.views[-1].controls[1]
    assert isinstance(like, ft.Button)
    client.call(like.on_click, None)  # type: ignore[arg-type]
    assert like.content == "Liked"
    client.tap_destination("Search")
    client.tap_destination("Feed")
    assert client.page.views[-1].controls[1] is like and like.content == "Liked"


def test_views_of_a_parked_branch_are_not_built_again(navkit_client: Client) -> None:
    calls: list[str] = []
    shell, branches = small_shell("one", "two")
    for name, branch in branches.items():
        for path in (f"/{name}/a", f"/{name}/a/b"):
            branch.add_route(
                path,
                lambda p=path: calls.append(p) or [ft.Text(p)],
                endpoint=path.replace("/", "_"),
            )
    client = navkit_client(registered(shell), route="/one/a/b")
    client.go("/two/a/b")
    calls.clear()
    for _ in range(3):
        client.tap_destination("One")
        client.tap_destination("Two")
    assert calls == []
    assert shown(client) == ["/two", "/two/a", "/two/a/b"]


def test_tapping_the_selected_destination_pops_to_its_root(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/profile")
    click(client, "Settings")
    entries = len(client.entries)
    client.tap_destination("Profile")
    assert shown(client) == ["/profile"] and client.url == "/profile"
    assert len(client.entries) == entries  # the settings entry was stepped back over
    assert client.selected_destination == "Profile"
    client.tap_destination("Profile")  # at the root already: nothing happens
    assert shown(client) == ["/profile"] and len(client.entries) == entries


def test_reselect_keeps_the_roots_own_state(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/search?q=number")
    root = client.page.views[-1]
    client.tap_destination("Search")
    assert client.page.views[-1] is root and client.url == "/search?q=number"


def test_keep_state_false_opens_the_root_and_asks_before_closing(navkit_client: Client) -> None:
    asked: list[str] = []
    shell, branches = small_shell("one", "two", keep_state=False)

    def form(nav: navkit.Navigator) -> list[ft.Control]:
        nav.on_leave(lambda navigation: asked.append(navigation.path) or True)
        return [ft.TextField(label="Name")]

    branches["one"].add_route("/one/form", form)
    client = navkit_client(registered(shell), route="/one/form")
    client.tap_destination("Two")
    assert asked == ["/two"]  # the branch left is closed, so its form is asked
    client.tap_destination("One")
    assert shown(client) == ["/one"]  # its root, not the form


# -- history and the backs ---------------------------------------------------


def test_each_switch_is_a_history_entry_and_back_returns_to_the_tab_and_page(
    navkit_client: Client,
) -> None:
    client = open_tabs(navkit_client, "/feed")
    click(client, "Post 2")
    client.tap_destination("Search")
    client.tap_destination("Profile")
    assert client.entries == ["/feed", "/feed/post/2", "/search", "/profile"]
    client.browser_back()
    assert client.titles[-1] == "Search" and client.selected_destination == "Search"
    client.browser_back()
    assert client.titles[-1] == "Post 2" and client.selected_destination == "Feed"
    assert shown(client) == ["/feed", "/feed/post/2"]
    client.browser_forward()
    assert client.titles[-1] == "Search"
    assert client.entries == ["/feed", "/feed/post/2", "/search", "/profile"]
    assert client.index == 2


def test_android_back_at_a_branch_root_goes_to_the_start_destination_as_left(
    navkit_client: Client,
) -> None:
    client = open_tabs(navkit_client, "/feed/post/4", web=False)
    client.tap_destination("Profile")
    client.system_back()
    assert client.selected_destination == "Feed"
    assert shown(client) == ["/feed", "/feed/post/4"]  # as the user left it
    client.system_back()
    assert shown(client) == ["/feed"] and client.left_app == 0
    client.system_back()  # the start destination's root: Android leaves the app
    assert client.left_app == 1


def test_android_back_at_the_start_root_leaves_whatever_tabs_were_opened(
    navkit_client: Client,
) -> None:
    client = open_tabs(navkit_client, "/feed", web=False)
    for label in ("Search", "Profile", "Search", "Feed"):
        client.tap_destination(label)
    assert client.selected_destination == "Feed"
    assert [view.route for view in client.page.views] == ["/feed"]  # the client's first view
    client.system_back()
    assert client.left_app == 1 and shown(client) == ["/feed"]


def test_android_back_at_a_deep_linked_branch_opens_the_start_root(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/profile/settings", web=False)
    client.system_back()
    assert shown(client) == ["/profile"]
    client.system_back()  # Profile's root: the start destination, never opened, at its root
    assert shown(client) == ["/feed"] and client.selected_destination == "Feed"
    assert client.left_app == 0
    client.system_back()
    assert client.left_app == 1


def test_android_back_from_the_first_branch_alone_leaves_the_app(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/feed", web=False)
    sent = len(client.sent)
    client.system_back()
    assert shown(client) == ["/feed"] and len(client.sent) == sent  # as without a shell
    assert client.left_app == 1


# -- the chrome in each view's scaffold -----------------------------------------


def _patches(client: FletTestClient, act: Callable[[], None]) -> list[Any]:
    seen: list[Any] = []
    received = client.received

    def spy(message: Any, size: int) -> None:
        if getattr(message.body, "patch", None) is not None:
            seen.append(message.body.patch)
        received(message, size)

    client.received = spy  # type: ignore[method-assign]
    try:
        act()
    finally:
        client.received = received  # type: ignore[method-assign]
    return seen


def _touches_overlay(patches: list[Any]) -> bool:
    return any("_overlay" in repr(patch[0]) for patch in patches)


def bars(client: FletTestClient) -> list[ft.NavigationBar]:
    """The bar in each view's scaffold, bottom first."""
    found = [view.navigation_bar for view in client.page.views]
    assert all(isinstance(bar, ft.NavigationBar) for bar in found), found
    return found  # type: ignore[return-value]


def test_each_shell_view_has_its_own_bar_in_its_scaffold(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/feed")
    client.resize(400, 800)
    click(client, "Post 3")
    first = bars(client)
    assert len(first) == 2 and first[0] is not first[1]
    assert [bar.selected_index for bar in first] == [0, 0]
    assert [d.label for d in first[-1].destinations] == ["Feed", "Search", "Profile"]
    assert not any(isinstance(c, ft.NavigationBar) for c in client.page.overlay)
    patches = _patches(client, client.app_bar_back)
    assert patches and not _touches_overlay(patches)
    assert bars(client) == [first[0]]  # the root kept its bar


def test_an_in_branch_navigation_sends_the_view_and_its_bar_only(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/feed")
    client.resize(400, 800)
    click(client, "Post 3")
    client.app_bar_back()
    before = client.sent_bytes
    click(client, "Post 3")
    pushed = client.sent_bytes - before
    client.app_bar_back()
    client.resize(800, 800)  # the same navigation with the rail: no bar in the view
    before = client.sent_bytes
    click(client, "Post 3")
    without_bar = client.sent_bytes - before
    assert 100 < pushed - without_bar < 400, (pushed, without_bar)  # one bar of three


def test_the_app_s_fab_and_own_bar_stay_in_the_scaffold(navkit_client: Client) -> None:
    shell, _ = small_shell(
        "home",
        "mine",
        views={
            "home": lambda: ft.View(
                controls=[ft.Text("home")],
                floating_action_button=ft.FloatingActionButton(icon=ft.Icons.ADD),
            ),
            "mine": lambda: ft.View(
                controls=[ft.Text("mine")],
                navigation_bar=ft.NavigationBar(
                    destinations=[
                        ft.NavigationBarDestination(icon=ft.Icons.HOME, label="Own"),
                        ft.NavigationBarDestination(icon=ft.Icons.HOME, label="Bar"),
                    ]
                ),
            ),
        },
    )
    client = navkit_client(registered(shell), route="/home")
    client.resize(400, 800)
    view = client.page.views[-1]
    assert isinstance(view.floating_action_button, ft.FloatingActionButton)
    assert isinstance(view.navigation_bar, ft.NavigationBar)  # Flutter lifts the FAB above it
    client.tap_destination("Mine")
    own = client.page.views[-1].navigation_bar
    assert [d.label for d in own.destinations] == ["Own", "Bar"]  # type: ignore[union-attr]


def test_switching_to_a_parked_branch_shows_its_own_views_again(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/profile/settings")
    client.resize(400, 800)
    settings = list(client.page.views)
    type_into(client, "Display name", "Ada")
    client.tap_destination("Feed")
    assert [view.route for view in client.page.views] == ["/feed"]  # parked ones are off the page
    click(client, "Post 1")
    client.tap_destination("Profile")
    assert list(client.page.views) == settings  # the same objects, built once
    assert field(client, "Display name").value == "Ada"
    assert [bar.selected_index for bar in bars(client)] == [2, 2]  # the tap on Feed undone


# -- narrow and wide -------------------------------------------------------------


def test_a_narrow_page_gets_the_bar_and_a_wide_one_the_rail_live(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/feed")
    assert isinstance(client.chrome, ft.NavigationRail)  # the stand-in opens 800 wide
    assert client.page.views[-1].navigation_bar is None
    assert client.page.views[-1].padding.left > 10  # type: ignore[union-attr]
    client.resize(400, 800)
    assert isinstance(client.chrome, ft.NavigationBar)
    assert client.chrome is client.page.views[-1].navigation_bar
    own = ft.View().padding  # the view's own: the scaffold makes room for the bar
    assert client.page.views[-1].padding == own
    assert client.selected_destination == "Feed"
    client.resize(599, 800)
    assert isinstance(client.chrome, ft.NavigationBar)
    client.resize(600, 800)
    assert isinstance(client.chrome, ft.NavigationRail)
    assert client.page.views[-1].navigation_bar is None


def test_resize_leaves_the_apps_own_handler_working(navkit_client: Client) -> None:
    sizes: list[float] = []

    def main(page: ft.Page) -> None:
        tabs.main(page)
        page.on_resize = lambda event: sizes.append(event.width)

    client = navkit_client(tabs.router, route="/feed", main=main)
    client.resize(400, 800)
    assert sizes == [400] and isinstance(client.chrome, ft.NavigationBar)


# -- everything else inside a shell ------------------------------------------


def guarded_app() -> tuple[navkit.Router, list[str]]:
    built: list[str] = []
    shell = navkit.Shell("app")
    home = shell.branch("home", label="Home", icon=ft.Icons.HOME, route="/home")
    admin = shell.branch("admin", label="Admin", icon=ft.Icons.LOCK, route="/admin")
    home.add_route("/home", lambda: built.append("home") or [ft.Text("home")], endpoint="root")
    admin.add_route("/admin", lambda: built.append("admin") or [ft.Text("admin")], endpoint="root")

    @admin.guard
    def signed_in(navigation: navkit.Navigation) -> Any:
        return "/login?next=" + navigation.path

    router = navkit.Router()
    router.register_blueprint(shell)
    router.add_route(
        "/login", lambda: [ft.Text("log in")], endpoint="login", root=True, title="Log in"
    )
    return router, built


def test_a_guarded_branch_redirects_before_its_views_or_chrome(navkit_client: Client) -> None:
    router, built = guarded_app()
    client = navkit_client(router, route="/home")
    client.tap_destination("Admin")
    assert "admin" not in built
    assert client.url == "/login?next=/admin" and client.titles == ["Log in"]
    assert client.chrome is None  # a root=True route outside the shell
    client.browser_back()
    assert client.selected_destination == "Home"


def test_a_refused_switch_puts_the_selection_back(navkit_client: Client) -> None:
    shell, branches = small_shell("one", "two")
    branches["two"].guard(lambda navigation: False)
    client = navkit_client(registered(shell), route="/one")
    client.tap_destination("Two")  # the client shows Two selected at once
    assert client.url == "/one"
    assert client.selected_destination == "One"


def test_switching_away_asks_nothing_and_closing_asks(navkit_client: Client) -> None:
    asked: list[str] = []
    shell, branches = small_shell("one", "two")

    def form(nav: navkit.Navigator) -> list[ft.Control]:
        nav.on_leave(lambda navigation: asked.append(navigation.path) or False)
        return [ft.TextField(label="Name")]

    branches["one"].add_route("/one/form", form)
    router = registered(shell)
    router.add_route("/out", lambda: [], endpoint="out", root=True)
    client = navkit_client(router, route="/one/form")
    client.tap_destination("Two")
    assert asked == [] and client.url == "/two"
    client.go("/one")  # closes the parked form: it is asked, and refuses
    assert asked == ["/one"] and client.url == "/two"
    client.go("/out")  # leaving the shell closes every branch: asked again
    assert asked == ["/one", "/out"] and client.url == "/two"
    client.tap_destination("One")
    assert shown(client) == ["/one", "/one/form"]


def test_a_404_inside_a_branch_shows_with_the_chrome(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/profile/nope")
    assert client.titles[-1] == "Page not found"
    assert shown(client) == ["/profile", "/profile/nope"]
    assert client.selected_destination == "Profile"


def test_url_for_and_push_for_result_inside_a_branch(navkit_client: Client) -> None:
    shell, branches = small_shell("one", "two")
    branches["one"].add_route("/one/pick/:kind", lambda kind: [ft.Text(kind)], endpoint="pick")
    router = registered(shell)
    assert router.url_for("app.one.pick", kind="colour") == "/one/pick/colour"
    client = navkit_client(router, route="/one")
    task = client.loop.create_task(client.navigator.push_for_result("app.one.pick", kind="colour"))
    client.settle()
    assert shown(client) == ["/one", "/one/pick/colour"]
    client.tap_destination("Two")
    client.tap_destination("One")  # the picker is parked, not closed: still waiting
    assert not task.done()
    client.call(client.navigator.pop, "red")
    client.settle()
    assert task.result() == "red"


def test_a_modal_route_opens_over_the_shell(navkit_client: Client) -> None:
    shell, branches = small_shell("one", "two")
    branches["one"].add_route(
        "/one/share", lambda: [ft.Text("share")], endpoint="share", modal="dialog"
    )
    client = navkit_client(registered(shell), route="/one/share")
    assert client.dialog is not None and client.selected_destination == "One"
    client.browser_back()  # the browser had only this entry: nothing happens
    client.go("/two")
    assert client.dialog is None and client.selected_destination == "Two"
    client.browser_back()
    assert client.dialog is not None and client.url == "/one/share"


def test_an_async_view_in_a_branch_and_a_switch_while_it_loads(navkit_client: Client) -> None:
    release = asyncio.Event()

    async def slow() -> list[ft.Control]:
        await release.wait()
        return [ft.Text("two, loaded")]

    shell, _ = small_shell("one", "two", views={"two": slow})
    client = navkit_client(registered(shell), route="/one")
    client.tap_destination("Two", wait=False)
    assert client.url == "/one" and client.navigator.in_flight is not None
    client.tap_destination("One")  # back to the tab shown, while Two loads
    assert client.navigator.in_flight is None
    assert client.url == "/one" and client.selected_destination == "One"
    client.tap_destination("Two", wait=False)
    client.call(release.set)
    client.settle()
    assert client.url == "/two" and client.selected_destination == "Two"


def test_a_root_route_shows_without_the_chrome_and_drops_the_parked_tabs(
    navkit_client: Client,
) -> None:
    router, _ = guarded_app()
    client = navkit_client(router, route="/home")
    client.go("/login")
    assert client.chrome is None and client.view_routes == ["/login"]


# -- registration ---------------------------------------------------------------


def test_the_cli_column_and_places(navkit_client: Client) -> None:
    place = tabs.router.table.place_of(tabs.router.routes_for("tabs.profile.settings")[0])
    assert place is not None and str(place) == "tabs:profile" and place.root == "/profile"


# -- races ---------------------------------------------------------------------


def three_tabs(slow: Callable[..., Any] | None = None, guard: Any = None) -> navkit.Router:
    """Tabs One, Two (its view ``slow``, its guard ``guard``) and Three, each with ``/x``."""
    shell, branches = small_shell("one", "two", "three", views={"two": slow} if slow else None)
    for name, branch in branches.items():
        branch.add_route(f"/{name}/x", lambda n=name: [ft.Text(f"{n} x")], endpoint="x")
    if guard is not None:
        branches["two"].guard(guard)
    return registered(shell)


def test_fast_taps_land_on_the_last_destination_with_one_entry_each(
    navkit_client: Client,
) -> None:
    client = navkit_client(three_tabs(), route="/one/x")
    taps = ["Two", "Three", "One", "Three", "Two", "One", "Two"] * 3
    for label in taps:
        client.tap_destination(label, wait=False)
    client.settle()
    assert client.selected_destination == "Two" and client.url == "/two"
    switches = [
        label for before, label in zip(["One", *taps], taps, strict=False) if label != before
    ]
    assert len(client.entries) == 1 + len(switches)  # a tap on the tab shown adds none
    client.tap_destination("One")
    assert shown(client) == ["/one", "/one/x"]  # the first tab as it was left


def test_browser_back_while_a_branch_loads(navkit_client: Client) -> None:
    release = asyncio.Event()
    built: list[str] = []

    async def slow() -> list[ft.Control]:
        await release.wait()
        built.append("two")
        return [ft.Text("two")]

    client = navkit_client(three_tabs(slow), route="/one")
    client.go("/one/x")
    client.tap_destination("Two", wait=False)
    client.browser_back()
    client.call(release.set)
    client.settle()
    assert built == [] and shown(client) == ["/one"]
    assert client.selected_destination == "One"
    assert client.entries == ["/one", "/one/x"] and client.index == 0


def test_another_tap_during_a_guard_wins(navkit_client: Client) -> None:
    release = asyncio.Event()
    asked: list[str] = []

    async def slow_guard(navigation: navkit.Navigation) -> bool:
        asked.append(navigation.path)
        await release.wait()
        return True

    client = navkit_client(three_tabs(guard=slow_guard), route="/one")
    client.tap_destination("Two", wait=False)
    assert asked == ["/two"]
    client.tap_destination("Three")
    client.call(release.set)
    client.settle()
    assert client.url == "/three" and client.selected_destination == "Three"
    assert client.entries == ["/one", "/three"]


def test_back_and_forward_across_switches_keep_each_tab(navkit_client: Client) -> None:
    router = three_tabs()
    client = navkit_client(router, route="/one")
    client.go("/one/x")
    client.tap_destination("Three")
    client.browser_back()
    client.browser_back()
    client.browser_forward()
    client.browser_forward()
    assert client.url == "/three" and client.selected_destination == "Three"
    client.tap_destination("One")
    assert shown(client) == ["/one", "/one/x"]


# -- found by trying to break it ------------------------------------------------


def test_a_guard_error_on_a_new_tab_still_lets_the_tab_reach_its_root(
    navkit_client: Client,
) -> None:
    shell, branches = small_shell("one", "two")
    branches["two"].add_route("/two/admin", lambda: [ft.Text("admin")], endpoint="admin")

    @branches["two"].guard
    def admins_only(navigation: navkit.Navigation) -> None:
        if navigation.path == "/two/admin":
            navkit.abort(403)

    client = navkit_client(registered(shell), route="/two/admin")
    assert client.titles == ["Not allowed"] and client.selected_destination == "Two"
    client.tap_destination("Two")
    assert client.url == "/two" and shown(client) == ["/two"]


def test_tapping_the_shown_tab_while_another_loads_keeps_the_page(
    navkit_client: Client,
) -> None:
    release = asyncio.Event()

    async def slow() -> list[ft.Control]:
        await release.wait()
        return [ft.Text("two")]

    shell, branches = small_shell("one", "two", views={"two": slow})
    branches["one"].add_route("/one/form", lambda: [ft.TextField(label="Name")], endpoint="form")
    client = navkit_client(registered(shell), route="/one/form")
    form = client.page.views[-1]
    client.tap_destination("Two", wait=False)
    assert client.selected_destination == "Two"  # the client selects a tapped tab at once
    client.tap_destination("One")
    client.call(release.set)
    client.settle()
    assert shown(client) == ["/one", "/one/form"] and client.page.views[-1] is form
    assert client.selected_destination == "One"


def test_a_second_push_for_result_of_a_parked_page_answers_the_first_with_none(
    navkit_client: Client,
) -> None:
    shell, branches = small_shell("one", "two")
    branches["one"].add_route("/one/pick", lambda: [ft.Text("pick")], endpoint="pick")
    client = navkit_client(registered(shell), route="/one")
    first = client.loop.create_task(client.navigator.push_for_result("/one/pick"))
    client.settle()
    client.tap_destination("Two")
    second = client.loop.create_task(client.navigator.push_for_result("/one/pick"))
    client.settle()
    client.call(client.navigator.pop, "red")
    client.settle()
    assert first.done() and first.result() is None
    assert second.result() == "red"


@pytest.mark.parametrize(
    ("root", "opens", "stack"),
    [
        ("/a/", "/a", ["/a/"]),
        ("/a/", "/a/x", ["/a/", "/a/x"]),
        ("/café", "/caf%C3%A9", ["/caf%C3%A9"]),
        ("/café", "/caf%C3%A9/x", ["/caf%C3%A9", "/caf%C3%A9/x"]),
    ],
)
def test_a_root_written_otherwise_is_still_one_level(
    navkit_client: Client, root: str, opens: str, stack: list[str]
) -> None:
    shell = navkit.Shell("app")
    first = shell.branch("a", label="A", icon=ft.Icons.HOME, route=root)
    first.add_route(root, lambda: [ft.Text("a")], endpoint="root")
    first.add_route(root.rstrip("/") + "/x", lambda: [ft.Text("x")], endpoint="x")
    shell.branch("b", label="B", icon=ft.Icons.HOME, route="/b").add_route(
        "/b", lambda: [ft.Text("b")], endpoint="root"
    )
    client = navkit_client(registered(shell), route=opens)
    assert [level.address for level in client.navigator.stack][1:] == stack[1:]
    assert len(client.navigator.stack) == len(stack)
    assert client.selected_destination == "A"


def test_one_shell_registered_twice_is_two_shells(navkit_client: Client) -> None:
    shell, _ = small_shell("one", "two")
    router = registered(shell)
    router.register_blueprint(shell, url_prefix="/v2", name="app2")
    client = navkit_client(router, route="/one")
    client.tap_destination("Two")
    client.go("/v2/one")  # leaves the first registration: its tabs close
    assert client.view_routes == ["/v2/one"]
    client.tap_destination("Two")
    assert client.url == "/v2/two"


def test_a_shell_needs_two_branches() -> None:
    shell = navkit.Shell("app")
    shell.branch("only", label="Only", icon=None, route="/only").add_route(
        "/only", lambda: [], endpoint="root"
    )
    with pytest.raises(navkit.RouteError, match="2 to 5 destinations"):
        navkit.Router().register_blueprint(shell)


def test_the_chrome_comes_back_after_the_app_clears_the_overlay(navkit_client: Client) -> None:
    client = open_tabs(navkit_client, "/feed")

    def clear() -> None:
        client.page.overlay.clear()
        client.page.update()

    client.call(clear)
    assert client.chrome is None
    client.go("/search")
    assert client.selected_destination == "Search"
