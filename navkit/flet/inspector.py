"""The inspector ``debug=True`` puts over the page: what navkit holds, at a glance.

A small "navkit" button in the page's overlay opens a panel listing the stack
shown (top first), the tab's history with its current entry, the last
navigations with their outcome and time, the loaders' cache, and the
parked stacks of a shell's other branches. While open it follows every
navigation as it ends. Like Vue's and TanStack's devtools, it is for
development: nothing of it exists without ``debug=True``.
"""

from __future__ import annotations

import logging
from typing import Any

import flet as ft

from navkit.navigation.navigator import Navigator
from navkit.navigation.tracing import Trace

__all__ = ["Inspector", "inspector_lines"]

log = logging.getLogger("navkit")

# Navigations listed (the tracer keeps more).
LISTED = 10


def inspector_lines(navigator: Navigator) -> dict[str, list[str]]:
    """What the panel shows, by section: plain lines, so tests and logs can read them."""
    levels = navigator.stack
    stack = [
        f"{'> ' if at == len(levels) - 1 else '  '}{level.address}"
        + (f"  ({level.match.endpoint})" if level.match is not None else "")
        + (f"  error {level.error.code}" if level.error is not None else "")
        for at, level in enumerate(levels)
    ][::-1]
    state = navigator.history
    history = [
        f"{'> ' if at == state.index else '  '}{address}"
        for at, address in enumerate(state.entries)
    ]
    traces = [str(trace) for trace in list(navigator.tracer.traces)[-LISTED:]][::-1]
    loads = [
        f"{address}  {kind}" + ("" if age is None else f"  {age:.1f} s ago")
        for address, kind, age in navigator.view_loads()
    ]
    branches = [
        f"{place}: {' > '.join(level.address for level in parked.levels)}"
        for place, parked in navigator.parked_stacks().items()
    ]
    return {
        "Stack": stack,
        "History": history,
        "Last navigations": traces or ["(none yet)"],
        "Loaders' cache": loads or ["(empty)"],
        "Other branches": branches or ["(no parked stacks)"],
    }


class Inspector:
    """The toggle and the panel, in ``page.overlay``; kept by the page's navigator."""

    def __init__(self, page: ft.Page, navigator: Navigator) -> None:
        self.page = page
        self.navigator = navigator
        self.body = ft.Column(spacing=2, scroll=ft.ScrollMode.AUTO, expand=True)
        self.panel = ft.Container(
            self.body,
            visible=False,
            left=8,
            bottom=148,
            width=380,
            height=420,
            padding=12,
            border_radius=12,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
            shadow=ft.BoxShadow(blur_radius=12, color=ft.Colors.with_opacity(0.3, "black")),
            key="navkit-inspector",
        )
        self.toggle = ft.Container(
            ft.FilledTonalButton(
                "navkit",
                icon=ft.Icons.BUG_REPORT_OUTLINED,
                tooltip="navkit inspector",
                on_click=self.flip,
                key="navkit-inspector-toggle",
            ),
            left=8,
            bottom=96,  # above a shell's navigation bar
        )
        page.overlay.extend([self.panel, self.toggle])
        navigator.tracer.listeners.append(self._traced)

    @property
    def open(self) -> bool:
        """Whether the panel shows."""
        return bool(self.panel.visible)

    def flip(self, _: Any = None) -> None:
        """Open the panel (filled anew) or close it."""
        self.panel.visible = not self.panel.visible
        if self.panel.visible:
            self._fill()
        self.panel.update()

    def _traced(self, _: Trace) -> None:
        if not self.panel.visible:
            return
        self._fill()
        try:
            self.panel.update()
        except RuntimeError as error:  # the page is closing: nothing to show it on
            log.debug("navkit: the inspector could not update (%s)", error)

    def _fill(self) -> None:
        controls: list[ft.Control] = []
        for title, lines in inspector_lines(self.navigator).items():
            controls.append(ft.Text(title, weight=ft.FontWeight.BOLD, size=13))
            controls.extend(ft.Text(line, size=12) for line in lines)
        self.body.controls = controls
