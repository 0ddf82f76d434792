"""The per-page navigator: go, back, pop, and what is shown.

The public API over :class:`~navkit.navigation.machine.NavigationMachine`,
which runs the pipeline. Every reader here sees what is shown, never a
navigation in flight (that is :attr:`Navigator.in_flight`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from navkit.navigation.branches import branch_tops
from navkit.navigation.history import HistoryState, Move, joined
from navkit.navigation.machine import DEFAULT_GUARD_TIMEOUT, LeaveCheck, NavigationMachine, settle
from navkit.navigation.stack import place_of
from navkit.navigation.surface import Surface
from navkit.navigation.values import InFlight, Level, Source
from navkit.routing.location import path_of
from navkit.routing.routes import Match
from navkit.routing.shells import Place

__all__ = ["DEFAULT_GUARD_TIMEOUT", "Navigator"]

_BROWSER_SOURCES = {
    Move.BACK: Source.BROWSER_BACK,
    Move.FORWARD: Source.BROWSER_FORWARD,
    Move.NEW: Source.BROWSER_NEW,
}


class Navigator(NavigationMachine):
    """Navigation for one page: go, back, pop, and what is shown.

    Create it with ``router.attach(page)``; every page (browser tab) has its
    own, and they share nothing but the router's table. A view function that
    declares a parameter annotated ``navkit.Navigator`` receives it.
    """

    __navkit_inject__ = True  # see navkit.routing.signature.INJECT_MARKER

    # -- what is shown -------------------------------------------------

    @property
    def page(self) -> Any:
        """The ``ft.Page`` this navigator drives (for dialogs, overlays...)."""
        return self._surface.page

    @property
    def current(self) -> Match | None:
        """The match of the top level shown (None when the address is not found)."""
        levels = self._shown_now.levels
        return levels[-1].match if levels else None

    @property
    def address(self) -> str:
        """The address shown (what ``page.route`` holds)."""
        return self._shown_now.address

    @property
    def stack(self) -> tuple[Level, ...]:
        """The levels shown, bottom first."""
        return self._shown_now.levels

    @property
    def history(self) -> HistoryState:
        """The history's entries and the current position."""
        return self._history.state

    @property
    def can_pop(self) -> bool:
        """True when there is a view beneath the top one shown."""
        return len(self._shown_now.levels) > 1

    @property
    def branch(self) -> Place | None:
        """The shell branch shown: its destination is the selected one (None: no shell)."""
        return place_of(self.router, self._shown_now.levels)

    @property
    def in_flight(self) -> InFlight | None:
        """The navigation started and not finished, if any (views being built see it here)."""
        return self._flight

    @property
    def surface(self) -> Surface:
        """The surface this navigator shows on (the binding's ``PageSurface``)."""
        return self._surface

    @property
    def task(self) -> asyncio.Task[Any] | None:
        """The task finishing the navigation in flight (None when it needs none)."""
        return self._task

    def on_leave(self, check: LeaveCheck) -> None:
        """Ask ``check`` before any navigation removes the view being built.

        Call it from a view function, e.g. for a form with unsaved changes.
        ``check`` is called with the :class:`~navkit.Navigation` (sync or
        async -- it may show a "Discard changes?" dialog and await the
        answer) and returns ``False`` to stay. It covers ``go``, back,
        ``pop``, refresh, the AppBar back arrow and the browser's Back:
        where the browser has moved already, navkit puts the address back.
        """
        if self._collecting is not None:
            self._collecting[2][self._collecting[1]] = check
        elif self._shown is not None:
            self._leave_checks[self._shown.levels[-1].address] = check

    def href(self, target: str, /, **values: Any) -> str:
        """The address a browser shows for a target (``/app/store/42``, ``/#/store/42``)."""
        return self.strategy.href(self.resolve(target, values))

    # -- navigating ------------------------------------------------------

    def go(self, target: str, /, **values: Any) -> None:
        """Navigate to ``target``, adding a history entry.

        The address shown already adds nothing (as in Flet; see
        :meth:`refresh`), but still overtakes a navigation in flight.

        Args:
            target: A path (``"/store/42"``) -- ``values`` become its query
                string -- or an endpoint, built with ``url_for(target, **values)``.

        Raises:
            AddressError: ``target`` is a path outside the app (``//host``).
            BuildError: ``target`` is an endpoint ``url_for`` cannot build.
        """
        self._begin(self.resolve(target, values), Source.GO)

    async def push_for_result(self, target: str, /, **values: Any) -> Any:
        """Push ``target`` and wait until it is closed; what it returned, or None.

        The pushed view returns a value with ``nav.pop(result=...)``. Closed
        any other way -- the AppBar back arrow, the browser's Back, a
        navigation elsewhere -- or refused by a guard, it gives ``None``.
        """
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        address = self.resolve(target, values)
        if address == self.address:
            self._overtake(successor=False)
            return None
        self._begin(address, Source.GO, waiter=future)
        return await future

    def open_url(self, url: str) -> bool:
        """Go to the route a full URL or mobile deep link addresses.

        ``https://host/app/#/store/42?x=1`` and ``myapp://host/store/42`` both
        go to ``/store/42...`` (see :meth:`UrlStrategy.route_from_url`).

        Returns:
            False (nothing happens) for a URL outside the app's base path.
        """
        route = self.strategy.route_from_url(url)
        if route is None:
            return False
        self.go(route)
        return True

    def replace(self, target: str, /, **values: Any) -> None:
        """Like :meth:`go`, in place of the current history entry."""
        self._begin(self.resolve(target, values), Source.REPLACE)

    def back(self) -> bool:
        """Go to the previous history entry; False when there is none (or a guard says no)."""
        state = self._history.state
        if not state.can_back:
            return False
        return self._begin(state.entries[state.index - 1], Source.BACK)

    def forward(self) -> bool:
        """Go to the next history entry; False when there is none (or a guard says no)."""
        state = self._history.state
        if not state.can_forward:
            return False
        return self._begin(state.entries[state.index + 1], Source.FORWARD)

    def pop(self, result: Any = None) -> bool:
        """Close the top view shown and show the one beneath; False when it is the last.

        Args:
            result: Given to whoever opened the view with :meth:`push_for_result`.
        """
        levels = self._shown_now.levels
        if len(levels) < 2:
            return False
        return self._begin(levels[-2].address, Source.POP, result=result)

    def pop_until(self, target: str, /, **values: Any) -> bool:
        """Close views until the one for ``target`` (a path or endpoint) is on top.

        Returns:
            False (and nothing changes) when no view beneath matches.
        """
        levels = self._shown_now.levels
        for index in range(len(levels) - 2, -1, -1):
            if _level_is(levels[index], target, values):
                return self._begin(levels[index].address, Source.POP)
        return False

    def switch_branch(self, index: int) -> bool:
        """Show the shell's destination ``index``, as the user picking it in the bar does.

        Another branch shows its stack as the user left it (its root with
        ``keep_state=False``, or when it was never shown): a navigation with
        a history entry, so Back returns. The branch shown is popped to its
        root (Material's reselect), as the back arrow would pop it.

        Returns:
            False when no shell is shown, ``index`` is not a destination, or
            a guard refuses at once.
        """
        place = self.branch
        if place is None or not 0 <= index < len(place.shell.branches):
            return False
        if index == place.index:
            if self._flight is not None:
                # The bar showed the tab being opened: this tap takes the
                # user back to the tab shown, as it is.
                self._overtake(successor=False)
                return True
            bottom = self._shown_now.levels[0]
            # The bottom is the root, unless a guard's error took its place.
            root = bottom.address if place.opens_at(bottom.path) else place.root
            return root == self.address or self._begin(root, Source.POP)
        return self._begin(self._branch_address(place, index), Source.GO)

    def _branch_address(self, place: Place, index: int) -> str:
        """Where the destination ``index`` of ``place``'s shell opens now."""
        target = next(
            other for other in self.router.places if other.beside(place) and other.index == index
        )
        parked = self._stacks.parked.get(target)
        if parked is not None and parked.levels:
            return parked.levels[-1].address
        return self._tops.get(target, target.root)

    def refresh(self) -> None:
        """Rebuild every view of the current address (Flet drops same-route events).

        Guards and leave checks are asked again: what was allowed may not be any more.
        """
        self._begin(self._shown_now.address, Source.REFRESH, keep=0)

    # -- entry points for the binding -------------------------------------

    def start(self, address: str) -> None:
        """Show the address the page opened with (a deep link arrives this way)."""
        self._begin(address, Source.DEEP_LINK)

    def restored(self, tab: HistoryState) -> bool:
        """The client's history, read back from it: a new session continues the tab's.

        ``tab`` is what the browser tab holds, its entry shown being the one
        this page opened at. The history becomes the tab's, with what this
        page recorded since on top; nothing is shown anew (the page shows
        that entry already, its guards asked), and the shell's other
        branches open where the tab left them.

        Returns:
            False (nothing changes) when this page recorded moves it cannot
            place among the tab's entries.
        """
        history = joined(tab, self._history.state)
        if history is None:
            return False
        self._history.restore(history)
        place = self.branch
        if place is not None:
            earlier = history.entries[: history.index]
            self._tops = branch_tops(self.router, earlier, place)
        return True

    def route_changed(self, address: str, *, unsent: int = 0) -> None:
        """A route change the app did not start: browser Back, Forward or a typed address.

        Args:
            address: Where the browser is.
            unsent: navkit's last pushes the browser will never carry out
                (it was moved to their address first): the history forgets them.
        """
        self._history.forget(unsent)
        # The browser has moved already (a route change for the entry it
        # shows is no move: Flet sends none, but a reconnect may).
        move = self._history.observe(address) if address != self._history.current else Move.NEW
        if self._shown is not None and address == self._shown.address:
            self._overtake(
                successor=False
            )  # back where the page is: a pending navigation gives way
            return
        self._begin(address, _BROWSER_SOURCES[move])

    def browser_moved(self, address: str, by: int, *, unsent: int = 0) -> None:
        """The browser's Back or Forward moved ``by`` entries to ``address`` (known exactly).

        With navkit's history script in the page, the browser says how far
        it moved, so the A, B, A case needs no guess. ``unsent``: as for
        :meth:`route_changed`.
        """
        self._history.forget(unsent)
        self._history.moved(by, address)
        if self._shown is not None and address == self._shown.address:
            self._overtake(
                successor=False
            )  # back where the page is: a pending navigation gives way
            return
        source = Source.BROWSER_BACK if by < 0 else Source.BROWSER_FORWARD
        self._begin(address, source, moved_by=by)

    def reconnected(self, route: str, lost: int) -> None:
        """The client came back after losing its connection; it shows ``route``.

        Flet keeps the session and sends the client the whole page, but the
        client keeps its own address, and what navkit showed meanwhile
        never reached it. As Flet intends (it sends a route change for the
        client's address), the client's address wins: the page shows
        ``route`` again, and the history forgets the ``lost`` entries the
        browser never got.
        """
        self._history.forget(lost)
        if self._shown is not None and route == self._shown.address:
            return  # nothing was lost; a navigation still loading goes on
        if self._history.state.current != route:
            self._history.observe(route)
        self._begin(route, Source.RECONNECT)

    def client_settled(self, route: str) -> None:
        """The last move navkit sent has reached the client, which shows ``route``.

        Usually ``route`` is the address shown. But within one round trip a
        click's push and the browser's Forward may cross: the page follows
        the Forward, then the push lands and the address bar shows the
        clicked page. The browser's entry is then rewritten to the address
        the page shows -- when a browser move in flight lands, if one is
        (a later Back or Forward reports exactly where the browser is, and
        the history follows it).
        """
        flight, shown = self._flight, self._shown
        if flight is not None:
            if flight.source.browser_moved and route != flight.address:
                self._strayed = True
            return  # any other navigation moves the client when it lands
        if shown is not None and route != shown.address:
            self._surface.move_client(self._history.landed_late(shown.address))

    def view_popped(self, route: str, *, closed: bool = True) -> None:
        """The user closed the top view shown (AppBar back, Android back, iOS swipe).

        Args:
            route: The closed view's route.
            closed: False when the client asked first and still shows the
                view (``can_pop=False``): a refusal then changes nothing.
        """
        levels = self._shown_now.levels
        if all(level.address != route for level in levels):
            return  # closed already (e.g. by a confirmed pop): nothing to do
        index = next(i for i in range(len(levels) - 1, -1, -1) if levels[i].address == route)
        # Android back with a modal route open pops the view beneath the
        # dialog, and the dialog with it (Flet 1.0.5's _handleSystemPopRoute):
        # the modal levels above it close too.
        above_are_modal = all(_is_modal(level) for level in levels[index + 1 :])
        place = place_of(self.router, levels) if index == 0 else None
        if place is not None and place.index > 0:
            # Android back at a branch's root goes to the first branch.
            first = self._branch_address(place, 0)
            self._begin(first, Source.VIEW_POP, reshow_on_refusal=closed)
            return
        if place is not None and not closed:
            return  # the first branch's root: the client asked, and it stays
        if index == 0 or not above_are_modal:
            # A pop for a view that is not on top (a stale event): show the
            # current stack again so the client and Python agree.
            self._begin(self._shown_now.address, Source.REFRESH, keep=0, levels=levels)
            return
        self._begin(levels[index - 1].address, Source.VIEW_POP, reshow_on_refusal=closed)

    def close(self) -> None:
        """The page closed: the navigation in flight stops; whoever waits gets None."""
        self._overtake(successor=True)
        for waiting in self._results.values():
            settle(waiting, None)
        self._results.clear()


def _is_modal(level: Level) -> bool:
    return level.match is not None and level.match.route.options.get("modal") is not None


def _level_is(level: Level, target: str, values: dict[str, Any]) -> bool:
    if target.startswith("/"):
        return level.path == path_of(target) or level.address == target
    match = level.match
    if match is None or match.endpoint != target:
        return False
    return all(match.params.get(name) == value for name, value in values.items())
