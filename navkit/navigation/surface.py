"""What the navigator needs from the page it drives.

The Flet binding implements it (``navkit.flet.surface.PageSurface``); the
navigation package's own tests use a fake one, without Flet at all. What
the client's history holds is not the surface's: see
:mod:`navkit.navigation.history`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from navkit.navigation.snapshots import Snapshot
from navkit.navigation.values import Level, Navigation
from navkit.navigation.views import Built
from navkit.routing.shells import Place

__all__ = ["Screen", "Surface"]


@dataclass(frozen=True, slots=True)
class Screen:
    """What the page shows once a navigation lands.

    Attributes:
        levels: The levels shown, bottom first.
        views: One view per level (those kept are the same objects).
        refusable: The addresses of the levels whose closing a guard or
            leave check might refuse: the client must ask before popping them.
        parked: Other branches' views, parked: held off the page (the
            surface keeps what it added to them), shown again on a switch.
        place: The shell branch the levels are in (None: no shell chrome).
    """

    levels: tuple[Level, ...]
    views: tuple[Any, ...]
    refusable: frozenset[str] = frozenset()
    parked: tuple[Any, ...] = ()
    place: Place | None = None


class Surface(Protocol):
    """The page a navigator shows on."""

    @property
    def page(self) -> Any:
        """The page object (an ``ft.Page``)."""

    def render(self, built: Built) -> Any:
        """The view object for one built level (never raises)."""

    def commit(self, screen: Screen) -> None:
        """Show ``screen``, in one update: its views and the shell's chrome."""

    def loading(self, waiting: bool, pending: Callable[[], Any] | None = None) -> None:
        """A navigation waits (or no longer) for async work; ``pending``: its route's view."""

    def stayed(self) -> None:
        """A navigation ended without landing: the page shows what it showed.

        What the client changed on its own for it (a destination it shows
        selected since the tap) goes back.
        """

    def reshow_top(self) -> None:
        """Show the top view or modal again, the same object (the client closed it)."""

    def calling(
        self, navigator: Any, navigation: Navigation, level: Level
    ) -> AbstractContextManager[None]:
        """What the view function of ``level`` runs inside (a renderer, for components)."""

    def prepared(self, result: Any) -> Any:
        """A view function's result made ready while its level is built (components)."""

    def provide(self, data: Any) -> None:
        """The level being built has loaded ``data``: what its view makes may read it."""

    def snapshot_of(self, view: Any) -> Snapshot | None:
        """The binding's own snapshot of ``view`` (its scroll offset), if it has one."""

    def in_loop(self, callback: Callable[[], object]) -> bool:
        """Run ``callback`` on the page's event loop if called from another thread.

        Returns:
            True when it was handed to the loop; False to run it here.
        """
