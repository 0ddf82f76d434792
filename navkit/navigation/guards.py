"""Guards: functions asked before a navigation enters a page.

A guard is called with one argument, the :class:`~navkit.Navigation` --
where it goes and where it comes from -- and answers with:

* ``None`` or ``True``: go ahead;
* ``False``: stay where you are (the address is put back if a browser
  already moved);
* a path or an endpoint (or ``navkit.redirect(...)``): go there instead;
* raising ``navkit.abort(403)`` (any :class:`HTTPError`): show that error.

Guards are registered on the router (every navigation), on a blueprint (its
routes) and on a route (``guards=[...]``). Nothing here touches Flet.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from navkit.errors import Redirect
from navkit.navigation.values import Level, Navigation
from navkit.routing.table import RouteTable

__all__ = [
    "ALLOW",
    "BLOCK",
    "Guard",
    "Outcome",
    "interpret",
    "never_refuses",
    "refusable",
    "refuses",
]

Guard = Callable[[Navigation], Any]
G = TypeVar("G", bound=Callable[..., Any])

_NEVER_REFUSES = "__navkit_never_refuses__"


def never_refuses(guard: G) -> G:
    """Declare that ``guard`` only watches (logs, counts) and never refuses.

    A guard that may refuse makes every view above it ask before the client
    pops it (``can_pop=False``), which turns off the iOS swipe-back gesture.
    A declared watcher leaves ``can_pop`` alone. If it refuses all the same,
    navkit still honours the refusal and shows the popped view again.

    Example::

        @router.guard
        @navkit.never_refuses
        def log_visit(navigation): ...
    """
    setattr(guard, _NEVER_REFUSES, True)
    return guard


def refuses(guard: Callable[..., Any]) -> bool:
    """Whether ``guard`` may refuse a navigation (see :func:`never_refuses`)."""
    return not getattr(guard, _NEVER_REFUSES, False)


class Outcome:
    """What a guard decided: allow, block, or redirect to ``target``."""

    __slots__ = ("target", "values")

    def __init__(self, target: str | None = None, values: dict[str, Any] | None = None) -> None:
        self.target = target
        self.values = values or {}


ALLOW = Outcome()
BLOCK = Outcome()


def interpret(answer: Any) -> Outcome:
    """Read a guard's answer (see the module docstring).

    Raises:
        TypeError: An answer of any other kind -- a bug in the guard.
    """
    if answer is None or answer is True:
        return ALLOW
    if answer is False:
        return BLOCK
    if isinstance(answer, Redirect):
        return Outcome(answer.target, answer.values)
    if isinstance(answer, str) and answer:
        return Outcome(answer)
    raise TypeError(
        f"a guard must return None/True, False, a path, an endpoint or navkit.redirect(); "
        f"got {answer!r}"
    )


def refusable(
    table: RouteTable,
    levels: tuple[Level, ...],
    leave_checks: Collection[str],
) -> frozenset[str]:
    """The addresses of the levels whose closing might be refused.

    A level's is when it registered a leave check, or when guards are asked
    before entering the level beneath it (a shell's rule at a branch's root
    is :func:`navkit.navigation.branches.asks_at_root`).
    """
    refused = set(leave_checks)
    for below, level in itertools.pairwise(levels):
        route = below.match.route if below.match is not None else None
        guards = table.guards if route is None else table.guards_for(route)
        if any(refuses(guard) for guard in guards):
            refused.add(level.address)
    return frozenset(refused)
