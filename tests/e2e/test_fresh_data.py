"""Fresh data after saving, in a real browser (the app: tests/e2e/notes_app.py).

Each test edits a note of its own: the server, and its ``NOTES``, serve them all.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from tests.e2e.browser import Screen, wait_for
from tests.e2e.notes_app import LOAD_SECONDS

APP = "tests.e2e.notes_app"
Open = Callable[[str], Screen]

# navkit's default indicator, a ProgressBar in page.overlay, is painted 4 px
# high just under the 56 px AppBar; with no bar, that row is the AppBar's colour.
# (Columns right of the back arrow, whose tap leaves a splash for a while.)
BAR_ROW = 57
APPBAR_ROW = 50
COLUMNS = range(100, 800, 40)
BLANK = (700, 500)  # a point of the page's background, darkened by a dialog's barrier


def editing(screen: Open, note_id: int, text: str) -> Screen:
    """A fresh tab on the list, then note ``note_id`` (showing ``text``), then its editor."""
    tab = screen(APP)
    tab.open("/")
    tab.expect("Notes", "/", text=text)
    tab.click(f"Open note {note_id}")
    tab.expect("Note", f"/note/{note_id}", text=text)
    tab.click("Edit")
    tab.expect("Edit note", f"/note/{note_id}/edit")
    return tab


def append(tab: Screen, text: str) -> None:
    """Type ``text`` at the end of the editor's field (a click puts the cursor mid-text)."""
    tab.type("Text", "")
    tab.page.keyboard.press("End")
    tab.page.keyboard.type(text)


def colour_at(tab: Screen, point: tuple[int, int]) -> tuple[int, ...]:
    return tab.pixels(tab.page.screenshot(), [point])[0]


def bar_painted(tab: Screen) -> bool:
    """True when a screenshot shows the progress bar's row unlike the AppBar above it.

    Pixels, not the accessibility tree: a dialog's barrier hides what is
    beneath it from the tree, the progress bar too, though it is painted.
    """
    points = [(x, y) for x in COLUMNS for y in (BAR_ROW, APPBAR_ROW)]
    colours = tab.pixels(tab.page.screenshot(), points)
    return any(colours[i] != colours[i + 1] for i in range(0, len(colours), 2))


# -- 1. save, then go and refresh: the old bug ------------------------------------


def test_save_then_go_and_refresh_shows_the_saved_note_and_list(screen: Open) -> None:
    """Save runs ``nav.go("note", ...); nav.refresh()``: the refresh once cancelled
    the go and the editor stayed; now the note shows, built with the new text."""
    tab = editing(screen, 1, "Buy milk")
    append(tab, " and eggs")
    tab.click("Save")
    tab.expect("Note", "/note/1", text="Buy milk and eggs")
    assert not tab.shows("Buy milk")  # the page kept beneath was built again
    tab.keeps("Note", "/note/1")  # and nothing brings the editor back
    tab.back_arrow()
    tab.expect("Notes", "/", text="Buy milk and eggs")
    assert not tab.shows("Buy milk")


# -- 2. an awaited save: the user hears how it went -------------------------------


def test_an_awaited_save_lands_and_says_so(screen: Open) -> None:
    """Save and wait invalidates the note and the list, awaits the go and shows
    the outcome's kind in a snack bar: "Landed", on the note with the new text."""
    tab = editing(screen, 2, "Call the plumber")
    append(tab, " at nine")
    tab.click("Save and wait")
    tab.expect("Note", "/note/2", text="Call the plumber at nine")
    assert wait_for(lambda: tab.shows("Landed"), bool), "no snack bar saying Landed"
    assert not tab.shows("Call the plumber")
    tab.back_arrow()  # the list, invalidated while beneath, is built again as it shows
    tab.expect("Notes", "/", text="Call the plumber at nine")
    assert not tab.shows("Call the plumber")


# -- 3. the leave check's dialog: no progress bar behind it ------------------------


