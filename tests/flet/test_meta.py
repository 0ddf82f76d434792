"""Route ``meta`` and matched levels: what a guard and a view know about the whole stack.

A route's options are one checked value (``route.options``); ``meta`` is
the app's own. A guard and a view (a parameter annotated
``navkit.Navigation``) see every matched level -- endpoint, address, path
parameters, own meta -- and the meta merged parent to child, as Vue
Router's ``to.matched`` and ``to.meta``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def admin_app(signed_in: list[bool]) -> navkit.Router:
    """/admin (meta: requires login) with users beneath; one router guard reads the meta."""
    router = navkit.Router()

    @router.guard
    def login_required(navigation: navkit.Navigation) -> Any:
        if navigation.meta.get("requires_login") and not signed_in:
            return navkit.redirect("login", next=navigation.address)
        return None

    @router.route("/", title="Home")
    def home() -> list[ft.Control]:
        return [ft.Text("home")]

    @router.route("/login", root=True, title="Log in")
    def login(next: str = "/") -> list[ft.Control]:
        return [ft.Text(f"log in, then {next}")]

    @router.route("/admin", title="Admin", meta={"requires_login": True, "crumb": "Admin"})
    def admin() -> list[ft.Control]:
        return [ft.Text("admin")]

    @router.route("/admin/users/:uid", title="User", meta={"crumb": "User"})
    def user(uid: int, navigation: navkit.Navigation) -> list[ft.Control]:
        crumbs = " / ".join(level.meta.get("crumb", level.endpoint) for level in navigation.matched)
        return [ft.Text(crumbs, key="crumbs"), ft.Text(f"user {uid}")]

    @router.route("/admin/public", meta={"requires_login": False})
    def public(navigation: navkit.Navigation) -> list[ft.Control]:
        return [ft.Text(f"merged {dict(navigation.meta)}")]

    return router


def texts(client: FletTestClient) -> list[str]:
    return [str(c.value) for c in client.page.views[-1].controls if isinstance(c, ft.Text)]


def test_a_childs_guard_check_inherits_the_parents_meta(navkit_client: Client) -> None:
    signed_in: list[bool] = []
    client = navkit_client(admin_app(signed_in))
    client.go("/admin/users/7")  # the child has no requires_login of its own
    assert client.page.route == "/login?next=/admin/users/7"
    assert client.titles == ["Log in"]
    signed_in.append(True)
    client.go("/admin/users/7")
    assert client.titles == ["Home", "Admin", "User"]


def test_a_child_overrides_its_parents_meta(navkit_client: Client) -> None:
    client = navkit_client(admin_app([]))
    client.go("/admin/public")  # requires_login False wins over the parent's True
    assert client.page.route == "/admin/public"
    assert texts(client) == ["merged {'requires_login': False, 'crumb': 'Admin'}"]


def test_a_view_sees_every_matched_level(navkit_client: Client) -> None:
    client = navkit_client(admin_app([True]), route="/admin/users/3")
    assert texts(client)[0] == "home / Admin / User"  # Home has no crumb: its endpoint
    assert client.navigator.current is not None
    assert client.navigator.current.route.options.meta == {"crumb": "User"}


def test_a_guard_sees_the_levels_and_their_params(navkit_client: Client) -> None:
    seen: list[tuple[navkit.Matched, ...]] = []
    router = admin_app([True])
    router.guard(lambda navigation: seen.append(navigation.matched))
    client = navkit_client(router)
    client.go("/admin/users/5")
    matched = seen[-1]
    assert [level.endpoint for level in matched] == ["home", "admin", "user"]
    assert [level.address for level in matched] == ["/", "/admin", "/admin/users/5"]
    assert matched[-1].params == {"uid": 5}


def test_a_not_found_target_has_no_matched_level_for_itself(navkit_client: Client) -> None:
    seen: list[navkit.Navigation] = []
    router = admin_app([True])
    router.guard(seen.append)
    client = navkit_client(router)
    client.go("/admin/nothing")
    assert client.titles[-1] == "Page not found"
    assert [level.endpoint for level in seen[-1].matched] == ["home", "admin"]
    assert seen[-1].meta == {"requires_login": True, "crumb": "Admin"}


def test_the_meta_a_route_was_given_cannot_be_changed_later() -> None:
    router = navkit.Router()
    given = {"crumb": "A"}
    route = router.add_route("/a", lambda: [], meta=given)
    given["crumb"] = "B"
    assert route.options.meta == {"crumb": "A"}
    with pytest.raises(TypeError):
        route.options.meta["crumb"] = "C"  # type: ignore[index]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"meta": ["crumb"]}, "meta= must be a mapping"),
        ({"meta": {1: "x"}}, "string keys"),
        ({"parent": ""}, "parent= must be an endpoint"),
        ({"modal": "popup"}, "modal= must be one of"),
        ({"metadata": {}}, "unknown option(s) ['metadata']"),
    ],
)
def test_a_bad_option_is_refused_at_registration(options: dict[str, Any], message: str) -> None:
    router = navkit.Router()
    with pytest.raises(navkit.RouteError, match=None) as raised:
        router.add_route("/a", lambda: [], **options)
    assert message in str(raised.value)
    assert "'/a'" in str(raised.value)


def test_options_are_one_typed_value() -> None:
    router = navkit.Router()
    route = router.add_route("/a", lambda: [], title="A", root=True, modal="sheet")
    assert route.options == navkit.RouteOptions(title="A", root=True, modal="sheet")
    assert router.add_route("/b", lambda: [], endpoint="b").options == navkit.RouteOptions()


def test_a_leave_check_sees_where_the_user_goes(navkit_client: Client) -> None:
    """The leave check of the page shown is asked with the matched levels of the target."""
    asked: list[list[str]] = []
    router = admin_app([True])

    @router.route("/edit", title="Edit")
    def edit(nav: navkit.Navigator) -> list[ft.Control]:
        nav.on_leave(lambda navigation: asked.append([m.endpoint for m in navigation.matched]))
        return [ft.Text("edit")]

    client = navkit_client(router, route="/edit")
    client.go("/admin")
    assert asked == [["home", "admin"]]
    assert client.page.route == "/admin"


@pytest.mark.parametrize(
    ("options", "message"),
    [({"root": "no"}, "root= must be True or False"), ({"title": ["x"]}, "title= must be")],
)
def test_options_of_the_wrong_kind_are_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(navkit.RouteError, match=message):
        navkit.Router().add_route("/a", lambda: [], endpoint="a", **options)
