"""The page's event loop: where navkit's tasks run and where other threads hand work.

Flet runs each page's handlers on one asyncio loop; ``page.run_thread``
workers run elsewhere. Navigation state is only ever touched on the page's
loop, and every task navkit starts for a page (a push to the client, a view
put back) is kept here until it ends.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

__all__ = ["PageLoop"]

log = logging.getLogger("navkit")


class PageLoop:
    """Runs a page's tasks on its loop (see the module docstring)."""

    def __init__(self, page: ft.Page) -> None:
        self.page = page
        self._tasks: set[asyncio.Future[Any]] = set()
        # The thread the page's handlers run on: attaching happens there.
        self._thread = threading.get_ident()

    @property
    def tasks(self) -> frozenset[asyncio.Future[Any]]:
        """The tasks started here that have not finished (pushes, handlers)."""
        return frozenset(self._tasks)

    def in_loop(self, callback: Callable[[], object]) -> bool:
        """Hand ``callback`` to the page's loop when called from another thread.

        Returns:
            True when it was handed to the loop; False to run it here.
        """
        if threading.get_ident() == self._thread:
            return False
        loop = self._loop()
        if loop is None or loop.is_closed():
            return False  # no loop anywhere (a script): run here, sync views only
        loop.call_soon_threadsafe(callback)
        return True

    def spawn(self, awaitable: Awaitable[Any]) -> None:
        """Run ``awaitable`` as a task on the page's loop, keeping a reference until done."""
        loop: asyncio.AbstractEventLoop | None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = self._loop()
            if loop is None or loop.is_closed():
                log.warning("the page has no event loop: %r is dropped", awaitable)
                if asyncio.iscoroutine(awaitable):
                    awaitable.close()
                return
        task = asyncio.ensure_future(awaitable, loop=loop)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def after_started(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the tasks spawned so far have taken their first step.

        Their first step is where Flet sends a method call (``push_route``),
        so what ``callback`` measures includes it. At once with no running loop.
        """
        try:
            asyncio.get_running_loop().call_soon(callback)
        except RuntimeError:
            callback()

    def _loop(self) -> asyncio.AbstractEventLoop | None:
        connection = self.page.session.connection
        return getattr(connection, "loop", None) if connection is not None else None

    def _task_done(self, task: asyncio.Future[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("navkit task failed: %r", task.exception())
