"""The tabs example in Chromium: one stack per destination, a bar or a rail, Back and Forward.

Flutter's accessibility tree tells the two kinds of chrome apart (measured,
docs/notes/flet-1.0.5-routing.md, "Shell chrome in Chromium"): a
``NavigationBar`` destination is a ``tab`` named by its label with
``aria-selected``; a ``NavigationRail`` destination is a ``button`` whose
text is ``"Feed\\nTab 1 of 3"`` with ``aria-current``. Their boxes say where
a user sees them: the bar along the bottom edge, the rail down the left one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

from tests.e2e.browser import ENABLE_SEMANTICS, Screen, wait_for

Open = Callable[[str], Screen]

STRATEGIES = ["path", "hash"]
DESTINATIONS = ["Feed", "Search", "Profile"]
PHONE = ViewportSize(width=400, height=800)
DESKTOP = ViewportSize(width=1000, height=800)
RAIL_WIDTH = 80  # Material 3: the content starts right of it


def href(strategy: str, route: str) -> str:
    """What the address bar shows for ``route`` (without the origin)."""
    if strategy == "hash":
        return "/" if route == "/" else f"/#{route}"
    return route


def tabs(screen: Open, strategy: str, viewport: ViewportSize = PHONE) -> Screen:
    """A fresh tab on the tabs example, its window ``viewport`` large."""
    tab = screen(f"examples.tabs --strategy {strategy}")
    tab.page.set_viewport_size(viewport)
    return tab


def chrome(tab: Screen) -> tuple[str, list[str], list[str]]:
    """What navigation chrome shows: its kind, its destinations, the selected ones.

    ``"bar"``: tabs side by side along the bottom edge; ``"rail"``: buttons
    stacked down the left edge; anything else is described as seen.
    """
    found = tab.destinations()
    labels = [str(node["name"]) for node in found]
    selected = [str(node["name"]) for node in found if node["selected"] == "true"]
    height = tab.page.viewport_size["height"] if tab.page.viewport_size else 0
    roles = {node["role"] for node in found}
    side_by_side = all(a["right"] <= b["left"] + 1 for a, b in pairwise(found))
    stacked = all(a["bottom"] <= b["top"] + 1 for a, b in pairwise(found))
    kind = ""
    if roles == {"tab"} and side_by_side and all(abs(n["bottom"] - height) < 1 for n in found):
        kind = "bar"
    elif roles == {"button"} and stacked and all(abs(n["left"]) < 1 for n in found):
        kind = "rail"
    return kind or f"neither: {found}", labels, selected


def expect_chrome(tab: Screen, kind: str, selected: str) -> None:
    """Wait until the ``kind`` of chrome shows every destination, ``selected`` the selected one."""
    wanted = (kind, DESTINATIONS, [selected])
    last = wait_for(lambda: chrome(tab), lambda seen: seen == wanted)
    assert last == wanted, f"expected the {kind} with {selected!r} selected; saw {last}"


def at(
    tab: Screen,
    strategy: str,
    title: str,
    route: str,
    selected: str,
    *,
    kind: str = "bar",
    text: str | None = None,
) -> None:
    """The tab shows ``title`` at ``route`` with ``selected`` the selected destination."""
    tab.expect(title, href(strategy, route), text=text)
    expect_chrome(tab, kind, selected)


def tap(tab: Screen, label: str) -> None:
    """Tap the destination ``label``, in the bar or the rail (kept for test_failover)."""
    tab.tap_destination(label)


def content_left(tab: Screen, text: str) -> float:
    """Where the text ``text`` starts, from the window's left edge."""
    tab.page.evaluate(ENABLE_SEMANTICS)
    box = tab.page.get_by_text(text, exact=True).bounding_box()
    return box["x"] if box else -1.0


def settings_with_a_name(screen: Open, strategy: str, name: str) -> Screen:
    """Profile, then Settings, with ``name`` typed into "Display name"."""
    tab = tabs(screen, strategy)
    tab.open(href(strategy, "/profile"))
    at(tab, strategy, "Profile", "/profile", "Profile")
    tab.click("Settings")
    at(tab, strategy, "Settings", "/profile/settings", "Profile")
    tab.type("Display name", name)
    return tab


def to_feed_and_back(tab: Screen, strategy: str) -> None:
    """Tap Feed, then Profile: Settings shows again, Profile selected."""
    tab.tap_destination("Feed")
    at(tab, strategy, "Feed", "/feed", "Feed")
    tab.tap_destination("Profile")
    at(tab, strategy, "Settings", "/profile/settings", "Profile")


# -- a deep link lands in its branch ------------------------------------------------


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_a_deep_link_to_a_post_selects_feed_and_the_arrow_opens_the_feed(
    screen: Open, strategy: str
) -> None:
    tab = tabs(screen, strategy)
    tab.open(href(strategy, "/feed/post/3"))
    at(tab, strategy, "Post 3", "/feed/post/3", "Feed", text="Something worth reading, number 3.")
    length = tab.history_length
    tab.back_arrow()
    at(tab, strategy, "Feed", "/feed", "Feed", text="Post 3")
    assert "Back" not in tab.buttons()  # a destination's first page has no arrow
    assert tab.history_length == length


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_the_root_address_opens_the_feed(screen: Open, strategy: str) -> None:
    tab = tabs(screen, strategy)
    tab.open(href(strategy, "/"))
    at(tab, strategy, "Feed", "/feed", "Feed", text="Post 1")
    assert "Back" not in tab.buttons()
    assert tab.history_length == 2  # about:blank and the feed: "/" left no entry


