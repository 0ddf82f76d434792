"""The notes example in Chromium: its own JSON API, typed query state, fresh data after a save.

One server (one ``API`` of notes) serves this module: one test walks the
whole story, as a user would.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.e2e.browser import Screen, wait_for

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


MANY = "tests.e2e.notes_many"  # the example with 40 notes: the list scrolls


def test_reload_keeps_the_lists_scroll_and_the_notes_place_in_it(screen: Open) -> None:
    tab = screen(MANY)
    tab.open("/notes")
    tab.expect("Notes", "/notes", text="Groceries")
    tab.scroll(2400)  # each note is a card (~86 px): Errand 30 comes into the window
    top = tab.top_of("Errand 30")  # drawn on screen only once scrolled to
    assert 0 < top < 600
    tab.reload()  # Flutter draws the page anew, at the top: navkit scrolls it back
    tab.expect("Notes", "/notes")
    assert abs(tab.top_of("Errand 30") - top) < 2
    tab.click("Errand 30")  # the link hands the note its place in the list (state=)
    tab.expect("Note", "/notes/30", text="Note 30 of 40")
    tab.reload()
    tab.expect("Note", "/notes/30", text="Note 30 of 40")  # kept with the entry
    tab.click("Next")
    tab.expect("Note", "/notes/31", text="Note 31 of 40")
    length = tab.history_length
    tab.back_arrow()  # Next replaced the entry: the list is beneath, where it was
    tab.expect("Notes", "/notes")
    assert abs(tab.top_of("Errand 30") - top) < 2
    assert tab.history_length == length


SLOW = "tests.e2e.notes_slow"  # the example's API answers after 0.8 s


def test_a_slow_server_shows_the_notes_pending_view_after_its_delay(
    screen: Open,
) -> None:
    # (Never behind a leave check's dialog: test_fresh_data.py paints it, pixel by pixel.)
    tab = screen(SLOW)
    tab.open("/notes")
    tab.expect("Notes", "/notes", text="Tickets")
    started = time.monotonic()
    tab.click("Tickets")
    early = tab.shows("Loading the note...")  # within the pending delay (0.2 s): nothing yet
    clicked_in = time.monotonic() - started
    # The note's route has a pending view of its own, shown instead of the bar.
    assert wait_for(lambda: tab.shows("Loading the note..."), bool), "no pending view"
    assert not tab.progress_shown()
    tab.expect("Note", "/notes/3", text="Book the train to Lyon")
    assert not wait_for(lambda: tab.shows("Loading the note..."), lambda shown: not shown)
    if clicked_in < 0.15:  # a slow machine may take the delay to click: nothing to say then
        assert not early, "the progress bar showed before its delay"
