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
from dataclasses import dataclass
from typing import Any

from navkit.errors import (
    AddressError,
    BuildError,
    HTTPError,
    InternalServerError,
    NotFound,
    Redirect,
    failure,
)
from navkit.navigation.branches import Stacks, Switch
from navkit.navigation.guards import ALLOW, BLOCK, Outcome, interpret
from navkit.navigation.stack import as_shown, build_stack, kept
from navkit.navigation.tasks import Handoff
from navkit.navigation.values import FailedLevel, Level, Navigation, Source
from navkit.routing.location import add_query
from navkit.routing.table import RouteTable

__all__ = [
    "MAX_REDIRECTS",
    "Asking",
    "Decision",
    "Refusal",
    "decide",
    "name_of",
    "redirect_target",
    "stack_for",
]

log = logging.getLogger("navkit")

MAX_REDIRECTS = 10


@dataclass(frozen=True, slots=True)
class Decision:
    """Where a navigation lands, decided before any view is built; used as given.

    Attributes:
        address: The final address (after redirects).
        levels: Its levels, bottom first (error levels where refused).
        switch: How reaching them moves between branch stacks: the stack
            they are diffed against, the levels closing besides, what is parked.
        redirected_from: The addresses redirected from on the way, first first.
    """

    address: str
    levels: tuple[Level, ...]
    switch: Switch
    redirected_from: tuple[str, ...] = ()

    @property
    def keep(self) -> int:
        """How many bottom levels stay (the one diff, against the switch's base)."""
        return kept(self.switch.base.levels, self.levels)


@dataclass(frozen=True, slots=True)
class Asking:
    """What one navigation asks guards and leave checks with.

    Attributes:
        table: The route table.
        source: What started the navigation.
        shown: The levels shown now and the branch stacks parked: a
            navigation is diffed against the stack of the branch it goes to
            (its kept levels' guards are not asked again).
        came_from: The address shown now ("" at the start).
        resolve: Turns a redirect target (path or endpoint, values) into an address.
        leave_checks: Checks registered by shown views (``Navigator.on_leave``),
            by level address; those of the levels this navigation removes are
            asked first, top first, and any ``False`` refuses it.
        guard_timeout: Seconds an async guard may take (None: no limit).
        handoff: Awaited before any of the app's awaitables (one task per navigation).
        asking_user: Told True while a leave check awaits (a dialog: the user,
            not data), then False: no pending indicator meanwhile.
        rebuild: The shown views from this index up are rebuilt (a refresh): their
            leave checks are asked too (None: only the levels leaving).
    """

    table: RouteTable
    source: Source
    shown: Stacks
    came_from: str
    resolve: Callable[[str, dict[str, Any]], str]
    leave_checks: Mapping[str, Callable[[Navigation], Any]]
    guard_timeout: float | None
    handoff: Handoff
    asking_user: Callable[[bool], object] = lambda asked: None
    rebuild: int | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    """A guard or leave check refused the navigation.

    Attributes:
        by: The refusing function's name ("" when it has none).
    """

    by: str


def name_of(function: Any) -> str:
    """A guard's or leave check's name, as a refusal reports it."""
    return str(getattr(function, "__qualname__", None) or getattr(function, "__name__", ""))


async def decide(asking: Asking, address: str, chain: tuple[str, ...] = ()) -> Decision | Refusal:
    """Where the navigation lands, or the :class:`Refusal` of a guard or leave check.

    Args:
        asking: The navigation's context.
        address: Where it goes.
        chain: Addresses already redirected from (a view's redirect continues a chain).
    """
    if asking.leave_checks and not chain:
        levels, switch = stack_for(asking, address)
        navigation = Navigation(
            address, levels[-1].match, asking.source, asking.came_from, levels=levels
        )
        refusal = await _may_leave(asking, levels, switch, navigation)
        if refusal is not None:
            return refusal
    chain = (*chain, address)
    while True:
        levels, switch = stack_for(asking, address)
        shown = switch.base.levels
        navigation = Navigation(
            address, levels[-1].match, asking.source, asking.came_from, chain[:-1], levels
        )
        outcome = await _answered(asking, levels, shown, navigation)
        if outcome is ALLOW:
            return Decision(address, levels, switch, chain[:-1])
        if isinstance(outcome, Refusal):
            return outcome
        if isinstance(outcome, HTTPError):
            target: str | HTTPError | None = outcome
        else:
            target = redirect_target(asking, address, outcome, chain)
        if isinstance(target, HTTPError):
            return Decision(address, _refused(levels, shown, target), switch, chain[:-1])
        if target is None:
            return Refusal("a redirect off the app")  # as a guard's False: stay where you are
        chain = (*chain, target)
        address = target


def stack_for(asking: Asking, address: str) -> tuple[tuple[Level, ...], Switch]:
    """The levels for ``address``, and how reaching them moves between branch stacks."""
    levels = build_stack(asking.table, address)
    switch = asking.shown.switch(asking.table, levels)
    return as_shown(levels, switch.base.levels), switch


def redirect_target(
    asking: Asking, address: str, outcome: Outcome, chain: tuple[str, ...]
) -> str | HTTPError | None:
    """Where a redirect from ``address`` goes: the address, an error to show, or None (refused).

    ``chain`` holds the addresses of this navigation so far, ``address`` last.
    """
    try:
        target = asking.resolve(outcome.target or "/", outcome.values)
    except AddressError as error:
        log.warning("redirect from %s refused: %s", address, error)
        return None
    except BuildError as error:
        log.error("redirect from %s failed: %s", address, error)
        return InternalServerError(detail=f"{type(error).__name__}: {error}")
    if target in chain or len(chain) > MAX_REDIRECTS:
        loop = " => ".join([*chain, target])
        why = "redirect loop" if target in chain else f"more than {MAX_REDIRECTS} redirects"
        log.error("%s: %s", why, loop)
        return InternalServerError(detail=f"{why}: {loop}")
    return target


