"""Declaring shells: branches, their roots, precise errors, and the stacks built inside them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import navkit
from navkit.cli import main
from navkit.navigation.stack import build_stack, place_of
from navkit.routing.table import RouteTable


def view(**values: object) -> list[object]:
    return []


def make(prefix: str | None = None) -> tuple[RouteTable, navkit.Shell]:
    shell = navkit.Shell("tabs")
    feed = shell.branch("feed", label="Feed", icon="home", route="/feed")
    feed.add_route("/feed", view, endpoint="home")
    feed.add_route("/feed/post/:post_id", view, endpoint="post")
    feed.add_route("/post/:post_id/comments", view, endpoint="comments")  # not under /feed
    nested = navkit.Blueprint("more")
    nested.add_route("/feed/more", view, endpoint="index")
    feed.register_blueprint(nested)
    me = shell.branch("me", label="Me", icon="person", route="/me")
    me.add_route("/me", view, endpoint="home")
    me.add_route("/me/settings", view, endpoint="settings")
    router = RouteTable()
    router.register_blueprint(shell, url_prefix=prefix)
    router.add_route("/", view, endpoint="index")
    router.add_route("/about", view, endpoint="about")
    router.add_route("/login", view, endpoint="login", root=True)
    router.check()
    return router, shell


def addresses(router: RouteTable, address: str) -> list[str]:
    return [level.address for level in build_stack(router, address)]


def test_every_route_of_a_branch_knows_its_place() -> None:
    router, shell = make()
    places = {
        route.endpoint: str(place) if (place := router.place_of(route)) else None
        for route in router.routes()
    }
    assert places == {
        "tabs.feed.home": "tabs:feed",
        "tabs.feed.post": "tabs:feed",
        "tabs.feed.comments": "tabs:feed",
        "tabs.feed.more.index": "tabs:feed",
        "tabs.me.home": "tabs:me",
        "tabs.me.settings": "tabs:me",
        "index": None,
        "about": None,
        "login": None,
    }
    assert [branch.label for branch in shell.branches] == ["Feed", "Me"]
    assert [place.root for place in router.places] == ["/feed", "/me"]


def test_a_prefix_moves_the_roots_with_the_templates() -> None:
    router, _ = make("/app")
    assert [place.root for place in router.places] == ["/app/feed", "/app/me"]
    assert router.url_for("tabs.me.settings") == "/app/me/settings"
    assert addresses(router, "/app/me/settings") == ["/app/me", "/app/me/settings"]


@pytest.mark.parametrize(
    ("address", "stack"),
    [
        ("/feed", ["/feed"]),  # a root: nothing beneath, not even "/"
        ("/feed/post/3", ["/feed", "/feed/post/3"]),
        ("/feed/post/3?x=1", ["/feed", "/feed/post/3?x=1"]),
        ("/post/3/comments", ["/feed", "/post/3/comments"]),  # beneath: its branch's root
        ("/feed/more", ["/feed", "/feed/more"]),
        ("/feed/nope", ["/feed", "/feed/nope"]),  # not found, in the branch
        ("/me/settings/x", ["/me", "/me/settings", "/me/settings/x"]),
        ("/about", ["/", "/about"]),  # outside the shell: as before
        ("/login", ["/login"]),
    ],
)
def test_stacks_inside_a_branch_start_at_its_root(address: str, stack: list[str]) -> None:
    router, _ = make()
    assert addresses(router, address) == stack


@given(st.lists(st.sampled_from(["feed", "me", "post", "3", "settings", "more", "x"]), max_size=6))
def test_a_stack_never_mixes_branches(segments: list[str]) -> None:
    router, _ = make()
    levels = build_stack(router, "/" + "/".join(segments))
    place = place_of(router, levels)
    for level in levels:
        if level.match is not None:
            assert router.place_of(level.match.route) == place
    if place is not None:
        assert levels[0].address == place.root


@pytest.mark.parametrize(
    ("declare", "message"),
    [
        (lambda s: s.branch("x", label="X", icon=None, route="/x/:id"), "without parameters"),
        (lambda s: s.branch("x", label="X", icon=None, route="x"), "without parameters"),
        (lambda s: s.branch("x.y", label="X", icon=None, route="/x"), "no '.'"),
    ],
)
def test_a_bad_branch_is_refused_where_it_is_declared(declare: object, message: str) -> None:
    with pytest.raises(navkit.RouteError, match=message):
        declare(navkit.Shell("s"))  # type: ignore[operator]


def test_two_branches_opening_at_one_path_are_refused() -> None:
    shell = navkit.Shell("s")
    shell.branch("a", label="A", icon=None, route="/same").add_route("/same", view)
    shell.branch("b", label="B", icon=None, route="/same")
    with pytest.raises(navkit.RouteError, match="both open at '/same'"):
        RouteTable().register_blueprint(shell)


def test_a_branch_without_a_route_at_its_root_is_reported_on_check() -> None:
    shell = navkit.Shell("s")
    shell.branch("a", label="A", icon=None, route="/a").add_route("/a/deeper", view)
    shell.branch("b", label="B", icon=None, route="/b").add_route("/b", view)
    router = RouteTable()
    router.register_blueprint(shell)
    with pytest.raises(navkit.RouteError, match="no route of it matches"):
        router.check()


def test_a_branch_is_sealed_with_its_shell() -> None:
    _, shell = make()
    with pytest.raises(navkit.RouteError, match="already registered"):
        shell.branches[0].add_route("/feed/late", view)
    with pytest.raises(navkit.RouteError, match="already registered"):
        shell.branch("late", label="Late", icon=None, route="/late")


def test_navkit_routes_shows_shell_and_branch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(Path(__file__).parents[2])
    assert main(["routes", "examples.tabs:router"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[-1] == "Shell:branch"
    row = {line.split()[0]: line for line in lines[2:]}
    assert row["tabs.feed.home"].endswith("tabs:feed (root)")
    assert row["tabs.feed.post"].endswith("tabs:feed")
    assert row["tabs.profile.settings"].endswith("tabs:profile")
    column = lines[0].index("Shell:branch")
    assert row["start"][column:].strip() == ""  # outside the shell: the column is empty


def two_tabs(name: str, first: str, second: str) -> navkit.Shell:
    """A shell with two branches, each with a route at its root."""
    shell = navkit.Shell(name)
    for branch_name in (first, second):
        branch = shell.branch(
            branch_name, label=branch_name.title(), icon=None, route=f"/{branch_name}"
        )
        branch.add_route(f"/{branch_name}", view, endpoint="home")
    return shell


def in_a_branch(outer: navkit.Shell, inner: navkit.Shell) -> None:
    outer.branches[0].register_blueprint(inner)


def directly(outer: navkit.Shell, inner: navkit.Shell) -> None:
    outer.register_blueprint(inner)


def beneath_a_branch(outer: navkit.Shell, inner: navkit.Shell) -> None:
    more = navkit.Blueprint("more", url_prefix="/more")
    more.register_blueprint(inner)
    outer.branches[0].register_blueprint(more)


@pytest.mark.parametrize(
    ("nest", "registered_as", "inner_name", "where", "instead"),
    [
        (
            in_a_branch,
            None,
            "tabs.feed.admin",
            "in its branch 'tabs.feed'",
            "the branch 'tabs.feed'",
        ),
        (directly, None, "tabs.admin", "directly, in none of its branches", "a branch of 'tabs'"),
        (
            beneath_a_branch,
            None,
            "tabs.feed.more.admin",
            "in its branch 'tabs.feed'",
            "the branch 'tabs.feed'",
        ),
        (
            in_a_branch,
            "main",
            "main.feed.admin",
            "in its branch 'main.feed'",
            "the branch 'main.feed'",
        ),
    ],
)
def test_a_shell_nested_in_another_is_refused_naming_both(
    nest: Callable[[navkit.Shell, navkit.Shell], None],
    registered_as: str | None,
    inner_name: str,
    where: str,
    instead: str,
) -> None:
    outer = two_tabs("tabs", "feed", "me")
    nest(outer, two_tabs("admin", "users", "logs"))
    router = RouteTable()
    with pytest.raises(navkit.RouteError) as refused:
        router.register_blueprint(outer, name=registered_as)
    outer_name = registered_as or "tabs"
    assert str(refused.value) == (
        f"shell {inner_name!r} is nested in shell {outer_name!r} ({where}): a shell is an "
        f"app's top-level chrome and a page shows one bar, so its pages would lose the bar "
        f"of {outer_name!r}; register 'admin' on the router beside {outer_name!r}, or make "
        f"its pages plain routes of {instead}"
    )
    # Refused before anything was registered: no route of either shell is left behind.
    assert list(router.routes()) == []
    assert router.places == ()


def alone(shell: navkit.Shell) -> navkit.Blueprint:
    return shell.branches[0]


def in_a_plain_blueprint(shell: navkit.Shell) -> navkit.Blueprint:
    wrap = navkit.Blueprint("wrap")
    wrap.register_blueprint(shell.branches[0])
    return wrap


def in_another_shells_branch(shell: navkit.Shell) -> navkit.Blueprint:
    other = two_tabs("admin", "users", "logs")
    other.branches[0].register_blueprint(shell.branches[0])
    return other


def in_a_sibling_branch(shell: navkit.Shell) -> navkit.Blueprint:
    shell.branches[1].register_blueprint(shell.branches[0])
    return shell


@pytest.mark.parametrize(
    ("misplace", "branch_name", "where"),
    [
        (alone, "feed", "registered on its own"),
        (in_a_plain_blueprint, "wrap.feed", "nested in 'wrap'"),
        (in_another_shells_branch, "admin.users.feed", "nested in 'admin.users'"),
        (in_a_sibling_branch, "tabs.me.feed", "nested in 'tabs.me'"),
    ],
)
def test_a_branch_registered_without_its_shell_is_refused(
    misplace: Callable[[navkit.Shell], navkit.Blueprint], branch_name: str, where: str
) -> None:
    shell = two_tabs("tabs", "feed", "me")
    router = RouteTable()
    with pytest.raises(navkit.RouteError) as refused:
        router.register_blueprint(misplace(shell))
    assert str(refused.value) == (
        f"branch {branch_name!r} of shell 'tabs' is {where}, not in its shell: its pages "
        f"would show without the shell's bar; register the shell 'tabs' (its branches come "
        f"with it), and nest plain blueprints in the branch instead"
    )
    assert list(router.routes()) == []
    # Nothing was sealed either: the shell registers as it should.
    router.register_blueprint(two_tabs("tabs", "feed", "me"))
    assert [str(place) for place in router.places] == ["tabs:feed", "tabs:me"]


def test_two_shells_side_by_side_keep_their_own_branches() -> None:
    router = RouteTable()
    router.register_blueprint(two_tabs("tabs", "feed", "me"))
    router.register_blueprint(two_tabs("admin", "users", "logs"), url_prefix="/admin")
    router.check()
    places = {route.endpoint: str(router.place_of(route)) for route in router.routes()}
    assert places == {
        "tabs.feed.home": "tabs:feed",
        "tabs.me.home": "tabs:me",
        "admin.users.home": "admin:users",
        "admin.logs.home": "admin:logs",
    }
    assert [place.root for place in router.places] == [
        "/feed",
        "/me",
        "/admin/users",
        "/admin/logs",
    ]
    feed, _, users, logs = router.places
    assert users.beside(logs) and not feed.beside(users)
    assert addresses(router, "/admin/logs/x") == ["/admin/logs", "/admin/logs/x"]
    assert addresses(router, "/feed/x") == ["/feed", "/feed/x"]


def test_a_shell_in_a_plain_blueprint_is_still_a_shell() -> None:
    app = navkit.Blueprint("app", url_prefix="/app")
    app.register_blueprint(two_tabs("tabs", "feed", "me"))
    router = RouteTable()
    router.register_blueprint(app)
    router.check()
    assert [str(place) for place in router.places] == ["app.tabs:feed", "app.tabs:me"]
    assert [place.root for place in router.places] == ["/app/feed", "/app/me"]


def test_a_place_reads_as_its_branch() -> None:
    router, shell = make()
    feed, me = router.places
    assert (me.label, me.name, me.index) == ("Me", "me", 1)
    assert (feed.label, feed.name, feed.index) == ("Feed", "feed", 0)
    assert me.branch is shell.branches[1] and me.shell is shell
    assert (me.shell_name, me.root, str(me)) == ("tabs", "/me", "tabs:me")
    match = router.match("/me/settings")
    assert match is not None and router.place_of(match.route) == me


@pytest.mark.parametrize("where", ["shell", "blueprint on the shell"])
def test_a_route_outside_the_branches_of_a_shell_is_refused(where: str) -> None:
    shell = navkit.Shell("app")
    for name in ("a", "b"):
        branch = shell.branch(name, label=name, icon=None, route=f"/{name}")
        branch.add_route(f"/{name}", lambda: [], endpoint="root")
    if where == "shell":
        shell.add_route("/about", lambda: [], endpoint="about")
    else:
        loose = navkit.Blueprint("loose")
        loose.add_route("/about", lambda: [], endpoint="about")
        shell.register_blueprint(loose)
    router = navkit.Router()
    with pytest.raises(navkit.RouteError, match="'/about' is added to shell 'app' outside"):
        router.register_blueprint(shell)
    assert router.table.match("/a") is None  # refused before anything was registered
