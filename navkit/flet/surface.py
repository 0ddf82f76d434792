"""The page surface: shows levels on an ``ft.Page`` -- views, dialogs, a shell's chrome.

It builds nothing and decides nothing: the navigator hands it the views of
the entering levels and which pops might be refused. It is the one writer of
``page.route``. What the user does to its controls (a destination tapped, a
dialog dismissed, a pop the client asks about) goes to the page's events
(:mod:`navkit.flet.events`); the client's address is the client history's
(:mod:`navkit.flet.client_history`).

Facts about Flet 1.0.5 this relies on (see docs/notes/flet-1.0.5-routing.md):

* AppBar back, Android back and the iOS swipe hide the top view on the
  client at once unless the view has ``can_pop=False``; then the client
  asks first (``on_confirm_pop``).
* The client keeps hiding a popped view's route while a view with that
  route is listed (its page navigator's build).
* A dialog opened in the same update that gives the views beneath
  ``can_pop=False`` never shows (measured in Chromium).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol

import flet as ft

from navkit.flet.chrome import ShellChrome
from navkit.flet.components import (
    prepared,
    provide_data,
    refuse_other_owner,
    rendering,
    start_components,
)
from navkit.flet.loop import PageLoop
from navkit.flet.parking import HookKeeper
from navkit.flet.scrolling import ScrollKeeper
from navkit.flet.views import render
from navkit.navigation.snapshots import Snapshot
from navkit.navigation.surface import Screen
from navkit.navigation.values import Level, Navigation
from navkit.navigation.views import Built

__all__ = ["CLIENT_FRAME", "PageSurface", "UserActions"]

# Long enough for Flet's client to build a frame between two updates.
CLIENT_FRAME = 0.1


class UserActions(Protocol):
    """Where what the user does to the surface's controls goes (the page's events)."""

    def destination_tapped(self, index: int) -> None:
        """A shell destination was picked in the bar or rail."""

    def pop_asked(self, route: str) -> None:
        """The client asks before closing the view at ``route`` (it still shows it)."""

    def modal_dismissed(self) -> None:
        """The user closed the modal level shown (tap outside, Esc, swipe)."""


class PageSurface:
    """Shows levels on an ``ft.Page``: keeps unchanged views, one update per navigation.

    Args:
        page: The page.
        loop: The page's loop (a view put back later runs there).
        actions: Where the user's taps and dismissals on its controls go.
        pending_indicator: Makes the control shown while a navigation waits.
        pending_delay: Seconds a navigation may wait before it is shown.
        pending_minimum: Seconds it stays once shown (no flash).
        before_update: Called before each update navkit makes (the binding
            re-claims the page's event handlers there).
        debug: Default error views show the developer's detail and traceback.
        home: Whether the app has a page at ``/`` (error views offer Home).
    """

    def __init__(  # noqa: PLR0913 - attach()'s keyword-only options it shows with
        self,
        page: ft.Page,
        loop: PageLoop,
        actions: UserActions,
        *,
        pending_indicator: Callable[[], ft.Control] | None = None,
        pending_delay: float = 0.2,
        pending_minimum: float = 0.4,
        before_update: Callable[[], None] | None = None,
        debug: bool = False,
        home: bool = True,
    ) -> None:
        self.page = page
        self.debug = debug
        self.home = home  # the app has a page at "/": error views offer it
        self.loop = loop
        self.actions = actions
        self.pending_indicator = pending_indicator
        self.pending_delay = pending_delay
        self.pending_minimum = pending_minimum
        self._shown_at = 0.0  # when the indicator showed (the loop's clock)
        self._hiding = 0  # bumped when the indicator is wanted again: a late hide is dropped
        self.views: list[Any] = []
        self._before_update = before_update
        self._indicator: ft.Control | None = None
        self._factory: Callable[[], Any] | None = pending_indicator  # what shows next
        self._timer: asyncio.TimerHandle | None = None
        self._dialog: ft.DialogControl | None = None  # the modal level's, while open
        self.chrome = ShellChrome(page, actions.destination_tapped)
        self.scrolls = ScrollKeeper(loop)
        self.parking = HookKeeper()
        # Called when a navigation starts to wait and when it ends (use_navigation).
        self.watchers: set[Callable[[], None]] = set()
        self.loading_now = False  # a navigation waits for the app (not for the user)

    @property
    def tasks(self) -> frozenset[asyncio.Future[Any]]:
        """The tasks started for this page that have not finished (pushes, handlers)."""
        return self.loop.tasks

    def keep_route(self, address: str) -> None:
        """``page.route`` is the address shown (Flet wrote the client's route there)."""
        self.page.route = address

    def render(self, built: Built) -> ft.View | ft.DialogControl:
        """The control one built level shows (see :func:`navkit.flet.views.render`).

        Components it holds were hosted by :meth:`prepared`.
        """
        back = bool(self.views)  # a page was shown: its error view offers Go back
        return render(built, debug=self.debug, home=self.home, back=back)

    def prepared(self, result: Any) -> Any:
        """Components in a view function's result hosted and rendered once (see
        :func:`navkit.flet.components.prepared`)."""
        return prepared(result)

    def provide(self, data: Any) -> None:
        """The level's loader data, for :func:`navkit.use_loader_data`."""
        provide_data(data)

    def calling(
        self, navigator: Any, navigation: Navigation, level: Level
    ) -> AbstractContextManager[None]:
        """A view function runs inside Flet's renderer: it may make components."""
        return rendering(navigator, navigation, level)

    def snapshot_of(self, view: Any) -> Snapshot | None:
        """The default snapshot of a view: its scroll offset (see :mod:`navkit.flet.scrolling`)."""
        return self.scrolls.snapshot_of(view)

    def commit(self, screen: Screen) -> None:
        """Show ``screen`` in one update: its views and the shell's chrome.

        A modal level's "view" is a dialog or bottom sheet: it opens over the
        views beneath instead of joining ``page.views``. Parked branches'
        views are held off the page: Flet's ``page.update()`` diffs every
        view listed, so each update would cost more with every tab opened,
        and the shown stack's root must be the client's first view for
        Android's back to leave the app from the start destination.
        """
        self.views = list(screen.views)
        page = self.page
        if self._before_update is not None:
            self._before_update()
        for level, view in zip(screen.levels, self.views, strict=True):
            if isinstance(view, ft.View) and view.route != level.address:
                # Flutter keys views by route: one view object a view function
                # returned for two routes carries the one it is shown at.
                view.route = level.address
        shown = [view for view in self.views if isinstance(view, ft.View)]
        for view in shown:
            self.scrolls.snapshot_of(view)  # followed from its first update on
        refuse_other_owner(page)
        before = page.views if isinstance(page.views, list) else []
        # A parked tab's components keep their state.
        self.parking.moving(before, shown, screen.parked)
        if isinstance(page.views, list):
            page.views[:] = shown
        else:  # navkit.Views hands the page over: the stack replaces it
            page.views = shown
        self._guard_pops(shown, screen.refusable)
        self.chrome.show(screen.place, shown, screen.parked)
        self.keep_route(screen.levels[-1].address)
        top = self.views[-1]
        dialog = top if isinstance(top, ft.DialogControl) else None
        if self._dialog is not None and self._dialog is not dialog:
            closing, self._dialog = self._dialog, None  # its dismissal is not a pop
            closing.open = False
        if dialog is not None and dialog is not self._dialog:
            self._dialog = dialog
            dialog.on_dismiss = self._dismissed
            page.update()  # views first: see the module docstring
            page.show_dialog(dialog)
        page.update()
        self.parking.moved(page)
        # Components anywhere (a dialog, an app bar) update through Flet's
        # scheduler: started (again, if a render killed it) with every commit.
        start_components(page)
        self.loading_now = False
        self._navigation_changed()

    def stayed(self) -> None:
        """A navigation did not land: a destination tapped for it is unselected again."""
        if self.chrome.reselect():
            self.page.update()
        self.loading_now = False
        self._navigation_changed()

    def _navigation_changed(self) -> None:
        for watcher in list(self.watchers):
            watcher()

    def resized(self) -> None:
        """The page's size changed: a shell's chrome may switch between bars and rail."""
        if self.chrome.resized():
            self.page.update()

    def _guard_pops(self, views: list[ft.View], refusable: frozenset[str]) -> None:
        """Views whose closing might be refused make the client ask first."""
        for view in views:
            guarded = (view.route or "/") in refusable
            if guarded and view.on_confirm_pop is None:
                view.can_pop = False
                view.on_confirm_pop = self._confirm_pop
            elif not guarded and view.on_confirm_pop == self._confirm_pop:
                view.can_pop = True
                view.on_confirm_pop = None

    def _confirm_pop(self, event: Any) -> None:
        """The client asks whether it may pop a view: navkit decides, and pops it itself.

        The navigator decides (leave checks, guards) and, if allowed, removes
        the view, which the client animates as a pop; if refused, nothing
        changes on screen and what was typed stays.

        The client is never answered (``View.confirm_pop``): unanswered, its
        view just stays (Flet's view.dart waits, then drops the question when
        the view goes or is asked again). An answer would be a round trip navkit
        depends on: after a failover to a new session the client never
        acknowledged it (10 s each tap), and an answer arriving after the
        view left the page makes Flet's server drop the connection ("Control
        ... is not registered").
        """
        self.actions.pop_asked(event.control.route or "/")

    def reshow_top(self) -> None:
        """Show the top view or modal again after the client closed it (state intact).

        Rare: views whose closing might be refused are never popped by the
        client (see ``_guard_pops``); this serves a guard added after the view
        was shown, and modals dismissed by a tap outside.
        """
        page = self.page
        top = self.views[-1] if self.views else None
        if isinstance(top, ft.DialogControl):
            self._dialog = top
            top.on_dismiss = self._dismissed
            page.show_dialog(top)
            return
        if top is None or top not in page.views:
            return
        # The client hides a popped view's route until it builds a page
        # listing no view with that route: take it out, let a frame pass,
        # and put it back.
        self.parking.moving(page.views, [view for view in page.views if view is not top], [top])
        page.views.remove(top)
        page.update()

        async def put_back() -> None:
            await asyncio.sleep(CLIENT_FRAME)
            if self.views and self.views[-1] is top and top not in page.views:
                self.parking.moving(page.views, [*page.views, top], ())
                page.views.append(top)
                page.update()
                self.parking.moved(page)

        self.loop.spawn(put_back())

    def _dismissed(self, event: Any) -> None:
        """The user closed the modal (tap outside, Esc, swipe): back to its parent."""
        if event.control is not self._dialog:
            return  # closed by navkit itself
        self._dialog = None
        self.actions.modal_dismissed()

    # -- waiting -----------------------------------------------------------

    def loading(self, waiting: bool, pending: Callable[[], Any] | None = None) -> None:
        """Show one pending indicator while a navigation waits longer than ``pending_delay``.

        It stays while navigations overtake each other, until one lands (or
        none is left waiting) -- and, once shown, at least ``pending_minimum``
        seconds, so it never flashes. A navigation waiting for the user (a
        leave check's dialog) is not loading: navkit says so here too.
        ``pending``: the waiting navigation's route's own pending view, shown
        instead of the page's indicator (the one wanted when the delay ends).
        """
        self.loading_now = waiting
        self._navigation_changed()
        if waiting:
            factory = pending or self.pending_indicator
            if factory is None:
                return
            self._factory = factory
            self._hiding += 1  # a hide on its way is dropped: it stays
            if self._timer is None and self._indicator is None:
                loop = asyncio.get_running_loop()
                self._timer = loop.call_later(self.pending_delay, self._show_pending)
            return
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._indicator is None:
            return
        left = self.pending_minimum - (asyncio.get_running_loop().time() - self._shown_at)
        if left <= 0:
            self._hide_pending()
        else:
            self.loop.spawn(self._hide_after(left, self._hiding))

    async def _hide_after(self, seconds: float, hiding: int) -> None:
        await asyncio.sleep(seconds)
        if hiding == self._hiding:
            self._hide_pending()

    def _hide_pending(self) -> None:
        indicator, self._indicator = self._indicator, None
        if indicator is not None and indicator in self.page.overlay:
            self.page.overlay.remove(indicator)
            self.page.update()

    def _show_pending(self) -> None:
        self._timer = None
        if self._factory is None or self._indicator is not None:
            return
        self._indicator = self._factory()
        self._shown_at = asyncio.get_running_loop().time()
        self.page.overlay.append(self._indicator)
        self.page.update()

    def in_loop(self, callback: Callable[[], object]) -> bool:
        """Hand ``callback`` to the page's loop when called from another thread.

        ``page.run_thread`` workers call ``nav.go`` this way; navigation
        state is only ever touched on the page's loop.
        """
        return self.loop.in_loop(callback)
