"""A shell's bar or rail around what a Material app puts on it, in Chromium.

``tests.e2e.shell_chrome_app``: Inbox, Notes and Reports (an async view),
each view with a floating action button ("Compose"); Inbox opens a snack
bar and a bottom sheet. At 400 px the bar is each view's own
``NavigationBar`` (its scaffold's), at 1000 px one ``NavigationRail``
stands beside the content. Where things are is read from Flutter's
accessibility tree, as a user sees them: a box is ``left, top, right,
bottom`` in CSS pixels of an 800 px high window.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

from tests.e2e.browser import ENABLE_SEMANTICS, Screen, wait_for
from tests.e2e.shell_chrome_app import LOAD_SECONDS, SNACK

APP = "tests.e2e.shell_chrome_app"
Open = Callable[[str], Screen]
Box = dict[str, float]

DESTINATIONS = ["Inbox", "Notes", "Reports"]
PHONE = ViewportSize(width=400, height=800)
DESKTOP = ViewportSize(width=1000, height=800)
WIDTHS = [
    pytest.param(PHONE, "bar", id="400px-bar"),
    pytest.param(DESKTOP, "rail", id="1000px-rail"),
]

# What a user sees of the chrome and around it, each a list of boxes (one
# each once a transition is over): the bar (its tablist), the rail (the
# node holding its destinations), the FAB (its tooltip names it) and the
# snack bar (the innermost node whose text is the message).
READ_BOXES = """(snack) => {
  const box = (node) => {
    const b = node.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom};
  };
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  const rails = all('flt-semantics[role=button][aria-current]').map((n) => n.parentElement);
  const texts = all('flt-semantics').filter((n) => n.textContent.trim() === snack);
  return {
    bar: all('flt-semantics[role=tablist]').map(box),
    rail: Array.from(new Set(rails), box),
    fab: all('flt-semantics[aria-label="Compose"]').map(box),
    snack: texts.filter((n) => !texts.some((m) => m !== n && n.contains(m))).map(box),
  };
}"""


def shell_app(screen: Open, viewport: ViewportSize, address: str = "/inbox") -> Screen:
    tab = screen(APP)
    tab.page.set_viewport_size(viewport)
    tab.open(address)
    return tab


def boxes(tab: Screen) -> dict[str, list[Box]]:
    tab.page.evaluate(ENABLE_SEMANTICS)
    found: dict[str, list[Box]] = tab.page.evaluate(READ_BOXES, SNACK)
    return found


def settled(tab: Screen, *wanted: str) -> dict[str, Box]:
    """The single box of each of ``wanted`` ("bar", "rail", "fab", "snack"),
    once each is shown exactly once and two reads in a row agree (nothing
    is sliding in any more)."""
    reads: list[dict[str, list[Box]]] = [boxes(tab)]

    def read() -> list[dict[str, list[Box]]]:
        reads.append(boxes(tab))
        return reads[-2:]

    def still(last_two: list[dict[str, list[Box]]]) -> bool:
        before, now = last_two
        return all(len(now[name]) == 1 and now[name] == before[name] for name in wanted)

    last = wait_for(read, still)
    assert still(last), f"expected one each of {wanted}, at rest; saw {last[-1]}"
    return {name: last[-1][name][0] for name in wanted}


def overlap(a: Box, b: Box) -> bool:
    """Whether the boxes share any area (touching edges do not count)."""
    across = a["left"] < b["right"] and b["left"] < a["right"]
    down = a["top"] < b["bottom"] and b["top"] < a["bottom"]
    return across and down


def chrome(tab: Screen) -> tuple[str, list[str], list[str]]:
    """The chrome shown ("bar": tabs, "rail": buttons), its destinations and the selected ones."""
    found = tab.destinations()
    roles = {d["role"] for d in found}
    kind = {frozenset({"tab"}): "bar", frozenset({"button"}): "rail"}.get(frozenset(roles), "")
    labels = [d["name"] for d in found]
    chosen = [d["name"] for d in found if d["selected"] == "true"]
    return kind or f"neither: {roles}", labels, chosen


def on(tab: Screen, title: str, kind: str, *, text: str | None = None) -> None:
    """Wait until ``title`` shows at its address, the ``kind`` of chrome with
    every destination and ``title``'s selected."""
    tab.expect(title, f"/{title.lower()}", text=text)
    wanted = (kind, DESTINATIONS, [title])
    last = wait_for(lambda: chrome(tab), lambda seen: seen == wanted)
    assert last == wanted, f"expected the {kind} with {title!r} selected; saw {last}"


