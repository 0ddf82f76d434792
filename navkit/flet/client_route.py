"""What the client shows, and which route changes only echo navkit's own pushes.

Flet 1.0.5's client answers ``push_route(r)`` with a route change for
``r`` unless it already shows ``r``; that echo must not be taken for the
browser's Back button. Events arrive in order, so echoes are matched first
in, first out.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from navkit.flet.history_script import RESERVED

__all__ = ["Arrival", "ClientRoute"]


class ClientRoute:
    """The route the client shows, and the echoes still to come."""

    def __init__(self, route: str) -> None:
        self.route = route
        # (route, whether it is a push): a command and where it lands add no
        # entry -- but a push command (a push carrying a state) does, as counted
        # in ``_adding``.
        self._echoes: deque[tuple[str, bool]] = deque()
        self._adding: set[str] = set()

    def pushed(self, route: str) -> bool:
        """Record a push; False when the client already shows ``route`` (nothing to send)."""
        if route == self.route:
            return False
        self.route = route
        self._echoes.append((route, True))
        return True

    def commanded(self, command: str, landing: str, *, adds: bool = False) -> None:
        """Record a command to the history script: its echo, then the route it lands on.

        ``adds``: the command adds an entry (a push carrying what the tab keeps).
        """
        self._echoes.extend(((command, False), (landing, False)))
        if adds:
            self._adding.add(command)
        self.route = landing

    def asked(self, command: str) -> None:
        """Record a command the script answers with a message: only its echo is to come."""
        self._echoes.append((command, False))

    def reconnected(self, route: str) -> int:
        """The client came back showing ``route``: how many pushes it never received.

        Those sent up to the one it shows arrived (their echoes were lost
        with the connection); the later ones were dropped by Flet.
        """
        pending, adding = list(self._echoes), self._adding
        self._echoes.clear()
        self._adding = set()
        self.route = route
        shown_from = 0  # what was sent up to the last echo of the route shown arrived
        for position in range(len(pending) - 1, -1, -1):
            if pending[position][0] == route:
                shown_from = position + 1
                break
        # Only pushes add entries (and push commands); other commands and landings add none.
        return sum(1 for echo, push in pending[shown_from:] if push or echo in adding)

    def moved(self, route: str) -> int:
        """The user moved the client to ``route`` before what navkit sent reached it.

        The client then carries out the pending pushes from ``route``: one
        of the route it shows by then is ignored (Flet's RouteState), so no
        echo will come for it -- waiting for one would take a later route
        change for an echo.

        Returns:
            How many pushes will never reach the browser's history, when
            they were the last things sent (else 0: what lands is not known
            exactly, and the history is left as it is).
        """
        current = route
        coming: deque[tuple[str, bool]] = deque()
        ignored, last = 0, True
        for echo in self._echoes:
            pushed_route, push = echo
            if push and pushed_route == current:
                ignored += 1
                continue
            coming.append(echo)
            current = pushed_route
            last = last and not ignored
        self._echoes = coming
        self._adding &= {echo[0] for echo in coming}
        self.route = current  # where the client ends once the rest is carried out
        return ignored if last else 0

    @property
    def waiting(self) -> bool:
        """True while an echo of a push or command is still to come."""
        return bool(self._echoes)

    def received(self, route: str) -> bool:
        """True when a route change from the client echoes a push or command (it is consumed).

        Usually the oldest echo; but a command's echo and the landing of the
        one before may cross (two quick commands), so any pending echo counts.
        """
        for echo in self._echoes:
            if echo[0] == route:
                self._echoes.remove(echo)
                self._adding.discard(route)
                if not self._echoes and echo[1]:
                    # The last push landed: the client shows it, whatever came between.
                    self.route = route
                return True
        return False

    def arrived(self, route: str) -> Arrival:
        """The client went to ``route`` by itself (no echo): what that does to what is pending."""
        head = self._echoes[0] if self._echoes else None
        mislanded = head is not None and not head[1] and not head[0].startswith(RESERVED)
        if mislanded:
            # A command echoed, and its landing is another route: the user
            # moved the browser before the command ran, so it moved from there.
            self._echoes.popleft()
        return Arrival(unsent=self.moved(route), mislanded=mislanded)


@dataclass(frozen=True, slots=True)
class Arrival:
    """What a route change the client made itself means for navkit's pending moves.

    Attributes:
        unsent: navkit's last pushes the browser will never carry out.
        mislanded: It is where a command landed instead of where navkit
            expected: the browser's history differs there.
    """

    unsent: int = 0
    mislanded: bool = False
