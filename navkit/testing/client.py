"""The client stand-in: a real ``ft.Page`` driven as Flet's Flutter client would.

:class:`FletTestClient` puts a real ``ft.Page`` (Flet's own ``Session`` and
``Page``) on a fake connection, and plays the Flutter client's part of the
routing protocol as Flet 1.0.5's client does:

* ``push_route(r)``: unless the client already shows ``r``, it records a
  browser entry (web), then sends the route as a property patch, a
  ``route_change`` event, and the method's answer, in that order;
* browser Back/Forward and typed addresses: a ``route_change`` only;
* AppBar back: a ``view_pop`` for the top view -- or, with a dialog open,
  a tap on the dialog's modal barrier (:meth:`FletTestClient.app_bar_back`);
* Android's back button, which Flet handles on its own
  (:meth:`FletTestClient.system_back`);
* a deep link: the page is created with ``page.route`` already set;
* a lost connection and a reconnect to the same session
  (:meth:`FletTestClient.disconnect`, :meth:`FletTestClient.reconnect`),
  or to a new one (:meth:`FletTestClient.new_session`: the tab's server died).

Every message is msgpack-encoded as Flet's transports do (Flet's diffing
depends on it), so :attr:`FletTestClient.sent_bytes` measures what a real
client would receive. The API is synchronous: each action runs on the
client's own event loop until the page has nothing left to do (see
:meth:`FletTestClient.settle`; app tasks meant to keep waiting are left
waiting).
With navkit installed, pytest gets the ``navkit_client`` fixture (see the README).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import flet as ft

from navkit.errors import NavkitError
from navkit.flet.events import claim_events
from navkit.flet.pages import navigator_of
from navkit.flet.surface import PageSurface
from navkit.navigation.navigator import Navigator
from navkit.navigation.urls import UrlStrategy
from navkit.testing.browser import BrowserTab
from navkit.testing.flutter import UserAction, _Event
from navkit.testing.gestures import ClientGestures
from navkit.testing.lifecycle import ClientLife
from navkit.testing.protocol import (
    MessageAction,
    Session,
    is_push,
    ready_callbacks,
    set_context_page,
    timers_due,
    views_of,
)
from navkit.testing.scrolling import ClientScrolls

if TYPE_CHECKING:
    from navkit.flet.router import Router

__all__ = ["FletTestClient"]

T = TypeVar("T")


class FletTestClient(ClientGestures, ClientLife):
    """A Flet page driven by a stand-in for the Flutter client.

    Args:
        router: Attached to the page when given (``client.navigator``).
        route: The address the page opens with (a deep link).
        web: A browser page (browser history, Back/Forward) or a desktop one.
        strategy: The URL strategy, for :attr:`url`.
        base_path: The app's prefix, for :attr:`url`.
        main: Called with the page after attaching, like an app's ``main``.
        loop: An event loop shared with other clients (the pages of one
            app share one); by default each client has its own.
        history_script: A web page carries navkit's history script, as
            ``navkit.run`` serves it; False plays a page without it (an
            app's own ``index.html``): the browser's history only grows.
    """

    def __init__(  # noqa: PLR0913 - keyword-only options, as attach() has
        self,
        router: Router | None = None,
        *,
        route: str = "/",
        web: bool = True,
        strategy: Literal["path", "hash"] = "path",
        base_path: str = "",
        main: Callable[[ft.Page], Any] | None = None,
        loop: asyncio.AbstractEventLoop | None = None,
        history_script: bool = True,
        debug: bool = False,
    ) -> None:
        # Pages of one app share one loop in Flet; give several clients the
        # same ``loop`` to drive them interleaved (see act() and idle()).
        self._owns_loop = loop is None
        self.loop = asyncio.new_event_loop() if loop is None else loop
        self._events: set[asyncio.Task[Any]] = set()  # route changes sent from inside the loop
        self.strategy = UrlStrategy(strategy, base_path)
        self.web = web
        self.sent: list[tuple[MessageAction, int]] = []
        self.crashes = []  # handlers that raised: tap() and enter_text() report them
        # The client's own state: the route it shows and the browser entries.
        self.client_route = self.flutter_route = route
        # Routes the client popped on its own. Like Flet's client (its page
        # navigator's build), it hides views with those routes until an
        # update lists no view with that route.
        self._hidden: set[str] = set()
        # The dialogs the client shows (by control id). Like Flet's client,
        # it reports ``dismiss`` once per dialog it showed, however it closed:
        # by the user, or by Python setting ``open=False``.
        self._shown_dialogs: dict[int, ft.DialogControl] = {}
        # The browser tab's session history (web pages only).
        self.tab = BrowserTab(route, script=web and history_script)
        self.scrolls = ClientScrolls()  # where the client shows each scrollable
        # push_route calls sent while disconnected: Flet dropped them, and
        # they wait until the session expires (settle() does not wait for them).
        self._orphans: set[asyncio.Future[Any]] = set()
        self._attach_options: dict[str, Any] = {
            "strategy": strategy,
            "base_path": base_path,
            "history_script": web and history_script,
            "debug": debug,
        }
        self._router, self._main = router, main
        self._open_session(route)

    def _open_session(self, route: str) -> None:
        """A new Flet session for the tab at ``route``: the router attached, ``main`` run."""
        connection = self._connection()
        self.session = Session(connection)
        self.page: ft.Page = self.session.page
        size = {"width": 800, "height": 600}
        self.session.apply_page_patch(
            {"route": route, "web": self.web, "platform": "linux", **size}
        )
        self._register(connection, self.session.get_page_patch())
        if self._router is not None:
            self.call(self._router.attach, self.page, **self._attach_options)
        if self._main is not None:
            self.call(self._main, self.page)
            if self._router is not None:
                claim_events(self.page)  # as navkit.run does

    # -- what the user sees ----------------------------------------------

    @property
    def navigator(self) -> Navigator:
        """The navigator attached to the page."""
        return navigator_of(self.page)

    @property
    def view_routes(self) -> list[str]:
        """The routes of ``page.views``, bottom first."""
        return [view.route or "" for view in views_of(self.page)]

    @property
    def shown_routes(self) -> list[str]:
        """The routes of the views the client shows (not those it popped itself)."""
        return [view.route or "" for view in views_of(self.page) if view.route not in self._hidden]

    @property
    def titles(self) -> list[str]:
        """The AppBar titles of ``page.views``, bottom first ("" without one)."""
        titles = []
        for view in views_of(self.page):
            appbar = view.appbar
            title = getattr(appbar, "title", None) if appbar is not None else None
            titles.append(str(getattr(title, "value", title or "")))
        return titles

    @property
    def url(self) -> str:
        """What the address bar shows (for the strategy given)."""
        return self.strategy.href(self.client_route)

    @property
    def sent_bytes(self) -> int:
        """Bytes of every message sent to the client so far."""
        return sum(size for _, size in self.sent)

    # -- the app acting ----------------------------------------------------

    def call(self, function: Callable[..., T], *args: Any, wait: bool = True, **kwargs: Any) -> T:
        """Run ``function`` on the page's event loop (as a handler would), then settle.

        With ``wait=False`` what it started is left running (a navigation
        waiting for a dialog's answer, say); :meth:`settle_until` waits for it.
        """

        async def inside() -> T:
            set_context_page(self.page)  # ft.context.page, as in Flet's handlers
            result = function(*args, **kwargs)
            if asyncio.iscoroutine(result):
                result = await result
            return result

        result = self.loop.run_until_complete(inside())
        if wait:
            self.settle()
        return result

    def go(self, target: str, /, **values: Any) -> None:
        """``navigator.go`` from an event handler."""
        self.call(self.navigator.go, target, **values)

    # -- the user acting ---------------------------------------------------

    # Each action handles its event; with wait=False it does not wait for what
    # the event started (see call()).

    def browser_back(self, *, wait: bool = True) -> None:
        """The browser's Back button (web)."""
        self._fire(self._user_events("browser_back"), wait)

    def browser_forward(self, *, wait: bool = True) -> None:
        """The browser's Forward button (web)."""
        self._fire(self._user_events("browser_forward"), wait)

    def open(self, route: str, *, wait: bool = True) -> None:
        """Type ``route`` into the address bar of the running app (web)."""
        self._fire(self._user_events("open", route), wait)

    def app_bar_back(self, *, wait: bool = True) -> None:
        """The AppBar's back arrow (also the iOS back swipe): pops the top view.

        As Flet's client does, it first asks a view with ``can_pop=False``
        (``confirm_pop``) and pops only when told to; ``can_pop=False``
        without ``on_confirm_pop`` does nothing.

        With a dialog or bottom sheet open the arrow is behind the dialog's
        modal barrier: the tap lands on the barrier, which closes the dialog
        unless it is modal (``AlertDialog(modal=True)``,
        ``BottomSheet(dismissible=False)``) -- the client reports
        ``open=False`` and sends ``dismiss`` -- and the view beneath stays.
        (A swipe on the barrier does nothing; this models the tap.)
        """
        self._fire(self._user_events("app_bar_back"), wait)

    def tap_destination(self, label: str, *, wait: bool = True) -> None:
        """Tap the shell destination labelled ``label`` in the navigation bar or rail shown.

        Raises:
            LookupError: No bar or rail is shown, or none of its destinations is ``label``.
        """
        self._fire([self._destination(label)], wait)

    @property
    def selected_destination(self) -> str | None:
        """The label of the destination selected in the bar or rail shown (None: none shown)."""
        chrome = self.chrome
        if chrome is None or chrome.selected_index is None:
            return None
        return str(chrome.destinations[chrome.selected_index].label)

    def system_back(self, *, wait: bool = True) -> None:
        """Android's back button (and predictive back), as Flet's page handles it.

        Flet 1.0.5 looks at the views only (``_handleSystemPopRoute``): with
        two views or more and a top view that may pop (``can_pop`` true, no
        ``on_confirm_pop``) it pops that view -- ``view_pop`` -- even with a
        dialog open, and the dialog, shown on that view, closes with it
        (``open=False`` and ``dismiss``, after the ``view_pop``). Otherwise
        the topmost route goes: an open dialog is closed, modal or not;
        without one, a guarded top view is asked (``confirm_pop``), and a
        single view leaves the app (nothing is sent; ``left_app`` counts it).
        """
        self._fire(self._user_events("system_back"), wait)

    async def act(self, action: UserAction, route: str = "") -> None:
        """A user action, from inside the running event loop.

        For many pages sharing one loop (``loop=``), where the synchronous
        methods cannot run the loop themselves. It waits for the event's
        handler; :meth:`idle` waits for what the handler started.

        Args:
            action: ``"browser_back"``, ``"browser_forward"``,
                ``"app_bar_back"``, ``"system_back"``, or ``"open"``
                (type ``route``).
        """
        for event in self._user_events(action, route):
            await self._send(event)

    async def idle(self) -> None:
        """Wait, inside the running loop, until this page has nothing left to do."""
        while True:
            tasks = {task for task in self._page_tasks() if not task.done()}
            if not tasks:
                return
            await asyncio.wait(tasks)

    def _page_tasks(self) -> set[asyncio.Future[Any]]:
        """This page's work in flight: navigation, pushes, the client's answers."""
        tasks: set[asyncio.Future[Any]] = set(self._events)
        try:
            navigator = self.navigator
        except NavkitError:
            return tasks
        if navigator.task is not None:
            tasks.add(navigator.task)
        surface = navigator.surface
        if isinstance(surface, PageSurface):
            tasks |= {task for task in surface.tasks if not is_push(task) or self.connected}
        return tasks - self._orphans

    def _fire(self, events: list[_Event], wait: bool) -> None:
        for event in events:
            self._dispatch_to(event, wait=wait)

    def dismiss_dialog(self) -> None:
        """Close the open dialog as a user does (a tap outside, Esc, a swipe down).

        It closes even a modal dialog (Android's back button does); for a tap
        that respects ``modal`` use :meth:`app_bar_back`.
        """
        dialog = self.dialog
        if dialog is None:
            raise RuntimeError("no dialog is open")
        self._dispatch_to(self._closing(dialog), wait=True)

    # -- the connection ----------------------------------------------------

    # -- protocol ----------------------------------------------------------

    def settle_until(self, condition: Callable[[], bool], timeout: float = 30.0) -> None:
        """Run the loop until ``condition()`` holds (for tasks meant to keep waiting).

        Raises:
            RuntimeError: It still does not hold after ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError("the condition never held")
            self.loop.run_until_complete(asyncio.sleep(0.001))

    def settle(self, timeout: float = 30.0) -> None:
        """Run the loop until the page has nothing left to do.

        It waits for what the page is doing: navkit's navigation
        (``navigator.task``), the surface's tasks (pushes, reshows), and the
        events the client sends. The app's own tasks (a poller started by
        ``main``, a handler awaiting an answer) run as long as they make
        progress -- some callback is ready to run -- and are left waiting once
        every one of them waits on something no step of the page resolves (a
        future nobody has set, a timer not yet due). :meth:`settle_until`
        waits for a state.

        Raises:
            RuntimeError: The page's tasks still run, or the app's keep
                running, after ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            pending = {task for task in self._page_tasks() if not task.done()}
            if pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError(f"the page never settled: {len(pending)} task(s) still run")
                self.loop.run_until_complete(asyncio.wait(pending, timeout=left))
                continue
            if not self._app_progressing():
                return
            if time.monotonic() > deadline:
                raise RuntimeError("the page never settled: the app's tasks keep running")

    def _shown_address(self) -> str:
        try:
            return self.navigator.address
        except NavkitError:  # not attached yet (main still running)
            return ""

    def _app_waits(self) -> bool:
        """Nothing of the app's goes on by itself: no navigation, callback or timer pending."""
        try:
            in_flight = self.navigator.in_flight is not None
        except NavkitError:
            return False
        return not in_flight and ready_callbacks(self.loop) == 0 and timers_due(self.loop) == 0

    def _app_progressing(self) -> bool:
        """Run one step of the loop for the app's tasks; whether they did anything.

        Progress: a callback was ready to run (a task woke up, a call was
        scheduled). Where the loop cannot tell, a task finishing or starting
        counts instead.
        """
        ready = ready_callbacks(self.loop)
        if ready == 0:
            return False
        before = asyncio.all_tasks(self.loop)
        self.loop.run_until_complete(asyncio.sleep(0))
        return ready is not None or asyncio.all_tasks(self.loop) != before
