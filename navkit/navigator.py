"""The per-page navigator: history, current stack, and the navigation pipeline.

One navigation, whatever started it::

    target ─resolve─▶ address ─build_stack─▶ levels ─diff─▶ kept / entering
           ─surface.show─▶ views rebuilt for entering levels only, one update
           ─history─▶ entry recorded ─surface.push_url─▶ the client's URL

Nothing here imports Flet: the page is reached through a :class:`Surface`
(see :mod:`navkit.binding`), so the pipeline is tested without a page too.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from navkit.asyncsteps import start
from navkit.building import encode_query
from navkit.decide import decide
from navkit.errors import AddressError, Forbidden
from navkit.guards import Navigation, is_app_address
from navkit.history import History, HistoryState, Move
from navkit.routes import Match
from navkit.stack import Level, build_stack
from navkit.urls import UrlStrategy

if TYPE_CHECKING:
    from navkit.router import Router

__all__ = ["Navigator", "Source", "Surface"]

log = logging.getLogger("navkit")


class Source(Enum):
    """What started a navigation."""

    DEEP_LINK = "deep_link"  # the address the page opened with
    GO = "go"
    REPLACE = "replace"
    BACK = "back"  # Navigator.back()
    FORWARD = "forward"  # Navigator.forward()
    POP = "pop"  # Navigator.pop() / pop_until()
    VIEW_POP = "view_pop"  # AppBar back, Android back, iOS swipe
    BROWSER_BACK = "browser_back"
    BROWSER_FORWARD = "browser_forward"
    BROWSER_NEW = "browser_new"  # an address typed or followed in the browser
    REFRESH = "refresh"
    RECONNECT = "reconnect"  # the client came back showing another address


_BROWSER_SOURCES = {
    Move.BACK: Source.BROWSER_BACK,
    Move.FORWARD: Source.BROWSER_FORWARD,
    Move.NEW: Source.BROWSER_NEW,
}


class Surface(Protocol):
    """What the navigator needs from the page it drives."""

    @property
    def page(self) -> Any:
        """The ``ft.Page`` shown on."""

    async def build(self, level: Level) -> Any:
        """The view for one level (awaiting async view functions); never raises."""

    def commit(self, levels: tuple[Level, ...], keep: int, views: list[Any]) -> None:
        """Show ``levels``: the first ``keep`` views kept, ``views`` for the rest; one update."""

    def pending(self, task: asyncio.Task[Any]) -> None:
        """A navigation is waiting for ``task``: show that, if it takes a while."""

    def reshow_top(self) -> None:
        """Show the top view or modal again, the same object (the client closed it)."""

    def push_url(self, address: str) -> None:
        """Tell the client the address now shown (a browser adds an entry)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """What the page shows: the address and its levels (an immutable value)."""

    address: str
    levels: tuple[Level, ...]