async def _answered(
    asking: Asking, levels: tuple[Level, ...], shown: tuple[Level, ...], navigation: Navigation
) -> Outcome | Refusal | HTTPError:
    """What the checks say; the error shown instead when one aborts, fails or is too slow."""
    try:
        return await _ask(asking, levels, shown, navigation)
    except HTTPError as error:
        return error
    except TimeoutError as error:
        log.error("%s on the way to %s", error, navigation.address)
        return InternalServerError(detail="A check took too long to answer.")
    except Exception as raised:
        log.exception("a guard failed on the way to %s", navigation.address)
        return failure("a guard", raised)


async def _ask(
    asking: Asking, levels: tuple[Level, ...], shown: tuple[Level, ...], navigation: Navigation
) -> Outcome | Refusal:
    top = levels[-1]
    if top.match is not None:
        redirect_to = top.match.route.options.redirect_to
        if redirect_to is not None:
            return _redirect_route(asking.table, redirect_to, top.match)
    for guard in _guards(asking.table, levels, shown):
        try:
            answer = guard(navigation)
            if inspect.isawaitable(answer):
                await asking.handoff.before(answer)
                answer = await _within(answer, asking.guard_timeout, guard)
        except Redirect as redirect:
            log.debug("navkit: guard %s raised redirect to %s", name_of(guard), redirect.target)
            return Outcome(redirect.target, redirect.values)
        outcome = interpret(answer)
        said = f"redirect to {answer.target}" if isinstance(answer, Redirect) else repr(answer)
        log.debug("navkit: guard %s answered %s for %s", name_of(guard), said, top.address)
        if outcome is BLOCK:
            return Refusal(name_of(guard))
        if outcome is not ALLOW:
            return outcome
    return ALLOW


async def _within(answer: Awaitable[Any], timeout: float | None, guard: Any) -> Any:
    """Await a guard's answer for at most ``timeout`` seconds.

    ``asyncio.wait`` rather than ``wait_for``: since Python 3.12 ``wait_for``
    cancels the *current task* on timeout, and the first steps of a
    navigation run inside the caller's task (see ``navkit.navigation.tasks``).

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
    asking: Asking, levels: tuple[Level, ...], switch: Switch, navigation: Navigation
) -> Refusal | None:
    """Ask the leave checks of every level the navigation closes, top first.

    A check that raises refuses too (and is logged): staying loses nothing.
    """
    shown = switch.base.levels
    staying = kept(shown, levels)
    if asking.rebuild is not None:
        staying = min(staying, asking.rebuild)
    for level in (*reversed(shown[staying:]), *switch.closing):
        check = asking.leave_checks.get(level.address)
        if check is None:
            continue
        try:
            answer = check(navigation)
            if inspect.isawaitable(answer):
                await asking.handoff.before(answer)
                asking.asking_user(True)
                try:
                    answer = await answer
                finally:
                    asking.asking_user(False)
        except Exception:
            log.exception("a leave check failed on the way to %s; staying", navigation.address)
            return Refusal(name_of(check))
        if answer is False:
            return Refusal(name_of(check))
    return None


def _redirect_route(table: RouteTable, target: str, match: Any) -> Outcome:
    """Where a ``redirect_to`` route sends: a path, or an endpoint with the values carried.

    The query of the address redirected from goes along, as a browser's
    redirect keeps it: to a path as written (``/old?x=1`` → ``/new?x=1``); to
    an endpoint as values after the path's own, so the target's converters
    read them (``/old/7?tab=a`` → ``/items/7?tab=a``).

    Raises:
        NotFound: The target refuses a carried value (its converter or
            constraint: ``/old/abc`` for ``/items/:id`` taking an int) -- no
            page lives at the old address. A target that does not exist, or
            lacks a value, is the app's mistake and stays a 500 (the loop's
            ``url_for`` reports it).
        BadRequest: The query string is malformed.
    """
    query = match.query_string
    if target.startswith("/"):
        return Outcome(add_query(target, query))
    routes = table.routes_for(target)
    wanted = {name for route in routes for name in route.template.param_names}
    values: dict[str, Any] = {name: value for name, value in match.params.items() if name in wanted}
    repeated: dict[str, list[str]] = {}
    for key, value in match.query if query else ():
        repeated.setdefault(key, []).append(value)
    for key, texts in repeated.items():
        if key != "_fragment":  # url_for would read it as the fragment
            # A carried path value wins; a repeated key is a list, as url_for writes it.
            values.setdefault(key, texts[0] if len(texts) == 1 else texts)
    complete = any(
        all(
            p.optional or p.name in values or p.name in route.defaults
            for p in route.template.params
        )
        for route in routes
    )
    if not complete:
        return Outcome(target, values)  # the loop reports it (unknown endpoint, missing value)
    try:
        return Outcome(table.url_for(target, **values))
    except BuildError as error:
        log.info("redirect from %s: %s", match.path, error)
        raise NotFound(path=match.path) from None


def _guards(
    table: RouteTable, levels: tuple[Level, ...], shown: tuple[Level, ...]
) -> list[Callable[..., Any]]:
    """The router's guards, then those of every entering level (each guard once)."""
    guards: list[Callable[..., Any]] = list(table.guards)
    for level in levels[kept(shown, levels) :] or levels[-1:]:
        if level.match is not None:
            guards.extend(table.guards_for(level.match.route))
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
    beneath = levels[:-1]
    return (*beneath[: kept(shown, beneath)], FailedLevel(top.address, error, top.match))
