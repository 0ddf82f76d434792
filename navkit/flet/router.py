"""``navkit.Router``: the route table, with ``attach`` for Flet pages.

The table itself (:class:`navkit.routing.table.RouteTable`) is pure; this
subclass adds what concerns pages -- as Werkzeug's ``Request`` subclasses
its sans-IO core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from navkit.flet.attach import attach
from navkit.navigation.history import DEFAULT_MAX_ENTRIES, History
from navkit.navigation.navigator import DEFAULT_GUARD_TIMEOUT, Navigator
from navkit.routing.table import DEFAULT_MAX_PATH_LENGTH, RouteTable

__all__ = ["Router"]


class Router(RouteTable):
    """A table of routes, shared by every page of an app.

    Args:
        max_path_length: Longer paths are not matched at all (they are not
            found). This bounds the work any address can cause.
        guard_timeout: Seconds an async guard may take; one that takes
            longer is cancelled and the navigation shows the 500 view (the
            pending indicator does not spin forever). None: no limit.
        max_history: How many history entries a page keeps (the oldest go
            first), as browsers keep 50.

    Registration, matching and ``url_for`` are the table's (see
    :class:`~navkit.routing.table.RouteTable`, with an example).
    """

    def __init__(
        self,
        *,
        max_path_length: int = DEFAULT_MAX_PATH_LENGTH,
        guard_timeout: float | None = DEFAULT_GUARD_TIMEOUT,
        max_history: int = DEFAULT_MAX_ENTRIES,
    ) -> None:
        super().__init__(max_path_length=max_path_length)
        self.guard_timeout = guard_timeout
        self.max_history = max_history

    def attach(
        self,
        page: Any,
        *,
        strategy: Literal["path", "hash"] = "path",
        base_path: str = "",
        history: History | None = None,
        pending_indicator: Callable[[], Any] | None = None,
        pending_delay: float = 0.2,
        history_script: bool | None = None,
    ) -> Navigator:
        """Bind this router to a Flet page and show the page's current route.

        Handles ``page.on_route_change`` and ``page.on_view_pop`` (handlers the
        page already had keep being called), gives the page ``page.go``, and
        builds the stack for ``page.route`` at once -- a deep link arrives that
        way, with no route-change event. One router serves any number of pages.

        Args:
            page: The ``ft.Page``.
            strategy: The URL strategy the app runs with (``"path"``/``"hash"``).
            base_path: The app's prefix, for ``Navigator.href``.
            history: A history to use; by default the browser's for a web page,
                a :class:`~navkit.MemoryHistory` otherwise.
            pending_indicator: Makes the control shown (in ``page.overlay``)
                while an async guard or view takes longer than
                ``pending_delay`` seconds; a thin progress bar by default.
            history_script: Whether the page carries navkit's history script,
                so the browser's history can move and be rewritten (see the
                README). By default a web page does when this process
                serves it (``navkit.run``, or ``navkit.webclient.web_assets``);
                without it the history can only grow, and navkit warns once.

        Raises:
            RouteError: A ``parent=`` that cannot work (see :meth:`check`).
        """
        return attach(
            self,
            page,
            strategy=strategy,
            base_path=base_path,
            history=history,
            pending_indicator=pending_indicator,
            pending_delay=pending_delay,
            guard_timeout=self.guard_timeout,
            max_history=self.max_history,
            history_script=history_script,
        )
