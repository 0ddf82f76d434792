"""Binding a router to a page: how its parts are put together, and ``page.go``.

One page's parts: the surface (what is shown), the client history (what the
browser holds), the machine (the pipeline), the navigator (the user's API
over it), the inbound entry points, and the page's events, where every Flet
event enters.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal

import flet as ft

from navkit.errors import NavkitError
from navkit.flet.client_history import ClientHistory
from navkit.flet.components import refuse_other_owner
from navkit.flet.declarative import refuse_views_root
from navkit.flet.events import PageEvents, claim_events
from navkit.flet.history_script import app_address
from navkit.flet.inspector import Inspector
from navkit.flet.loop import PageLoop
from navkit.flet.pages import has_navigator, keep_navigator
from navkit.flet.sent_bytes import SentBytes
from navkit.flet.state_codec import JSON_STATE, StateCodec
from navkit.flet.surface import PageSurface
from navkit.flet.views import default_pending_indicator
from navkit.flet.webclient import history_script_served, missing_script_advice
from navkit.navigation.browser import BrowserHistory, PushOnlyHistory
from navkit.navigation.history import History, MemoryHistory
from navkit.navigation.inbound import Inbound
from navkit.navigation.machine import NavigationMachine
from navkit.navigation.navigator import DEFAULT_GUARD_TIMEOUT, Navigator
from navkit.navigation.urls import UrlStrategy
from navkit.routing.table import RouteTable

__all__ = ["attach"]

log = logging.getLogger("navkit")


def attach(  # noqa: PLR0913 - Router.attach's keyword-only options, and more
    table: RouteTable,
    page: ft.Page,
    *,
    strategy: Literal["path", "hash"] = "path",
    base_path: str = "",
    history: History | None = None,
    pending_indicator: Callable[[], ft.Control] | None = None,
    pending_delay: float = 0.2,
    pending_minimum: float = 0.4,
    guard_timeout: float | None = DEFAULT_GUARD_TIMEOUT,
    max_history: int | None = None,
    history_script: bool | None = None,
    router: Any = None,
    state_codec: StateCodec | None = JSON_STATE,
    debug: bool = False,
) -> Navigator:
    """Bind ``table`` to ``page`` and show the page's current route.

    See :meth:`navkit.Router.attach`. ``history_script``: whether the page
    carries navkit's history script (None: a web page does when this
    process serves Flet's index with it, see ``navkit.flet.webclient``).
    ``router``: what ``nav.router`` answers (the ``navkit.Router`` over
    ``table``). ``state_codec``: how the tab keeps entry states.
    ``debug``: error pages show tracebacks, and the inspector is on.
    """
    if has_navigator(page):
        raise NavkitError(
            "a navkit router is already attached to this page: attach once per page, with "
            "every option in that call (router.attach(page, strategy=..., debug=...)); "
            "navkit.run(router, ...) takes the same options"
        )
    refuse_other_owner(page)
    refuse_views_root(page)
    table.check()
    # A client registering after one of the history script's messages sends
    # the message as its route (a new session on another worker, say).
    address = app_address(page.route or "/")
    if history_script is None:
        history_script = bool(page.web) and history_script_served()
        if page.web and not history_script:
            _warn_push_only()
    script = bool(page.web) and history_script
    if history is None:
        kind: type[MemoryHistory] = MemoryHistory
        if page.web:
            kind = BrowserHistory if script else PushOnlyHistory
        history = kind(address) if max_history is None else kind(address, max_entries=max_history)
    elif not isinstance(history, MemoryHistory):
        raise TypeError("history must be a navkit MemoryHistory, BrowserHistory or PushOnlyHistory")
    loop = PageLoop(page)
    events = PageEvents(page)  # the page keeps it
    surface = PageSurface(
        page,
        loop,
        events,
        pending_indicator=pending_indicator or default_pending_indicator,
        pending_delay=pending_delay,
        pending_minimum=pending_minimum,
        before_update=lambda: claim_events(page),
        debug=debug,
        home=table.match("/") is not None,
    )
    client = ClientHistory(page, history, loop, script=script, codec=state_codec)
    machine = NavigationMachine(
        table, surface, client, UrlStrategy(strategy, base_path), guard_timeout=guard_timeout
    )
    navigator = Navigator(machine, router)
    inbound = Inbound(machine)  # the client history's listener
    events.bind(inbound, client, surface, navigator)
    surface.keep_route(address)  # never a route of the script's, while the first page builds
    keep_navigator(page, navigator)
    navigator.tracer.meter = SentBytes(page)  # counts only once the tracer reads it
    navigator.tracer.after_sends = loop.after_started  # the history's move is sent by a task
    if debug:
        navigator.tracer.keep = True
        Inspector(page, navigator)  # in the overlay before the first update sends the page
    # Flet 1.0 removed page.go; countless apps still call it.
    page.go = _page_go(navigator)  # type: ignore[attr-defined]
    if script:
        # A new session may be a tab's second life (another worker, a
        # restarted server): the tab's history comes back with the answer.
        client.ask()
    inbound.start(address)
    return navigator


_warned: list[bool] = []


def _warn_push_only() -> None:
    """Once per process: a web page without the history script can only push entries."""
    if not _warned:
        _warned.append(True)
        log.warning(
            "navkit: this web page has no navkit history script, so the browser's history "
            "can only grow and its Back may return to a page just closed. To fix: %s",
            missing_script_advice(),
        )


def _page_go(navigator: Navigator) -> Callable[..., None]:
    def go(route: str, **query: Any) -> None:
        """Navigate to ``route`` (navkit's replacement for Flet's removed ``page.go``)."""
        navigator.go(route, **query)

    return go
