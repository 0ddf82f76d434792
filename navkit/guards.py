"""Guards: functions asked before a navigation enters a page.

A guard is called with one argument, the :class:`Navigation` -- where it goes
and where it comes from -- and answers with:

* ``None`` or ``True``: go ahead;
* ``False``: stay where you are (the address is put back if a browser
  already moved);
* a path or an endpoint (or ``navkit.redirect(...)``): go there instead;
* raising ``navkit.abort(403)`` (any :class:`HTTPError`): show that error.

Guards are registered on the router (every navigation), on a blueprint (its
routes) and on a route (``guards=[...]``). Nothing here touches Flet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from navkit.errors import Redirect

if TYPE_CHECKING:
    from navkit.navigator import Source
    from navkit.routes import Match

__all__ = ["Guard", "Navigation", "Outcome", "interpret", "is_app_address", "safe_next"]

Guard = Callable[["Navigation"], Any]


@dataclass(frozen=True, slots=True)
class Navigation:
    """A navigation a guard is asked about (an immutable value).

    Attributes:
        address: Where it goes (path, query).
        match: What matched there (None: not found).
        source: What started it (go, replace, deep link, browser back...).
        came_from: The address shown until now ("" on the first page).
    """

    address: str
    match: Match | None
    source: Source
    came_from: str = ""
    redirected_from: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        """The target's path, without the query."""
        return self.address.partition("#")[0].partition("?")[0] or "/"

    @property
    def endpoint(self) -> str | None:
        """The target's endpoint (None when not found)."""
        return self.match.endpoint if self.match is not None else None

    @property
    def params(self) -> Mapping[str, Any]:
        """The target's converted path parameters."""
        return self.match.params if self.match is not None else {}

    @property
    def query(self) -> list[tuple[str, str]]:
        """The target's query as ``(key, value)`` pairs ([] when malformed)."""
        if self.match is None:
            return []
        try:
            return self.match.query
        except ValueError:
            return []


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


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_next(value: str | None, default: str = "/") -> str:
    """``value`` if it is an address inside this app, else ``default``.

    For ``/login?next=...`` flows: only a path starting with a single ``/``
    is honoured. Refused: schemes (``javascript:``, ``data:``, ``https:``),
    ``//host`` and ``/\\host`` (browsers read both as another host), the
    same hidden behind percent-encoding (``%2F%2Fhost``), backslashes and
    control characters.
    """
    if not value or not isinstance(value, str) or len(value) > 2048:
        return default
    # Browsers decode before deciding, and so do we; twice, so that a doubly
    # encoded "//" is caught too. No stripping: " /a" is refused outright.
    for text in (value, unquote(value), unquote(unquote(value))):
        if not is_app_address(text):
            return default
    return value


def is_app_address(address: str) -> bool:
    """Whether a browser reads ``address`` as a path inside this app.

    It must start with a single ``/``; ``//host`` and ``/\\host`` name another
    host, and backslashes and control characters have no place in an address.
    """
    return (
        address.startswith("/")
        and not address.startswith("//")
        and "\\" not in address
        and _CONTROL.search(address) is None
    )
