"""Declaring shells: branches, their roots, precise errors, and the stacks built inside them."""

from __future__ import annotations

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
    assert row["start"].rstrip().endswith("/")  # outside the shell: the column is empty
