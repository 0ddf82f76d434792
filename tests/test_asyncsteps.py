"""Running a coroutine synchronously when it does not suspend."""

from __future__ import annotations

import asyncio

import pytest

from navkit.asyncsteps import start


async def plain() -> str:
    return "done"


async def slow(log: list[str]) -> str:
    log.append("before")
    await asyncio.sleep(0.01)
    log.append("after")
    return "slow done"


async def failing() -> None:
    await asyncio.sleep(0)
    raise ValueError("boom")


def test_a_coroutine_that_never_suspends_finishes_in_the_call() -> None:
    started = start(plain())
    assert started.done and started.result == "done" and started.task is None


def test_a_suspending_coroutine_finishes_in_a_task() -> None:
    async def main() -> None:
        log: list[str] = []
        started = start(slow(log))
        assert not started.done and log == ["before"]
        assert started.task is not None and await started.task == "slow done"
        assert log == ["before", "after"]

    asyncio.run(main())


def test_exceptions_and_cancellation_reach_the_coroutine() -> None:
    async def main() -> None:
        started = start(failing())
        assert started.task is not None
        with pytest.raises(ValueError, match="boom"):
            await started.task
        cancelled = start(slow([]))
        assert cancelled.task is not None
        cancelled.task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await cancelled.task

    asyncio.run(main())


def test_suspending_without_a_loop_is_refused() -> None:
    with pytest.raises(RuntimeError, match="running event loop"):
        start(slow([]))