def show_snack_bar(tab: Screen) -> None:
    tab.click("Show snack bar")
    assert wait_for(lambda: tab.shows(SNACK), bool), "the snack bar never showed"


# -- (a) every destination, also under a snack bar ---------------------------------


@pytest.mark.parametrize(("viewport", "kind"), WIDTHS)
def test_every_destination_opens_its_tab_and_is_selected(
    screen: Open, viewport: ViewportSize, kind: str
) -> None:
    tab = shell_app(screen, viewport)
    on(tab, "Inbox", kind, text="Three new messages.")
    for title in ["Notes", "Reports", "Inbox", "Reports", "Notes"]:
        tab.tap_destination(title)
        on(tab, title, kind)
    # The last tap's tab is the one shown and selected, nothing else.
    assert chrome(tab) == (kind, DESTINATIONS, ["Notes"])


@pytest.mark.parametrize(("viewport", "kind"), WIDTHS)
def test_every_destination_works_while_the_snack_bar_shows(
    screen: Open, viewport: ViewportSize, kind: str
) -> None:
    tab = shell_app(screen, viewport)
    on(tab, "Inbox", kind)
    show_snack_bar(tab)
    for title in ["Notes", "Reports", "Inbox"]:
        tab.tap_destination(title)
        on(tab, title, kind, text=SNACK)  # the snack bar stays, over each tab
    snack = settled(tab, "snack")["snack"]
    for destination in tab.destinations():
        assert not overlap(snack, destination), f"the snack bar {snack} hides {destination}"


# -- (b), (c) where the FAB and the snack bar sit ------------------------------------------


def test_on_a_phone_the_fab_and_the_snack_bar_sit_above_the_bar(screen: Open) -> None:
    tab = shell_app(screen, PHONE)
    on(tab, "Inbox", "bar")
    shown = settled(tab, "bar", "fab")
    bar, fab = shown["bar"], shown["fab"]
    assert (bar["left"], bar["bottom"], bar["right"]) == (0, PHONE["height"], PHONE["width"])
    assert fab["bottom"] <= bar["top"], f"the FAB {fab} reaches into the bar {bar}"
    assert fab["left"] >= 0 and fab["right"] <= PHONE["width"], f"the FAB {fab} is off screen"

    show_snack_bar(tab)
    shown = settled(tab, "bar", "fab", "snack")
    snack, fab = shown["snack"], shown["fab"]
    assert snack["bottom"] <= bar["top"], f"the snack bar {snack} covers the bar {bar}"
    assert shown["bar"] == bar, f"the bar moved under the snack bar: {shown['bar']} != {bar}"
    assert fab["bottom"] <= snack["top"], f"the snack bar {snack} covers the FAB {fab}"

    tab.tap_destination("Notes")  # another view, its own FAB and bar: the same places
    on(tab, "Notes", "bar", text=SNACK)
    shown = settled(tab, "bar", "fab", "snack")
    assert shown["bar"] == bar and shown["snack"] == snack and shown["fab"] == fab, shown


def test_on_a_wide_window_the_fab_and_the_content_are_clear_of_the_rail(screen: Open) -> None:
    tab = shell_app(screen, DESKTOP)
    on(tab, "Inbox", "rail")
    shown = settled(tab, "rail", "fab")
    rail, fab = shown["rail"], shown["fab"]
    assert rail["left"] == 0 and rail["right"] == 80, f"the rail is at {rail}"
    assert not overlap(fab, rail), f"the FAB {fab} overlaps the rail {rail}"
    assert fab["right"] <= DESKTOP["width"] and fab["bottom"] <= DESKTOP["height"], fab
    text = tab.page.get_by_text("Three new messages.", exact=True).bounding_box()
    assert text is not None and text["x"] >= rail["right"], f"the text at {text} is under the rail"

    show_snack_bar(tab)
    shown = settled(tab, "rail", "fab", "snack")
    assert not overlap(shown["fab"], shown["rail"]), shown
    assert shown["fab"]["bottom"] <= shown["snack"]["top"], f"the snack bar covers the FAB: {shown}"
    for destination in tab.destinations():
        assert not overlap(shown["snack"], destination), f"the snack bar hides {destination}"


# -- (d) a bottom sheet -----------------------------------------------------------------


