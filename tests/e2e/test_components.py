"""Components in navkit's views, in Chromium: set_state reaches the screen, hook state is kept.

A click on a component's button is Flet's click event; what ``set_state``
renders must reach the client (Flet 1.0.5 loses it when a component sits
in a list an update diffs in place: navkit hosts each one). A level kept
beneath a pushed view keeps its component and its hook state.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.browser import Screen

APP = "tests.e2e.components_app"
Open = Callable[[str], Screen]


def test_set_state_shows_and_a_kept_level_keeps_its_state(screen: Open) -> None:
    tab = screen(APP)
    tab.open("/")
    tab.expect("Home", "/", text="home counted 0")
    tab.click("Add")
    tab.click("Add")
    tab.expect("Home", "/", text="home counted 2")
    tab.click("Item 7")  # navkit.use_navigator() inside the component
    tab.expect("Item", "/items/7", text="Item 7 (int) seen 0")
    tab.click("Seen")
    tab.expect("Item", "/items/7", text="Item 7 (int) seen 1")
    tab.click("Edit")
    tab.expect("Edit", "/items/7/edit", text="Editing 7: nothing typed")
    tab.click("Type")
    tab.expect("Edit", "/items/7/edit", text="Editing 7: a draft")
    tab.back_arrow()  # the component's leave check refuses: a draft is typed
    tab.keeps("Edit", "/items/7/edit")
    tab.click("Clear")
    tab.expect("Edit", "/items/7/edit", text="Editing 7: nothing typed")
    tab.back_arrow()  # the item's level was kept: the same component, its state
    tab.expect("Item", "/items/7", text="Item 7 (int) seen 1")
    tab.browser_back()
    tab.expect("Home", "/", text="home counted 2")  # Home was kept beneath all along
    tab.reload()  # the session is kept: the client draws the same components
    tab.expect("Home", "/", text="home counted 2")
