"""Model-based tests: random navigations and guard decisions against a reference model.

A Hypothesis state machine drives the client stand-in with go, replace,
back, forward, pop, pop_until, refresh, the AppBar back arrow, deep links,
the browser's Back/Forward and typed addresses, while a router guard's
answer for each address is changed at random (allow, refuse, redirect to
the login page, abort 403). :class:`BrowserModel` says, independently of
navkit, where each step must land and what the browser's history must then
hold. After every step:

* ``page.views`` is never empty, holds no duplicate routes, and equals the
  stack for the current route (a 403 shows the kept levels and the error);
* ``page.route`` is the top view's route and the address the model expects;
* Python and the client agree on the route;
* navkit's history, and the stand-in browser's entries, equal the model's;
* each entry's state (``go(..., state=...)``) is the model's, in navkit's
  history, in ``nav.state``, and in what the tab keeps (JSON), through
  redirects, refusals, browser moves and failovers.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import navkit
from navkit.navigation.history import HistoryState
from navkit.navigation.stack import build_stack
from navkit.routing.location import path_of
from navkit.testing import FletTestClient
from tests.conftest import ShopApp

ADDRESSES = st.sampled_from(
    [
        "/",
        "/store",
        "/store?page=2",
        "/store/1",
        "/store/2",
        "/store/1/reviews",
        "/login",
        "/nope",
        "/search?q=x",
        "/search",
    ]
)
GUARDED_PATHS = st.sampled_from(["/", "/store", "/store/1", "/store/2", "/store/1/reviews"])
Decision = Literal["allow", "refuse", "login", "abort"]
DECISIONS = st.sampled_from(["allow", "refuse", "login", "abort"])
TARGETS = st.sampled_from(["home", "store", "login", "/store", "/"])


@dataclass
class BrowserModel:
    """What the page must show and what the history must hold, written from the spec.

    A browser's session history (``web``, with navkit's history script) and
    navkit's own (desktop) follow the same rules: ``go`` adds an entry,
    ``replace`` rewrites the current one, ``back()``/``forward()`` and
    closing views move through the entries (closing rewrites the current
    entry where the one beneath is not the parent), and a refused browser
    move is undone by moving back.
    """

    web: bool
    entries: list[str]
    index: int = 0
    decisions: dict[str, Decision] = field(default_factory=dict)
    states: list[Any] = field(default_factory=lambda: [None])  # each entry's state

    @property
    def shown(self) -> str:
        return self.entries[self.index]

    def lands(self, target: str) -> str | None:
        """Where a navigation to ``target`` ends: the guard's answer (None: refused)."""
        decision = self.decisions.get(target.partition("?")[0], "allow")
        if decision == "refuse":
            return None
        return "/login" if decision == "login" else target

    def push(self, address: str, state: Any = None) -> None:
        del self.entries[self.index + 1 :]
        del self.states[self.index + 1 :]
        self.entries.append(address)
        self.states.append(state)
        self.index += 1

    def rewrite(self, address: str, state: Any = None) -> None:
        """The current entry holds ``address`` and ``state``."""
        self.entries[self.index] = address
        self.states[self.index] = state

    def go(self, target: str, *, replace: bool = False) -> None:
        final = self.lands(target) if target != self.shown else None
        if final is None or final == self.shown:
            return
        if replace:
            self.rewrite(final)
        else:
            self.push(final)

    def go_with_state(self, target: str, state: Any) -> None:
        """``go(target, state=...)``: where it lands holds it (at the address shown: only it)."""
        final = self.lands(target)
        if final is None:
            return
        if final == self.shown:
            self.states[self.index] = state
        else:
            self.push(final, state)

    def step(self, delta: int) -> None:
        """``nav.back()`` (-1) or ``nav.forward()`` (+1)."""
        if not 0 <= self.index + delta < len(self.entries):
            return
        target = self.entries[self.index + delta]
        final = self.lands(target)
        if final is None:
            return
        if final == target:
            self.index += delta
        elif final != self.shown:  # not redirected to where it is already
            self.push(final, self.states[self.index + delta])  # the state it went for

    def pop_to(self, target: str, closed: int = 1) -> None:
        """Closing ``closed`` views down to ``target`` (pop, pop_until, the AppBar arrow)."""
        final = self.lands(target)
        if final is None or final == self.shown:
            return
        if final != target:
            self.push(final, self._state_beneath(target, closed))
            return
        for by in range(1, min(closed, self.index) + 1):
            if self.entries[self.index - by] == target:
                self.index -= by
                return
        self.rewrite(target)

    def _state_beneath(self, target: str, closed: int) -> Any:
        """The state of the nearest entry for ``target`` among the ``closed`` beneath."""
        for by in range(1, min(closed, self.index) + 1):
            if self.entries[self.index - by] == target:
                return self.states[self.index - by]
        return None

    def refresh(self) -> None:
        """A refresh rewrites its entry: one its guard redirects away is gone."""
        final = self.lands(self.shown)
        if final is not None and final != self.shown:
            self.entries[self.index] = final

    def browser_moved(self, delta: int) -> None:
        """The browser's Back (-1) or Forward (+1): it moved before Python heard."""
        shown = self.shown
        self.index += delta
        self._browser_arrived(shown, delta)

    def typed(self, address: str) -> None:
        shown, state = self.shown, self.states[self.index]
        self.push(address)
        self._browser_arrived(shown, 0, state)

    def _browser_arrived(self, shown: str, delta: int, state: Any = None) -> None:
        target = self.shown
        if target == shown:
            return
        final = self.lands(target)
        if final is None:  # refused: the browser goes back where it was, no entry added
            if delta:
                self.index -= delta
            else:
                self.rewrite(shown, state)  # the page shown, with its state
        elif final != target:
            self.entries[self.index] = (
                final  # redirected: the entry (and its state) where it landed
            )


