"""The gallery in Chromium, wide and narrow, light and dark, as a user sees it; the README pictures.

Each step reads what is shown (card titles, headings, the address bar) from
Flutter's accessibility tree, and the layout from the boxes it gives each
card. Screenshots go to ``tmp_path``; ``NAVKIT_SCREENSHOTS=docs/img`` writes
the README's (gallery-wide, gallery-narrow, gallery-dark, shop, social) there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import ENABLE_SEMANTICS, Screen, wait_for

Open = Callable[[str], Screen]
GALLERY = "examples.gallery"
WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 400, "height": 800}
APPS = ["Tea shop", "Notes", "Members' area", "Social"]  # the first row on a wide window


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the screenshots go: ``$NAVKIT_SCREENSHOTS`` (the README's) or a temporary folder."""
    path = Path(os.environ.get("NAVKIT_SCREENSHOTS") or tmp_path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def cards(tab: Screen) -> dict[str, dict[str, float]]:
    """The gallery's cards shown, by title (a card's first line), with their boxes."""
    tab.page.evaluate(ENABLE_SEMANTICS)
    found: list[dict[str, Any]] = tab.page.locator("flt-semantics[role=button]").evaluate_all(
        """nodes => nodes.map(node => {
            const box = node.getBoundingClientRect();
            return {title: node.textContent.split('\\n')[0], left: box.left, top: box.top,
                    width: box.width};
        })"""
    )
    return {card["title"]: card for card in found if card["title"] and card["width"] > 200}


def open_card(tab: Screen, title: str) -> None:
    """Tap the gallery card whose title is ``title``."""
    card = tab.page.get_by_role("button").filter(has_text=re.compile(f"^{re.escape(title)}\\n"))
    tab._click_single(card, f"card {title!r}")


def shoot(tab: Screen, path: Path, dark: bool = False) -> bytes:
    """A screenshot once painted: the page's background light (or dark) at its left edge."""

    def painted(image: bytes) -> bool:
        if len(image) < 15_000:  # a blank frame: the page not drawn yet
            return False
        red, green, blue = tab.pixels(image, [(4, 400)])[0]
        light = (red + green + blue) / 3
        return light < 80 if dark else light > 200

    image = tab.screenshot_when(path, painted)
    assert image.startswith(b"\x89PNG")
    assert painted(image), f"{path.name}: the background is not {'dark' if dark else 'light'}"
    return image


def shoot_titled(tab: Screen, path: Path) -> bytes:
    """A screenshot once the AppBar's title is drawn (not Flet's blank "Working..." frame)."""

    def titled(image: bytes) -> bool:
        row = tab.pixels(image, [(x, y) for x in range(72, 110) for y in (24, 27, 30)])
        return min(sum(colour) / 3 for colour in row) < 120  # the title's dark letters

    image = tab.screenshot_when(path, titled)
    assert titled(image), f"{path.name}: the page was never drawn"
    return image


def test_the_gallery_wide_and_narrow(screen: Open, folder: Path) -> None:
    tab = screen(GALLERY)
    tab.page.set_viewport_size(WIDE)
    tab.open("/")
    tab.expect("navkit gallery", "/", text="Navigation for Flet apps")
    shown = wait_for(lambda: cards(tab), lambda seen: set(APPS) <= set(seen))
    assert set(APPS) <= set(shown), f"cards shown: {list(shown)}"
    # Four cards side by side on a wide window: one row, left to right.
    assert len({round(shown[title]["top"]) for title in APPS}) == 1
    assert [shown[title]["left"] for title in APPS] == sorted(shown[t]["left"] for t in APPS)
    shoot(tab, folder / "gallery-wide.png")

    tab.page.set_viewport_size(NARROW)
    narrow = wait_for(
        lambda: cards(tab),
        lambda seen: "Tea shop" in seen and "Notes" in seen and seen["Notes"]["width"] > 300,
    )
    # One column on a phone: each card the width of the page, one under the other.
    assert narrow["Tea shop"]["left"] == narrow["Notes"]["left"]
    assert narrow["Notes"]["top"] > narrow["Tea shop"]["top"]
    assert narrow["Notes"]["width"] > 300
    shoot(tab, folder / "gallery-narrow.png")


def test_the_dark_theme_and_back(screen: Open, folder: Path, tmp_path: Path) -> None:
    tab = screen(GALLERY)
    tab.page.set_viewport_size(WIDE)
    tab.open("/")
    tab.expect("navkit gallery", "/")
    shoot(tab, tmp_path / "gallery-light.png")
    tab._click_single(tab.page.get_by_role("button", name="Dark theme"), "the theme switch")
    shoot(tab, folder / "gallery-dark.png", dark=True)
    # The theme is the page's: the shop opened from a card is dark too.
    open_card(tab, "Tea shop")
    tab.expect("Products", "/shop/products", text="Sorted by name, page 1 of 2")
    shoot(tab, tmp_path / "shop-dark.png", dark=True)
    tab.back_arrow()
    tab.back_arrow()
    tab.expect("navkit gallery", "/")
    tab._click_single(tab.page.get_by_role("button", name="Light theme"), "the theme switch")
    image = shoot(tab, tmp_path / "gallery-light-again.png")  # light again, or it raises
    assert image.startswith(b"\x89PNG") and tab.address == "/"


def test_a_card_opens_the_shop_and_its_cart(screen: Open, folder: Path, tmp_path: Path) -> None:
    tab = screen(GALLERY)
    tab.page.set_viewport_size(WIDE)
    tab.open("/")
    tab.expect("navkit gallery", "/")
    open_card(tab, "Tea shop")
    tab.expect("Products", "/shop/products", text="Sorted by name, page 1 of 2")
    assert {"Cups (set of 4)", "Kettle", "Strainer"} <= set(tab.buttons())
    tab._click_single(
        tab.page.get_by_role("button", name="Add Kettle to the cart"), "the Kettle's cart button"
    )
    shoot(tab, folder / "shop.png")
    tab.click("Kettle")
    tab.expect("Product", "/shop/products/2", text="40.00 EUR")
    shoot(tab, tmp_path / "shop-product.png")
    tab._click_single(tab.page.get_by_role("button", name="Cart", exact=True), "the cart")
    tab.expect("Cart", "/shop/cart", text="Total: 40.00 EUR")
    shoot(tab, tmp_path / "shop-cart.png")
    tab.browser_back()  # the page before
    tab.expect("Product", "/shop/products/2")
    tab.back_arrow()  # the page above
    tab.expect("Products", "/shop/products")


def test_a_card_opens_the_kitchen_store_at_one_address(screen: Open) -> None:
    """The store's item is /store/42 (no doubled prefix), its whole stack beneath it."""
    tab = screen(GALLERY)
    tab.page.set_viewport_size(WIDE)
    tab.open("/")
    tab.expect("navkit gallery", "/")
    open_card(tab, "Kitchen store")
    tab.expect("Item", "/store/42", text="Espresso machine")
    tab.back_arrow()
    tab.expect("Store", "/store")
    tab.back_arrow()
    tab.expect("navkit gallery", "/")
    assert tab.headings() == ["navkit gallery"]  # back where the user started


def test_a_card_opens_the_social_app(screen: Open, folder: Path) -> None:
    tab = screen(GALLERY)
    tab.page.set_viewport_size(WIDE)
    tab.open("/")
    tab.expect("navkit gallery", "/")
    open_card(tab, "Social")
    tab.expect("Feed", "/social/feed")
    posts = wait_for(tab.buttons, lambda seen: "Post 1" in seen)
    assert {"Post 1", "Post 2"} <= set(posts), posts
    tab.page.set_viewport_size(NARROW)  # a phone: the navigation bar at the bottom
    bar = wait_for(tab.destinations, lambda seen: [d["role"] for d in seen] == ["tab"] * 3)
    assert [(d["name"], d["selected"]) for d in bar] == [
        ("Feed", "true"),
        ("Search", "false"),
        ("Profile", "false"),
    ]
    shoot(tab, folder / "social.png")
    tab.click("Post 2")
    tab.expect("Post 2", "/social/feed/post/2", text="Something worth reading, number 2.")
    tab.click("Like")
    tab.expect("Post 2", "/social/feed/post/2", text="Liked")
    tab.tap_destination("Profile")
    tab.expect("Profile", "/social/profile", text="Signed in as Ada.")
    tab.tap_destination("Feed")  # the feed's stack as it was left: the post, liked
    tab.expect("Post 2", "/social/feed/post/2", text="Liked")


def test_an_error_page_reads_plainly_and_leads_home(screen: Open, folder: Path) -> None:
    """A bad address: a plain title, the app's words, no developer text, and Home that works."""
    tab = screen(GALLERY)
    tab.page.set_viewport_size(NARROW)
    tab.open("/no/such/page")
    tab.expect("Page not found", "/no/such/page", text="There is no page at this address.")
    assert "No route matches" not in tab.page.locator("body").inner_text()  # detail: debug only
    image = shoot_titled(tab, folder / "error-page.png")
    assert image.startswith(b"\x89PNG")
    tab.click("Home")
    tab.expect("navkit gallery", "/")


def test_the_inspector_in_debug_mode(screen: Open, folder: Path) -> None:
    """``--debug``: the bug button opens the inspector over the page; it follows navigations."""
    tab = screen(f"{GALLERY} --debug")
    tab.page.set_viewport_size(WIDE)
    tab.open("/store/42")
    tab.expect("Item", "/store/42", text="Espresso machine")
    tab.click("navkit")  # the inspector's toggle
    for line in ("Stack", "> /store/42  (store.item)", "History", "Last navigations"):
        assert wait_for(lambda line=line: tab.shows(line), bool), f"{line!r} not shown"
    # each navigation with its time and the bytes Flet's server sent this tab
    traced = tab.page.get_by_text(re.compile(r"landed /store/42 in [0-9.]+ ms, [0-9,]+ bytes sent"))
    assert wait_for(traced.count, bool), "the navigation's time and bytes are not shown"
    image = shoot_titled(tab, folder / "inspector.png")
    assert image.startswith(b"\x89PNG")
    tab.back_arrow()
    tab.expect("Store", "/store")
    assert wait_for(lambda: tab.shows("> /store  (store.store)"), bool), "the panel did not follow"