def test_no_progress_bar_shows_while_the_discard_dialog_waits(screen: Open) -> None:
    tab = screen(APP)
    tab.open("/")
    tab.expect("Notes", "/")
    tab.click("Open note 3")  # the note loads for LOAD_SECONDS: the bar shows meanwhile
    assert wait_for(lambda: bar_painted(tab), bool), "no progress bar while the note loads"
    tab.expect("Note", "/note/3", text="Water the plants")
    tab.click("Edit")
    tab.expect("Edit note", "/note/3/edit")
    append(tab, " every day")
    page_colour = colour_at(tab, BLANK)

    tab.back_arrow()
    tab.expect_dialog("Discard changes?", "/note/3/edit")
    barrier = wait_for(lambda: colour_at(tab, BLANK), lambda colour: colour != page_colour)
    assert barrier != page_colour, "the dialog's barrier is not painted"
    # Well past pending_delay (0.2 s): the leave check waits for the user, not for data.
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        assert not bar_painted(tab), "a progress bar shows behind the dialog"
        assert not tab.progress_shown()
    assert tab.dialog() is not None

    tab.click("Keep")
    tab.expect("Edit note", "/note/3/edit")
    tab.keeps("Edit note", "/note/3/edit")
    assert tab.typed_in("Text") == "Water the plants every day"
    assert not bar_painted(tab)

    tab.back_arrow()
    tab.expect_dialog("Discard changes?", "/note/3/edit")
    tab.click("Discard")
    tab.expect("Note", "/note/3", text="Water the plants")
    assert not tab.shows("Water the plants every day")


# -- 4. races: the page ends where its address and history say ---------------------


def test_save_tapped_twice_lands_once_on_the_note(screen: Open) -> None:
    tab = editing(screen, 4, "Book the tickets")
    append(tab, " for Friday")
    entries = tab.history_length
    tab.click("Save")
    tab.click("Save")  # while the first save's note still loads
    tab.expect("Note", "/note/4", text="Book the tickets for Friday")
    tab.keeps("Note", "/note/4", seconds=LOAD_SECONDS + 0.5)  # nothing lands late
    assert tab.history_length == entries + 1  # one entry for the note, not two
    tab.browser_back()  # the entry beneath is the editor's, with the text saved
    tab.expect("Edit note", "/note/4/edit")
    assert tab.typed_in("Text") == "Book the tickets for Friday"
    tab.back_arrow()  # saved: no dialog
    tab.expect("Note", "/note/4", text="Book the tickets for Friday")
    assert tab.dialog() is None


def test_save_then_browser_back_at_once_ends_on_the_fresh_note(screen: Open) -> None:
    tab = editing(screen, 5, "Return the library books")
    append(tab, " today")
    entries = tab.history_length
    tab.click("Save")
    tab.browser_back()  # while the save's note still loads: the Back wins
    tab.expect("Note", "/note/5", text="Return the library books today")
    tab.keeps("Note", "/note/5", seconds=LOAD_SECONDS + 0.5)  # the save's go never lands
    assert tab.history_length == entries  # Back moved within the history; nothing pushed
    assert tab.dialog() is None
    tab.browser_forward()  # the entry ahead is still the editor's
    tab.expect("Edit note", "/note/5/edit")
    tab.back_arrow()
    tab.expect("Note", "/note/5", text="Return the library books today")
    tab.back_arrow()
    tab.expect("Notes", "/", text="Return the library books today")
    assert not tab.shows("Return the library books")


# -- 4. a link hovered first: the note opens without waiting ----------------------


def opening(tab: Screen, note_id: int, text: str) -> bool:
    """Click "Open note N", wait for the note; whether the progress bar showed meanwhile."""
    tab.click(f"Open note {note_id}")
    bar = False

    def seen() -> tuple[list[str], bool]:
        nonlocal bar
        bar = bar or tab.progress_shown()
        return tab.headings(), tab.shows(text)

    last = wait_for(seen, lambda state: state == (["Note"], True))
    assert last == (["Note"], True), f"the note never showed: {last}"
    return bar


def test_a_note_hovered_first_opens_without_a_progress_bar(screen: Open) -> None:
    tab = screen(APP)
    tab.open("/")
    tab.expect("Notes", "/", text="Water the plants")
    assert opening(tab, 3, "Water the plants")  # not preloaded: the bar shows while it loads
    tab.back_arrow()
    tab.expect("Notes", "/")
    tab.hover("Open note 3")  # the pointer rests on the link: the note is preloaded again
    time.sleep(LOAD_SECONDS + 0.5)
    assert not opening(tab, 3, "Water the plants")
    tab.expect("Note", "/note/3", text="Water the plants")
