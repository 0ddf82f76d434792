"""The values a navigation is made of: what started it, its levels, what is shown.

Every one is immutable. What is shown (:class:`Shown`) and what is in flight
(:class:`InFlight`) are two separate values: a navigation that has not
finished changes nothing a reader of the navigator sees. Nothing here
touches Flet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, TypeAlias

from navkit.errors import HTTPError
from navkit.routing.location import Location, parse_query, path_of
from navkit.routing.options import merged_meta
from navkit.routing.routes import Match

__all__ = [
    "ClientMove",
    "FailedLevel",
    "FoundLevel",
    "InFlight",
    "Level",
    "Matched",
    "Navigation",
    "Shown",
    "Source",
]


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

    @property
    def browser_moved(self) -> bool:
        """True when the client shows the new address already (it started the move)."""
        return self in _CLIENT_FIRST


_CLIENT_FIRST = frozenset(
    {Source.BROWSER_BACK, Source.BROWSER_FORWARD, Source.BROWSER_NEW, Source.RECONNECT}
)


class _AtAddress:
    """What every level has: its address, and the path and modal read from it."""

    __slots__ = ()
    address: str
    match: Match | None

    @property
    def path(self) -> str:
        """The address without query or fragment."""
        return path_of(self.address)

    @property
    def modal(self) -> bool:
        """True when the level opens as a dialog or sheet over the one beneath."""
        return self.match is not None and self.match.route.options.modal is not None


@dataclass(frozen=True, slots=True)
class FoundLevel(_AtAddress):
    """One view of the stack that a route matched, showing the route's view.

    Attributes:
        address: The view's address. The top level's is the whole address
            navigated to; a level beneath keeps the address it was shown at
            (its query too) when it stays on the stack, and is its path when
            the stack was built from a deep link. Flutter keys views by it
            and back navigation targets it.
        match: What matched the address.
    """

    address: str
    match: Match

    @property
    def error(self) -> None:
        """None: a found level shows its view (a :class:`FailedLevel` shows an error)."""
        return None


@dataclass(frozen=True, slots=True)
class FailedLevel(_AtAddress):
    """One view of the stack showing an error instead of a route's view.

    Attributes:
        address: The view's address (as :attr:`FoundLevel.address`).
        error: What is shown: a 404 where no route matches, a guard's
            abort, a failed view or loader, a redirect loop.
        match: What matched the address; None for a not-found level.
    """

    address: str
    # Errors are never reused, so not compared.
    error: HTTPError = field(compare=False)
    match: Match | None = None


# One view of the stack: found (a route's view) or failed (an error shown).
Level: TypeAlias = FoundLevel | FailedLevel


@dataclass(frozen=True, slots=True)
class Matched:
    """One level of a navigation's stack that a route matched (Vue Router's ``to.matched``).

    Attributes:
        address: The level's address.
        endpoint: Its route's endpoint.
        params: Its converted path parameters.
        meta: Its route's own ``meta`` (not merged).
    """

    address: str
    endpoint: str
    params: Mapping[str, Any]
    meta: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Navigation:
    """A navigation a guard, a leave check or a view is asked about (an immutable value).

    Attributes:
        address: Where it goes (path, query).
        match: What matched there (None: not found).
        source: What started it (go, replace, deep link, browser back...).
        came_from: The address shown until now ("" on the first page).
        redirected_from: The addresses redirected on the way here, first first.
        levels: The stack it shows, bottom first (see :attr:`matched`).
        state: The object its history entry holds (``nav.go(..., state=...)``;
            Back and Forward give it back); None when there is none.
    """

    __navkit_inject__ = "Navigation"  # a view may ask for it (navkit.routing.signature)

    address: str
    match: Match | None
    source: Source
    came_from: str = ""
    redirected_from: tuple[str, ...] = field(default=())
    levels: tuple[Level, ...] = field(default=(), repr=False)
    state: Any = field(default=None, compare=False, repr=False)

    @property
    def matched(self) -> tuple[Matched, ...]:
        """Every level of the stack a route matched, bottom first (the target last)."""
        return tuple(
            Matched(
                level.address,
                level.match.endpoint,
                level.match.params,
                level.match.route.options.meta,
            )
            for level in self.levels
            if level.match is not None
        )

    @property
    def meta(self) -> Mapping[str, Any]:
        """The ``meta`` of the matched levels merged, parent to child (the target's wins)."""
        levels = self.levels or ((FoundLevel(self.address, self.match),) if self.match else ())
        return merged_meta(
            level.match.route.options.meta for level in levels if level.match is not None
        )

    @property
    def path(self) -> str:
        """The target's path, without the query."""
        return path_of(self.address)

    @property
    def endpoint(self) -> str | None:
        """The target's endpoint (None when not found)."""
        return self.match.endpoint if self.match is not None else None

    @property
    def params(self) -> Mapping[str, Any]:
        """The target's converted path parameters."""
        return self.match.params if self.match is not None else {}

    @property
    def query(self) -> list[tuple[str, str]]:
        """The target's query as ``(key, value)`` pairs ([] when malformed or not found)."""
        if self.match is not None:
            try:
                return self.match.query
            except (ValueError, HTTPError):  # Match.query says BadRequest
                return []
        try:
            return parse_query(Location.parse(self.address).query)
        except ValueError:
            return []


@dataclass(frozen=True, slots=True)
class Shown:
    """What the page shows: the address, its levels and its history entry's state.

    Only the navigator's finalize step makes a new one.
    """

    address: str
    levels: tuple[Level, ...]
    state: Any = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ClientMove:
    """What the client (a browser's history) must do to show what the page shows.

    Attributes:
        kind: ``"push"`` a new entry, ``"replace"`` the current one, or
            ``"go"`` back or forward ``by`` entries.
        address: The address the client shows afterwards.
        by: For ``"go"``: how many entries (negative: back).
        state: For ``"push"`` and ``"replace"``: the entry's state.
    """

    kind: Literal["push", "replace", "go"]
    address: str
    by: int = 0
    state: Any = None


@dataclass(frozen=True, slots=True)
class InFlight:
    """A navigation started and not finished (or already overtaken).

    Attributes:
        number: Its place in the page's sequence of navigations; a newer
            one makes it stale (it never lands).
        address: Where it was asked to go.
        source: What started it.
        came_from: The address shown when it started.
        result: For a pop: what is handed to whoever pushed the closed view.
        reshow_on_refusal: The client hid the top view already (AppBar back
            without asking first): if refused, show it again.
        moved_by: For a browser move known exactly: how many entries the
            browser moved (negative: back); None when not known.
        state: The state its history entry holds (see ``Navigation.state``).
        gave_state: ``state`` was given by the caller (``go(..., state=...)``),
            not taken from the history.
    """

    number: int
    address: str
    source: Source
    came_from: str
    result: Any = None
    reshow_on_refusal: bool = False
    moved_by: int | None = None
    state: Any = None
    gave_state: bool = True
