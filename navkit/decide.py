"""Deciding a navigation: redirect routes and guards, before anything is built.

``decide`` loops -- redirect routes and guards may send the navigation
elsewhere, and there the guards are asked again -- until the navigation is
allowed, refused, or has gone round in circles (an error naming the chain,
``/a => /b => /a``). It never raises: a guard's ``abort`` and a guard's
exception become error levels, so no exception reaches Flet and no view of
a refused page is ever called (no flash of protected content).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from navkit.errors import AddressError, BuildError, HTTPError, InternalServerError, Redirect
from navkit.guards import ALLOW, BLOCK, Navigation, Outcome, interpret
from navkit.stack import Level, build_stack

if TYPE_CHECKING:
    from navkit.navigator import Source
    from navkit.router import Router

__all__ = ["MAX_REDIRECTS", "decide"]

log = logging.getLogger("navkit")

MAX_REDIRECTS = 10


async def decide(
    router: Router,
    address: str,
    source: Source,
    *,
    shown: tuple[Level, ...],
    came_from: str,
    resolve: Callable[[str, dict[str, Any]], str],
    leave_checks: Mapping[str, Callable[[Navigation], Any]] | None = None,
) -> tuple[str, tuple[Level, ...]] | None:
    """The address to show and its levels, or None when a guard refuses.

    Args:
        router: The route table.
        address: Where the navigation goes.
        source: What started it.
        shown: The levels shown now (their guards are not asked again).
        came_from: The address shown now ("" at the start).
        resolve: Turns a redirect target (path or endpoint, values) into an address.
        leave_checks: Checks registered by shown views (``Navigator.on_leave``),
            by level address; those of the levels this navigation removes are
            asked first, top first, and any ``False`` refuses it.
    """
    if leave_checks:
        levels = build_stack(router, address)
        navigation = Navigation(address, levels[-1].match, source, came_from)
        try:
            if not await _may_leave(shown, levels, leave_checks, navigation):
                return None
        except Exception:
            log.exception("a leave check failed on the way to %s; staying", address)
            return None
    chain = [address]
    while True:
        levels = build_stack(router, address)
        navigation = Navigation(address, levels[-1].match, source, came_from, tuple(chain[:-1]))
        try:
            outcome = await _ask(router, levels, shown, navigation)
        except HTTPError as error:
            return address, _refused(levels, shown, error)
        except TimeoutError as error:
            log.error("%s on the way to %s", error, address)
            slow = InternalServerError("A check took too long to answer.")
            return address, _refused(levels, shown, slow)
        except Exception:
            log.exception("a guard failed on the way to %s", address)
            return address, _refused(levels, shown, InternalServerError())
        if outcome is ALLOW:
            return address, levels
        if outcome is BLOCK:
            return None
        try:
            target = resolve(outcome.target or "/", outcome.values)
        except AddressError as error:
            log.warning("redirect from %s refused: %s", address, error)
            return None  # as a guard's False: stay where you are
        except BuildError as error:
            log.error("redirect from %s failed: %s", address, error)
            return address, _refused(levels, shown, InternalServerError(str(error)))
        if target in chain or len(chain) > MAX_REDIRECTS:
            loop = " => ".join([*chain, target])
            why = "redirect loop" if target in chain else f"more than {MAX_REDIRECTS} redirects"
            log.error("%s: %s", why, loop)
            return address, _refused(levels, shown, InternalServerError(f"{why}: {loop}"))
        chain.append(target)
        address = target


async def _ask(
    router: Router, levels: tuple[Level, ...], shown: tuple[Level, ...], navigation: Navigation
) -> Outcome:
    top = levels[-1]
    if top.match is not None:
        redirect_to = top.match.route.options.get("redirect_to")
        if redirect_to is not None:
            return _redirect_route(router, redirect_to, top.match.params)
    for guard in _guards(router, levels, shown):
        try:
            answer = guard(navigation)
            if inspect.isawaitable(answer):
                answer = await _within(answer, router.guard_timeout, guard)
        except Redirect as redirect:
            return Outcome(redirect.target, redirect.values)
        outcome = interpret(answer)
        if outcome is not ALLOW:
            return outcome
    return ALLOW


async def _within(answer: Awaitable[Any], timeout: float | None, guard: Any) -> Any:
    """Await a guard's answer for at most ``timeout`` seconds.

    ``asyncio.wait`` rather than ``wait_for``: since Python 3.12 ``wait_for``
    cancels the *current task* on timeout, and the first steps of a
    navigation run inside the caller's task (see ``navkit.asyncsteps``).

    Raises:
        TimeoutError: The guard did not answer in time (it is cancelled).
    """
    if timeout is None:
        return await answer
    task = asyncio.ensure_future(answer)
    try:
        done, _ = await asyncio.wait({task}, timeout=timeout)
    except asyncio.CancelledError:
        task.cancel()  # this navigation gave way to a newer one
        raise
    if not done:
        task.cancel()
        await asyncio.wait({task})  # let the guard clean up
        raise TimeoutError(f"guard {getattr(guard, '__name__', guard)!r} took over {timeout} s")
    return task.result()


async def _may_leave(
    shown: tuple[Level, ...],
    levels: tuple[Level, ...],
    checks: Mapping[str, Callable[[Navigation], Any]],
    navigation: Navigation,
) -> bool:
    kept = 0
    for old, new in zip(shown, levels, strict=False):
        if old != new:
            break
        kept += 1
    for level in reversed(shown[kept:]):
        check = checks.get(level.address)
        if check is None:
            continue
        answer = check(navigation)
        if inspect.isawaitable(answer):
            answer = await answer
        if answer is False:
            return False
    return True


def _redirect_route(router: Router, target: str, params: Any) -> Outcome:
    """Where a ``redirect_to`` route sends: a path, or an endpoint with the values carried."""
    if target.startswith("/"):
        return Outcome(target)
    wanted: set[str] = set()
    for route in router.routes_for(target):
        wanted.update(route.template.param_names)
    return Outcome(target, {name: value for name, value in params.items() if name in wanted})


def _guards(
    router: Router, levels: tuple[Level, ...], shown: tuple[Level, ...]
) -> list[Callable[..., Any]]:
    """The router's guards, then those of every entering level (each guard once)."""
    entering = 0
    for old, new in zip(shown, levels, strict=False):
        if old != new:
            break
        entering += 1
    guards: list[Callable[..., Any]] = list(router.guards)
    for level in levels[entering:] or levels[-1:]:
        if level.match is not None:
            guards.extend(router.guards_for(level.match.route))
    unique: dict[int, Callable[..., Any]] = {}
    for guard in guards:
        unique.setdefault(id(guard), guard)
    return list(unique.values())


def _refused(
    levels: tuple[Level, ...], shown: tuple[Level, ...], error: HTTPError
) -> tuple[Level, ...]:
    """The error on top of the levels already shown -- no entering view is built.

    A guard may have refused any entering level, not only the top one, so
    none of them is shown.
    """
    top = levels[-1]
    if not error.path:
        error.path = top.path
    kept = []
    for old, new in zip(shown, levels[:-1], strict=False):
        if old != new:
            break
        kept.append(old)
    return (*kept, Level(top.address, top.match, error))
