"""One task per navigation: run synchronously as far as possible, then in a real task.

A navigation is one coroutine (decide, build, finalize). When its guards and
views are plain functions it never suspends, and :func:`start` finishes it
inside the caller: ``nav.go()`` has shown the page when it returns.

Before the navigation awaits anything of the app's (an async guard, view,
leave check or error handler) it awaits a :class:`Handoff`. The first one
stops the synchronous run, and the coroutine -- suspended in navkit's own
code, before the app's awaitable has taken a single step -- becomes an
ordinary ``asyncio.Task``. So every awaited function of the app starts and
finishes in that one task, as anyio cancel scopes (httpx),
``asyncio.timeout`` and ``asyncio.current_task()`` require.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Coroutine, Generator
from typing import Any

__all__ = ["Handoff", "Started", "start"]

_MOVE_TO_TASK = object()  # what a Handoff yields to start(), and only to it


class Handoff:
    """Await one before awaiting the app's code: the rest then runs in a task."""

    __slots__ = ("_moved",)

    def __init__(self) -> None:
        self._moved = False

    def __await__(self) -> Generator[Any, None, None]:
        if not self._moved:
            self._moved = True
            yield _MOVE_TO_TASK

    async def before(self, awaitable: Awaitable[Any]) -> None:
        """Hand off before ``awaitable`` (the app's); if cancelled first, close it unawaited.

        A navigation overtaken before its task ran would otherwise leave the
        app's coroutine never awaited (and Python warns about it).
        """
        try:
            await self
        except BaseException:
            if inspect.iscoroutine(awaitable):
                awaitable.close()
            raise


class Started:
    """A coroutine started by :func:`start`: finished already, or running in ``task``."""

    __slots__ = ("done", "result", "task")

    def __init__(
        self, done: bool, result: Any = None, task: asyncio.Task[Any] | None = None
    ) -> None:
        self.done = done
        self.result = result
        self.task = task


def start(coroutine: Coroutine[Any, Any, Any]) -> Started:
    """Step ``coroutine`` now; at its first :class:`Handoff`, make the rest a task.

    Raises:
        RuntimeError: It needs a task and no event loop is running here; or
            it awaited something before a handoff (a bug in navkit).
    """
    try:
        yielded = coroutine.send(None)
    except StopIteration as finished:
        return Started(True, finished.value)
    if yielded is not _MOVE_TO_TASK:
        coroutine.close()
        raise RuntimeError("a navigation awaited before handing off to its task")
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        coroutine.close()
        raise RuntimeError("an async view or guard needs a running event loop") from None
    # The task's first step resumes the coroutine right after its handoff.
    return Started(False, task=loop.create_task(coroutine))