class Navigation(RuleBasedStateMachine):
    client: FletTestClient
    model: BrowserModel

    def __init__(self) -> None:
        super().__init__()
        self.decisions: dict[str, Decision] = {}

    def guard(self, navigation: navkit.Navigation) -> object:
        decision = self.decisions.get(navigation.path, "allow")
        if decision == "abort":
            navkit.abort(403)
        return {"allow": None, "refuse": False, "login": "/login"}[decision]

    def _open(self, address: str, web: bool) -> None:
        app = ShopApp()
        app.router.guard(self.guard)
        self.client = FletTestClient(app.router, route=address, web=web)
        self.model = BrowserModel(web, [address], decisions=self.decisions)
        final = self.model.lands(address)
        if final is not None and final != address:
            self.model.entries[0] = final

    @initialize(address=ADDRESSES, web=st.booleans())
    def start(self, address: str, web: bool) -> None:
        self._open(address, web)

    def teardown(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()

    # -- guard decisions -----------------------------------------------------

    @rule(path=GUARDED_PATHS, decision=DECISIONS)
    def decide(self, path: str, decision: Decision) -> None:
        self.decisions[path] = decision

    # -- the app navigating ----------------------------------------------------

    @rule(address=ADDRESSES)
    def go(self, address: str) -> None:
        self.client.go(address)
        self.model.go(address)

    @rule(address=ADDRESSES, tag=st.integers(0, 3))
    def go_with_state(self, address: str, tag: int) -> None:
        state = {"tag": tag, "to": address}  # JSON: the tab keeps it as it is
        self.client.call(lambda: self.client.navigator.go(address, state=state))
        self.client.settle()
        self.model.go_with_state(address, state)

    @rule(address=ADDRESSES)
    def replace(self, address: str) -> None:
        self.client.call(self.client.navigator.replace, address)
        self.model.go(address, replace=True)

    @rule()
    def back(self) -> None:
        self.client.call(self.client.navigator.back)
        self.model.step(-1)

    @rule()
    def forward(self) -> None:
        self.client.call(self.client.navigator.forward)
        self.model.step(+1)

    @rule()
    def pop(self) -> None:
        levels = self.client.navigator.stack
        self.client.call(self.client.navigator.pop)
        if len(levels) > 1:
            self.model.pop_to(levels[-2].address)

    @rule(where=TARGETS)
    def pop_until(self, where: str) -> None:
        levels = self.client.navigator.stack
        self.client.call(self.client.navigator.pop_until, where)
        for index in range(len(levels) - 2, -1, -1):
            level = levels[index]
            endpoint = level.match.endpoint if level.match is not None else None
            if where in (endpoint, level.path):
                self.model.pop_to(level.address, len(levels) - 1 - index)
                return

    @rule()
    def refresh(self) -> None:
        self.client.call(self.client.navigator.refresh)
        self.model.refresh()

    # -- the user navigating ---------------------------------------------------

    @rule(address=ADDRESSES, web=st.booleans())
    def deep_link(self, address: str, web: bool) -> None:
        """A new tab (or app start) opened at ``address``."""
        self.client.close()
        self._open(address, web)

    @rule()
    def app_bar_back(self) -> None:
        if len(self.client.page.views) > 1:  # the client shows no back arrow on the last view
            below = self.client.view_routes[-2]
            self.client.app_bar_back()
            self.model.pop_to(below)

    @rule()
    def browser_back(self) -> None:
        # The history script says how far the browser moved: the A, B, A
        # case (both neighbours the same address) is exact too.
        if self.client.web and self.client.index > 0:
            self.client.browser_back()
            self.model.browser_moved(-1)

    @rule()
    def browser_forward(self) -> None:
        client = self.client
        if client.web and client.index < len(client.entries) - 1:
            client.browser_forward()
            self.model.browser_moved(+1)

    @rule(address=ADDRESSES)
    def type_address(self, address: str) -> None:
        client = self.client
        if client.web and address != client.client_route:
            client.open(address)
            self.model.typed(address)

    @rule(then_go=st.none() | ADDRESSES)
    def failover_then_back(self, then_go: str | None) -> None:
        """The tab's process dies; the back arrow (and a link) come before its history does."""
        client = self.client
        if not client.web or self.model.lands(self.model.shown) != self.model.shown:
            return  # a guard that now decides otherwise would open another page
        client.new_session(history_late=True)
        if len(client.page.views) > 1:
            below = client.view_routes[-2]
            client.app_bar_back()
            self.model.pop_to(below)
        if then_go is not None:
            client.go(then_go)
            self.model.go(then_go)
        client.answer_history()

    # -- after every step --------------------------------------------------------

    @invariant()
    def views_are_the_stack_of_the_route(self) -> None:
        client = self.client
        routes = client.view_routes
        assert routes, "page.views is empty"
        assert len(routes) == len(set(routes)), routes
        assert client.page.route == routes[-1]
        expected = [level.path for level in build_stack(client.navigator.router.table, routes[-1])]
        # A level beneath the top may keep the query it was shown with.
        paths = [*(path_of(route) for route in routes[:-1]), routes[-1]]
        expected[-1] = routes[-1] if len(expected) == len(routes) else expected[-1]
        if client.titles[-1] == "Not allowed":  # aborted: the kept levels, then the error
            assert paths[:-1] == expected[: len(routes) - 1]
        else:
            assert paths == expected

    @invariant()
    def the_page_shows_what_the_model_expects(self) -> None:
        assert self.client.page.route == self.model.shown

    @invariant()
    def client_and_python_agree(self) -> None:
        assert self.client.page.route == self.client.client_route

    @invariant()
    def each_entry_holds_the_models_state(self) -> None:
        model, client = self.model, self.client
        assert [client.navigator.history.state_at(i) for i in range(len(model.entries))] == (
            model.states
        )
        assert client.navigator.state == model.states[model.index]
        if client.web:  # the tab keeps them too, as JSON
            kept = [
                json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
                if text
                else None
                for text in client.tab.states
            ]
            assert kept == model.states

    @invariant()
    def history_mirrors_the_model(self) -> None:
        model = self.model
        assert self.client.navigator.history == HistoryState(tuple(model.entries), model.index)
        if self.client.web:  # and the stand-in browser's own entries
            assert (self.client.entries, self.client.index) == (model.entries, model.index)


TestNavigation = Navigation.TestCase
TestNavigation.settings = settings(
    settings.default,  # the profile chosen in conftest (HYPOTHESIS_PROFILE=ci in make test)
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
