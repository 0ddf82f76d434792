"""Tracing and the inspector: what navkit did, in DEBUG logs and over the page (debug=True)."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable

import flet as ft
import pytest

import navkit
from navkit.flet.inspector import inspector_lines
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def app() -> navkit.Router:
    router = navkit.Router()
    signed_in = {"user": ""}

    def must_sign_in(navigation: navkit.Navigation) -> object:
        return None if signed_in["user"] else navkit.redirect("login", next=navigation.address)

    @router.route("/")
    def home(nav: navkit.Navigator) -> list[ft.Control]:
        return [ft.Button("Account", on_click=lambda _: nav.go("/account"))]

    @router.route("/login", title="Log in")
    def login(nav: navkit.Navigator, next: str = "/") -> list[ft.Control]:
        def sign_in(_: object) -> None:
            signed_in["user"] = "ada"
            nav.replace(navkit.safe_next(next))

        return [ft.Button("Sign in", on_click=sign_in)]

    @router.route("/account", title="Account", guards=[must_sign_in])
    def account() -> list[ft.Control]:
        return [ft.Text("Signed in")]

    async def load_report(report_id: int) -> str:
        await asyncio.sleep(0)
        return f"report {report_id}"

    @router.route("/reports/:report_id", title="Report", loader=load_report)
    def report(report_id: int, data: str) -> list[ft.Control]:
        return [ft.Text(data)]

    return router


def test_each_navigation_is_logged_at_debug_with_its_guards_and_levels(
    navkit_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    client = navkit_client(app())
    with caplog.at_level(logging.DEBUG, logger="navkit"):
        client.tap(client.find(text="Account"))
    lines = [record.getMessage() for record in caplog.records if record.name == "navkit"]
    assert any("must_sign_in answered redirect to login for /account" in line for line in lines)
    assert any("/login?next=/account: 1 level(s) kept, 1 built" in line for line in lines)
    story = next(line for line in lines if line.startswith("navkit: #2 go /account"))
    assert "(from /): landed /login?next=/account (redirected from /account) in " in story
    assert re.search(r" in [0-9.]+ ms, [0-9,]+ bytes sent$", story)


def test_a_trace_counts_the_bytes_the_client_received_while_it_ran(
    navkit_client: Client,
) -> None:
    client = navkit_client(app(), debug=True)
    client.go("/")  # the meter starts with the first traced navigation
    for address in ("/reports/7", "/login", "/reports/8"):
        received, messages = client.sent_bytes, len(client.sent)
        client.go(address)
        trace = client.navigator.tracer.traces[-1]
        assert trace.address == address
        # the client's count has no frame byte per message; Flet's web frames have one
        frames = len(client.sent) - messages
        assert frames > 0
        assert trace.bytes_sent == client.sent_bytes - received + frames


def test_an_app_that_traces_nothing_has_its_messages_encoded_once(
    navkit_client: Client,
) -> None:
    client = navkit_client(app())
    connection = client.page.session.connection
    sends = connection.send_message
    client.go("/reports/7")
    assert client.page.session.connection.send_message == sends  # no meter in the way
    assert client.navigator.tracer.meter is not None
    assert client.navigator.tracer.meter() == 0  # read: it counts from now on
    client.go("/login")
    assert client.navigator.tracer.meter() > 0


def test_the_tracer_keeps_how_each_navigation_ended(navkit_client: Client) -> None:
    client = navkit_client(app(), debug=True)
    client.go("/account")
    client.tap(client.find(text="Sign in"))
    client.browser_back()
    client.go("/nowhere")
    outcomes = [(t.source, t.outcome) for t in client.navigator.tracer.traces]
    assert outcomes[1:] == [
        ("go", "landed /login?next=/account (redirected from /account)"),
        ("replace", "landed /account"),
        ("browser_back", "landed /"),
        ("go", "failed 404 at /nowhere"),
    ]
    assert all(trace.milliseconds >= 0 for trace in client.navigator.tracer.traces)


def test_an_overtaken_navigation_is_traced_as_overtaken(navkit_client: Client) -> None:
    router = app()

    @router.route("/slow")
    async def slow() -> list[ft.Control]:
        await asyncio.sleep(0.2)
        return [ft.Text("slow")]

    client = navkit_client(router, debug=True)
    client.call(client.navigator.go, "/slow", wait=False)
    client.go("/reports/7")
    last_two = [t.outcome for t in client.navigator.tracer.traces][-2:]
    assert last_two == ["overtaken by /reports/7", "landed /reports/7"]


def test_no_inspector_and_no_records_without_debug(navkit_client: Client) -> None:
    client = navkit_client(app())
    client.go("/reports/7")
    with pytest.raises(LookupError):
        client.find(key="navkit-inspector-toggle")
    assert client.texts == ["Report", "report 7"]
    assert not client.navigator.tracer.traces  # an idle page in production keeps none


def test_the_inspector_shows_the_stack_history_navigations_and_loads(
    navkit_client: Client,
) -> None:
    client = navkit_client(app(), debug=True)
    client.page.floating_action_button = ft.FloatingActionButton(icon=ft.Icons.ADD)  # the app's own
    client.go("/reports/7")
    assert "Stack" not in client.texts  # closed until asked
    client.tap(client.find(key="navkit-inspector-toggle"))
    shown = client.texts
    assert "Stack" in shown and "> /reports/7  (report)" in shown and "  /  (home)" in shown
    assert "History" in shown and "  /" in shown and "> /reports/7" in shown
    assert any(
        text.startswith("#2 go /reports/7 (from /): landed /reports/7 in ") for text in shown
    )
    assert any(text.startswith("/reports/7  loaded  ") for text in shown)
    client.go("/account")  # while open it follows each navigation
    shown = client.texts
    assert "> /login?next=/account  (login)" in shown
    assert any("redirected from /account" in text for text in shown)
    assert client.page.floating_action_button is not None  # the app's FAB untouched
    client.tap(client.find(key="navkit-inspector-toggle"))
    assert "Stack" not in client.texts


def test_the_inspector_lists_a_shells_parked_branches(navkit_client: Client) -> None:
    shell = navkit.Shell("tabs")
    feed = shell.branch("feed", label="Feed", icon=ft.Icons.HOME, route="/feed")
    people = shell.branch("people", label="People", icon=ft.Icons.PEOPLE, route="/people")

    @feed.route("/feed")
    def feed_home() -> list[ft.Control]:
        return [ft.Text("feed")]

    @feed.route("/feed/post/:post_id")
    def post(post_id: int) -> list[ft.Control]:
        return [ft.Text(f"post {post_id}")]

    @people.route("/people")
    def people_home() -> list[ft.Control]:
        return [ft.Text("people")]

    router = navkit.Router()
    router.register_blueprint(shell)
    client = navkit_client(router, route="/feed", debug=True)
    client.go("/feed/post/3")
    client.tap_destination("People")
    lines = inspector_lines(client.navigator)
    assert lines["Other branches"] == ["tabs:feed: /feed > /feed/post/3"]
    assert lines["Stack"] == ["> /people  (tabs.people.people_home)"]


def test_a_components_app_gets_the_inspector_too(navkit_client: Client) -> None:
    router = navkit.Router()

    @router.route("/")
    @ft.component
    def Home() -> ft.Control:
        return ft.Text("home")

    def main(page: ft.Page) -> None:
        page.render_views(navkit.Views, router, debug=True)

    client = navkit_client(None, main=main)
    client.settle_until(lambda: client.navigator is not None and bool(client.page.views))
    client.tap(client.find(key="navkit-inspector-toggle"))
    assert "> /  (Home)" in client.texts


def test_after_a_reconnect_the_new_connection_is_counted(navkit_client: Client) -> None:
    client = navkit_client(app(), debug=True)
    client.go("/reports/7")
    client.disconnect()
    client.reconnect()
    received, messages = client.sent_bytes, len(client.sent)
    client.go("/login")
    trace = client.navigator.tracer.traces[-1]
    assert trace.outcome == "landed /login"
    frames = len(client.sent) - messages
    assert trace.bytes_sent == client.sent_bytes - received + frames > 0