class Navigator:
    """Navigation for one page: go, back, pop, and what is shown.

    Create it with ``router.attach(page)``; every page (browser tab) has its
    own, and they share nothing but the router's table. A view function that
    declares a parameter annotated ``navkit.Navigator`` receives it.
    """

    __navkit_inject__ = True  # see navkit.signature.INJECT_MARKER

    def __init__(
        self,
        router: Router,
        surface: Surface,
        history: History,
        strategy: UrlStrategy,
    ) -> None:
        self.router = router
        self.strategy = strategy
        self._surface = surface
        self._history = history
        self._shown: Entry | None = None
        self._building: Entry | None = None  # what views being built see
        self._generation = 0  # bumped by every navigation; the stale ones stop
        self._task: asyncio.Task[Any] | None = None
        self.last_source: Source | None = None
        # Leave checks by level address (Navigator.on_leave), and where the
        # views being built register theirs.
        self._leave_checks: dict[str, Callable[[Navigation], Any]] = {}
        self._building_level: str | None = None
        self._registering: dict[str, Callable[[Navigation], Any]] | None = None
        # push_for_result callers waiting, by the address of the view they pushed.
        self._results: dict[str, asyncio.Future[Any]] = {}

    # -- what is shown -------------------------------------------------

    @property
    def page(self) -> Any:
        """The ``ft.Page`` this navigator drives (for dialogs, overlays...)."""
        return self._surface.page

    @property
    def current(self) -> Match | None:
        """The match of the top level (None when the address is not found)."""
        return self._entry.levels[-1].match

    @property
    def address(self) -> str:
        """The address shown (what ``page.route`` holds)."""
        return self._entry.address

    @property
    def stack(self) -> tuple[Level, ...]:
        """The levels shown, bottom first."""
        return self._entry.levels

    @property
    def history(self) -> HistoryState:
        """The history's entries and the current position."""
        return self._history.state

    @property
    def can_pop(self) -> bool:
        """True when there is a view beneath the top one."""
        return len(self._entry.levels) > 1

    def on_leave(self, check: Callable[[Navigation], Any]) -> None:
        """Ask ``check`` before any navigation removes the view being built.

        Call it from a view function, e.g. for a form with unsaved changes.
        ``check`` is called with the :class:`~navkit.Navigation` (sync or
        async -- it may show a "Discard changes?" dialog and await the
        answer) and returns ``False`` to stay. It covers ``go``, back,
        ``pop``, the AppBar back arrow and the browser's Back: where the
        browser has moved already, navkit puts the address back.
        """
        if self._registering is not None and self._building_level is not None:
            self._registering[self._building_level] = check
        elif self._shown is not None:
            self._leave_checks[self._shown.address] = check

    def refusable_pops(self) -> set[str]:
        """The addresses of the shown levels whose closing might be refused.

        A level's is when it registered an :meth:`on_leave` check, or when
        guards are asked before entering the level beneath it. Such a view
        must not be popped by the client on its own (see ``PageSurface``).
        """
        refusable = set(self._leave_checks)
        for below, level in itertools.pairwise(self._entry.levels):
            route = below.match.route if below.match is not None else None
            if self.router.guards if route is None else self.router.guards_for(route):
                refusable.add(level.address)
        return refusable

    def href(self, target: str, /, **values: Any) -> str:
        """The address a browser shows for a target (``/app/store/42``, ``/#/store/42``)."""
        return self.strategy.href(self.resolve(target, values))

    # -- navigating ------------------------------------------------------

    def go(self, target: str, /, **values: Any) -> None:
        """Navigate to ``target``, adding a history entry.

        Args:
            target: A path (``"/store/42"``) -- ``values`` become its query
                string -- or an endpoint, built with ``url_for(target, **values)``.

        Raises:
            AddressError: ``target`` is a path outside the app (``//host``).
            BuildError: ``target`` is an endpoint ``url_for`` cannot build.
        """
        address = self.resolve(target, values)
        if address == self.address:
            return  # as in Flet: the current route again does nothing (see refresh())
        self._begin(address, Source.GO, self._push)

    async def push_for_result(self, target: str, /, **values: Any) -> Any:
        """Push ``target`` and wait until it is closed; what it returned, or None.

        The pushed view returns a value with ``nav.pop(result=...)``. Closed
        any other way -- the AppBar back arrow, the browser's Back, a
        navigation elsewhere -- or refused by a guard, it gives ``None``.
        """
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        address = self.resolve(target, values)
        if address == self.address:
            return None

        def landed(final: str | None) -> None:
            if final is None:
                _settle(future, None)
                return
            self._results[final] = future
            self._push(final)

        self._begin(address, Source.GO, landed)
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
        """Like :meth:`go`, in place of the current history entry.

        In a browser Flet cannot replace an entry, so one is added (see README).
        """
        address = self.resolve(target, values)
        if address == self.address:
            return
        shown = self.address

        def landed(final: str | None) -> None:
            if final is not None and final != shown:
                self._history.replace(final)
                self._surface.push_url(final)

        self._begin(address, Source.REPLACE, landed)

    def back(self) -> bool:
        """Go to the previous history entry; False when there is none (or a guard says no)."""
        state = self._history.state
        if not state.can_back:
            return False
        return self._step(state.entries[state.index - 1], Source.BACK, self._history.back)

    def forward(self) -> bool:
        """Go to the next history entry; False when there is none (or a guard says no)."""
        state = self._history.state
        if not state.can_forward:
            return False
        return self._step(state.entries[state.index + 1], Source.FORWARD, self._history.forward)

    def pop(self, result: Any = None) -> bool:
        """Close the top view and show the one beneath; False when it is the last.

        Args:
            result: Given to whoever opened the view with :meth:`push_for_result`.
        """
        return self._pop_to(len(self._entry.levels) - 2, Source.POP, result)

    def pop_until(self, target: str, /, **values: Any) -> bool:
        """Close views until the one for ``target`` (a path or endpoint) is on top.

        Returns:
            False (and nothing changes) when no view beneath matches.
        """
        levels = self._entry.levels
        for index in range(len(levels) - 2, -1, -1):
            if _level_is(levels[index], target, values):
                return self._pop_to(index, Source.POP)
        return False

    def refresh(self) -> None:
        """Rebuild every view of the current address (Flet drops same-route events).

        Guards are asked again: what was allowed may not be any more.
        """
        self._begin(self._entry.address, Source.REFRESH, self._push, keep=0)

    # -- entry points for the binding -------------------------------------

    def start(self, address: str) -> None:
        """Show the address the page opened with (a deep link arrives this way)."""

        def landed(final: str | None) -> None:
            if final is not None and final != address:
                self._history.replace(final)
                self._surface.push_url(final)

        self._begin(address, Source.DEEP_LINK, landed)

    def route_changed(self, address: str) -> None:
        """A route change the app did not start: browser Back, Forward or a typed address."""
        if self._shown is not None and address == self._shown.address:
            return
        shown = self.address
        move = self._history.observe(address)  # the browser has moved already
        self._begin(address, _BROWSER_SOURCES[move], self._client_moved(address, shown))

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
        shown = self.address
        if self._history.state.current != route:
            self._history.observe(route)
        self._begin(route, Source.RECONNECT, self._client_moved(route, shown))

    def _client_moved(self, address: str, shown: str) -> Callable[[str | None], None]:
        """How to record a navigation the client made first (it shows ``address``)."""

        def landed(final: str | None) -> None:
            final = shown if final is None else final  # refused: put the address back
            if final != address:  # refused or redirected: the client must move again
                self._history.push(final)
                self._surface.push_url(final)

        return landed

    def view_popped(self, route: str, *, closed: bool = True) -> None:
        """The user closed the top view (AppBar back, Android back, iOS swipe).

        Args:
            route: The closed view's route.
            closed: False when the client asked first and still shows the
                view (``can_pop=False``): a refusal then changes nothing.
        """
        levels = self._entry.levels
        if all(level.address != route for level in levels):
            return  # closed already (e.g. by a confirmed pop): nothing to do
        if len(levels) < 2 or levels[-1].address != route:
            # A pop for a view that is not on top (a stale event): show the
            # current stack again so the client and Python agree.
            self._redisplay(keep=0)
            return
        # If refused (now, or later by an async check) after the client hid
        # the top view on its own, it must be shown again.
        refused = self._surface.reshow_top if closed else None
        self._pop_to(len(levels) - 2, Source.VIEW_POP, refused=refused)

    # -- the pipeline ----------------------------------------------------

    def resolve(self, target: str, values: dict[str, Any]) -> str:
        """The address for a path or an endpoint with values.

        Raises:
            AddressError: A path a browser would read as another host
                (``//host``, ``/\\host``) or with control characters.
            BuildError: ``url_for`` cannot build the endpoint's address.
        """
        if target.startswith("/"):
            if not is_app_address(target):
                raise AddressError(
                    f"refused to navigate to {target!r}: it is not a path in the app"
                )
            if not values:
                return target
            query = encode_query(values.items(), None, self.router.converters)
            separator = "&" if "?" in target else "?"
            return f"{target}{separator}{query}" if query else target
        return self.router.url_for(target, **values)

    def _step(self, address: str, source: Source, move: Callable[[], object]) -> bool:
        def landed(final: str | None) -> None:
            if final is None:
                return
            if final == address:
                move()
            elif final != self._history.state.current:
                self._history.push(final)  # redirected: the entry is where it landed
            self._surface.push_url(final)

        return self._begin(address, source, landed)

    def _pop_to(
        self,
        index: int,
        source: Source,
        result: Any = None,
        refused: Callable[[], None] | None = None,
    ) -> bool:
        if index < 0:
            return False
        address = self._entry.levels[index].address
        closing = self._entry.levels[-1].address

        def landed(final: str | None) -> None:
            if final is None:
                if refused is not None:
                    refused()
                return
            waiting = self._results.pop(closing, None)
            if waiting is not None:
                _settle(waiting, result)
            if final == address:
                self._history.pop_to(address)
            elif final != self._history.state.current:
                self._history.push(final)  # redirected elsewhere
            self._surface.push_url(final)

        return self._begin(address, source, landed)

    def _push(self, final: str | None) -> None:
        """Record a navigation that landed on ``final`` as a new entry."""
        if final is None or final == self._history.state.current:
            return
        self._history.push(final)
        self._surface.push_url(final)

    def _redisplay(self, keep: int) -> None:
        """Show the current levels again, rebuilding those from ``keep`` up."""
        entry = self._entry
        self._begin(
            entry.address, Source.REFRESH, lambda final: None, keep=keep, levels=entry.levels
        )

    def _begin(
        self,
        address: str,
        source: Source,
        landed: Callable[[str | None], None],
        *,
        keep: int | None = None,
        levels: tuple[Level, ...] | None = None,
    ) -> bool:
        """Start a navigation; the last one started wins.

        It runs synchronously unless an async guard or view suspends it;
        then it finishes in a task, and a navigation started meanwhile makes
        it stop at its next step (it never lands). ``landed`` records the
        outcome (the address shown, or None when refused).

        Returns:
            False when refused at once; True otherwise.
        """
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        run = self._run(address, source, self._generation, landed, keep, levels)
        started = start(run)
        if started.done:
            return bool(started.result)
        task = started.task
        if task is not None:
            self._task = task
            self._surface.pending(task)
        return True

    async def _run(
        self,
        address: str,
        source: Source,
        generation: int,
        landed: Callable[[str | None], None],
        keep: int | None,
        levels: tuple[Level, ...] | None,
    ) -> bool:
        final = address
        if levels is None:
            decided = await decide(
                self.router,
                address,
                source,
                shown=self._shown.levels if self._shown is not None else (),
                came_from=self._shown.address if self._shown is not None else "",
                resolve=self.resolve,
                leave_checks=self._leave_checks,
            )
            if generation != self._generation:
                return False  # a newer navigation started: this one never lands
            if decided is None:
                if self._shown is not None:
                    landed(None)
                    return False
                # Refused on the first page: there is nowhere to stay.
                top = build_stack(self.router, address)[-1]
                decided = address, (Level(top.address, top.match, Forbidden(path=top.path)),)
            final, levels = decided
        if keep is None:
            keep = _common(self._shown.levels if self._shown is not None else (), levels)
        # View functions called while building see where the navigation goes.
        self._building = Entry(final, levels)
        registered: dict[str, Callable[[Navigation], Any]] = {}
        views = []
        try:
            for level in levels[keep:]:
                self._building_level = level.address
                self._registering = registered
                views.append(await self._surface.build(level))
        finally:
            if generation == self._generation:
                self._building = self._building_level = self._registering = None
        if generation != self._generation:
            return False
        self.last_source = source
        kept = {level.address for level in levels[:keep]}
        self._leave_checks = {
            address: check for address, check in self._leave_checks.items() if address in kept
        } | registered
        self._shown = Entry(final, levels)
        self._surface.commit(levels, keep, views)
        landed(final)  # first: a pop(result=...) hands over its result
        self._close_results(levels)
        return True

    def _close_results(self, levels: tuple[Level, ...]) -> None:
        """Views closed without a result give None to whoever waits for them."""
        if not self._results:
            return
        shown = {level.address for level in levels}
        for address in [address for address in self._results if address not in shown]:
            _settle(self._results.pop(address), None)

    @property
    def _entry(self) -> Entry:
        entry = self._building or self._shown
        if entry is None:
            raise RuntimeError("the navigator has not shown anything yet: call start()")
        return entry


def _settle(future: asyncio.Future[Any], value: Any) -> None:
    if not future.done():
        future.set_result(value)


def _common(shown: tuple[Level, ...], levels: tuple[Level, ...]) -> int:
    """How many bottom levels two stacks share (error levels are never shared)."""
    keep = 0
    for old, new in zip(shown, levels, strict=False):
        if old != new or new.error is not None:
            break
        keep += 1
    return keep


def _path(address: str) -> str:
    return address.partition("#")[0].partition("?")[0] or "/"


def _level_is(level: Level, target: str, values: dict[str, Any]) -> bool:
    if target.startswith("/"):
        return level.path == target.partition("?")[0] or level.address == target
    match = level.match
    if match is None or match.endpoint != target:
        return False
    return all(match.params.get(name) == value for name, value in values.items())
