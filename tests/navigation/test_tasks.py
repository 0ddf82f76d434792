"""One task per navigation: synchronous when nothing suspends, else one real task."""

from __future__ import annotations

import asyncio

import anyio
import pytest

from navkit.navigation.tasks import Handoff, start


async def plain() -> str:
    return "done"


async def the_apps_work(log: list[str]) -> str:
    log.append("before")
    await asyncio.sleep(0.01)
    log.append("after")
    return "slow done"


async def navigation(log: list[str], work: object) -> object:
    """What the navigator does: its own steps, a handoff, then the app's awaitable."""
    handoff = Handoff()
    log.append("navkit's first steps")
    await handoff.before(work)  # type: ignore[arg-type]
    result = await work  # type: ignore[misc]
    await handoff  # a second handoff is a no-op
    return result


def test_a_coroutine_that_never_suspends_finishes_in_the_call() -> None:
    started = start(plain())
    assert started.done and started.result == "done" and started.task is None


def test_the_apps_awaitable_starts_inside_the_task() -> None:
    async def main() -> None:
        log: list[str] = []
        started = start(navigation(log, the_apps_work(log)))
        # The app's coroutine has not taken a step in the caller.
        assert not started.done and log == ["navkit's first steps"]
        assert started.task is not None and await started.task == "slow done"
        assert log == ["navkit's first steps", "before", "after"]

    asyncio.run(main())


def test_cancel_scopes_and_timeouts_see_one_task() -> None:
    """anyio's cancel scopes (httpx uses them) and asyncio.timeout need one task."""

    async def scoped() -> asyncio.Task[object] | None:
        with anyio.fail_after(5):
            await asyncio.sleep(0.01)
        return asyncio.current_task()

    async def times_out() -> str:
        try:
            async with asyncio.timeout(0.01):
                await asyncio.sleep(5)
        except TimeoutError:
            return "timed out"
        return "never"

    async def main() -> None:
        started = start(navigation([], scoped()))
        assert started.task is not None
        assert await started.task is started.task  # the scope closed in the task it opened in
        timed = start(navigation([], times_out()))
        assert timed.task is not None and await timed.task == "timed out"

    asyncio.run(main())


def test_exceptions_and_cancellation_reach_the_coroutine() -> None:
    async def failing() -> None:
        await asyncio.sleep(0)
        raise ValueError("boom")

    async def main() -> None:
        started = start(navigation([], failing()))
        assert started.task is not None
        with pytest.raises(ValueError, match="boom"):
            await started.task
        cancelled = start(navigation([], the_apps_work([])))
        assert cancelled.task is not None
        cancelled.task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await cancelled.task

    asyncio.run(main())


def test_suspending_without_a_loop_is_refused() -> None:
    with pytest.raises(RuntimeError, match="running event loop"):
        start(navigation([], the_apps_work([])))


def test_awaiting_before_a_handoff_is_a_bug_said_plainly() -> None:
    async def main() -> None:
        with pytest.raises(RuntimeError, match="before handing off"):
            start(the_apps_work([]))

    asyncio.run(main())
