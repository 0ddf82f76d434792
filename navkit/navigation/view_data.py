"""The navigator's part about data and what views keep: refresh, invalidate, preload, snapshots.

A mixin of :class:`~navkit.navigation.navigator.Navigator` (which holds the
page's machine as ``_machine``), kept apart so each module keeps one job:
this one is about the data views show, not about where the page goes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from navkit.navigation.freshness import matches
from navkit.navigation.machine import NavigationMachine
from navkit.navigation.outcomes import Pending
from navkit.navigation.snapshots import Snapshot
from navkit.navigation.stack import build_stack
from navkit.navigation.urls import resolve
from navkit.navigation.values import Navigation, Source

__all__ = ["ViewData"]


class ViewData:
    """Fresh data and kept view state for one page (mixed into ``Navigator``)."""

    _machine: NavigationMachine

    def refresh(self) -> Pending:
        """Rebuild every view shown (their data changed; Flet drops same-route events).

        Guards and leave checks are asked again: what was allowed may not be
        any more. A navigation in flight is not cancelled: it lands with its
        views built anew (``nav.go(...); nav.refresh()`` shows the new page,
        fresh), or the refresh follows it.

        Returns:
            Its pending outcome (see :meth:`go`).
        """
        return self._machine.refresh([level.address for level in self._machine.shown_now.levels])

    def invalidate(self, endpoint: str | None = None, /, **params: Any) -> Pending:
        """Mark the views of ``endpoint`` (None: every view) with these ``params`` stale.

        Each such view held -- on top, beneath, or in a parked tab -- is
        built again when it shows next; the one on top is rebuilt now (after
        the navigation in flight, if any: it is not cancelled).
        ``nav.invalidate("note", note_id=7)`` after saving note 7.

        Returns:
            The pending outcome of the refresh it makes (see :meth:`go`).
        """
        stacks = self._machine.stacks
        parked = (level for stack in stacks.parked.values() for level in stack.levels)
        held = (*stacks.shown.levels, *parked)
        stale = [level.address for level in held if matches(level, endpoint, params)]
        self._machine.loads.drop(lambda level: not matches(level, endpoint, params))
        return self._machine.refresh(stale)

    def preload(self, target: str, /, **values: Any) -> None:
        """Start the loaders of ``target``'s levels that are not shown; keep their results.

        Opening ``target`` within ``navkit.loading.PRELOAD_SECONDS`` (30 s; or
        its route's ``stale_time``, if longer) then waits for no load: the
        navigation joins a load still running, or uses its result. What a
        link offers on hover and focus (``navkit.link``). Guards are not
        asked -- nothing is shown -- and a loader that fails is forgotten.

        Raises:
            AddressError: ``target`` is a path outside the app.
            BuildError: ``target`` is an endpoint ``url_for`` cannot build.
        """
        machine = self._machine
        address = resolve(machine.router, target, values)
        if machine.surface.in_loop(lambda: self.preload(address)):
            return
        levels = build_stack(machine.router, address)
        shown = machine.shown_now.levels
        entering = [level for level in levels if level not in shown]
        came_from = machine.shown_now.address
        navigation = Navigation(
            address, levels[-1].match, Source.GO, came_from, levels=tuple(levels)
        )
        machine.loads.start(entering, navigation, preload=True)

    def snapshot(self, capture: Callable[[], Any], restore: Callable[[Any], Any]) -> None:
        """Keep what the view being built captures of itself with its history entry.

        Call it from a view function: ``capture()`` runs as its entry is
        left (return the scroll offset, the form's values; None keeps
        nothing), and ``restore(value)`` when the entry shows again with
        the view built anew -- Back or Forward to it, a refresh, a new
        session -- or redrawn by a reload. A value the router's
        ``state_codec`` encodes (JSON by default) survives a new session.
        A view with ``scroll`` set has one by default: its scroll offset.
        """
        machine = self._machine
        shown = machine.shown
        top = shown.levels[-1].address if shown else None
        building = machine.leave_checks.building
        machine.snapshots.add(Snapshot(capture, restore), building, top)
