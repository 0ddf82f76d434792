"""Every inbound Flet event of a page enters here, and becomes one call on the navigation.

Route changes go to the client history (:mod:`navkit.flet.client_history`),
which records them and tells the navigator through its listener; view pops,
the client asking before a pop, a destination tapped, a modal dismissed and
the page closing go to the page's :class:`~navkit.navigation.inbound.Inbound`;
a resize to the surface. Then the app's own handler, if it set one, hears
the event -- with an app address, never navkit's private traffic.

Facts about Flet 1.0.5 this relies on (see docs/notes/flet-1.0.5-routing.md):

* A route change arrives for each ``push_route`` (an echo), for browser
  Back/Forward and for a typed address; AppBar back, Android back and the
  iOS swipe send ``view_pop`` instead.
* A web client that loses its connection and comes back keeps its session
  (``on_connect``); ``page.route`` is then the address the client shows.
"""

from __future__ import annotations

import contextvars
import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

import flet as ft

from navkit.flet.client_history import ClientHistory
from navkit.flet.history_script import app_address
from navkit.flet.pages import page_closed
from navkit.flet.surface import PageSurface
from navkit.navigation.inbound import Inbound
from navkit.navigation.navigator import Navigator

__all__ = ["PageEvents", "claim_events"]

_EVENTS = "_navkit_events"  # where a page keeps its PageEvents
# The page events whose app handler is running in this context.
_CALLING_APP: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar(
    "navkit_calling_app", default=frozenset()
)


class PageEvents:
    """Routes a page's events to its navigation, then to the app's own handlers.

    An app that sets ``page.on_connect`` (or ``on_route_change``,
    ``on_view_pop``) after attaching -- in ``main``, typically -- would
    silently switch navkit off. :meth:`claim` puts navkit's handler back in
    front and keeps the app's as the one called after it; it runs on
    attaching, after ``main`` and before every update navkit makes.
    """

    inbound: Inbound
    client: ClientHistory
    surface: PageSurface
    navigator: Navigator

    def __init__(self, page: ft.Page) -> None:
        self.page = page
        self.apps: dict[str, Any] = {}
        self.ours: dict[str, Any] = {
            "on_route_change": self._once(self.route_change),
            "on_view_pop": self._once(self.view_pop),
            "on_connect": self._once(self.connect),
            "on_close": self._once(self.close),
            "on_resize": self._once(self.resize),
        }

        setattr(page, _EVENTS, self)
        # Flet reads a page's handler after calling its before_event: claiming
        # there keeps navkit in front of a handler the app set after attaching
        # (an app's own ft.run(main) that attaches, then sets on_route_change).
        before_event = page.before_event

        def claiming_before_event(event: Any) -> Any:
            if hasattr(self, "inbound"):
                self.claim()
            return before_event(event)

        setattr(page, "before_event", claiming_before_event)  # noqa: B010 (an instance attribute)

    def bind(
        self, inbound: Inbound, client: ClientHistory, surface: PageSurface, navigator: Navigator
    ) -> None:
        """Start handling the page's events, in front of the app's handlers."""
        self.inbound, self.client, self.surface, self.navigator = (
            inbound,
            client,
            surface,
            navigator,
        )
        self.claim()

    def claim(self) -> None:
        """Put navkit's handlers back where the app replaced them."""
        for name, handler in self.ours.items():
            current = getattr(self.page, name, None)
            if current is not handler:
                self.apps[name] = current
                setattr(self.page, name, handler)

    # -- Flet's page events ---------------------------------------------------

    def route_change(self, event: ft.RouteChangeEvent) -> None:
        route = event.route
        heard = self.client.route_changed(route)
        if heard.ours and self.page.route == route:
            self.surface.keep_route(self.inbound.machine.shown_now.address)
        if heard.app_route is None:
            ft.context.disable_auto_update()  # type: ignore[no-untyped-call]
        elif heard.app_route == route:
            self._after("on_route_change", event)
        else:  # the browser's move, heard at the address it moved to
            self._after("on_route_change", dataclasses.replace(event, route=heard.app_route))

    def view_pop(self, event: ft.ViewPopEvent) -> None:
        self.inbound.view_popped(event.route)
        self._after("on_view_pop", event)

    def connect(self, event: ft.Event[ft.Page]) -> None:
        # A web client came back to its session; Flet has set page.route to
        # the address the client shows.
        route = self.page.route or "/"
        self.client.reconnected(route)
        if app_address(route) != route:  # the client's last route was a message of the script
            self.surface.keep_route(self.inbound.machine.shown_now.address)
        self._after("on_connect", event)

    def close(self, event: ft.Event[ft.Page]) -> None:
        # The session ended: a navigation still waiting must not go on.
        self.inbound.closed()
        page_closed(self.page)  # an app's own question (navkit.confirm) is answered no
        self._after("on_close", event)

    def resize(self, event: ft.PageResizeEvent) -> None:
        # A shell switches between its bar and its rail at its breakpoint.
        self.surface.resized()
        self._after("on_resize", event)

    # -- the surface's controls (see navkit.flet.surface.UserActions) -----------

    def destination_tapped(self, index: int) -> None:
        """A shell destination picked: as ``nav.switch_branch(index)``."""
        self.navigator.switch_branch(index)

    def pop_asked(self, route: str) -> None:
        """The client asks before closing a view: navkit decides, and pops it itself."""
        self.inbound.view_popped(route, closed=False)

    def modal_dismissed(self) -> None:
        """The modal level was closed by the user: back to its parent."""
        self.inbound.view_popped(self.inbound.machine.shown_now.address)

    def _once(self, handler: Callable[[Any], None]) -> Callable[[Any], None]:
        """``handler``, doing nothing when the app's own handler calls it back.

        An app that chains handlers (``previous = page.on_route_change``, then
        calls ``previous(e)`` from its own) calls navkit's, which calls the
        app's after it: the event is navkit's once.
        """
        name = "on_" + handler.__name__

        def handle(event: Any) -> None:
            if name not in _CALLING_APP.get():
                handler(event)

        return handle

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
        # Marked in this call's context only (and the task an async handler
        # runs in): an event Flet dispatches later starts from a clean one.
        token = _CALLING_APP.set(_CALLING_APP.get() | {name})
        try:
            result = handler(event) if _takes_argument(handler) else handler()
            if inspect.isawaitable(result):
                self.surface.loop.spawn(result)
        finally:
            _CALLING_APP.reset(token)


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
