"""The leave checks of a page's views: who asks before a view closes.

A view function registers one with ``nav.on_leave(check)`` while it is
being built; it belongs to that view's level from the moment the
navigation lands, and goes when the level closes. Registered outside a
build, a check belongs to the top level shown. Nothing here touches Flet.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from navkit.navigation.values import Navigation

__all__ = ["LeaveCheck", "LeaveChecks"]

LeaveCheck = Callable[[Navigation], Any]


class LeaveChecks:
    """The leave checks of one page, by level address (see the module docstring)."""

    def __init__(self) -> None:
        self._checks: dict[str, LeaveCheck] = {}
        # Where the view being built registers: (navigation number, level, checks).
        self._collecting: tuple[int, str, dict[str, LeaveCheck]] | None = None

    @property
    def by_address(self) -> Mapping[str, LeaveCheck]:
        """The checks of the levels shown and parked, by level address."""
        return self._checks

    @property
    def building(self) -> tuple[int, str] | None:
        """The navigation and the level address whose view is being built, if any."""
        collecting = self._collecting
        return collecting[:2] if collecting is not None else None

    def add(self, check: LeaveCheck, top: str | None, at: str | None = None) -> None:
        """Register ``check`` for the level at ``at``; without ``at``, for the view being
        built, else for the level at ``top``.

        A level named by ``at`` that is not the one being built is a level
        shown (a component of it rendering again while another level builds):
        its check goes there, not to the level being built.
        """
        collecting = self._collecting
        if collecting is not None and at in (None, collecting[1]):
            collecting[2][collecting[1]] = check
        elif at is not None:
            self._checks[at] = check
        elif top is not None:
            self._checks[top] = check

    @contextmanager
    def collecting(
        self, number: int, address: str, registered: dict[str, LeaveCheck]
    ) -> Iterator[None]:
        """While navigation ``number`` builds the level at ``address``: checks go to ``registered``.

        (The check registered by that view lands with the navigation, or never.)
        """
        self._collecting = (number, address, registered)
        try:
            yield
        finally:
            if self._collecting is not None and self._collecting[0] == number:
                self._collecting = None

    def landed(self, staying: Collection[str], registered: Mapping[str, LeaveCheck]) -> None:
        """A navigation landed: the checks of the levels ``staying``, and those just registered."""
        self._checks = {address: c for address, c in self._checks.items() if address in staying}
        self._checks.update(registered)
