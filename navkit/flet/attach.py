"""Binding a router to a page: the surface, the event handlers and ``page.go``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal

import flet as ft

from navkit.errors import NavkitError
from navkit.flet.events import PageEvents, claim_events
from navkit.flet.pages import has_navigator, keep_navigator
from navkit.flet.surface import PageSurface
from navkit.flet.views import default_pending_indicator
from navkit.flet.webclient import history_script_served, missing_script_advice
from navkit.navigation.history import BrowserHistory, History, MemoryHistory, PushOnlyHistory
from navkit.navigation.navigator import DEFAULT_GUARD_TIMEOUT, Navigator
from navkit.navigation.urls import UrlStrategy
from navkit.routing.table import RouteTable

__all__ = ["attach"]

log = logging.getLogger("navkit")


def attach(
    table: RouteTable,
    page: ft.Page,
    *,
    strategy: Literal["path", "hash"] = "path",
    base_path: str = "",
    history: History | None = None,
    pending_indicator: Callable[[], ft.Control] | None = None,
    pending_delay: float = 0.2,
    guard_timeout: float | None = DEFAULT_GUARD_TIMEOUT,
    max_history: int | None = None,
    history_script: bool | None = None,
) -> Navigator:
    """Bind ``table`` to ``page`` and show the page's current route.

    See :meth:`navkit.Router.attach`. ``history_script``: whether the page
    carries navkit's history script (None: a web page does when this
    process serves Flet's index with it, see ``navkit.webclient``).
    """
    if has_navigator(page):
        raise NavkitError("a navkit router is already attached to this page")
    table.check()
    address = page.route or "/"
    if history_script is None:
        history_script = bool(page.web) and history_script_served()
        if page.web and not history_script:
            _warn_push_only()
    surface = PageSurface(
        page,
        pending_indicator=pending_indicator or default_pending_indicator,
        pending_delay=pending_delay,
        before_update=lambda: claim_events(page),
        history_script=bool(page.web) and history_script,
    )
    if history is None:
        kind: type[MemoryHistory] = MemoryHistory
        if page.web:
            kind = BrowserHistory if history_script else PushOnlyHistory
        history = kind(address) if max_history is None else kind(address, max_entries=max_history)
    navigator = Navigator(
        table, surface, history, UrlStrategy(strategy, base_path), guard_timeout=guard_timeout
    )
    keep_navigator(page, navigator)
    PageEvents(page, surface)  # the page keeps it
    # Flet 1.0 removed page.go; countless apps still call it.
    page.go = _page_go(navigator)  # type: ignore[attr-defined]
    if surface.history_script:
        # A new session may be a tab's second life (another worker, a
        # restarted server): the tab's history comes back with the answer.
        surface.ask_history()
    navigator.start(address)
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
