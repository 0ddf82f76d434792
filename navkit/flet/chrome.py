"""A shell's chrome on a Flet page: one navigation bar and one rail, built once and kept.

Why the page's overlay and not ``View.navigation_bar``: measured with Flet
1.0.5, a control set on a second view is sent again in full (a bar of three
destinations: 216 bytes with every view pushed), and one control under two
views has two parents. Flet's client draws the overlay inside the top
view's body, so one bar there stays put while views are pushed and popped
beneath it -- the persistent bar of Material and iOS tab apps -- and a
navigation inside the shell sends nothing for it. The views of a shell get
room for it in their padding: at the bottom under a bar, on the left
beside a rail.

Which of the two shows follows the page's width (``Shell.breakpoint``),
live as the window is resized; which destination is selected follows the
route shown, whatever started the navigation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import flet as ft

from navkit.routing.shells import Place, Shell

__all__ = ["BAR_HEIGHT", "RAIL_WIDTH", "ShellChrome"]

BAR_HEIGHT = 80  # Material 3 navigation bar
RAIL_WIDTH = 80  # Material 3 navigation rail
_DEFAULT_PADDING = 10  # Flet's client pads a view's body by 10 when it sets none

Select = Callable[[int], None]
D = TypeVar("D", ft.NavigationBarDestination, ft.NavigationRailDestination)


@dataclass(slots=True)
class _Chrome:
    """One shell's controls on one page."""

    shell: Shell
    bar: ft.NavigationBar
    rail: ft.NavigationRail


class ShellChrome:
    """The chrome of the shells shown on one page.

    Args:
        page: The page.
        select: Called with a destination's index when the user picks one.
    """

    def __init__(self, page: ft.Page, select: Select) -> None:
        self.page = page
        self._select = select
        self._chromes: dict[int, _Chrome] = {}  # by id(shell)
        self._place: Place | None = None
        self._views: list[ft.View] = []
        self._paddings: dict[int, Any] = {}  # a shell view's own padding, by id(view)

    @property
    def place(self) -> Place | None:
        """The branch whose destination is selected (None: no chrome shown)."""
        return self._place

    def controls(self, shell: Shell) -> tuple[ft.NavigationBar, ft.NavigationRail] | None:
        """The bar and the rail built for ``shell`` on this page (None: not shown yet)."""
        chrome = self._chromes.get(id(shell))
        return None if chrome is None else (chrome.bar, chrome.rail)

    def show(self, place: Place | None, views: Sequence[ft.View], held: Sequence[ft.View]) -> None:
        """Show ``place``'s chrome over ``views`` (the stack shown); ``held`` are all views kept.

        Changes controls only; the caller updates the page.
        """
        self._place, self._views = place, list(views)
        kept = {id(view) for view in held}
        self._paddings = {key: value for key, value in self._paddings.items() if key in kept}
        for chrome in self._chromes.values():
            if place is None or chrome.shell is not place.shell:
                chrome.bar.visible = chrome.rail.visible = False
        if place is None:
            return
        chrome = self._chromes.get(id(place.shell)) or self._build(place)
        overlay = self.page.overlay
        if not any(control is chrome.bar for control in overlay):
            # First shown, or the app cleared the overlay: beneath a pending indicator.
            overlay[:0] = [chrome.bar, chrome.rail]
        wide = (self.page.width or 0) >= place.shell.breakpoint
        chrome.bar.visible, chrome.rail.visible = not wide, wide
        chrome.bar.selected_index = chrome.rail.selected_index = place.index
        for view in views:
            self._make_room(view, wide)
        appbar = views[0].appbar if views else None
        if isinstance(appbar, ft.AppBar) and appbar.automatically_imply_leading:
            # The branch's root is the bottom of its stack, whatever other
            # branches' views the page keeps beneath it.
            appbar.automatically_imply_leading = False

    def reselect(self) -> bool:
        """Select the shown branch's destination again (the client selects a tapped one at once).

        Returns:
            True when the bar or rail showed another one.
        """
        place = self._place
        if place is None:
            return False
        chrome = self._chromes[id(place.shell)]
        changed = False
        for control in (chrome.bar, chrome.rail):
            if control.selected_index != place.index:
                control.selected_index = place.index
                changed = True
        return changed

    def resized(self) -> bool:
        """The page's width changed: switch between bar and rail. True when something changed."""
        place = self._place
        if place is None:
            return False
        chrome = self._chromes[id(place.shell)]
        wide = (self.page.width or 0) >= place.shell.breakpoint
        if chrome.rail.visible == wide:
            return False
        self.show(place, self._views, [*self._views, *(v for v in self.page.views)])
        return True

    def _build(self, place: Place) -> _Chrome:
        shell = place.shell
        bar = ft.NavigationBar(
            destinations=_destinations(shell, ft.NavigationBarDestination),
            selected_index=place.index,
            on_change=self._changed,
            left=0,
            right=0,
            bottom=0,
        )
        rail = ft.NavigationRail(
            destinations=_destinations(shell, ft.NavigationRailDestination),
            selected_index=place.index,
            label_type=ft.NavigationRailLabelType.ALL,
            on_change=self._changed,
            left=0,
            top=0,
            bottom=0,
        )
        chrome = self._chromes[id(shell)] = _Chrome(shell, bar, rail)
        return chrome

    def _changed(self, event: Any) -> None:
        index = event.control.selected_index
        if isinstance(index, int):
            self._select(index)

    def _make_room(self, view: ft.View, wide: bool) -> None:
        """Pad ``view`` so the bar (bottom) or the rail (left) does not cover its content."""
        key = id(view)
        if key not in self._paddings:
            self._paddings[key] = view.padding
        own = _as_padding(self._paddings[key])
        room = ft.Padding(
            left=own.left + (RAIL_WIDTH if wide else 0),
            top=own.top,
            right=own.right,
            bottom=own.bottom + (0 if wide else BAR_HEIGHT),
        )
        if view.padding != room:  # an equal value assigned again would be sent again
            view.padding = room


def _destinations(shell: Shell, kind: Callable[..., D]) -> list[D]:
    """One destination of ``kind`` (the bar's or the rail's) per branch, in order."""
    return [
        kind(icon=shown.icon, selected_icon=shown.selected_icon, label=shown.label)
        for shown in (branch.destination for branch in shell.branches)
    ]


def _as_padding(value: Any) -> ft.Padding:
    if isinstance(value, ft.Padding):
        return value
    if isinstance(value, int | float):
        return ft.Padding(left=value, top=value, right=value, bottom=value)
    return ft.Padding(
        left=_DEFAULT_PADDING, top=_DEFAULT_PADDING, right=_DEFAULT_PADDING, bottom=_DEFAULT_PADDING
    )
