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
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol

from navkit.building import encode_query
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
        self._navigate(address, Source.GO)
        self._history.push(address)
        self._surface.push_url(address)

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
        self._navigate(address, Source.REPLACE)
        self._history.replace(address)
        self._surface.push_url(address)

    def back(self) -> bool:
        """Go to the previous history entry; False when there is none."""
        return self._step(self._history.back(), Source.BACK)

    def forward(self) -> bool:
        """Go to the next history entry; False when there is none."""
        return self._step(self._history.forward(), Source.FORWARD)

    def _step(self, address: str | None, source: Source) -> bool:
        if address is None:
            return False
        self._navigate(address, source)
        self._surface.push_url(address)
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
        """Rebuild every view of the current address (Flet drops same-route events)."""
        entry = self._entry
        self.last_source = Source.REFRESH
        self._surface.show(entry.levels, keep=0)

    # -- entry points for the binding -------------------------------------

    def start(self, address: str) -> None:
        """Show the address the page opened with (a deep link arrives this way)."""
        self._navigate(address, Source.DEEP_LINK)

    def route_changed(self, address: str) -> None:
        """A route change the app did not start: browser Back, Forward or a typed address."""
        if self._shown is not None and address == self._shown.address:
            return
        move = self._history.observe(address)
        self._navigate(address, _BROWSER_SOURCES[move])

    def view_popped(self, route: str) -> None:
        """The client closed the top view (AppBar back, Android back, iOS swipe)."""
        levels = self._entry.levels
        if len(levels) < 2 or levels[-1].address != route:
            # A pop for a view that is not on top (a stale event): show the
            # current stack again so the client and Python agree.
            self._surface.show(levels, keep=0)
            return
        self._pop_to(len(levels) - 2, Source.VIEW_POP)

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
        self._navigate(address, source)
        self._history.pop_to(address)
        self._surface.push_url(address)
        return True

    def _navigate(self, address: str, source: Source) -> None:
        levels = build_stack(self.router, address)
        keep = 0
        if self._shown is not None:
            for old, new in zip(self._shown.levels, levels, strict=False):
                if old != new:
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


def _level_is(level: Level, target: str, values: dict[str, Any], router: Router) -> bool:
    if target.startswith("/"):
        return level.path == target.partition("?")[0] or level.address == target
    match = level.match
    if match is None or match.endpoint != target:
        return False
    return all(match.params.get(name) == value for name, value in values.items())
