"""The Flutter client's part of Flet's protocol, as the stand-in plays it.

What the real client does when Python sends it something -- answer
``push_route`` (adding a browser entry, carrying out the history script's
commands), answer ``confirm_pop``, report dialogs closing -- and the events
it sends for what the user does: browser Back and Forward, the AppBar
arrow, Android back, a typed address, a lost connection and a reconnect.
:class:`~navkit.testing.FletTestClient` adds the test-facing API on top.
"""

from __future__ import annotations

import asyncio
import contextvars
from typing import Any, Literal, NamedTuple

import flet as ft

from navkit.flet.sent_bytes import encoded
from navkit.testing.browser import BrowserTab
from navkit.testing.protocol import (
    Connection,
    Message,
    MessageAction,
    Session,
    closes_on_barrier_tap,
    control_id,
    dialogs_of,
    register_message,
    views_of,
)
from navkit.testing.scrolling import ClientScrolls

__all__ = ["FlutterClient", "UserAction"]

UserAction = Literal["browser_back", "browser_forward", "app_bar_back", "system_back", "open"]


class _Event(NamedTuple):
    """A control event the client sends, after the properties it reports first."""

    target: int
    name: str
    data: Any = None
    props: dict[str, Any] | None = None  # UPDATE_CONTROL_PROPS for ``target``, sent just before


class _Connection(Connection):
    """Hands every outgoing message to the client, encoded like the real transports."""

    def __init__(self, client: FlutterClient) -> None:
        super().__init__()
        self._client = client

    def send_message(self, message: Message) -> None:
        # Encoding records the snapshots Flet's next update() diffs against.
        self._client.received(message, len(encoded(message)))


