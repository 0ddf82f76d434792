"""The examples in headless Chromium: real URLs, Back and Forward, reloads.

Every step checks both what is rendered (the AppBar title, read from the
accessibility tree) and the address bar.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from tests.e2e.browser import Screen, wait_for
from tests.e2e.test_gallery_screens import open_card

Open = Callable[[str], Screen]
STORE, SHOP, AUTH = "examples.store", "examples.shop", "examples.auth"
DEEPLINKS, LOADING, UNSAVED = "examples.deeplinks", "examples.loading", "examples.unsaved"


# -- store: the stack, clicks, Back/Forward, reload, legacy links ----------


def test_a_deep_link_opens_the_full_stack(screen: Open) -> None:
    tab = screen(STORE)
    tab.open("/store/42")
    tab.expect("Item", "/store/42", text="Espresso machine")
    tab.back_arrow()
    tab.expect("Store", "/store")
    tab.back_arrow()
    tab.expect("Home", "/")


def test_clicking_navigates_and_the_back_arrow_returns_to_the_parent(screen: Open) -> None:
    tab = screen(STORE)
    tab.open("/")
    tab.expect("Home", "/")
    tab.click("Visit Store")
    tab.expect("Store", "/store")
    tab.click("Teapot")
    tab.expect("Item", "/store/1", text="Teapot")
    tab.back_arrow()
    tab.expect("Store", "/store")


def test_browser_back_and_forward_several_steps(screen: Open) -> None:
    tab = screen(STORE)
    tab.open("/")
    tab.expect("Home", "/")
    tab.click("Visit Store")
    tab.expect("Store", "/store")
    tab.click("Sort by number")
    tab.expect("Store", "/store?sort=number", text="Sorted by number")
    tab.click("Kettle")
    tab.expect("Item", "/store/2", text="Kettle")
    steps = [
        (tab.browser_back, "Store", "/store?sort=number"),
        (tab.browser_back, "Store", "/store"),
        (tab.browser_back, "Home", "/"),
        (tab.browser_forward, "Store", "/store"),
        (tab.browser_forward, "Store", "/store?sort=number"),
        (tab.browser_forward, "Item", "/store/2"),
    ]
    for move, title, address in steps:
        move()
        tab.expect(title, address)
    tab.back_arrow()  # the stack is intact after all that, the store still sorted
    tab.expect("Store", "/store?sort=number")


def test_reload_keeps_the_route_and_the_stack(screen: Open) -> None:
    tab = screen(STORE)
    tab.open("/store")
    tab.expect("Store", "/store")
    tab.click("Teapot")
    tab.expect("Item", "/store/1")
    tab.reload()
    tab.expect("Item", "/store/1", text="Teapot")
    tab.back_arrow()
    tab.expect("Store", "/store")


def test_a_legacy_hash_link_opens_under_the_path_strategy(screen: Open) -> None:
    tab = screen(STORE)
    tab.open("/#/store/42")
    tab.expect("Item", "/store/42", text="Espresso machine")
    tab.back_arrow()
    tab.expect("Store", "/store")


def test_an_unknown_address_shows_the_not_found_view(screen: Open) -> None:
    tab = screen(STORE)
    tab.open("/no/such/page")
    tab.expect("Page not found", "/no/such/page", text="There is no page at this address.")
    tab.open("/store/7")
    tab.expect("Page not found", "/store/7", text="There is no product 7.")
    tab.back_arrow()
    tab.expect("Store", "/store")


# -- shop: typed parameters and the blueprint's not-found page ---------------


def test_typed_query_and_path_parameters(screen: Open) -> None:
    tab = screen(SHOP)
    tab.open("/products?sort=price&page=2")
    tab.expect("Products", "/products?sort=price&page=2", text="Sorted by price, page 2 of 2")
    tab.click("Kettle")
    tab.expect("Product", "/products/2", text="40.00 EUR")
    tab.browser_back()
    tab.expect("Products", "/products?sort=price&page=2")


def test_the_shop_not_found_page(screen: Open) -> None:
    tab = screen(SHOP)
    tab.open("/products/99")
    tab.expect("Page not found", "/products/99", text="There is no product 99.")
    tab.click("Back to the products")
    tab.expect("Products", "/products", text="Sorted by name, page 1 of 2")


# -- deeplinks: the hash strategy ----------------------------------------------


def test_hash_addresses_open_the_stack_and_follow_back(screen: Open) -> None:
    tab = screen(DEEPLINKS)
    tab.open("/#/books/2/chapters/3")
    tab.expect("Chapter", "/#/books/2/chapters/3", text="Share: /#/books/2/chapters/3")
    tab.back_arrow()
    tab.expect("Book", "/#/books/2", text="Leaves and Water")
    tab.click("Chapter 1")
    tab.expect("Chapter", "/#/books/2/chapters/1")
    tab.browser_back()
    tab.expect("Book", "/#/books/2")
    tab.back_arrow()
    tab.expect("Library", "/")


# -- auth: the guard's redirect and the way back to next --------------------------


def test_the_login_redirect_and_the_return_to_next(screen: Open) -> None:
    tab = screen(AUTH)
    tab.open("/account")
    tab.expect("Log in", "/login?next=/account")
    tab.type("Name", "Ada")
    tab.click("Log in")
    tab.expect("Account", "/account", text="Signed in as Ada.")
    tab.click("Log out")
    tab.expect("Welcome", "/", text="Hello, visitor.")
    tab.click("My account")
    tab.expect("Log in", "/login?next=/account")


# -- unsaved: a blocked leave keeps the view and the address ----------------------


def test_a_blocked_leave_keeps_the_view_and_the_address(screen: Open) -> None:
    tab = screen(UNSAVED)
    tab.open("/")
    tab.click("Edit profile")
    tab.expect("Edit profile", "/profile/edit")
    tab.type("Name", "Ada")
    for leave in (tab.back_arrow, tab.browser_back):
        leave()
        tab.expect_dialog("Discard changes?", tab.address)
        tab.click("Keep editing")
        tab.expect("Edit profile", "/profile/edit")
    tab.keeps("Edit profile", "/profile/edit", seconds=0.5)
    tab.back_arrow()
    tab.expect_dialog("Discard changes?", "/profile/edit")
    tab.click("Discard")
    tab.expect("Profile", "/profile")


# -- loading: the pending indicator; leaving while it loads ----------------------


def test_an_async_view_shows_progress_then_lands(screen: Open) -> None:
    tab = screen(LOADING)
    tab.open("/")
    tab.expect("Reports", "/")
    tab.click("Sales report")
    assert wait_for(tab.progress_shown, bool), "no pending indicator while the report loads"
    assert tab.headings() == ["Reports"]  # nothing lands before it is ready
    tab.expect("Sales report", "/report", text="Teapots: 42")
    assert not tab.progress_shown()


def test_leaving_while_it_loads_cancels_it(screen: Open) -> None:
    tab = screen(LOADING)
    tab.open("/")
    tab.expect("Reports", "/")
    tab.click("Sales report")
    tab.click("Quick notes")
    tab.expect("Notes", "/notes")
    tab.keeps("Notes", "/notes", seconds=2.5)  # the report would have landed by now


# -- the gallery ------------------------------------------------------------------


def test_the_gallery_links_every_example(screen: Open) -> None:
    tab = screen("examples.gallery")
    tab.page.set_viewport_size({"width": 1280, "height": 800})
    tab.open("/")
    tab.expect("navkit gallery", "/")
    open_card(tab, "Tea shop")
    tab.expect("Products", "/shop/products")
    tab.back_arrow()
    tab.expect("Shop", "/shop")
    tab.back_arrow()
    tab.expect("navkit gallery", "/")
    open_card(tab, "Members' area")
    tab.expect("Log in", "/auth/login?next=/auth/account")
    tab.open("/")
    tab.expect("navkit gallery", "/")
    tab.scroll(800)  # the cookbook's cards are below the apps
    open_card(tab, "Workspace")  # a components example, beside the imperative ones
    tab.expect("Project", "/workspace/projects/2", text="Project 2: 0 tasks done")
    tab.click("Finish a task")
    tab.expect("Project", "/workspace/projects/2", text="Project 2: 1 tasks done")
    tab.back_arrow()
    tab.expect("Projects", "/workspace/projects")


# -- screenshots for the README -------------------------------------------------


def test_screenshots(screen: Open, tmp_path: Path) -> None:
    """Two pages as a user sees them; NAVKIT_SCREENSHOTS=docs/img refreshes the README's."""
    folder = Path(os.environ.get("NAVKIT_SCREENSHOTS", tmp_path))
    shots = [
        (STORE, "/store/42", "Item", "store-item.png"),
        (SHOP, "/products?sort=price", "Products", "shop-products.png"),
    ]
    for module, address, title, name in shots:
        tab = screen(module)
        tab.open(address)
        tab.expect(title, address)
        time.sleep(0.3)
        tab.screenshot(folder / name)
        image = (folder / name).read_bytes()
        assert image.startswith(b"\x89PNG") and len(image) > 5_000
