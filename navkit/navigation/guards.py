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

from collections.abc import Callable
from typing import Any

from navkit.errors import Redirect
from navkit.navigation.values import Navigation

__all__ = ["ALLOW", "BLOCK", "Guard", "Outcome", "interpret"]

Guard = Callable[[Navigation], Any]


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
