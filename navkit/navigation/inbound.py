"""Where everything the user does outside the app's own calls reaches the navigation.

The binding (``navkit.flet``) turns every inbound Flet event into one call
here: the page opening, the client history's listener (the browser's
Back/Forward, a typed address, a reconnect, a restored history, an echo
settling), a view the user closed. Each becomes a navigation of the
machine, or nothing. None of these are the user's API: they are not on
:class:`~navkit.Navigator`.
"""

from __future__ import annotations

from navkit.navigation.branches import START, back_from_root, branch_tops, opens_now
from navkit.navigation.history import ClientEvent, ClientMoved, ClientSettled, HistoryRestored
from navkit.navigation.machine import NavigationMachine
from navkit.navigation.stack import build_stack, place_of
from navkit.navigation.values import Source

__all__ = ["Inbound"]


class Inbound:
    """The binding's entry points into one page's machine."""

    def __init__(self, machine: NavigationMachine) -> None:
        self.machine = machine
        machine.history.listen(self.heard)

    def start(self, address: str) -> None:
        """Show the address the page opened with (a deep link arrives this way)."""
        self.machine.begin(address, Source.DEEP_LINK)

    def heard(self, event: ClientEvent) -> None:
        """The client history's one listener: what the user did to the client, or it reports."""
        if isinstance(event, ClientMoved):
            self.moved(event)
        elif isinstance(event, ClientSettled):
            self.settled(event.address)
        elif isinstance(event, HistoryRestored):
            self.restored()

    def moved(self, event: ClientMoved) -> None:
        """The client shows ``event.address`` already; the history has recorded the move.

        Back where the page is, a pending navigation gives way (it never
        lands) -- except after a reconnect, where nothing was lost and a
        navigation still loading goes on.
        """
        machine, shown = self.machine, self.machine.shown
        # An entry of the same address may hold another state: it is shown anew.
        same = shown is not None and machine.history.entry_state() is shown.state
        if shown is not None and event.address == shown.address and same:
            if event.source is not Source.RECONNECT:
                machine.overtake(successor=False)
            else:
                machine.snapshots.redrawn()  # the client drew the page anew
            return
        machine.begin(event.address, event.source, moved_by=event.by)

    def settled(self, route: str) -> None:
        """The last move navkit sent has reached the client, which shows ``route``.

        Usually ``route`` is the address shown. But within one round trip a
        click's push and the browser's Forward may cross: the page follows
        the Forward, then the push lands and the address bar shows the
        clicked page. The browser's entry is then rewritten to the address
        the page shows -- when a browser move in flight lands, if one is (a
        later Back or Forward reports exactly where the browser is).
        """
        machine = self.machine
        flight, shown = machine.flight, machine.shown
        if flight is not None:
            if flight.source.browser_moved and route != flight.address:
                machine.strayed = True
            return  # any other navigation moves the client when it lands
        if shown is not None and route != shown.address:
            machine.history.landed_late(shown.address)

    def restored(self) -> None:
        """The history is the tab's again (a new session): other branches open where left.

        The branch is the current entry's, whether its page has landed yet or
        is still loading; a state the entry holds reaches its top view, built
        again.
        """
        machine = self.machine
        state = machine.history.state
        place = place_of(machine.router, build_stack(machine.router, state.current))
        if place is not None:
            machine.tops = branch_tops(machine.router, state.entries[: state.index], place)
        top = machine.shown_now.levels[-1:] or build_stack(machine.router, state.current)[-1:]
        if state.state_at(state.index) is not None and machine.shown is None:
            # The first page is still building, given no state: open it again
            # with its entry's (its loads are shared, not started again).
            machine.begin(state.current, Source.DEEP_LINK)
        elif state.state_at(state.index) is not None:
            machine.refresh([top[0].address])  # the page was built before its entry's state came
        else:
            machine.snapshots.restored()  # the view as the entry left it (its snapshot)

    def view_popped(self, route: str, *, closed: bool = True) -> None:
        """The user closed the top view shown (AppBar back, Android back, iOS swipe).

        Args:
            route: The closed view's route.
            closed: False when the client asked first and still shows the
                view (``can_pop=False``): a refusal then changes nothing.
        """
        machine = self.machine
        levels = machine.shown_now.levels
        if all(level.address != route for level in levels):
            return  # closed already (e.g. by a confirmed pop): nothing to do
        index = next(i for i in range(len(levels) - 1, -1, -1) if levels[i].address == route)
        # Android back with a modal route open pops the view beneath the
        # dialog, and the dialog with it (Flet 1.0.5's _handleSystemPopRoute):
        # the modal levels above it close too.
        above_are_modal = all(level.modal for level in levels[index + 1 :])
        place = place_of(machine.router, levels) if index == 0 else None
        if place is not None and back_from_root(place):
            start = opens_now(machine.router, machine.stacks, machine.tops, place, START)
            machine.begin(start, Source.VIEW_POP, reshow_on_refusal=closed)
            return
        if index == 0 and not closed and above_are_modal:
            # The client's first view, asked because of a leave check: it
            # stays as it is (what was typed too). Flet closes the app only
            # when that question is answered, which navkit never does.
            return
        if index == 0 or not above_are_modal:
            # A pop for a view that is not on top (a stale event): show the
            # current stack again so the client and Python agree.
            machine.begin(machine.shown_now.address, Source.REFRESH, keep=0, levels=levels)
            return
        machine.begin(levels[index - 1].address, Source.VIEW_POP, reshow_on_refusal=closed)

    def closed(self) -> None:
        """The page closed: the navigation in flight stops; whoever waits gets None."""
        self.machine.close()
