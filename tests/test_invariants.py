"""Invariants after any sequence of navigations (a Hypothesis state machine).

After every step: ``page.views`` is never empty, holds no duplicate routes,
equals the stack for the current route, ``page.route`` is the top view's
route, Python and the client agree on the route, and (web) navkit's history
lists exactly the browser's entries.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from navkit.history import HistoryState
from navkit.stack import build_stack
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
TARGETS = st.sampled_from(["home", "store", "login", "/store", "/"])


class Navigation(RuleBasedStateMachine):
    client: FletTestClient

    @initialize(address=ADDRESSES, web=st.booleans())
    def deep_link(self, address: str, web: bool) -> None:
        self.client = FletTestClient(ShopApp().router, route=address, web=web)

    def teardown(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()

    @rule(address=ADDRESSES)
    def go(self, address: str) -> None:
        self.client.go(address)

    @rule(address=ADDRESSES)
    def replace(self, address: str) -> None:
        self.client.call(self.client.navigator.replace, address)

    @rule()
    def back(self) -> None:
        self.client.call(self.client.navigator.back)

    @rule()
    def forward(self) -> None:
        self.client.call(self.client.navigator.forward)

    @rule()
    def pop(self) -> None:
        self.client.call(self.client.navigator.pop)

    @rule(where=TARGETS)
    def pop_until(self, where: str) -> None:
        self.client.call(self.client.navigator.pop_until, where)

    @rule()
    def refresh(self) -> None:
        self.client.call(self.client.navigator.refresh)

    @rule()
    def app_bar_back(self) -> None:
        if len(self.client.page.views) > 1:  # the client shows no back arrow on the last view
            self.client.app_bar_back()

    def _unambiguous(self) -> bool:
        """False when both neighbours of the current entry hold the same address.

        Then Back and Forward send the same route change and no one can tell
        them apart (Flet sends no direction); navkit assumes Back. The page
        shown is right either way; see the README.
        """
        client = self.client
        if not 0 < client.index < len(client.entries) - 1:
            return True
        return client.entries[client.index - 1] != client.entries[client.index + 1]

    @rule()
    def browser_back(self) -> None:
        if self.client.web and self._unambiguous():
            self.client.browser_back()

    @rule()
    def browser_forward(self) -> None:
        if self.client.web and self._unambiguous():
            self.client.browser_forward()

    @rule(address=ADDRESSES)
    def type_address(self, address: str) -> None:
        client = self.client
        if not client.web:
            return
        # Typing the address of the entry before (or after) the current one
        # cannot be told from Back (Forward): Flet's route change carries no
        # direction. navkit takes it for the button; see the README.
        neighbours = client.entries[max(client.index - 1, 0) : client.index + 2]
        if address not in neighbours:
            client.open(address)

    @invariant()
    def views_are_the_stack_of_the_route(self) -> None:
        client = self.client
        routes = client.view_routes
        assert routes, "page.views is empty"
        assert len(routes) == len(set(routes)), routes
        assert client.page.route == routes[-1]
        expected = build_stack(client.navigator.router, client.page.route)
        assert routes == [level.address for level in expected]

    @invariant()
    def client_and_python_agree(self) -> None:
        assert self.client.page.route == self.client.client_route

    @invariant()
    def history_mirrors_the_browser(self) -> None:
        if self.client.web:
            expected = HistoryState(tuple(self.client.entries), self.client.index)
            assert self.client.navigator.history == expected


TestNavigation = Navigation.TestCase
TestNavigation.settings = settings(
    settings.default,  # the profile chosen in conftest (HYPOTHESIS_PROFILE=thorough for more)
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