@pytest.mark.parametrize(("viewport", "kind"), WIDTHS)
def test_the_tabs_work_after_a_bottom_sheet_was_open(
    screen: Open, viewport: ViewportSize, kind: str
) -> None:
    tab = shell_app(screen, viewport)
    on(tab, "Inbox", kind)
    before = settled(tab, kind, "fab")
    tab.click("Open sheet")
    assert wait_for(lambda: tab.shows("A bottom sheet"), bool), "the sheet never opened"
    tab.click("Close sheet")
    assert wait_for(lambda: not tab.shows("A bottom sheet"), bool), "the sheet stayed open"
    after = settled(tab, kind, "fab")
    assert after == before, f"the {kind} or the FAB moved: {after} != {before}"
    for title in ["Notes", "Reports", "Inbox"]:
        tab.tap_destination(title)
        on(tab, title, kind)
    tab.click("Open sheet")  # and again, from the tab shown again
    assert wait_for(lambda: tab.shows("A bottom sheet"), bool), "the sheet never opened again"
    tab.click("Close sheet")
    tab.tap_destination("Notes")
    on(tab, "Notes", kind)
    assert not tab.shows("A bottom sheet")


# -- (e) a parked tab keeps what was typed -------------------------------------------------


@pytest.mark.parametrize(("viewport", "kind"), WIDTHS)
def test_a_parked_tab_keeps_what_was_typed(screen: Open, viewport: ViewportSize, kind: str) -> None:
    tab = shell_app(screen, viewport, "/notes")
    on(tab, "Notes", kind)
    tab.type("Note", "Buy milk")
    tab.tap_destination("Inbox")
    on(tab, "Inbox", kind)
    tab.tap_destination("Reports")
    on(tab, "Reports", kind, text="Teapots: 42")
    tab.tap_destination("Notes")
    on(tab, "Notes", kind)
    assert tab.typed_in("Note") == "Buy milk"


def test_a_tab_parked_on_a_phone_keeps_its_text_on_a_wide_window(screen: Open) -> None:
    tab = shell_app(screen, PHONE, "/notes")
    on(tab, "Notes", "bar")
    tab.type("Note", "Call Ada")
    tab.tap_destination("Inbox")
    on(tab, "Inbox", "bar")
    tab.page.set_viewport_size(DESKTOP)  # Notes is parked with its bar
    on(tab, "Inbox", "rail")
    tab.tap_destination("Notes")
    on(tab, "Notes", "rail")
    assert boxes(tab)["bar"] == [], "a bar shows beside the rail"
    shown = settled(tab, "rail", "fab")
    assert not overlap(shown["fab"], shown["rail"]), shown
    assert tab.typed_in("Note") == "Call Ada"


# -- races: the last tap wins ---------------------------------------------------------


@pytest.mark.parametrize("seen_first", [False, True], ids=["taps-at-once", "taps-once-seen"])
@pytest.mark.parametrize(("viewport", "kind"), WIDTHS)
def test_taps_by_pointer_while_the_snack_bar_slides_in_the_last_one_wins(
    screen: Open, viewport: ViewportSize, kind: str, seen_first: bool
) -> None:
    """Reports (still loading), then Notes, tapped as the snack bar slides in:
    at once after "Show snack bar" (the switch lands while it slides), or
    once its first rows are painted.

    Once the accessibility tree is on, Flutter's web engine reports
    ``accessibleNavigation`` and a SnackBar appears without sliding; so the
    race is run by pointer, as a sighted user taps, on places measured in a
    second tab, and the tree is read only once the taps are done.
    """
    ruler = shell_app(screen, viewport)
    on(ruler, "Inbox", kind)
    button = ruler.page.get_by_role("button", name="Show snack bar").bounding_box()
    assert button is not None
    at_button = (button["x"] + 4, button["y"] + button["height"] / 2)
    background = (viewport["width"] / 2, viewport["height"] / 2)
    found = ruler.destinations()
    places = {d["name"]: ((d["left"] + d["right"]) / 2, middle(d)) for d in found}
    inbox = wait_for(lambda: colours(ruler, [background, at_button]), distinct)
    show_snack_bar(ruler)
    snack = settled(ruler, "snack")["snack"]
    lowest_row = ((snack["left"] + snack["right"]) / 2, snack["bottom"] - 2)

    tab = screen(APP)  # the tree stays off here until the taps are done
    tab.page.set_viewport_size(viewport)
    tab.open("/inbox")
    shown = wait_for(lambda: colours(tab, [background, at_button]), inbox.__eq__)
    assert shown == inbox, f"Inbox never painted as in the measured tab: {shown} != {inbox}"
    tab.page.mouse.click(*at_button)
    if seen_first:
        sliding = wait_for(lambda: colours(tab, [lowest_row])[0], dark)
        assert dark(sliding), f"no snack bar sliding in at {lowest_row}: {sliding}"
    for title in ["Reports", "Notes"]:
        tab.page.mouse.click(*places[title])

    on(tab, "Notes", kind, text=SNACK)
    tab.keeps("Notes", "/notes", seconds=LOAD_SECONDS + 1)  # Reports never lands
    assert chrome(tab) == (kind, DESTINATIONS, ["Notes"])
    shown = settled(tab, "fab", "snack")
    assert shown["snack"] == snack, f"the snack bar came to rest at {shown['snack']}, not {snack}"
    assert shown["fab"]["bottom"] <= shown["snack"]["top"], shown


