"""The per-page navigator: history, current stack, and the navigation pipeline.

One navigation, whatever started it::

    target ─resolve─▶ address ─build_stack─▶ levels ─diff─▶ kept / entering
           ─surface.show─▶ views rebuilt for entering levels only, one update
           ─history─▶ entry recorded ─surface.push_url─▶ the client's URL

Nothing here imports Flet: the page is reached through a :class:`Surface`
(see :mod:`navkit.binding`), so the pipeline is tested without a page too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from navkit.building import encode_query
from navkit.decide import decide
from navkit.errors import Forbidden
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


_BROWSER_SOURCES = {
    Move.BACK: Source.BROWSER_BACK,
    Move.FORWARD: Source.BROWSER_FORWARD,
    Move.NEW: Source.BROWSER_NEW,
}


class Surface(Protocol):
    """What the navigator needs from the page it drives."""

    def show(self, levels: tuple[Level, ...], keep: int) -> None:
        """Show ``levels``: keep the first ``keep`` views, build the rest, update once."""

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
        self.last_source: Source | None = None

    # -- what is shown -------------------------------------------------

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

    def href(self, target: str, /, **values: Any) -> str:
        """The address a browser shows for a target (``/app/store/42``, ``/#/store/42``)."""
        return self.strategy.href(self.resolve(target, values))

    # -- navigating ------------------------------------------------------

    def go(self, target: str, /, **values: Any) -> None:
        """Navigate to ``target``, adding a history entry.

        Args:
            target: A path (``"/store/42"``) -- ``values`` become its query
                string -- or an endpoint, built with ``url_for(target, **values)``.
        """
        address = self.resolve(target, values)
        if address == self.address:
            return  # as in Flet: the current route again does nothing (see refresh())
        self._push(self._navigate(address, Source.GO))

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
        final = self._navigate(address, Source.REPLACE)
        if final is not None and final != shown:
            self._history.replace(final)
            self._surface.push_url(final)

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

    def _step(self, address: str, source: Source, move: Callable[[], object]) -> bool:
        final = self._navigate(address, source)
        if final is None:
            return False
        if final == address:
            move()
        else:
            self._history.push(final)  # redirected: the entry is where it landed
        self._surface.push_url(final)
        return True

    def pop(self) -> bool:
        """Close the top view and show the one beneath; False when it is the last."""
        return self._pop_to(len(self._entry.levels) - 2, Source.POP)

    def pop_until(self, target: str, /, **values: Any) -> bool:
        """Close views until the one for ``target`` (a path or endpoint) is on top.

        Returns:
            False (and nothing changes) when no view beneath matches.
        """
        levels = self._entry.levels
        for index in range(len(levels) - 2, -1, -1):
            if _level_is(levels[index], target, values, self.router):
                return self._pop_to(index, Source.POP)
        return False

    def refresh(self) -> None:
        """Rebuild every view of the current address (Flet drops same-route events).

        Guards are asked again: what was allowed may not be any more.
        """
        self._push(self._navigate(self._entry.address, Source.REFRESH, keep_nothing=True))

    # -- entry points for the binding -------------------------------------

    def start(self, address: str) -> None:
        """Show the address the page opened with (a deep link arrives this way)."""
        final = self._navigate(address, Source.DEEP_LINK)
        if final is None:
            # A guard said "stay", but there is nowhere to stay: refuse visibly.
            top = build_stack(self.router, address)[-1]
            forbidden = Forbidden(path=_path(address))
            self._show(address, (Level(top.address, top.match, forbidden),), Source.DEEP_LINK)
        elif final != address:
            self._history.replace(final)
            self._surface.push_url(final)

    def route_changed(self, address: str) -> None:
        """A route change the app did not start: browser Back, Forward or a typed address."""
        if self._shown is not None and address == self._shown.address:
            return
        shown = self.address
        move = self._history.observe(address)  # the browser has moved already
        final = self._navigate(address, _BROWSER_SOURCES[move])
        if final is None:
            final = shown  # refused: put the address back (a new browser entry)
        if final != address:
            self._history.push(final)
            self._surface.push_url(final)

    def view_popped(self, route: str) -> None:
        """The client closed the top view (AppBar back, Android back, iOS swipe)."""
        levels = self._entry.levels
        if len(levels) < 2 or levels[-1].address != route:
            # A pop for a view that is not on top (a stale event): show the
            # current stack again so the client and Python agree.
            self._surface.show(levels, keep=0)
            return
        if not self._pop_to(len(levels) - 2, Source.VIEW_POP):
            # Refused: the client has hidden the top view already; a new one
            # brings it back.
            self._surface.show(self._entry.levels, keep=len(self._entry.levels) - 1)

    # -- the pipeline ----------------------------------------------------

    def resolve(self, target: str, values: dict[str, Any]) -> str:
        """The address for a path or an endpoint with values."""
        if target.startswith("/"):
            if not values:
                return target
            query = encode_query(values.items(), None, self.router.converters)
            separator = "&" if "?" in target else "?"
            return f"{target}{separator}{query}" if query else target
        return self.router.url_for(target, **values)

    def _pop_to(self, index: int, source: Source) -> bool:
        if index < 0:
            return False
        address = self._entry.levels[index].address
        final = self._navigate(address, source)
        if final is None:
            return False
        if final == address:
            self._history.pop_to(address)
        else:
            self._history.push(final)
        self._surface.push_url(final)
        return True

    def _push(self, final: str | None) -> None:
        """Record a navigation that landed on ``final`` as a new entry."""
        if final is None or final == self._history.state.current:
            return
        self._history.push(final)
        self._surface.push_url(final)

    def _navigate(self, address: str, source: Source, *, keep_nothing: bool = False) -> str | None:
        """Decide, then show. The address shown in the end, or None when refused."""
        decided = decide(
            self.router,
            address,
            source,
            shown=self._shown.levels if self._shown is not None else (),
            came_from=self._shown.address if self._shown is not None else "",
            resolve=self.resolve,
        )
        if decided is None:
            return None
        final, levels = decided
        if keep_nothing:
            self._shown = None
        self._show(final, levels, source)
        return final

    def _show(self, address: str, levels: tuple[Level, ...], source: Source) -> None:
        keep = 0
        if self._shown is not None:
            for old, new in zip(self._shown.levels, levels, strict=False):
                if old != new or new.error is not None:
                    break
                keep += 1
        self.last_source = source
        # View functions called while showing see where they are going.
        self._shown = Entry(address, levels)
        self._surface.show(levels, keep)

    @property
    def _entry(self) -> Entry:
        if self._shown is None:
            raise RuntimeError("the navigator has not shown anything yet: call start()")
        return self._shown


def _path(address: str) -> str:
    return address.partition("#")[0].partition("?")[0] or "/"


def _level_is(level: Level, target: str, values: dict[str, Any], router: Router) -> bool:
    if target.startswith("/"):
        return level.path == target.partition("?")[0] or level.address == target
    match = level.match
    if match is None or match.endpoint != target:
        return False
    return all(match.params.get(name) == value for name, value in values.items())