class FlutterClient:
    """The client's side of one page's session (see the module docstring)."""

    loop: asyncio.AbstractEventLoop
    _owns_loop: bool  # the loop is this client's (closed with it)
    session: Session
    page: ft.Page
    web: bool
    tab: BrowserTab
    client_route: str
    flutter_route: str  # what Flutter's RouteState holds: the last route it reported
    sent: list[tuple[MessageAction, int]]
    left_app: int = 0  # how many times Android's back found nothing to pop (the app closes)
    crashes: list[str]  # what Flet sent for handlers that raised (its SESSION_CRASHED text)
    _hidden: set[str]
    _shown_dialogs: dict[int, ft.DialogControl]
    _events: set[asyncio.Task[Any]]
    _orphans: set[asyncio.Future[Any]]
    scrolls: ClientScrolls

    def settle(self, timeout: float = 30.0) -> None:
        """Run the loop until the page has nothing left to do (see FletTestClient)."""
        raise NotImplementedError

    def _user_events(self, action: UserAction, route: str = "") -> list[_Event]:
        """Play the client's part of ``action``; the events it sends Python, in order."""
        if action == "app_bar_back":
            return self._app_bar_back()
        if action == "system_back":
            return self._system_back()
        self._require_web()
        if action == "open":
            return self._typed(route)
        moved = self.tab.user_moves(-1 if action == "browser_back" else 1)
        if moved is None:
            return []  # nothing to go back or forward to
        return [_Event(*self._route_change_event(moved, shows=self.tab.current))]

    def _app_bar_back(self) -> list[_Event]:
        """A tap on the AppBar's back arrow, or on the barrier of the dialog over it."""
        dialog = self.dialog
        # A SnackBar or Banner has no barrier: the arrow beneath it takes the tap.
        if dialog is not None and not isinstance(dialog, (ft.SnackBar, ft.Banner)):
            return [self._closing(dialog)] if closes_on_barrier_tap(dialog) else []
        return self._maybe_pop_view(arrow=True)

    def _typed(self, route: str) -> list[_Event]:
        """``route`` typed into the address bar."""
        if route == self.client_route:
            return []  # the same address: nothing happens
        self.tab.push(route)
        return [_Event(*self._route_change_event(route))]

    def _maybe_pop_view(self, *, arrow: bool = False) -> list[_Event]:
        """``Navigator.maybePop`` on the top view: its ``PopScope`` decides.

        Args:
            arrow: The AppBar's back arrow: Flutter draws it only over a
                view beneath, unless ``automatically_imply_leading`` is off.
        """
        if not views_of(self.page):
            return []
        view = views_of(self.page)[-1]
        appbar = view.appbar
        if arrow and (
            len(views_of(self.page)) < 2
            or not isinstance(appbar, ft.AppBar)
            or not appbar.automatically_imply_leading
            or appbar.leading is not None
        ):
            return []  # no back arrow to tap
        if view.can_pop is False:  # PopScope(canPop: false): asks, if it may
            return [] if view.on_confirm_pop is None else [_Event(control_id(view), "confirm_pop")]
        return [self._view_popped(view)]

    def _system_back(self) -> list[_Event]:
        """Flet's ``Page._handleSystemPopRoute``, then ``Navigator.maybePop``."""
        views = views_of(self.page)
        dialog = self.dialog
        if len(views) > 1 and views[-1].can_pop is not False and views[-1].on_confirm_pop is None:
            # The view goes at once; a dialog shown on it goes with its page.
            events = [self._view_popped(views[-1])]
            return events if dialog is None else [*events, self._closing(dialog)]
        if dialog is not None:  # the topmost route: no PopScope, modal or not
            return [self._closing(dialog)]
        if len(views) <= 1 and (not views or views[-1].can_pop is not False):
            self.left_app += 1  # nothing to pop: Android leaves the app
            return []
        return self._maybe_pop_view()

    def _destination(self, label: str) -> _Event:
        """A tap on the shell destination ``label`` of the bar or rail shown.

        Flutter's bar and rail report the index tapped: the client sets
        ``selected_index`` and sends ``change``, whether it changed or not.
        """
        chrome = self.chrome
        if chrome is None:
            raise LookupError("no navigation bar or rail is shown")
        labels = [destination.label for destination in chrome.destinations]
        if label not in labels:
            raise LookupError(f"no destination {label!r}: the chrome shows {labels}")
        index = labels.index(label)
        return _Event(control_id(chrome), "change", index, {"selected_index": index})

    @property
    def chrome(self) -> ft.NavigationBar | ft.NavigationRail | None:
        """The shell's navigation bar or rail the user sees, if any.

        A bar in the top view's scaffold (``View.navigation_bar``) first,
        else a bar or rail in the page's overlay (drawn over the top view).
        """
        views = views_of(self.page)
        bar = views[-1].navigation_bar if views else None
        if isinstance(bar, ft.NavigationBar) and bar.visible:
            return bar
        for control in self.page.overlay:
            if isinstance(control, ft.NavigationBar | ft.NavigationRail) and control.visible:
                return control
        return None

    def _resized(self, width: float, height: float) -> _Event:
        """The window resized: the client reports the page's size, then ``resize``."""
        size = {"width": width, "height": height}
        return _Event(control_id(self.page), "resize", size, size)

    def _view_popped(self, view: ft.View) -> _Event:
        """The client hides ``view`` at once and tells Python."""
        self._hidden.add(view.route or "/")
        return _Event(control_id(self.page), "view_pop", {"route": view.route or "/"})

    def _closing(self, dialog: ft.DialogControl) -> _Event:
        """The client closed ``dialog``: it reports ``open=False``, then ``dismiss``."""
        return _Event(control_id(dialog), "dismiss", None, {"open": False})

    @property
    def dialog(self) -> ft.DialogControl | None:
        """The dialog or bottom sheet open on the page, if any.

        Flet's client shows the page's dialogs on the last view listed
        (view.dart); while the client hides that view (it popped it and
        Python still lists it) no dialog is shown.
        """
        views = views_of(self.page)
        if views and (views[-1].route or "/") in self._hidden:
            return None
        for dialog in reversed(dialogs_of(self.page)):
            if dialog.open and control_id(dialog) in self._shown_dialogs:
                return dialog
        return None

    @property
    def connected(self) -> bool:
        """False between :meth:`disconnect` and :meth:`reconnect`."""
        return self.session.connection is not None

    def _open_session(self, route: str) -> None:
        raise NotImplementedError

    def _connection(self) -> _Connection:
        connection = _Connection(self)
        connection.loop = self.loop
        return connection

    def _register(self, connection: _Connection, page_patch: Any) -> None:
        """Answer the client's registration: the page (in full, on a reconnect)."""
        connection.send_message(register_message(self.session.id, page_patch))

    def received(self, message: Message, size: int) -> None:
        """A message from the page (called by the fake connection)."""
        self.sent.append((message.action, size))
        if message.action is MessageAction.SESSION_CRASHED:
            self.crashes.append(str(message.body.message))
        if message.action is MessageAction.PATCH_CONTROL:
            self._hidden &= {view.route for view in views_of(self.page)}
        if message.action in (MessageAction.PATCH_CONTROL, MessageAction.REGISTER_CLIENT):
            self._sync_dialogs()
        if message.action is MessageAction.INVOKE_METHOD and message.body.name == "push_route":
            self.loop.call_soon(self._answer_push_route, message.body)
        elif message.action is MessageAction.INVOKE_METHOD and message.body.name == "confirm_pop":
            self.loop.call_soon(self._answer_confirm_pop, message.body)
        elif message.action is MessageAction.INVOKE_METHOD and message.body.name == "scroll_to":
            self.scrolls.scrolled_to(message.body.control_id, message.body.args or {})
            self.session.handle_invoke_method_results(
                message.body.control_id, message.body.call_id, None, None
            )

    def _sync_dialogs(self) -> None:
        """Open the dialogs Python opened; report those Python closed, as the client does.

        Flet 1.0.5's dialogs (alert_dialog.dart, bottom_sheet.dart...) close
        their route when ``open`` turns false and, once it is gone, report
        ``open=False`` and ``dismiss`` -- which is also how Flet's
        ``page.show_dialog`` learns to drop the dialog (measured in Chromium:
        ``page.pop_dialog()`` is answered by a ``dismiss``).
        """
        listed = {control_id(dialog): dialog for dialog in dialogs_of(self.page)}
        for key, dialog in listed.items():
            if dialog.open and key not in self._shown_dialogs:
                self._shown_dialogs[key] = dialog
        for key in list(self._shown_dialogs):
            closed = listed.get(key)
            if closed is None:
                del self._shown_dialogs[key]  # taken out of the page: gone unreported
            elif not closed.open:
                self._spawn_event(self._send(self._closing(closed)))

    def _answer_push_route(self, body: Any) -> None:
        route = body.args["route"]
        if route != self.client_route:  # Flet's RouteState ignores the same route
            held = len(self.tab.held_answers)
            routes = self.tab.answer_push(route) if self.web else [route]
            read = self.tab.held_answers[held:]  # Flutter read an answer Python hears late
            self.client_route = self.tab.current if self.web else route  # before Python hears
            # From inside the loop: the events just get queued, in order.
            self._spawn_event(self._route_changes(routes, read))
        self.session.handle_invoke_method_results(body.control_id, body.call_id, None, None)

    async def _route_changes(self, routes: list[str], read: list[str] | None = None) -> None:
        shows = self.tab.current if self.web else routes[-1]
        for route in routes:
            await self.session.dispatch_event(*self._route_change_event(route, shows=shows))
        if read:
            self.flutter_route = read[-1]

    def _spawn_event(self, coroutine: Any) -> None:
        """Deliver an event from inside the loop; settle() waits for it.

        In a context of its own, as Flet's receive loop delivers events: not
        in that of the Python code whose message the client answers.
        """
        event = contextvars.Context().run(self.loop.create_task, coroutine)
        self._events.add(event)
        event.add_done_callback(self._events.discard)

    def _answer_confirm_pop(self, body: Any) -> None:
        # Measured with Flet 1.0.5 in Chromium: a confirmed pop closes the view
        # on the client and sends no view_pop event.
        if (body.args or {}).get("should_pop"):
            view = self.session.index.get(body.control_id)
            self._hidden.add(getattr(view, "route", None) or "/")
        self.session.handle_invoke_method_results(body.control_id, body.call_id, None, None)

    @property
    def entries(self) -> list[str]:
        """The browser tab's history entries (web), oldest first."""
        return self.tab.entries

    @property
    def index(self) -> int:
        """The position of the entry the browser shows (web)."""
        return self.tab.index

    def _route_change_event(self, route: str, shows: str | None = None) -> tuple[int, str, Any]:
        """The route change the client sends Python; then it shows ``shows`` (or ``route``)."""
        self.client_route = route if shows is None else shows
        self.flutter_route = route
        self.session.apply_patch(control_id(self.page), {"route": route})
        return control_id(self.page), "route_change", {"route": route}

    async def _send(self, event: _Event) -> None:
        """Send ``event`` as the client does: its properties first, then the event."""
        if event.name == "dismiss" and self._shown_dialogs.pop(event.target, None) is None:
            return  # not shown (any more): the client has nothing to report
        if event.props:
            self.session.apply_patch(event.target, event.props)
        await self.session.dispatch_event(event.target, event.name, event.data)

    def _dispatch_to(self, event: _Event, *, wait: bool) -> None:
        if not self.connected:
            return  # the client acted on its own (its route moved); Python hears nothing
        task = contextvars.Context().run(self.loop.create_task, self._send(event))
        if wait:
            self.loop.run_until_complete(task)
            self.settle()
        else:  # the handler may wait for the user (a dialog): just let it start
            self.loop.run_until_complete(asyncio.sleep(0.01))

    def _require_web(self) -> None:
        if not self.web:
            raise RuntimeError("browser buttons exist only for a web page (web=True)")
