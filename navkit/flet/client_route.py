"""What the client shows, and which route changes only echo navkit's own pushes.

Flet 1.0.5's client answers ``push_route(r)`` with a route change for
``r`` unless it already shows ``r``; that echo must not be taken for the
browser's Back button. Events arrive in order, so echoes are matched first
in, first out.
"""

from __future__ import annotations

from collections import deque

__all__ = ["ClientRoute"]


class ClientRoute:
    """The route the client shows, and the echoes still to come."""

    def __init__(self, route: str) -> None:
        self.route = route
        # (route, whether it is a push): a command and where it lands add no entry.
        self._echoes: deque[tuple[str, bool]] = deque()

    def pushed(self, route: str) -> bool:
        """Record a push; False when the client already shows ``route`` (nothing to send)."""
        if route == self.route:
            return False
        self.route = route
        self._echoes.append((route, True))
        return True

    def commanded(self, command: str, landing: str) -> None:
        """Record a command to the history script: its echo, then the route it lands on."""
        self._echoes.extend(((command, False), (landing, False)))
        self.route = landing

    def reconnected(self, route: str) -> int:
        """The client came back showing ``route``: how many pushes it never received.

        Those sent up to the one it shows arrived (their echoes were lost
        with the connection); the later ones were dropped by Flet.
        """
        pending = list(self._echoes)
        self._echoes.clear()
        self.route = route
        shown_from = 0  # what was sent up to the last echo of the route shown arrived
        for position in range(len(pending) - 1, -1, -1):
            if pending[position][0] == route:
                shown_from = position + 1
                break
        # Only pushes add entries; a command and its landing add none.
        return sum(1 for _, push in pending[shown_from:] if push)

    def received(self, route: str) -> bool:
        """Record a route change from the client; True when it echoes a push or command.

        Usually the oldest echo; but a command's echo and the landing of the
        one before may cross (two quick commands), so any pending echo counts.
        """
        for echo in self._echoes:
            if echo[0] == route:
                self._echoes.remove(echo)
                return True
        self.route = route
        return False
