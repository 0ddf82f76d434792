"""The per-page navigator: go, back, pop, and what is shown -- the user's API.

It holds the page's :class:`~navkit.navigation.machine.NavigationMachine`
(composition: the machine runs the pipeline; the binding's entry points
are :class:`~navkit.navigation.inbound.Inbound`'s, not this class's). Every
reader here sees what is shown, never a navigation in flight (that is
:attr:`Navigator.in_flight`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from navkit.navigation.branches import ViewStack, opens_now
from navkit.navigation.history import HistoryState
from navkit.navigation.machine import DEFAULT_GUARD_TIMEOUT, LeaveCheck, NavigationMachine
from navkit.navigation.outcomes import Landed, Pending, Refused
from navkit.navigation.stack import build_stack, place_of
from navkit.navigation.surface import Surface
from navkit.navigation.tracing import Tracer
from navkit.navigation.urls import UrlStrategy, resolve
from navkit.navigation.values import InFlight, Level, Source
from navkit.navigation.view_data import ViewData
from navkit.routing.location import path_of
from navkit.routing.query_update import with_query
from navkit.routing.routes import Match
from navkit.routing.shells import Place

__all__ = ["DEFAULT_GUARD_TIMEOUT", "Navigator"]

# No state given: the entry's state is the one it holds (see records.entry_state).
_UNGIVEN: Any = object()


class Navigator(ViewData):
    """Navigation for one page: go, back, pop, and what is shown.

    Create it with ``router.attach(page)``; every page (browser tab) has its
    own, and they share nothing but the router's table. A view function that
    declares a parameter annotated ``navkit.Navigator`` receives it.
    """

    __navkit_inject__ = "Navigator"  # see navkit.routing.signature.INJECT_MARKER

    def __init__(self, machine: NavigationMachine, router: Any = None) -> None:
        self._machine = machine
        self._router = router
        machine.navigator = self

    @property
    def router(self) -> Any:
        """The app's router (``url_for``, ``match``...); its table when attached to one."""
        return self._router if self._router is not None else self._machine.router

    @property
    def strategy(self) -> UrlStrategy:
        """How addresses are written in the browser (for :meth:`href`)."""
        return self._machine.strategy

    # -- what is shown -------------------------------------------------

    @property
    def page(self) -> Any:
        """The ``ft.Page`` this navigator drives (for dialogs, overlays...)."""
        return self._machine.surface.page

    @property
    def current(self) -> Match | None:
        """The match of the top level shown (None when the address is not found)."""
        levels = self._machine.shown_now.levels
        return levels[-1].match if levels else None

    @property
    def address(self) -> str:
        """The address shown (what ``page.route`` holds)."""
        return self._machine.shown_now.address

    @property
    def stack(self) -> tuple[Level, ...]:
        """The levels shown, bottom first."""
        return self._machine.shown_now.levels

    @property
    def history(self) -> HistoryState:
        """The history's entries and the current position."""
        return self._machine.history.state

    @property
    def state(self) -> Any:
        """The state of the history entry shown (``go(..., state=...)``); None: none."""
        shown = self._machine.shown
        return shown.state if shown is not None else None

    @property
    def can_pop(self) -> bool:
        """True when there is a view beneath the top one shown."""
        return len(self._machine.shown_now.levels) > 1

    @property
    def branch(self) -> Place | None:
        """The shell branch shown: its destination is the selected one (None: no shell)."""
        return place_of(self._machine.router, self._machine.shown_now.levels)

    @property
    def last_source(self) -> Source | None:
        """What started the last navigation that landed (None before the first)."""
        return self._machine.last_source

    @property
    def in_flight(self) -> InFlight | None:
        """The navigation started and not finished, if any (views being built see it here)."""
        return self._machine.flight

    @property
    def tracer(self) -> Tracer:
        """The page's last navigations (``tracer.traces``: source, address, outcome, time)."""
        return self._machine.tracer

    def view_loads(self) -> list[tuple[str, str, float | None]]:
        """The loaders' cache: address, ``loading``/``loaded``/``preloaded``, age in seconds."""
        return self._machine.loads.cached()

    def parked_stacks(self) -> dict[Place, ViewStack]:
        """The stacks of a shell's other branches, kept as the user left them."""
        return dict(self._machine.stacks.parked)

    @property
    def surface(self) -> Surface:
        """The surface this navigator shows on (the binding's ``PageSurface``)."""
        return self._machine.surface

    @property
    def task(self) -> asyncio.Task[Any] | None:
        """The task finishing the navigation in flight (None when it needs none)."""
        return self._machine.task

    def on_leave(self, check: LeaveCheck, *, at: str | None = None) -> None:
        """Ask ``check`` before any navigation removes the view being built.

        Call it from a view function, e.g. for a form with unsaved changes.
        ``check`` is called with the :class:`~navkit.Navigation` (sync or
        async -- it may show a "Discard changes?" dialog and await the
        answer) and returns ``False`` to stay. It covers ``go``, back,
        ``pop``, refresh, the AppBar back arrow and the browser's Back:
        where the browser has moved already, navkit puts the address back.
        Called outside a build, it belongs to the level at ``at`` (a level
        address; by default the top level shown).
        """
        shown = self._machine.shown
        top = shown.levels[-1].address if shown else None
        self._machine.leave_checks.add(check, top, at)

    def href(self, target: str, /, **values: Any) -> str:
        """The address a browser shows for a target (``/app/store/42``, ``/#/store/42``)."""
        return self.strategy.href(self._resolve(target, values))

    # -- navigating ------------------------------------------------------

    def go(
        self, target: str, /, *, refresh: bool = False, state: Any = _UNGIVEN, **values: Any
    ) -> Pending:
        """Navigate to ``target``, adding a history entry.

        The address shown already adds nothing (as in Flet; see
        :meth:`refresh`), but still overtakes a navigation in flight.

        Args:
            target: A path (``"/store/42"``) -- ``values`` become its query
                string -- or an endpoint, built with ``url_for(target, **values)``.
            refresh: Build every level of the target again, those it would
                keep too (their data changed): their leave checks are asked.
            state: An object for the next page, kept with its history entry
                (``Navigation.state``, :attr:`state`): Back and Forward give
                it back, and -- when the router's ``state_codec`` encodes it
                (JSON by default) -- the browser tab keeps it through a
                reload and a new session; otherwise the page sees None then.
                To the address shown, only the state changes (the top view
                is built again). ``refresh`` and ``state`` are never route values.

        Returns:
            Its pending outcome; ignore it, or ``await`` it for a
            :class:`~navkit.Landed`, :class:`~navkit.Failed`,
            :class:`~navkit.Refused` or :class:`~navkit.Cancelled`.

        Raises:
            AddressError: ``target`` is a path outside the app (``//host``).
            BuildError: ``target`` is an endpoint ``url_for`` cannot build.
        """
        return self._begin(self._resolve(target, values), Source.GO, refresh, state)

    async def push_for_result(self, target: str, /, *, state: Any = _UNGIVEN, **values: Any) -> Any:
        """Push ``target`` and wait until it is closed; what it returned, or None.

        The pushed view returns a value with ``nav.pop(result=...)``. Closed
        any other way -- the AppBar back arrow, the browser's Back, a
        navigation elsewhere -- or refused by a guard, it gives ``None``.
        ``state``: as for :meth:`go`.
        """
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        address = self._resolve(target, values)
        if address == self.address:
            self._machine.overtake(successor=False)
            return None
        given = {} if state is _UNGIVEN else {"state": state}
        self._machine.begin(address, Source.GO, waiter=future, **given)
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

    def update_query(self, *, replace: bool = False, **changes: Any) -> Pending:
        """Change some keys of the shown page's query and keep the others.

        On ``/notes?sort=title&page=2``, ``update_query(page=3)`` goes to
        ``/notes?sort=title&page=3``. A value of None -- or, for a view that
        takes its query as a dataclass, the field's default -- removes the
        key. Values are written as ``url_for`` writes them.

        Args:
            replace: In place of the current history entry (filters typed
                into a search field), instead of a new one (pagination).
            **changes: The keys to set.

        Returns:
            Its pending outcome (see :meth:`go`).

        Raises:
            BuildError: The page takes its query as a dataclass with no
                field of that name (a typo).
        """
        # From where the last navigation goes: two quick changes both count.
        flight = self._machine.flight
        base = flight.address if flight is not None else self.address
        match = self._machine.router.match(base)
        route = match.route if match is not None else None
        address = with_query(base, route, self._machine.router.converters, changes)
        state = flight.state if flight is not None else self.state  # the same page's
        return self._machine.begin(address, Source.REPLACE if replace else Source.GO, state=state)

    def replace(
        self, target: str, /, *, refresh: bool = False, state: Any = _UNGIVEN, **values: Any
    ) -> Pending:
        """Like :meth:`go`, in place of the current history entry (``state``: its new state)."""
        return self._begin(self._resolve(target, values), Source.REPLACE, refresh, state)

    def _begin(self, address: str, source: Source, refresh: bool, state: Any) -> Pending:
        """Start a go or replace; with ``refresh`` every level of the target is loaded anew."""
        given = {} if state is _UNGIVEN else {"state": state}
        if not refresh:
            return self._machine.begin(address, source, **given)
        renewed = {level.address for level in build_stack(self._machine.router, address)}
        self._machine.loads.drop(lambda level: level.address not in renewed)
        return self._machine.begin(address, source, keep=0, **given)

    def back(self) -> Pending:
        """Go to the previous history entry; false when there is none (or a guard says no).

        Returns:
            Its pending outcome (see :meth:`go`), false as ``back()`` was.
        """
        state = self._machine.history.state
        if not state.can_back:
            return self._nothing("no entry")
        return self._machine.begin(state.entries[state.index - 1], Source.BACK)

    def forward(self) -> Pending:
        """Go to the next history entry; false when there is none (or a guard says no)."""
        state = self._machine.history.state
        if not state.can_forward:
            return self._nothing("no entry")
        return self._machine.begin(state.entries[state.index + 1], Source.FORWARD)

    def pop(self, result: Any = None) -> Pending:
        """Close the top view shown and show the one beneath; false when it is the last.

        Args:
            result: Given to whoever opened the view with :meth:`push_for_result`.
        """
        levels = self._machine.shown_now.levels
        if len(levels) < 2:
            return self._nothing("no view beneath")
        return self._machine.begin(levels[-2].address, Source.POP, result=result)

    def pop_until(self, target: str, /, **values: Any) -> Pending:
        """Close views until the one for ``target`` (a path or endpoint) is on top.

        Returns:
            Its pending outcome; false (and nothing changes) when no view beneath matches.
        """
        levels = self._machine.shown_now.levels
        for index in range(len(levels) - 2, -1, -1):
            if _level_is(levels[index], target, values):
                return self._machine.begin(levels[index].address, Source.POP)
        return self._nothing("no view beneath")

    def switch_branch(self, index: int) -> Pending:
        """Show the shell's destination ``index``, as the user picking it in the bar does.

        Another branch shows its stack as the user left it (its root with
        ``keep_state=False``, or when it was never shown): a navigation with
        a history entry, so Back returns. The branch shown is popped to its
        root (Material's reselect), as the back arrow would pop it.

        Returns:
            Its pending outcome; false when no shell is shown, ``index`` is
            not a destination, or a guard refuses at once.
        """
        if self._machine.surface.in_loop(lambda: self.switch_branch(index)):
            return Pending()  # from another thread: it runs on the page's loop
        place = self.branch
        if place is None or not 0 <= index < len(place.shell.branches):
            return self._nothing("no such destination")
        if index == place.index:
            if self._machine.flight is not None:
                # The bar showed the tab being opened: this tap takes the
                # user back to the tab shown, as it is.
                self._machine.overtake(successor=False)
                return Pending(Landed(self.address))
            bottom = self._machine.shown_now.levels[0]
            # The bottom is the root, unless a guard's error took its place.
            root = bottom.address if place.opens_at(bottom.path) else place.root
            if root == self.address:
                return Pending(Landed(root))
            return self._machine.begin(root, Source.POP)
        machine = self._machine
        target = opens_now(machine.router, machine.stacks, machine.tops, place, index)
        return machine.begin(target, Source.GO)

    def _nothing(self, why: str) -> Pending:
        """Nothing started: a false pending, refused at once."""
        shown = self._machine.shown
        return Pending(Refused(shown.address if shown is not None else "", why))

    def _resolve(self, target: str, values: dict[str, Any]) -> str:
        return resolve(self._machine.router, target, values)


def _level_is(level: Level, target: str, values: dict[str, Any]) -> bool:
    if target.startswith("/"):
        return level.path == path_of(target) or level.address == target
    match = level.match
    if match is None or match.endpoint != target:
        return False
    return all(match.params.get(name) == value for name, value in values.items())