# -- one stack per destination ----------------------------------------------------------


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_a_destination_keeps_its_page_and_what_was_typed(screen: Open, strategy: str) -> None:
    tab = settings_with_a_name(screen, strategy, "Ada Lovelace")
    to_feed_and_back(tab, strategy)
    assert tab.typed_in("Display name") == "Ada Lovelace"


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_tapping_the_selected_destination_opens_its_first_page(screen: Open, strategy: str) -> None:
    tab = settings_with_a_name(screen, strategy, "Ada")
    to_feed_and_back(tab, strategy)
    length = tab.history_length
    tab.tap_destination("Profile")  # again: back to its first page
    at(tab, strategy, "Profile", "/profile", "Profile", text="Signed in as Ada.")
    assert tab.history_length == length  # stepped back over Settings' entry, none added
    tab.tap_destination("Feed")
    at(tab, strategy, "Feed", "/feed", "Feed")
    tab.tap_destination("Profile")  # Settings was closed, not kept
    at(tab, strategy, "Profile", "/profile", "Profile")


# -- the browser's Back and Forward across destinations -------------------------------------


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_back_and_forward_cross_destinations(screen: Open, strategy: str) -> None:
    tab = tabs(screen, strategy)
    tab.open(href(strategy, "/feed"))
    at(tab, strategy, "Feed", "/feed", "Feed")
    tab.click("Post 2")
    at(tab, strategy, "Post 2", "/feed/post/2", "Feed")
    tab.click("Like")
    tab.expect("Post 2", text="Liked")
    tab.tap_destination("Search")
    at(tab, strategy, "Search", "/search", "Search")
    tab.tap_destination("Profile")
    at(tab, strategy, "Profile", "/profile", "Profile")
    length = tab.history_length
    tab.browser_back()
    at(tab, strategy, "Search", "/search", "Search")
    assert tab.history_length == length
    tab.browser_back()
    at(tab, strategy, "Post 2", "/feed/post/2", "Feed", text="Liked")  # the same page, liked
    assert tab.history_length == length
    tab.browser_forward()
    at(tab, strategy, "Search", "/search", "Search")
    assert tab.history_length == length


# -- bar or rail: the window's width ------------------------------------------------


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize(
    ("width", "kind"), [(400, "bar"), (599, "bar"), (600, "rail"), (1000, "rail")]
)
def test_the_width_picks_the_bar_or_the_rail(
    screen: Open, strategy: str, width: int, kind: str
) -> None:
    tab = tabs(screen, strategy, ViewportSize(width=width, height=800))
    tab.open(href(strategy, "/profile"))
    at(tab, strategy, "Profile", "/profile", "Profile", kind=kind, text="Signed in as Ada.")
    shown, labels, selected = chrome(tab)
    assert (shown, labels, selected) == (kind, ["Feed", "Search", "Profile"], ["Profile"])


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_resizing_the_window_switches_bar_and_rail_live(screen: Open, strategy: str) -> None:
    tab = tabs(screen, strategy)
    tab.open(href(strategy, "/profile"))
    at(tab, strategy, "Profile", "/profile", "Profile", text="Signed in as Ada.")
    assert 0 <= content_left(tab, "Signed in as Ada.") < RAIL_WIDTH
    tab.page.evaluate("() => { window.sameDocument = true; }")  # gone if the page reloads
    tab.page.set_viewport_size(DESKTOP)
    expect_chrome(tab, "rail", "Profile")
    left = wait_for(lambda: content_left(tab, "Signed in as Ada."), lambda x: x >= RAIL_WIDTH)
    assert left >= RAIL_WIDTH, f"the text starts at {left}, under the rail"
    tab.tap_destination("Search")
    at(tab, strategy, "Search", "/search", "Search", kind="rail")
    tab.page.set_viewport_size(PHONE)
    at(tab, strategy, "Search", "/search", "Search", kind="bar")
    tab.tap_destination("Profile")
    at(tab, strategy, "Profile", "/profile", "Profile")
    assert 0 <= content_left(tab, "Signed in as Ada.") < RAIL_WIDTH
    assert tab.page.evaluate("() => window.sameDocument === true")


# -- the screenshot for the README ----------------------------------------------------


def test_screenshot_of_settings_kept_across_destinations(screen: Open, tmp_path: Path) -> None:
    """A phone-sized window: Settings with a typed name, back from Feed.

    NAVKIT_SCREENSHOTS=docs/img refreshes the README's ``tabs.png``.
    """
    shot = Path(os.environ.get("NAVKIT_SCREENSHOTS", tmp_path)) / "tabs.png"
    tab = settings_with_a_name(screen, "path", "Ada Lovelace")
    to_feed_and_back(tab, "path")
    tab.page.mouse.move(200, 400)  # off the bar: no tooltip over Profile
    tab.page.wait_for_timeout(1000)  # the tooltip fades out
    shot.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(shot)
    image = shot.read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 5_000
