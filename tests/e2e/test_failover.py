"""Failover behind HAProxy, in Chromium: a tab whose worker dies comes back where it was.

Two workers of an example behind Debian's HAProxy (``deploy/scaleout.py``:
cookie affinity, redispatch, health checks). A test walks a tab somewhere,
SIGKILLs the worker its ``SERVERID`` cookie names, and waits until the tab
is on the other worker: a new websocket that received the page, so a new
Flet session there. Then it checks what a user sees -- the heading, the
address bar, ``history.length`` -- and that the back arrow, Back and Forward
do what they did before the crash. Every test runs under both URL
strategies, with one balancer per example and strategy.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, WebSocket

from deploy.scaleout import Balancer
from tests.e2e.browser import TIMEOUT, Screen
from tests.e2e.test_tabs import PHONE, expect_chrome, tap

STRATEGIES = ["path", "hash"]
FAILOVERS = 20
ARROW_SECONDS = 5.0  # the back arrow must answer within this after a failover
LOAD_SECONDS = 2.0  # examples.loading's report


def href(strategy: str, route: str) -> str:
    """What the address bar shows for ``route`` (without the origin)."""
    if strategy == "hash":
        return "/" if route == "/" else f"/#{route}"
    return route


def title_of(route: str) -> str:
    """The store example's heading at ``route``."""
    path = route.partition("?")[0]
    return "Home" if path == "/" else "Store" if path == "/store" else "Item"


class Tab(Screen):
    """A tab on the balancer: a :class:`Screen` that also knows its worker and websockets."""

    def __init__(self, context: BrowserContext, balancer: Balancer, strategy: str) -> None:
        super().__init__(context.new_page(), balancer.base)
        self.context, self.balancer, self.strategy = context, balancer, strategy
        self.sockets = 0  # websockets opened so far
        self.frames: list[int] = []  # for each frame received, the number of its websocket
        self.page.on("websocket", self._opened)
        self.logs_from = {i: len(balancer.log(i)) for i in range(len(balancer.ports))}
        self.killed_at: float | None = None

    def _opened(self, socket: WebSocket) -> None:
        number = self.sockets
        self.sockets += 1
        socket.on("framereceived", lambda _payload: self.frames.append(number))

    def worker(self) -> int | None:
        """The worker the tab's ``SERVERID`` cookie names."""
        return self.balancer.worker_of(self.context.cookies(self.base))

    def poll(self, read: Callable[[], Any], done: Callable[[Any], bool], timeout: float) -> Any:
        """``wait_for``, letting Playwright deliver the websocket events while it waits."""
        deadline = time.monotonic() + timeout
        value = read()
        while not done(value) and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)
            value = read()
        return value

    def kill_worker(self, restart: bool = False) -> int:
        """SIGKILL the tab's worker and wait until a new session elsewhere sent the page.

        With ``restart``, start the killed worker again at once (not waiting for it):
        it serves after the tab's reconnect, so it is ready for the next kill sooner.
        """
        worker = self.worker()
        assert worker is not None, self.report("the tab has no SERVERID cookie")
        first_new = self.sockets
        self.killed_at = time.monotonic()
        self.balancer.kill(worker)
        if restart:
            self.balancer.restart(worker, wait=False)
        frames = self.poll(
            lambda: sum(1 for n in self.frames if n >= first_new), lambda n: n >= 2, TIMEOUT
        )
        assert frames >= 2, self.report(f"not reconnected after killing worker {worker}")
        now = self.worker()
        assert now not in (None, worker), self.report(f"worker {worker} killed, cookie: {now}")
        return worker

    def since_kill(self) -> str:
        if self.killed_at is None:
            return "no kill yet"
        return f"{time.monotonic() - self.killed_at:.1f} s after the last kill"

    def report(self, message: str) -> str:
        """``message``, when, and what the workers printed since the tab opened."""
        lines = [
            f"  w{i}: {line}"
            for i, start in self.logs_from.items()
            for line in self.balancer.log(i)[start:].splitlines()
            if line.strip() and not line.startswith("navkit example")
        ]
        logs = "\n".join(lines[-30:]) or "  (nothing)"
        return f"{message} ({self.since_kill()}); workers printed:\n{logs}"

    def at(
        self,
        route: str,
        length: int | None = None,
        *,
        title: str | None = None,
        text: str | None = None,
        timeout: float = TIMEOUT,
    ) -> None:
        """Wait until the tab shows ``route``: its heading alone, its address, the history's
        ``length`` and ``text`` (when given); fail with what was seen."""
        title = title or title_of(route)
        address = href(self.strategy, route)

        def seen() -> tuple[list[str], str, int, bool]:
            shown = text is None or self.shows(text)
            return self.headings(), self.address, self.history_length, shown

        def wanted(state: tuple[list[str], str, int, bool]) -> bool:
            headings, shown, entries, has_text = state
            right_page = headings == [title] and shown == address
            return right_page and length in (None, entries) and has_text

        last = self.poll(seen, wanted, timeout)
        assert wanted(last), self.report(
            f"expected {title!r} at {address!r} with history.length {length} (text {text!r}); "
            f"saw {last[0]} at {last[1]!r} with history.length {last[2]} (text shown: {last[3]})"
        )