@pytest.mark.parametrize("last", ["Notes", "Inbox"])
@pytest.mark.parametrize(("viewport", "kind"), WIDTHS)
def test_a_tap_while_an_async_view_loads_wins(
    screen: Open, viewport: ViewportSize, kind: str, last: str
) -> None:
    """Reports is tapped and loads; then another tab, or Inbox -- still shown,
    though the bar already shows Reports selected -- is tapped: it wins."""
    tab = shell_app(screen, viewport)
    on(tab, "Inbox", kind)
    tab.tap_destination("Reports")  # takes LOAD_SECONDS to build
    assert wait_for(tab.progress_shown, bool), "no pending indicator for Reports"
    tab.tap_destination(last)
    on(tab, last, kind)
    tab.keeps(last, f"/{last.lower()}", seconds=LOAD_SECONDS + 1)  # Reports never lands
    assert chrome(tab) == (kind, DESTINATIONS, [last])
    assert not tab.shows("Teapots: 42")
    assert not tab.progress_shown()


# -- the screenshots for the README -----------------------------------------------------


def test_screenshots_of_the_shell_on_a_phone_and_a_wide_window(
    screen: Open, tmp_path: Path
) -> None:
    """Pixels where the tree puts things: a painted FAB, a dark snack bar.

    NAVKIT_SCREENSHOTS=docs/img refreshes ``shell-narrow.png`` and ``shell-wide.png``.
    """
    folder = Path(os.environ.get("NAVKIT_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)

    phone = shell_app(screen, PHONE)
    on(phone, "Inbox", "bar")
    show_snack_bar(phone)
    shown = settled(phone, "bar", "fab", "snack")
    bar, fab, snack = shown["bar"], shown["fab"], shown["snack"]
    assert fab["bottom"] <= snack["top"] and snack["bottom"] <= bar["top"], shown
    phone.page.mouse.move(200, 400)  # off the buttons: no hover shade, no tooltip
    # The background, the FAB's left edge, the snack bar's right end, the bar's corner.
    points = [(200, 400), left_edge(fab), (snack["right"] - 20, middle(snack)), left_edge(bar)]

    def narrow_painted(image: bytes) -> bool:
        background, on_fab, on_snack, on_bar = phone.pixels(image, points)
        return on_fab != background and dark(on_snack) and on_bar != background

    image = phone.screenshot_when(folder / "shell-narrow.png", narrow_painted)
    background, on_fab, on_snack, on_bar = phone.pixels(image, points)
    assert on_fab != background, f"no FAB painted at {fab}: {on_fab}"
    assert dark(on_snack), f"no dark snack bar painted at {snack}: {on_snack}"
    assert on_bar != background, f"no bar painted at {bar}: {on_bar}"

    wide = shell_app(screen, DESKTOP, "/notes")
    on(wide, "Notes", "rail")
    wide.type("Note", "Buy milk")
    wide.page.evaluate("() => document.activeElement.blur()")  # no blinking caret
    shown = settled(wide, "rail", "fab")
    assert not overlap(shown["fab"], shown["rail"]), shown
    wide.page.mouse.move(500, 400)
    points = [(500, 400), left_edge(shown["fab"])]

    def wide_painted(image: bytes) -> bool:
        background, on_fab = wide.pixels(image, points)
        return on_fab != background

    image = wide.screenshot_when(folder / "shell-wide.png", wide_painted)
    background, on_fab = wide.pixels(image, points)
    assert on_fab != background, f"no FAB painted at {shown['fab']}: {on_fab}"


def colours(tab: Screen, points: list[tuple[float, float]]) -> list[tuple[int, ...]]:
    """The colours a screenshot of ``tab`` shows at ``points``."""
    return tab.pixels(tab.page.screenshot(), points)


def dark(colour: tuple[int, ...]) -> bool:
    """The snack bar's colour, not the page's or the bar's."""
    return sum(colour) < 200


def distinct(colours: list[tuple[int, ...]]) -> bool:
    return len(set(colours)) == len(colours)


def middle(box: Box) -> float:
    return (box["top"] + box["bottom"]) / 2


def left_edge(box: Box) -> tuple[float, float]:
    """A point just inside the box's left edge, half way down (clear of round corners)."""
    return box["left"] + 4, middle(box)
