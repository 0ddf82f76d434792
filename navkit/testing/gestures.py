"""A user's steps on the client stand-in: find what is shown, tap it, type into it.

What :class:`~navkit.testing.FletTestClient` adds so that a test reads like
a user's steps (Flet's ``flet.testing`` names: ``tap``, ``enter_text``)::

    client.enter_text(client.find(text="Name"), "Ada")
    client.tap(client.find(text="Log in", type=ft.Button))
    assert client.find(text="Signed in as Ada.")

Each step sends what Flet's Flutter client sends for it -- the properties
it reports, then the control's event, through the session as a real
client's message enters it -- so the app's handlers (sync or async) run as
in production; then it settles (see :meth:`FletTestClient.settle`).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import flet as ft

from navkit.testing.finders import ControlType, Found, Query, describe, shown, texts_of
from navkit.testing.flutter import FlutterClient, _Event
from navkit.testing.protocol import control_id, dialogs_of, views_of

__all__ = ["ClientGestures"]

# Controls that take a tap even without a handler (Flutter's buttons): a tap
# on what they hold stops there.
BUTTONS = (
    ft.Button,
    ft.TextButton,
    ft.OutlinedButton,
    ft.IconButton,
    ft.CupertinoButton,
    ft.FloatingActionButton,
)
TOGGLES = (ft.Checkbox, ft.Switch, ft.CupertinoCheckbox, ft.CupertinoSwitch)
DESTINATIONS = (ft.NavigationBarDestination, ft.NavigationRailDestination)
# Shown without a modal barrier: what is beneath them can still be tapped.
NO_BARRIER = (ft.SnackBar, ft.Banner)
# A tap's position is not modelled: GestureDetector's handlers get the origin.
TAP_DATA = {"k": "touch", "l": {"x": 0.0, "y": 0.0}, "g": {"x": 0.0, "y": 0.0}}


class ClientGestures(FlutterClient):
    """Find, tap and type on what the client shows (see the module docstring)."""

    crashes: list[str]
    _focused: ft.TextField | None = None  # the text field with the keyboard's focus

    # -- finding -----------------------------------------------------------

    def find_all(
        self,
        *,
        text: str | re.Pattern[str] | None = None,
        key: Any = None,
        type: ControlType | None = None,  # as Flet's finders say it
        tooltip: str | re.Pattern[str] | None = None,
    ) -> list[Any]:
        """Every control shown that meets every criterion given, in reading order.

        What is shown: the top view (its AppBar, controls, navigation bar),
        the page's overlay, and the dialogs, bottom sheets and snack bars
        open on it. ``text`` is a text the control shows, exactly (a compiled
        pattern is searched instead); with ``type`` it may be shown inside
        the control. ``key`` is the control's ``key``.
        """
        query = Query(text, key, type, tooltip)
        return [found.control for found in self._shown() if query.matches(found.control)]

    def find(
        self,
        *,
        text: str | re.Pattern[str] | None = None,
        key: Any = None,
        type: ControlType | None = None,
        tooltip: str | re.Pattern[str] | None = None,
    ) -> Any:
        """The one control shown that meets every criterion given (see :meth:`find_all`).

        Raises:
            LookupError: None is shown (the message lists the texts that
                are), or more than one (it lists them).
        """
        query = Query(text, key, type, tooltip)
        found = [found.control for found in self._shown() if query.matches(found.control)]
        if len(found) == 1:
            return found[0]
        if not found:
            raise LookupError(f"nothing with {query} is shown; {self._what_is_shown()}")
        listed = ", ".join(describe(control) for control in found)
        raise LookupError(
            f"{len(found)} controls with {query} are shown: {listed}; "
            "say more (type=, key=) or use find_all()"
        )

    def wait_for(
        self,
        *,
        text: str | re.Pattern[str] | None = None,
        key: Any = None,
        type: ControlType | None = None,
        tooltip: str | re.Pattern[str] | None = None,
        timeout: float = 30.0,
    ) -> Any:
        """Run the page until a control meets the criteria (a loader, a slow handler); return it.

        Raises:
            LookupError: None is shown after ``timeout`` seconds, or more than one.
        """
        query = Query(text, key, type, tooltip)
        try:
            self.settle_until(
                lambda: any(query.matches(found.control) for found in self._shown()), timeout
            )
        except RuntimeError:
            raise LookupError(
                f"nothing with {query} was shown within {timeout} s; {self._what_is_shown()}"
            ) from None
        return self.find(text=text, key=key, type=type, tooltip=tooltip)

    @property
    def texts(self) -> list[str]:
        """Every text shown (see :meth:`find_all`), in reading order."""
        return [text for found in self._shown() for text in texts_of(found.control)]

    # FletTestClient's (see there).

    def settle_until(self, condition: Callable[[], bool], timeout: float = 30.0) -> None:
        """Run the loop until ``condition()`` holds."""
        raise NotImplementedError

    def _page_tasks(self) -> set[asyncio.Future[Any]]:
        raise NotImplementedError

    def _app_progressing(self) -> bool:
        raise NotImplementedError

    def _shown_address(self) -> str:
        raise NotImplementedError

    def _app_waits(self) -> bool:
        raise NotImplementedError

    # -- acting ------------------------------------------------------------

    def tap(self, control: Any, *, wait: bool = True) -> None:
        """Tap ``control`` as a user does; the app's handler runs, then the page settles.

        The tap goes where Flutter sends it: to ``control`` or the nearest
        control holding it that takes taps -- a button or anything with
        ``on_click`` (``click``), a ``GestureDetector`` with ``on_tap``
        (``tap``), a checkbox or switch (its value flips: ``change``), a
        navigation bar's destination (the bar's ``change``), a text field
        (it takes the focus).

        Raises:
            LookupError: ``control`` is not shown (any more), or nothing
                there takes a tap.
            RuntimeError: It is disabled, or behind an open dialog's modal
                barrier; or the app's handler raised (Flet's report of it).
        """
        found = self._locate(control)
        chain = (*found.holders, found.control)
        for at in range(len(chain) - 1, -1, -1):
            events = self._taken(chain[at], chain[:at])
            if events is not None:
                self._reachable(Found(chain[at], chain[:at]), "tap")
                taker = chain[at]
                if isinstance(taker, ft.TextField):
                    self._focused = taker
                self._perform(events, wait)
                return
        raise LookupError(
            f"nothing takes a tap on {describe(control)}: neither it nor what holds it "
            "is a button or has on_click, on_tap or on_change"
        )

    def enter_text(self, field: Any, text: str, *, submit: bool = False, wait: bool = True) -> None:
        """Type ``text`` into ``field`` (a ``TextField``), replacing what it held.

        As Flet's client does: the field takes the focus (``blur`` for the
        field that had it, ``focus``), reports its new ``value``, then
        ``change``; with ``submit`` the keyboard's Enter follows (``submit``,
        single-line fields only).

        Raises:
            TypeError: ``field`` is not a text field.
            LookupError: It is not shown (any more).
            RuntimeError: It is disabled or read-only, or behind an open
                dialog; or the app's handler raised.
        """
        if not isinstance(field, ft.TextField):
            raise TypeError(
                f"{describe(field)} is not a text field: find one with type=ft.TextField"
            )
        self._reachable(self._locate(field), "type into")
        if field.read_only:
            raise RuntimeError(f"{describe(field)} is read-only: the user cannot type into it")
        target = control_id(field)
        limit = getattr(field, "max_length", None)
        if isinstance(limit, int) and limit > 0:
            text = text[:limit]  # the client stops taking keys at max_length
        events = [*self._focus(field), _Event(target, "change", text, {"value": text})]
        self._focused = field
        if field.on_change is None:  # the client reports the value, sends no event
            events[-1] = _Event(target, "", None, {"value": text})
        if submit and not field.multiline and field.on_submit is not None:
            events.append(_Event(target, "submit", text))
        self._perform(events, wait)

    # -- how -------------------------------------------------------------

    def _taken(self, control: Any, holders: tuple[Any, ...]) -> list[_Event] | None:
        """The events a tap on ``control`` sends (None: the tap goes through it)."""
        target = control_id(control)
        if isinstance(control, DESTINATIONS) and holders:
            bar = holders[-1]
            index = next(i for i, d in enumerate(bar.destinations) if d is control)
            return [_Event(control_id(bar), "change", index, {"selected_index": index})]
        if isinstance(control, TOGGLES):
            # Flutter's order: false -> true (-> null, tristate) -> false.
            value = control.value
            flipped = None if value and getattr(control, "tristate", False) else not value
            return [_Event(target, "change", flipped, {"value": flipped})]
        if isinstance(control, ft.GestureDetector) and control.on_tap is not None:
            return [_Event(target, "tap", TAP_DATA)]
        if isinstance(control, ft.TextField):
            events = self._focus(control)
            return [*events, _Event(target, "click")] if control.on_click else events
        if getattr(control, "on_click", None) is not None or isinstance(control, BUTTONS):
            return [_Event(target, "click")]
        return None

    def _focus(self, field: ft.TextField) -> list[_Event]:
        """The events of the keyboard's focus moving to ``field``: ``blur``, ``focus``.

        Each only if the app listens to it, as Flet's client sends them.
        """
        before = self._focused
        if before is field:
            return []
        events = []
        if before is not None and before.on_blur is not None and self._is_shown(before):
            events.append(_Event(control_id(before), "blur"))
        if field.on_focus is not None:
            events.append(_Event(control_id(field), "focus"))
        return events

    def _perform(self, events: list[_Event], wait: bool) -> None:
        """Send ``events`` as the client does; raise what a handler's failure reported.

        As Flet's server receives them: the properties are applied at once,
        each event's handler runs in a task of its own.
        """
        failed, asked = len(self.crashes), self._questions()
        for event in events:
            if not self.connected:
                break  # the client acts on its own; Python hears nothing
            if event.props:
                self.session.apply_patch(event.target, event.props)
            if event.name:
                self._spawn_event(self.session.dispatch_event(*event[:3]))
        if wait:
            self._settle_or_asked(asked)
        else:  # the handler just starts
            self.loop.run_until_complete(asyncio.sleep(0.01))
        if len(self.crashes) > failed:
            raise RuntimeError(f"the app's handler raised: {self.crashes[failed]}")

    def _settle_or_asked(self, asked: set[int], timeout: float = 30.0) -> None:
        """Settle; or, once the app shows a new dialog or page and waits for the user, stop there.

        A tap that starts a navigation with a leave check, or a handler that
        awaits a dialog, leaves the page waiting for the user: the test
        answers (taps the dialog's button) as the user would. So does a
        handler awaiting ``push_for_result``: once the pushed page is shown
        and nothing of the app's can go on by itself (no navigation in
        flight, no callback ready, no timer), the test picks on that page.
        """
        before = self._shown_address()

        def idle() -> bool:
            return all(task.done() for task in self._page_tasks())

        def asked_the_user() -> bool:
            if self._questions() - asked:
                return True
            return self._shown_address() != before and self._app_waits()

        self.settle_until(lambda: idle() or asked_the_user(), timeout)
        if idle():
            self.settle(timeout)
            return
        deadline = time.monotonic() + timeout
        while self._app_progressing() and time.monotonic() < deadline:
            pass  # what the handler started goes on until it waits

    def _questions(self) -> set[int]:
        """The dialogs and sheets shown that wait for the user (not snack bars)."""
        return {control_id(d) for d in self._dialogs() if not isinstance(d, NO_BARRIER)}

    def _reachable(self, found: Found, doing: str) -> None:
        """Refuse a step the user cannot take: disabled, or behind a modal barrier."""
        for control in (*found.holders, found.control):
            if getattr(control, "disabled", False):
                raise RuntimeError(
                    f"{describe(found.control)} is disabled: a user cannot {doing} it"
                )
        barrier = next(
            (d for d in reversed(self._dialogs()) if not isinstance(d, NO_BARRIER)), None
        )
        if barrier is None:
            return
        above = self._dialogs()[self._dialogs().index(barrier) :]
        holders = (*found.holders, found.control)
        if not any(holder is dialog for holder in holders for dialog in above):
            raise RuntimeError(
                f"{describe(found.control)} is behind the open {describe(barrier)}: "
                "close it first (tap one of its buttons, or client.dismiss_dialog())"
            )

    def _locate(self, control: Any) -> Found:
        for found in self._shown():
            if found.control is control:
                return found
        raise LookupError(f"{describe(control)} is not shown; {self._what_is_shown()}")

    def _is_shown(self, control: Any) -> bool:
        return any(found.control is control for found in self._shown())

    def _dialogs(self) -> list[ft.DialogControl]:
        """The dialogs, sheets and snack bars the client shows, bottom first."""
        views = views_of(self.page)
        if views and (views[-1].route or "/") in self._hidden:
            return []  # shown on the view the client popped: gone with it
        return [
            dialog
            for dialog in dialogs_of(self.page)
            if dialog.open and control_id(dialog) in self._shown_dialogs
        ]

    def _shown(self) -> Iterator[Found]:
        """What the client shows, in reading order: the top view, the overlay, the dialogs."""
        views = [view for view in views_of(self.page) if (view.route or "/") not in self._hidden]
        yield from shown(views[-1:])
        yield from shown(list(self.page.overlay))
        yield from shown(self._dialogs())

    def _what_is_shown(self) -> str:
        texts = list(dict.fromkeys(self.texts))  # each once, in order
        if not texts:
            return "no text is shown"
        listed = ", ".join(repr(text) for text in texts[:40])
        return f"the texts shown: {listed}" + (", ..." if len(texts) > 40 else "")
