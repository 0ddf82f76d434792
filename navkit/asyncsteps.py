"""Run a coroutine synchronously as far as it goes, and in a task only if it must.

A navigation is one coroutine (decide, build, commit). When its guards and
views are plain functions it never suspends, and :func:`start` finishes it
inside the caller -- ``nav.go()`` has shown the page when it returns, as
before. When an async guard or view suspends it, the rest continues in a
task on the running loop.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Coroutine
from typing import Any, TypeVar, cast

__all__ = ["Started", "start"]

T = TypeVar("T")


class Started:
    """A coroutine started by :func:`start`: finished already, or running in ``task``."""

    __slots__ = ("done", "result", "task")

    def __init__(
        self, done: bool, result: Any = None, task: asyncio.Task[Any] | None = None
    ) -> None:
        self.done = done
        self.result = result
        self.task = task


def start(coroutine: Coroutine[Any, Any, T]) -> Started:
    """Step ``coroutine`` now; hand what is left to a task if it suspends.

    Raises:
        RuntimeError: It suspended and no event loop is running to finish it.
    """
    try:
        yielded = coroutine.send(None)
    except StopIteration as finished:
        return Started(True, finished.value)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        coroutine.close()
        raise RuntimeError("an async view or guard needs a running event loop") from None
    return Started(False, task=loop.create_task(_finish(coroutine, yielded)))


async def _finish(coroutine: Coroutine[Any, Any, T], yielded: Any) -> T:
    """Drive the rest of a coroutine the way a task would (asyncio's future protocol).

    The coroutine yields the future it waits for (or None for a bare yield)
    and reads the future's result itself when resumed; this waits on a
    future of its own, since a future already yielded cannot be awaited twice.
    """
    loop = asyncio.get_running_loop()
    while True:
        try:
            if yielded is None:
                await asyncio.sleep(0)
            else:
                waiter: asyncio.Future[None] = loop.create_future()
                yielded.add_done_callback(functools.partial(_release, waiter))
                await waiter
        except asyncio.CancelledError:
            if yielded is not None:
                yielded.cancel()
            try:
                yielded = coroutine.throw(asyncio.CancelledError())
            except StopIteration as finished:
                return cast(T, finished.value)
            continue
        try:
            yielded = coroutine.send(None)
        except StopIteration as finished:
            return cast(T, finished.value)


def _release(waiter: asyncio.Future[None], _done: object) -> None:
    if not waiter.done():
        waiter.set_result(None)
