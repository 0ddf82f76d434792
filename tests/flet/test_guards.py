"""Guards, redirects and error views, on a real page through the client stand-in."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit import Navigation, Source
from navkit.testing import FletTestClient
from tests.flet.test_components import shown_texts

Client = Callable[..., FletTestClient]


class AuthApp:
    """/account is for signed-in users; /login sends them back to ?next."""

    def __init__(self) -> None:
        self.signed_in = False
        self.built: list[str] = []
        self.asked: list[tuple[str, Source]] = []
        router = self.router = navkit.Router()
        admin = navkit.Blueprint("admin", url_prefix="/admin")

        @router.guard
        def record(navigation: Navigation) -> None:
            self.asked.append((navigation.address, navigation.source))

        def signed_in(navigation: Navigation) -> navkit.Redirect | None:
            if self.signed_in:
                return None
            return navkit.redirect("login", next=navigation.address)

        @router.route("/", title="Home")
        def home() -> list[ft.Control]:
            self.built.append("home")
            return []

        @router.route("/account", title="Account", guards=[signed_in])
        def account() -> list[ft.Control]:
            self.built.append("account")
            return []

        @router.route("/login", title="Log in", root=True)
        def login(nav: navkit.Navigator, next: str = "/") -> list[ft.Control]:
            def sign_in(_: object) -> None:
                self.signed_in = True
                nav.replace(navkit.safe_next(next))

            return [ft.Button("Sign in", on_click=sign_in)]

        @admin.guard
        def admins_only(navigation: Navigation) -> None:
            navkit.abort(403)

        @admin.route("/")
        def dashboard() -> list[ft.Control]:
            self.built.append("admin")
            return []

        @admin.errorhandler(403)
        def admin_forbidden(error: navkit.HTTPError) -> list[ft.Control]:
            return [ft.Text(f"admins only ({error.code} at {error.path})")]

        @router.errorhandler(404)
        def not_found(error: navkit.HTTPError) -> list[ft.Control]:
            return [ft.Text(f"nothing at {error.path}")]

        router.add_route("/old-account", redirect_to="account")
        router.add_route("/a", redirect_to="/b")
        router.add_route("/b", redirect_to="/a")

        @router.route("/stay")
        def stay() -> list[ft.Control]:
            return []

        @router.route("/locked", guards=[lambda navigation: False])
        def locked() -> list[ft.Control]:
            self.built.append("locked")
            return []

        @router.route("/boom", guards=[lambda navigation: 1 / 0])
        def boom() -> list[ft.Control]:
            self.built.append("boom")
            return []

        @router.route("/aborts")
        def aborts() -> list[ft.Control]:
            navkit.abort(403)

        router.register_blueprint(admin)


@pytest.fixture
def auth() -> AuthApp:
    return AuthApp()


def top_text(client: FletTestClient) -> str:
    return str(client.page.views[-1].controls[0].value)  # type: ignore[attr-defined]


def click(client: FletTestClient, text: str) -> None:
    for control in client.page.views[-1].controls:
        if isinstance(control, ft.Button) and control.content == text:
            client.call(control.on_click, None)  # type: ignore[arg-type]
            return
    raise AssertionError(f"no button {text!r}")


def test_login_flow_without_a_flash_of_the_protected_page(
    navkit_client: Client, auth: AuthApp
) -> None:
    client = navkit_client(auth.router)
    client.go("/account")
    assert client.page.route == "/login?next=/account"
    assert client.view_routes == ["/login?next=/account"]
    assert "account" not in auth.built  # its view was never called
    click(client, "Sign in")
    assert client.page.route == "/account" and auth.built[-1] == "account"
    assert client.titles == ["Home", "Account"]


@pytest.mark.parametrize("source", ["deep link", "browser back", "typed", "page.go"])
def test_guards_run_for_every_source(navkit_client: Client, auth: AuthApp, source: str) -> None:
    if source == "deep link":
        client = navkit_client(auth.router, route="/account")
    else:
        auth.signed_in = True
        client = navkit_client(auth.router)
        client.go("/account")
        client.go("/")
        auth.signed_in = False
        if source == "browser back":
            client.browser_back()
        elif source == "typed":
            client.open("/account")
        else:
            client.call(client.page.go, "/account")  # type: ignore[attr-defined]
    assert client.page.route == "/login?next=/account"
    assert client.url == client.page.route  # the address bar agrees
    assert client.navigator.history.current == client.page.route


def test_guards_see_where_the_navigation_comes_from(navkit_client: Client, auth: AuthApp) -> None:
    client = navkit_client(auth.router, route="/stay")
    client.go("/")
    assert auth.asked[0] == ("/stay", Source.DEEP_LINK)
    assert auth.asked[-1] == ("/", Source.GO)


def test_false_keeps_the_page_and_the_address(navkit_client: Client, auth: AuthApp) -> None:
    client = navkit_client(auth.router, route="/stay")
    client.go("/locked")
    assert client.page.route == "/stay" and "locked" not in auth.built
    assert client.navigator.history.entries == ("/stay",)
    client.open("/locked")  # the browser has moved already: the address is put back
    assert client.page.route == client.client_route == "/stay"
    assert client.navigator.history.current == "/stay"


def no_closing(navigation: Navigation) -> bool:
    """A guard refusing only the AppBar/Android back."""
    return navigation.source is not Source.VIEW_POP


def home_and_form(*home_guards: Callable[[Navigation], bool]) -> navkit.Router:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home", guards=list(home_guards))
    router.add_route("/form", lambda: [], endpoint="form")
    return router


def test_false_on_a_view_pop_keeps_the_view(navkit_client: Client) -> None:
    router = home_and_form(no_closing)
    client = navkit_client(router, route="/form")
    before = client.page.views[-1]
    assert before.can_pop is False  # a guard may refuse: the client asks first
    client.app_bar_back()
    assert client.shown_routes == ["/", "/form"] and client.page.route == "/form"
    assert client.page.views[-1] is before


def test_views_whose_pop_no_guard_can_refuse_are_popped_by_the_client(
    navkit_client: Client,
) -> None:
    client = navkit_client(home_and_form(), route="/form")
    assert client.page.views[-1].can_pop is not False  # iOS swipe-back keeps working
    client.app_bar_back()
    assert client.shown_routes == ["/"] and client.page.route == "/"


def test_a_guard_added_after_the_view_was_shown_still_gets_it_back(
    navkit_client: Client,
) -> None:
    router = home_and_form()
    client = navkit_client(router, route="/form")
    before = client.page.views[-1]
    router.guard(no_closing)
    client.app_bar_back()  # the client hides it before asking anyone
    client.settle_until(lambda: client.shown_routes == ["/", "/form"])
    assert client.page.route == "/form" and client.page.views[-1] is before


def test_redirect_loop_stops_and_names_the_chain(navkit_client: Client, auth: AuthApp) -> None:
    client = navkit_client(auth.router, debug=True)
    client.go("/a")
    assert client.titles[-1] == "Something went wrong"
    assert any("redirect loop: /a => /b => /a" in text for text in shown_texts(client))
    client.go("/")
    assert client.view_routes == ["/"]  # the app goes on


def test_redirect_route_carries_values(navkit_client: Client) -> None:
    router = navkit.Router()
    router.add_route("/items/:item_id", lambda item_id: [], endpoint="item")
    router.add_route("/old/items/:item_id", redirect_to="item")
    router.add_route("/legacy", redirect_to="/items/1")
    client = navkit_client(router, route="/old/items/7")
    assert client.page.route == "/items/7"
    client.go("/legacy")
    assert client.page.route == "/items/1"


@pytest.mark.parametrize(
    ("route", "title", "text"),
    [
        ("/admin", "Not allowed", "admins only (403 at /admin)"),  # the blueprint's handler
        ("/nowhere", "Page not found", "nothing at /nowhere"),  # the router's handler
        # Entering /admin beneath it asks the admin guard first; the handler is
        # found by the blueprint's prefix, since no route matches the path.
        ("/admin/nowhere", "Not allowed", "admins only (403 at /admin/nowhere)"),
        ("/aborts", "Not allowed", "You are not allowed to see this page."),  # the default
        ("/boom", "Something went wrong", "Something went wrong while opening this page."),
    ],
)
def test_error_views(
    navkit_client: Client, auth: AuthApp, route: str, title: str, text: str
) -> None:
    client = navkit_client(auth.router)
    client.go(route)
    assert client.titles[-1] == title and text in shown_texts(client)
    assert "admin" not in auth.built and "boom" not in auth.built
    client.go("/")
    assert client.view_routes == ["/"]


def test_a_failing_error_handler_falls_back_to_the_default(navkit_client: Client) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")
    router.errorhandler(404)(lambda error: 1 / 0)
    client = navkit_client(router, route="/x")
    assert client.titles[-1] == "Page not found"


def test_deep_link_refused_by_a_guard_shows_forbidden(navkit_client: Client, auth: AuthApp) -> None:
    client = navkit_client(auth.router, route="/locked")
    assert client.titles[-1] == "Not allowed" and "locked" not in auth.built


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "/\\evil.example",
        "%2F%2Fevil.example",
        "/%2F%2Fevil.example",
        "https://evil.example/",
        " /account",
        "/a\x00b",
        "",
        None,
    ],
)
def test_safe_next_refuses_what_leaves_the_app(value: str | None) -> None:
    assert navkit.safe_next(value) == "/"


@pytest.mark.parametrize("value", ["/account", "/store/42?tab=reviews", "/search?q=a%2Fb"])
def test_safe_next_keeps_in_app_paths(value: str) -> None:
    assert navkit.safe_next(value) == value


@pytest.mark.parametrize(
    ("answer", "message"),
    [(42, "must return"), ("", "must return")],
)
def test_a_guard_answering_nonsense_shows_the_500_view(
    navkit_client: Client, answer: object, message: str, caplog: pytest.LogCaptureFixture
) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")
    router.add_route("/x", lambda: [], endpoint="x", guards=[lambda navigation: answer])
    client = navkit_client(router)
    client.go("/x")
    assert client.titles[-1] == "Something went wrong"
    assert message in caplog.text


def test_guards_option_is_checked() -> None:
    with pytest.raises(navkit.RouteError, match="guards="):
        navkit.Router().add_route("/x", lambda: [], endpoint="x", guards=["not a function"])
    with pytest.raises(navkit.RouteError, match="needs a view"):
        navkit.Router().add_route("/x", endpoint="x")


def test_guards_run_for_replace(navkit_client: Client, auth: AuthApp) -> None:
    client = navkit_client(auth.router)
    client.call(client.navigator.replace, "/account")
    assert client.page.route == "/login?next=/account"
    assert auth.asked[-1][1] is Source.REPLACE


def test_a_redirect_chain_longer_than_the_limit_stops(navkit_client: Client) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")
    for n in range(15):
        router.add_route(f"/r{n}", redirect_to=f"/r{n + 1}")
    client = navkit_client(router, debug=True)
    client.go("/r0")
    assert client.titles[-1] == "Something went wrong"
    assert any("more than 10 redirects: /r0 => /r1 =>" in text for text in shown_texts(client))
    assert client.page.route == "/r10" == client.client_route  # shown where it stopped


def test_custom_bad_request_view(navkit_client: Client) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")
    router.add_route("/search", lambda q: [], endpoint="search")
    router.errorhandler(400)(lambda error: [ft.Text(f"400: {error.detail}")])
    client = navkit_client(router, route="/search")
    assert top_text(client) == "400: the query parameter 'q' is required"  # the app's choice


def test_a_failing_view_is_logged_with_its_traceback_and_the_app_goes_on(
    navkit_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")

    def broken() -> list[ft.Control]:
        return [ft.Text(str(1 / 0))]

    router.add_route("/broken", broken)
    client = navkit_client(router)
    client.go("/broken")
    assert client.titles[-1] == "Something went wrong"
    assert "Traceback" in caplog.text and "ZeroDivisionError" in caplog.text
    assert client.navigator.history.entries == ("/", "/broken") == tuple(client.entries)
    client.browser_back()
    assert client.view_routes == ["/"]
