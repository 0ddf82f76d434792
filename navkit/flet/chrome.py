"""A shell's chrome on a Flet page: a navigation bar in each view's scaffold, or one rail.

On narrow pages each shell view gets a ``NavigationBar`` of its own in
``View.navigation_bar``: the bar is then part of the view's scaffold, and
Flutter places everything else around it as Material does -- a floating
action button above it, a snack bar or bottom sheet over the body above
it, the keyboard and a drawer in their places -- and the destinations stay
tabs for assistive technology. One control cannot have two parents, so
each view has its own bar: a navigation inside a branch sends the new
view and its bar (a few hundred bytes), and a view keeps its bar while
it is shown or parked.

On wide pages (``Shell.breakpoint`` and more) one ``NavigationRail`` per
shell is kept in ``page.overlay``, which Flet's client draws inside the top
view's body: it stays put while pages are pushed beside it, as in
go_router's shells, and the shell's views get room for it in their left
padding. Laying it out in each view (a row around the content) would
rewrite the app's ``view.controls``; the overlay places a FAB, a snack bar
and a sheet exactly as a row would.

Which of the two shows follows the page's width, live as the window is
resized; which destination is selected follows the route shown, whatever
started the navigation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import flet as ft

from navkit.routing.shells import Place, Shell

__all__ = ["RAIL_WIDTH", "ShellChrome"]

RAIL_WIDTH = 80  # Material 3 navigation rail
_DEFAULT_PADDING = 10  # Flet's client pads a view's body by 10 when it sets none

Select = Callable[[int], None]
D = TypeVar("D", ft.NavigationBarDestination, ft.NavigationRailDestination)


@dataclass(slots=True)
class _Fitted:
    """What navkit gave one shell view, told apart from what the app gave it.

    Attributes:
        view: The view.
        bar: navkit's bar for it (None: none, or the app set its own).
        own: The view's own padding, before any room for a rail.
        room: The padding navkit last set (the app's own when narrow).
    """

    view: ft.View
    bar: ft.NavigationBar | None
    own: Any
    room: Any

    def release(self) -> None:
        """The view left the shell's stacks: it gets back what navkit changed.

        A view function may return the same view again later; it is then
        fitted afresh, not with a stale bar or the rail's room counted twice.
        """
        view = self.view
        if self.bar is not None and view.navigation_bar is self.bar:
            view.navigation_bar = None
        if view.padding == self.room and self.room != self.own:
            view.padding = self.own


class ShellChrome:
    """The chrome of the shells shown on one page.

    Args:
        page: The page.
        select: Called with a destination's index when the user picks one.
    """

    def __init__(self, page: ft.Page, select: Select) -> None:
        self.page = page
        self._select = select
        self._rails: dict[int, ft.NavigationRail] = {}  # by id(shell)
        self._place: Place | None = None
        self._views: list[ft.View] = []
        self._held: list[Any] = []  # the parked views, off the page
        self._fitted: dict[int, _Fitted] = {}  # by id(view): the shell views held

    def bar(self, view: ft.View) -> ft.NavigationBar | None:
        """The bar navkit gave ``view`` (None: none, or the view is not held)."""
        fitted = self._fitted.get(id(view))
        return None if fitted is None else fitted.bar

    def show(self, place: Place | None, views: Sequence[ft.View], held: Sequence[Any]) -> None:
        """Show ``place``'s chrome with ``views`` (the stack shown); ``held`` are the parked views.

        Changes controls only; the caller updates the page.
        """
        self._place, self._views, self._held = place, list(views), list(held)
        kept = {id(view) for view in (*views, *held)}
        for key in [key for key in self._fitted if key not in kept]:
            self._fitted.pop(key).release()
        wide = place is not None and (self.page.width or 0) >= place.shell.breakpoint
        for key, rail in self._rails.items():
            rail.visible = wide and place is not None and key == id(place.shell)
        if place is None:
            return
        if wide:
            self._show_rail(place)
        for view in views:
            self._fit(view, place, wide)

    def reselect(self) -> bool:
        """Select the shown branch's destination again (the client selects a tapped one at once).

        Returns:
            True when a bar or the rail showed another one.
        """
        place = self._place
        if place is None:
            return False
        controls: list[ft.NavigationBar | ft.NavigationRail] = [
            bar for bar in (self.bar(view) for view in self._views) if bar is not None
        ]
        rail = self._rails.get(id(place.shell))
        if rail is not None:
            controls.append(rail)
        changed = False
        for control in controls:
            if control.selected_index != place.index:
                control.selected_index = place.index
                changed = True
        return changed

    def resized(self) -> bool:
        """The page's width changed: switch between bars and rail. True when something changed."""
        place = self._place
        if place is None:
            return False
        wide = (self.page.width or 0) >= place.shell.breakpoint
        rail = self._rails.get(id(place.shell))
        shown = rail is not None and rail.visible and any(c is rail for c in self.page.overlay)
        if shown == wide:
            return False
        self.show(place, self._views, self._held)
        return True

    def _show_rail(self, place: Place) -> None:
        rail = self._rails.get(id(place.shell))
        if rail is None:
            rail = self._rails[id(place.shell)] = ft.NavigationRail(
                destinations=_destinations(place.shell, ft.NavigationRailDestination),
                selected_index=place.index,
                label_type=ft.NavigationRailLabelType.ALL,
                on_change=self._changed,
                left=0,
                top=0,
                bottom=0,
            )
        if not any(control is rail for control in self.page.overlay):
            # First shown, or the app cleared the overlay: beneath a pending indicator.
            self.page.overlay.insert(0, rail)
        rail.visible = True
        if rail.selected_index != place.index:
            rail.selected_index = place.index

    def _fit(self, view: ft.View, place: Place, wide: bool) -> None:
        """Give ``view`` its bar (narrow) or room for the rail (wide), sending only changes."""
        fitted = self._fitted.get(id(view))
        if fitted is None:
            fitted = self._fitted[id(view)] = _Fitted(view, None, view.padding, view.padding)
        current = view.navigation_bar
        if fitted.bar is not None and current is not None and current is not fitted.bar:
            fitted.bar = None  # the app has set a bar of its own since: it keeps it
        if fitted.bar is None and view.navigation_bar is None and not wide:
            fitted.bar = ft.NavigationBar(
                destinations=_destinations(place.shell, ft.NavigationBarDestination),
                selected_index=place.index,
                on_change=self._changed,
            )
        bar = fitted.bar
        if bar is not None:
            wanted = None if wide else bar
            if view.navigation_bar is not wanted:
                view.navigation_bar = wanted
            if bar.selected_index != place.index:  # tapped before it was parked
                bar.selected_index = place.index
        if view.padding != fitted.room:
            fitted.own = view.padding  # the app has changed it since
        room = fitted.own if not wide else _with_left(_as_padding(fitted.own), RAIL_WIDTH)
        if view.padding != room:  # an equal value assigned again would be sent again
            view.padding = room
        fitted.room = room

    def _changed(self, event: Any) -> None:
        index = event.control.selected_index
        if isinstance(index, int):
            self._select(index)


def _destinations(shell: Shell, kind: Callable[..., D]) -> list[D]:
    """One destination of ``kind`` (the bar's or the rail's) per branch, in order."""
    return [
        kind(icon=shown.icon, selected_icon=shown.selected_icon, label=shown.label)
        for shown in (branch.destination for branch in shell.branches)
    ]


def _with_left(padding: ft.Padding, extra: float) -> ft.Padding:
    return ft.Padding(
        left=padding.left + extra, top=padding.top, right=padding.right, bottom=padding.bottom
    )


def _as_padding(value: Any) -> ft.Padding:
    if isinstance(value, ft.Padding):
        return value
    if isinstance(value, int | float):
        return ft.Padding(left=value, top=value, right=value, bottom=value)
    return ft.Padding(
        left=_DEFAULT_PADDING, top=_DEFAULT_PADDING, right=_DEFAULT_PADDING, bottom=_DEFAULT_PADDING
    )
