"""The notes example in Chromium: its own JSON API, typed query state, fresh data after a save.

One server (one ``API`` of notes) serves this module: one test walks the
whole story, as a user would.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.browser import Screen

APP = "examples.notes"
Open = Callable[[str], Screen]


def test_sort_open_edit_save_and_back_shows_the_new_text(screen: Open) -> None:
    tab = screen(APP)
    tab.open("/notes")
    tab.expect("Notes", "/notes", text="Tickets")
    tab.click("Sort by title")
    tab.expect("Notes", "/notes?sort=title", text="Tickets")
    tab.click("Plumber")  # a link: it had preloaded the note when the pointer reached it
    tab.expect("Note", "/notes/2", text="Call on Monday")
    tab.click("Edit")
    tab.expect("Edit note", "/notes/2/edit")
    tab.type("Text", " or Tuesday")
    tab.click("Save")
    tab.expect("Note", "/notes/2", text="Call on Monday or Tuesday")
    tab.back_arrow()
    tab.expect("Notes", "/notes?sort=title", text="Plumber")  # the sort kept, beneath
    tab.click("Sort by id")
    tab.expect("Notes", "/notes")  # the default stays out of the address
    tab.browser_back()
    tab.expect("Notes", "/notes?sort=title")