@pytest.fixture(scope="module", params=STRATEGIES)
def strategy(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def balancers(strategy: str) -> Iterator[Callable[[str], Balancer]]:
    """``balancers("examples.store")``: two workers of it behind HAProxy, for this strategy."""
    running: dict[str, Balancer] = {}

    def get(module: str) -> Balancer:
        if module not in running:
            running[module] = Balancer(module, ["--strategy", strategy], workers=2)
        balancer = running[module]
        dead = [i for i in range(len(balancer.ports)) if not balancer.alive(i)]
        for i in dead:  # a test before may have left one killed
            balancer.restart(i, wait=False)
        for i in dead:
            balancer.wait_ready(i)
        return balancer

    yield get
    for balancer in running.values():
        balancer.stop()


@pytest.fixture
def open_tab(
    browser: Browser, balancers: Callable[[str], Balancer], strategy: str
) -> Iterator[Callable[[str], Tab]]:
    """``open_tab("examples.store")``: a fresh browser context (a new session) on it."""
    contexts: list[BrowserContext] = []

    def make(module: str) -> Tab:
        context = browser.new_context(viewport={"width": 800, "height": 600})
        contexts.append(context)
        return Tab(context, balancers(module), strategy)

    yield make
    for context in contexts:
        context.close()


def store_item(open_tab: Callable[[str], Tab]) -> tuple[Tab, int]:
    """Home, Store, then Teapot, clicked: the tab and its ``history.length`` there."""
    tab = open_tab("examples.store")
    tab.open(href(tab.strategy, "/"))
    tab.at("/")
    tab.click("Visit Store")
    tab.at("/store")
    tab.click("Teapot")
    tab.at("/store/1", text="Teapot")
    return tab, tab.history_length


def test_a_tab_whose_worker_dies_comes_back_with_its_history(
    open_tab: Callable[[str], Tab],
) -> None:
    tab, length = store_item(open_tab)
    tab.kill_worker()
    tab.at("/store/1", length, text="Teapot")
    tab.back_arrow()
    tab.at("/store", length)  # the browser went back one entry: none added
    tab.browser_forward()
    tab.at("/store/1", length, text="Teapot")
    tab.browser_back()
    tab.at("/store", length)
    tab.browser_back()
    tab.at("/", length)
    assert tab.history_length == length and tab.address == href(tab.strategy, "/")


def test_a_rolling_restart_keeps_the_tab_and_its_history(open_tab: Callable[[str], Tab]) -> None:
    tab, length = store_item(open_tab)
    first = tab.kill_worker()
    tab.at("/store/1", length, text="Teapot")
    tab.balancer.restart(first)
    tab.kill_worker()
    assert tab.worker() == first
    tab.at("/store/1", length, text="Teapot")
    tab.back_arrow()
    tab.at("/store", length)
    tab.browser_forward()
    tab.at("/store/1", length, text="Teapot")
    tab.browser_back()
    tab.at("/store", length)
    tab.browser_back()
    tab.at("/", length)


def test_failovers_in_a_row_leave_the_back_arrow_working(open_tab: Callable[[str], Tab]) -> None:
    tab, length = store_item(open_tab)
    for number in range(1, FAILOVERS + 1):
        try:
            killed = tab.kill_worker(restart=True)
            tab.at("/store/1", length, text="Teapot")
            tab.back_arrow()
            tab.at("/store", length, timeout=ARROW_SECONDS)
            tab.click("Teapot")
            tab.at("/store/1", length, text="Teapot")
            tab.balancer.wait_ready(killed)
        except AssertionError as error:
            raise AssertionError(f"failover {number} of {FAILOVERS}: {error}") from error
    assert tab.history_length == length  # twenty failovers added no entry


def test_a_shell_comes_back_with_the_stack_of_every_branch(open_tab: Callable[[str], Tab]) -> None:
    tab = open_tab("examples.tabs")
    tab.page.set_viewport_size(PHONE)  # the navigation bar
    tab.open(href(tab.strategy, "/feed"))
    tab.at("/feed", title="Feed")
    tab.click("Post 2")
    tab.at("/feed/post/2", title="Post 2")
    tap(tab, "Profile")
    tab.at("/profile", title="Profile")
    length = tab.history_length
    tab.kill_worker()
    tab.at("/profile", length, title="Profile", text="Signed in as Ada.")
    expect_chrome(tab, "bar", "Profile")
    tap(tab, "Feed")
    tab.at("/feed/post/2", title="Post 2", text="Something worth reading, number 2.")
    expect_chrome(tab, "bar", "Feed")
    after = tab.history_length
    tab.browser_back()
    tab.at("/profile", after, title="Profile")
    expect_chrome(tab, "bar", "Profile")
    tab.browser_back()
    tab.at("/feed/post/2", after, title="Post 2")
    tab.back_arrow()
    tab.at("/feed", after, title="Feed")
    assert tab.history_length == after and tab.headings() == ["Feed"]


def test_a_navigation_in_flight_at_the_kill_lands_or_is_dropped_cleanly(
    open_tab: Callable[[str], Tab],
) -> None:
    tab = open_tab("examples.loading")
    tab.open(href(tab.strategy, "/"))
    tab.at("/", title="Reports")
    length = tab.history_length
    tab.click("Sales report")
    assert tab.poll(tab.progress_shown, bool, TIMEOUT), "no pending indicator"
    tab.kill_worker()
    landed = (["Sales report"], href(tab.strategy, "/report"), length + 1)
    dropped = (["Reports"], href(tab.strategy, "/"), length)

    def seen() -> tuple[list[str], str, int]:
        return tab.headings(), tab.address, tab.history_length

    state = tab.poll(seen, lambda s: s in (landed, dropped), TIMEOUT)
    assert state in (landed, dropped), tab.report(f"expected {landed} or {dropped}; saw {state}")
    deadline = time.monotonic() + LOAD_SECONDS + 0.5  # a report still loading would land
    while time.monotonic() < deadline:
        assert seen() == state, tab.report(f"{state} did not stay: {seen()}")
        tab.page.wait_for_timeout(100)
    if state == landed:
        tab.at("/report", length + 1, title="Sales report", text="Teapots: 42")
        tab.browser_back()
        tab.at("/", length + 1, title="Reports")
    tab.click("Quick notes")
    tab.at("/notes", length + 1, title="Notes")


def test_a_new_session_gives_back_a_notes_state_and_the_lists_scroll(
    open_tab: Callable[[str], Tab],
) -> None:
    tab = open_tab("tests.e2e.notes_many")
    tab.open(href(tab.strategy, "/notes"))
    tab.at("/notes", title="Notes", text="Groceries")
    tab.scroll(900)
    top = tab.top_of("Errand 30")
    tab.click("Errand 30")  # the link hands the note its place in the list (state=)
    tab.at("/notes/30", title="Note", text="Note 30 of 40")
    length = tab.history_length
    tab.kill_worker()  # a process that never saw the tab: all it knows, the tab kept
    tab.at("/notes/30", length, title="Note", text="Note 30 of 40")
    tab.back_arrow()
    tab.at("/notes", length, title="Notes")
    assert abs(tab.top_of("Errand 30") - top) < 2, tab.report("the list was not scrolled back")


def test_a_components_app_comes_back_with_its_stacks(open_tab: Callable[[str], Tab]) -> None:
    # Every view an @ft.component: navkit.run renders it with page.render_views(navkit.Views).
    tab = open_tab("examples.components.workspace")
    tab.open(href(tab.strategy, "/projects/2"))
    tab.at("/projects/2", title="Project", text="Project 2: 0 tasks done")
    tab.click("Finish a task")
    tab.at("/projects/2", title="Project", text="Project 2: 1 tasks done")
    tab.tap_destination("Settings")
    tab.at("/settings", title="Settings", text="General settings")
    length = tab.history_length
    tab.kill_worker()  # the new process renders the app again, from the tab's history
    tab.at("/settings", length, title="Settings", text="General settings")
    tab.tap_destination("Projects")  # the branch's stack came back with the history
    tab.at("/projects/2", title="Project", text="Project 2: 0 tasks done")  # a new process
    tab.click("Finish a task")  # its components live in the new session
    tab.at("/projects/2", title="Project", text="Project 2: 1 tasks done")
    after = tab.history_length
    tab.browser_back()
    tab.at("/settings", after, title="Settings")
    tab.browser_back()
    tab.at("/projects/2", after, title="Project")
    tab.back_arrow()
    tab.at("/projects", after, title="Projects")
    assert tab.history_length == after and tab.headings() == ["Projects"]
