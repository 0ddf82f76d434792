"""App shells' rules, in one place: one stack per branch, and the backs at a branch's root.

A page inside a shell shows one branch's stack and keeps the others
*parked*: their levels and their views, as the user left them, off the
page. A navigation's target stack is diffed against the stack of the
branch it goes to -- the one shown, or a parked one -- so switching back
to a branch reuses its views (what was typed is still there) and asks
nothing of the branch left, whose views are parked, not closed.

The rules, for a navigation from a stack in branch ``c`` to one in ``t``:

* same branch (or both outside every shell): as without shells;
* another branch of the same shell: the stack shown is parked under ``c``
  and ``t``'s parked stack is the base; with ``keep_state=False`` neither:
  the stack shown closes and ``t`` starts at its root;
* into, out of or across shells: every parked stack closes with the stack
  shown (go_router disposes a shell's branches when the shell is left), so
  logging out and in again never shows the last user's pages.

Back at a branch's root follows Material: at the root of any branch but
the start one (the first), it goes to the start destination as the user
left it; at the start destination's root it leaves the app. Only the
shown stack is on the page, so that last view is the client's first, and
Android's back leaves from it.

Nothing here touches Flet: a view is whatever the surface made of a level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from navkit.navigation.stack import build_stack, place_of
from navkit.navigation.values import Level
from navkit.routing.shells import Place
from navkit.routing.table import RouteTable

__all__ = [
    "START",
    "Stacks",
    "Switch",
    "ViewStack",
    "asks_at_root",
    "back_from_root",
    "branch_tops",
    "opens_now",
    "sibling",
]

START = 0  # the start destination: the first branch of a shell

_NONE: Mapping[Place, ViewStack] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class ViewStack:
    """A stack of levels with the views shown for them (aligned, bottom first)."""

    levels: tuple[Level, ...] = ()
    views: tuple[Any, ...] = ()

    def parkable(self) -> tuple[ViewStack, tuple[Level, ...]]:
        """This stack as a branch left keeps it, and the levels that close instead (top first).

        A dialog or sheet open on top closes: it belongs to the moment it
        was opened, and the client dismisses it when the tab is left.
        """
        count = len(self.levels)
        while count and self.levels[count - 1].modal:
            count -= 1
        closing = self.levels[count:][::-1]
        return ViewStack(self.levels[:count], self.views[:count]), closing

    @property
    def top(self) -> str | None:
        """The address of its top level (None: empty)."""
        return self.levels[-1].address if self.levels else None


@dataclass(frozen=True, slots=True)
class Switch:
    """How one navigation moves between branch stacks (see the module docstring).

    Attributes:
        base: The stack the target is diffed against: its first ``kept``
            views are reused, its other levels close.
        closing: Other levels the navigation closes, top first: the stack
            shown when it is not parked, the parked stacks when the shell is left.
        parked: The parked stacks once the navigation lands.
    """

    base: ViewStack
    closing: tuple[Level, ...] = ()
    parked: Mapping[Place, ViewStack] = field(default_factory=lambda: _NONE)


@dataclass(frozen=True, slots=True)
class Stacks:
    """The stack a page shows and the branch stacks it keeps parked.

    Attributes:
        shown: The levels shown and their views.
        parked: The other branches' stacks, by branch, first branch first.
    """

    shown: ViewStack = field(default_factory=ViewStack)
    parked: Mapping[Place, ViewStack] = field(default_factory=lambda: _NONE)

    def switch(self, table: RouteTable, levels: tuple[Level, ...]) -> Switch:
        """How a navigation to ``levels`` moves between stacks."""
        current = place_of(table, self.shown.levels)
        target = place_of(table, levels)
        if target == current:
            return Switch(self.shown, parked=self.parked)
        if current is not None and target is not None and current.beside(target):
            if not target.shell.keep_state:
                return Switch(ViewStack(), closing=self.shown.levels[::-1])
            parked = {place: stack for place, stack in self.parked.items() if place != target}
            parked[current], closing = self.shown.parkable()
            return Switch(
                self.parked.get(target, ViewStack()),
                closing=closing,
                parked=MappingProxyType(_in_order(parked)),
            )
        closing = tuple(level for stack in self.parked.values() for level in stack.levels[::-1])
        return Switch(self.shown, closing=closing)

    def left_at(self, place: Place, tops: Mapping[Place, str]) -> str:
        """Where ``place``'s branch opens now: where the user left it, else its root.

        Args:
            place: The branch.
            tops: Where branches were left, read from a restored history
                (used until a branch has a parked stack of its own).
        """
        parked = self.parked.get(place)
        top = parked.top if parked is not None else None
        return top if top is not None else tops.get(place, place.root)

    @property
    def parked_views(self) -> tuple[Any, ...]:
        """The parked stacks' views, first branch first: held off the page."""
        return tuple(view for stack in self.parked.values() for view in stack.views)

    def addresses(self) -> frozenset[str]:
        """The addresses of every level held: shown and parked."""
        held = {level.address for level in self.shown.levels}
        held.update(level.address for stack in self.parked.values() for level in stack.levels)
        return frozenset(held)


def _in_order(parked: dict[Place, ViewStack]) -> dict[Place, ViewStack]:
    return dict(sorted(parked.items(), key=lambda item: item[0].index))


def sibling(table: RouteTable, place: Place, index: int) -> Place:
    """The branch at ``index`` of ``place``'s shell (as registered beside it)."""
    return next(other for other in table.places if other.beside(place) and other.index == index)


def opens_now(
    table: RouteTable, stacks: Stacks, tops: Mapping[Place, str], place: Place, index: int
) -> str:
    """Where the destination ``index`` of ``place``'s shell opens now (:meth:`Stacks.left_at`)."""
    return stacks.left_at(sibling(table, place, index), tops)


def asks_at_root(place: Place | None, levels: tuple[Level, ...]) -> frozenset[str]:
    """The root a back must not simply pop: a branch's other than the start one.

    Back there goes to the start destination, so the client asks first
    (``can_pop=False``) and navkit switches. The start destination's root is
    left alone: the client's first view, from which Android's back leaves.
    """
    if place is None or place.index == START or not levels:
        return frozenset()
    return frozenset({levels[0].address})


def back_from_root(place: Place) -> bool:
    """True when a back at ``place``'s root goes to the start destination (not out of the app)."""
    return place.index != START


def branch_tops(table: RouteTable, earlier: tuple[str, ...], shown: Place) -> dict[Place, str]:
    """Where each other branch of ``shown``'s shell was left, read from a history's entries.

    A new session has the tab's entries but no parked stacks: the latest
    entry of each sibling branch, back to where the shell was entered, is
    where that branch opens when switched to (its views are built then).

    Args:
        table: The route table.
        earlier: The entries before the one shown, oldest first.
        shown: The branch shown.
    """
    tops: dict[Place, str] = {}
    if not shown.shell.keep_state:
        return tops
    for address in reversed(earlier):
        place = place_of(table, build_stack(table, address))
        if place is None or not place.beside(shown):
            break  # the shell was entered after this entry: its branches started afresh
        if place != shown:
            tops.setdefault(place, address)
    return tops
