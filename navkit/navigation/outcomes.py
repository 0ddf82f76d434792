"""How a navigation ended, as a value, and the awaitable every navigating call returns.

``nav.go(...)`` starts a navigation and returns at once (it has shown the
page already when nothing in it is async). What it returns can be ignored,
as before; awaited, it gives one frozen outcome, as Vue Router's ``push``
resolves with a navigation failure or nothing:

* :class:`Landed` -- the page shows it (its address; the chain of
  redirects on the way, if any);
* :class:`Failed` -- it landed on an error view (not found, bad request, a
  view that raised): the error;
* :class:`Refused` -- a guard or leave check said no: which one; the page
  stays as it was;
* :class:`Cancelled` -- another navigation overtook it before it landed
  (which one), or the page closed.

Nothing here touches Flet or the machine: the machine settles a
:class:`Pending` once, and whoever awaits it hears the outcome.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from navkit.errors import HTTPError

__all__ = ["Cancelled", "Failed", "Landed", "NavigationOutcome", "Pending", "Refused"]


@dataclass(frozen=True, slots=True)
class Landed:
    """The navigation landed: the page shows ``address``.

    Attributes:
        address: The address shown.
        redirected_from: The addresses redirected from on the way, first
            first (empty: it went straight there).
    """

    address: str
    redirected_from: tuple[str, ...] = ()

    @property
    def redirected(self) -> bool:
        """True when a guard or route redirected it on the way."""
        return bool(self.redirected_from)


@dataclass(frozen=True, slots=True)
class Failed:
    """The navigation landed on an error view.

    Attributes:
        address: The address shown (with the error view on top).
        error: The error shown (``error.code``: 404, 400, 403, 500...).
        redirected_from: The addresses redirected from on the way.
    """

    address: str
    error: HTTPError
    redirected_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Refused:
    """A guard or leave check refused the navigation: the page stays as it was.

    Attributes:
        address: Where it was going.
        by: The name of the guard or leave check that said no ("" when not
            known), or why nothing started (``"no entry"``, ``"no view beneath"``).
    """

    address: str
    by: str = ""


@dataclass(frozen=True, slots=True)
class Cancelled:
    """The navigation never landed: another one overtook it, or the page closed.

    Attributes:
        address: Where it was going.
        by: The address of the navigation that overtook it (None: the page
            closed, or the user stopped it by tapping the tab shown).
    """

    address: str
    by: str | None = None


NavigationOutcome = Landed | Failed | Refused | Cancelled


class Pending:
    """A navigation started: await it for its :data:`NavigationOutcome`.

    It is also true or false as the navigating call's result was before:
    false when nothing started or it was refused before the call returned
    (``if not nav.back(): ...`` reads as it did).
    """

    __slots__ = ("_future", "_outcome", "_then")

    def __init__(self, outcome: NavigationOutcome | None = None) -> None:
        self._outcome = outcome
        self._future: asyncio.Future[NavigationOutcome] | None = None
        self._then: list[Callable[[NavigationOutcome], None]] = []

    @property
    def outcome(self) -> NavigationOutcome | None:
        """How it ended (None: not yet)."""
        return self._outcome

    def done(self) -> bool:
        """True once it has ended."""
        return self._outcome is not None

    def settle(self, outcome: NavigationOutcome) -> None:
        """End it with ``outcome`` (the first one given stays)."""
        if self._outcome is not None:
            return
        self._outcome = outcome
        if self._future is not None and not self._future.done():
            self._future.set_result(outcome)
        then, self._then = self._then, []
        for callback in then:
            callback(outcome)

    def then(self, callback: Callable[[NavigationOutcome], None]) -> None:
        """Call ``callback`` with the outcome once it ends (now, if it has)."""
        if self._outcome is not None:
            callback(self._outcome)
        else:
            self._then.append(callback)

    def __bool__(self) -> bool:
        return not isinstance(self._outcome, Refused)

    def __await__(self) -> Generator[Any, None, NavigationOutcome]:
        if self._outcome is not None:
            return self._outcome
        if self._future is None:
            self._future = asyncio.get_running_loop().create_future()
        return (yield from self._future.__await__())

    def __repr__(self) -> str:
        return f"<Pending {self._outcome!r}>" if self._outcome else "<Pending in flight>"
