"""navkit's handlers for a page's events, in front of the app's own.

Facts about Flet 1.0.5 this relies on (see docs/notes/flet-1.0.5-routing.md):

* A route change arrives for each ``push_route`` (an echo, see
  :mod:`navkit.flet.client_route`), for browser Back/Forward and for a
  typed address; AppBar back, Android back and the iOS swipe send
  ``view_pop`` instead.
* A web client that loses its connection and comes back keeps its session
  (``on_connect``); ``page.route`` is then the address the client shows.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
from collections.abc import Callable
from typing import Any

import flet as ft

from navkit.flet.history_script import parse_reserved
from navkit.flet.pages import navigator_of
from navkit.flet.surface import PageSurface
from navkit.flet.tab_history import TabHistoryError, unpack
from navkit.navigation.history import DEFAULT_MAX_ENTRIES

__all__ = ["PageEvents", "claim_events"]

_EVENTS = "_navkit_events"  # where a page keeps its PageEvents

log = logging.getLogger("navkit")


class PageEvents:
    """Routes a page's events to its navigator, then to the app's own handlers.

    An app that sets ``page.on_connect`` (or ``on_route_change``,
    ``on_view_pop``) after attaching -- in ``main``, typically -- would
    silently switch navkit off. :meth:`claim` puts navkit's handler back in
    front and keeps the app's as the one called after it; it runs on
    attaching, after ``main`` and before every update navkit makes.
    """

    def __init__(self, page: ft.Page, surface: PageSurface) -> None:
        self.page = page
        self.surface = surface
        self.restored = False  # the tab's stored history arrived
        self.apps: dict[str, Any] = {}
        self.ours: dict[str, Any] = {
            "on_route_change": self.route_change,
            "on_view_pop": self.view_pop,
            "on_connect": self.connect,
            "on_close": self.close,
            "on_resize": self.resize,
        }
        setattr(page, _EVENTS, self)
        self.claim()

    def claim(self) -> None:
        """Put navkit's handlers back where the app replaced them."""
        for name, handler in self.ours.items():
            current = getattr(self.page, name, None)
            if current is not handler:
                self.apps[name] = current
                setattr(self.page, name, handler)

    def route_change(self, event: ft.RouteChangeEvent) -> None:
        route, navigator = event.route, navigator_of(self.page)
        reserved = parse_reserved(route)
        if reserved is not None and reserved.kind == "moved":
            # The browser's Back/Forward, with how far it moved (history script):
            # never an echo, whatever navkit still expects.
            unsent = self.surface.client.moved(reserved.to)
            navigator.browser_moved(reserved.to, reserved.by, unsent=unsent)
        elif reserved is not None and reserved.kind == "state":
            self._restore(reserved.data, reserved.to)
        elif self.surface.client.received(route):
            # The echo of navkit's own push or command. The last one may come
            # back after the user moved the browser (Forward within one round
            # trip of a click): the browser then shows it, the page another.
            if reserved is None and not self.surface.client.waiting:
                navigator.client_settled(route)
                self.page.route = navigator.address
        elif reserved is None:
            arrival = self.surface.client.arrived(route)
            if arrival.mislanded:
                # Where a command landed instead of where navkit expected: the
                # browser's history differs there, and the browser is right.
                navigator.browser_moved(route, 0)
            else:
                navigator.route_changed(route, unsent=arrival.unsent)
        if reserved is None:
            self._after("on_route_change", event)
            return
        if self.page.route == route:
            self.page.route = navigator.address  # a reserved route is never the page's
        # The app hears the browser's move at the address it moved to; the
        # script's other traffic is navkit's own business.
        if reserved.kind == "moved":
            self._after("on_route_change", dataclasses.replace(event, route=reserved.to))
        else:
            ft.context.disable_auto_update()  # type: ignore[no-untyped-call]

    def _restore(self, packed: str, shown: str) -> None:
        """The tab's stored history arrived (a new session asked): continue it, once."""
        if self.restored:
            return  # asked once per session: a second answer changes nothing
        self.restored = True
        try:
            tab = unpack(packed, max_entries=DEFAULT_MAX_ENTRIES)
        except TabHistoryError as error:
            log.warning("navkit: the tab's stored history is ignored (%s)", error)
            return
        if tab.state.current != shown:
            log.warning(
                "navkit: the tab's stored history is ignored (it shows %r, the tab %r)",
                tab.state.current[:200],
                shown[:200],
            )
            return
        navigator_of(self.page).restored(tab.state)

    def view_pop(self, event: ft.ViewPopEvent) -> None:
        navigator_of(self.page).view_popped(event.route)
        self._after("on_view_pop", event)

    def connect(self, event: ft.Event[ft.Page]) -> None:
        # A web client came back to its session; Flet has set page.route to
        # the address the client shows.
        route = self.page.route or "/"
        navigator_of(self.page).reconnected(route, self.surface.client.reconnected(route))
        self._after("on_connect", event)

    def close(self, event: ft.Event[ft.Page]) -> None:
        # The session ended: a navigation still waiting must not go on.
        navigator_of(self.page).close()
        self._after("on_close", event)

    def resize(self, event: ft.PageResizeEvent) -> None:
        # A shell switches between its bar and its rail at its breakpoint.
        self.surface.resized()
        self._after("on_resize", event)

    def _after(self, name: str, event: Any) -> None:
        """Finish an event navkit handled: call the app's own handler, if any.

        Without one, Flet's automatic update after the event is switched off:
        navkit has updated the page already where anything changed, and the
        automatic one would diff every view again for nothing (an echo changes
        nothing at all).
        """
        handler = self.apps.get(name)
        if handler is None:
            ft.context.disable_auto_update()  # type: ignore[no-untyped-call]
            return
        result = handler(event) if _takes_argument(handler) else handler()
        if inspect.isawaitable(result):
            self.surface.spawn(result)


def claim_events(page: ft.Page) -> None:
    """Make sure navkit handles ``page``'s events, before the app's own handlers.

    ``navkit.run`` calls it after the app's ``main``; see :class:`PageEvents`.
    """
    events = getattr(page, _EVENTS, None)
    if isinstance(events, PageEvents):
        events.claim()


def _takes_argument(handler: Callable[..., Any]) -> bool:
    try:
        return len(inspect.signature(handler).parameters) > 0
    except (TypeError, ValueError):
        return True
