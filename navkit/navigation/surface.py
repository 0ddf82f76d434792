"""What the navigator needs from the page it drives.

The Flet binding implements it (``navkit.flet.surface.PageSurface``); the
navigation package's own tests use a fake one, without Flet at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from navkit.navigation.values import ClientMove, Level
from navkit.navigation.views import Built

__all__ = ["Surface"]


class Surface(Protocol):
    """The page a navigator shows on."""

    @property
    def page(self) -> Any:
        """The page object (an ``ft.Page``)."""

    def render(self, built: Built) -> Any:
        """The view object for one built level (never raises)."""

    def commit(
        self, levels: tuple[Level, ...], keep: int, views: list[Any], refusable: frozenset[str]
    ) -> None:
        """Show ``levels``: the first ``keep`` views kept, ``views`` for the rest; one update.

        ``refusable`` holds the addresses of the levels whose closing a
        guard or leave check might refuse: the client must ask before
        popping them.
        """

    def loading(self, waiting: bool) -> None:
        """A navigation is (or is no longer) waiting for async work."""

    def reshow_top(self) -> None:
        """Show the top view or modal again, the same object (the client closed it)."""

    def move_client(self, move: ClientMove) -> None:
        """Make the client (a browser's history) show what the page shows."""

    def in_loop(self, callback: Callable[[], object]) -> bool:
        """Run ``callback`` on the page's event loop if called from another thread.

        Returns:
            True when it was handed to the loop; False to run it here.
        """
