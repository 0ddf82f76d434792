"""The client's connection over time: drops, reconnects, a new session, and what it shows meanwhile.

What happens to a page's client beyond single events: the network drops and
comes back (Flet keeps the session), the process serving the tab dies and
the tab gets a new session, the user scrolls a view.
:class:`~navkit.testing.FletTestClient` adds the test-facing API on top.
"""

from __future__ import annotations

import asyncio
import contextlib

import flet as ft

from navkit.testing.flutter import FlutterClient, _Event
from navkit.testing.protocol import (
    SESSION_TIMEOUT,
    control_id,
    is_push,
    trigger_event,
    views_of,
)

__all__ = ["ClientLife"]


class ClientLife(FlutterClient):
    """The client's side of a page's session over time (see the module docstring)."""

    def disconnect(self) -> None:
        """The client loses its connection (a network drop); Flet keeps the session.

        As Flet's web server does: the connection goes, the page gets
        ``on_disconnect``, and whatever Python sends until :meth:`reconnect`
        is dropped -- calls such as ``push_route`` are never answered.
        """
        self.loop.run_until_complete(self.session.disconnect(SESSION_TIMEOUT))

    def reconnect(self, *, wait: bool = True) -> None:
        """The client comes back to its session, as Flet's web server handles it.

        The client reports its page (with the route it still shows) and
        gets the whole page back; then the page gets ``on_connect`` and, if
        Python's route differed from the client's, a route change for the
        client's.
        """
        self._orphans |= {task for task in asyncio.all_tasks(self.loop) if is_push(task)}
        original = self.page.route
        # The client registers with its RouteState's route: after a message of
        # the history script, that is the message (measured behind HAProxy).
        self.session.apply_page_patch({"route": self.flutter_route})
        connection = self._connection()
        self._hidden.clear()  # a fresh client shows the page it is sent
        self._shown_dialogs.clear()
        self.scrolls.redrawn()
        self._register(connection, self.session.page)
        self.session.attach_connection(connection)
        self._spawn_event(self.session.dispatch_connect_event())
        if self.page.route and self.page.route != original:
            self._spawn_event(trigger_event(self.page, "route_change", {"route": self.page.route}))
        if wait:
            self.settle()
        else:  # navigations still loading are left running
            self.loop.run_until_complete(asyncio.sleep(0.01))

    def new_session(self, *, history_late: bool = False) -> None:
        """The process serving this tab is gone; the tab reconnects to one that never saw it.

        As behind a load balancer when the tab's worker dies or restarts: the
        tab keeps its browser history, its ``sessionStorage`` and the address
        it shows, and registers with its old session id, which the new
        process does not know -- so it gets a new session, whose ``main``
        runs again (the router is attached again) with the tab's address.
        The old session's page stays behind, never reached again.

        Args:
            history_late: The history script's answer (the tab's stored
                history) is held until :meth:`answer_history`: what the user
                does meanwhile reaches Python first, as a click within that
                round trip does.
        """
        if self.connected:
            self.disconnect()  # the old session hears nothing more
        self._orphans |= {task for task in asyncio.all_tasks(self.loop) if is_push(task)}
        self._hidden.clear()  # a fresh client shows the page it is sent
        self._shown_dialogs.clear()
        self.scrolls.redrawn()
        self.tab.hold_answers = history_late
        self._open_session(self.flutter_route)
        self.settle()

    def answer_history(self) -> None:
        """Deliver the history script's answers held by ``new_session(history_late=True)``."""
        held, self.tab.held_answers = self.tab.held_answers, []
        self.tab.hold_answers = False

        async def late() -> None:  # Flutter read them long ago: only Python hears them now
            for route in held:
                self.session.apply_patch(control_id(self.page), {"route": route})
                await self.session.dispatch_event(
                    control_id(self.page), "route_change", {"route": route}
                )

        self._spawn_event(late())
        self.settle()

    def resize(self, width: float, height: float = 600, *, wait: bool = True) -> None:
        """Resize the window (or browser) to ``width`` by ``height`` logical pixels."""
        self._dispatch_to(self._resized(width, height), wait=wait)

    def scroll(self, pixels: float, *, view: ft.View | None = None, wait: bool = True) -> None:
        """The user scrolls ``view`` (the top view) to ``pixels``; Flet reports it if it listens."""
        target = view if view is not None else views_of(self.page)[-1]
        scrolled = self.scrolls.user_scrolled(target, pixels)
        if scrolled is not None:
            self._dispatch_to(_Event(scrolled[0], "scroll", scrolled[1]), wait=wait)

    def scroll_offset(self, view: ft.View | None = None) -> float:
        """Where the client shows ``view`` (the top view) scrolled to, in pixels."""
        target = view if view is not None else views_of(self.page)[-1]
        return self.scrolls.offset(target)

    def close(self) -> None:
        """Close the page as Flet closes a session; stop the loop if it is the client's own.

        On its own loop, the app's tasks still waiting are cancelled first,
        as ``asyncio.run`` does.
        """
        if self._owns_loop:
            # A navigation may wait for the user (a dialog left open): closing the
            # session ends it, as a closed tab does.
            with contextlib.suppress(RuntimeError):
                self.settle(timeout=2.0)

        async def close_session() -> None:
            self.session.close()  # calls still waiting for the client get an error
            for _ in range(2):  # what the close ended finishes, as on a server's loop
                await asyncio.sleep(0)

        self.loop.run_until_complete(close_session())
        if self._owns_loop:
            self.settle()
            waiting = [task for task in asyncio.all_tasks(self.loop) if not task.done()]
            for task in waiting:
                task.cancel()
            if waiting:
                self.loop.run_until_complete(asyncio.gather(*waiting, return_exceptions=True))
            self.loop.close()
