"""Components in navkit's views, in Chromium: set_state reaches the screen, hook state is kept.

A click on a component's button is Flet's click event; what ``set_state``
renders must reach the client (Flet 1.0.5 loses it when a component sits
in a list an update diffs in place: navkit hosts each one). A level kept
beneath a pushed view keeps its component and its hook state.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.browser import Screen

Open = Callable[[str], Screen]


# components_app: components in an attached app's views (its home page is
# imperative); components_mode_app: the same pages, every one a component,
# rendered by page.render_views(navkit.Views, router).
@pytest.mark.parametrize("app", ["tests.e2e.components_app", "tests.e2e.components_mode_app"])
def test_set_state_shows_and_a_kept_level_keeps_its_state(screen: Open, app: str) -> None:
    tab = screen(app)
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


# -- components apps (page.render_views): Flet's router cookbook, ported -----

SIGNIN = "examples.components.signin"
PRODUCTS = "examples.components.products"
WORKSPACE = "examples.components.workspace"


def test_signin_guards_before_render_and_returns_to_next(screen: Open) -> None:
    tab = screen(SIGNIN)  # ft.run + page.render_views(App): App provides a context
    tab.open("/dashboard")
    tab.expect("Sign in", "/login?next=/dashboard", text="Sign in")
    assert not tab.shows("Dashboard:")  # the guard ran before any component rendered
    tab.click("Sign in")
    tab.expect("Dashboard", "/dashboard", text="Dashboard: Welcome back, Ada!")
    length = tab.history_length
    tab.back_arrow()  # the login form replaced its entry: Back shows the start
    tab.expect("Start", "/", text="A small app with a protected dashboard.")
    assert tab.history_length == length
    tab.reload()  # the session is kept: still signed in, still the start page
    tab.expect("Start", "/")
    tab.click("Open the dashboard")
    tab.expect("Dashboard", "/dashboard", text="Dashboard: Welcome back, Ada!")


def test_products_typed_params_loaders_and_a_kept_component(screen: Open) -> None:
    tab = screen(PRODUCTS)
    tab.open("/products/2")  # a deep link: the list beneath, the product on top
    tab.expect("Product", "/products/2", text="Product 2 (int), 0 in the cart")
    assert tab.shows("$24.99, 7 in stock (#2)")  # a nested component's use_loader_data
    tab.click("Add to cart")
    tab.expect("Product", "/products/2", text="Product 2 (int), 1 in the cart")
    tab.back_arrow()
    tab.expect("Products", "/products", text="$9.99")
    tab.click("Sort by price")  # use_query's setter: a new history entry
    tab.expect("Products", "/products?sort=price")
    assert tab.top_of("Doohickey C") < tab.top_of("Widget A")
    tab.browser_back()
    tab.expect("Products", "/products")
    tab.browser_forward()
    tab.expect("Products", "/products?sort=price")
    tab.open("/products/9")
    tab.expect("Page not found", "/products/9", text="There is no product 9.")
    tab.open("/products/abc")  # not an int: refused by the converter, no loader ran
    tab.expect("Page not found", "/products/abc")


def test_leaving_a_product_while_it_loads_cancels_it(screen: Open) -> None:
    tab = screen("tests.e2e.products_slow")
    tab.open("/products")
    tab.expect("Products", "/products", text="$24.99")
    tab.click("Sort by price")
    tab.expect("Products", "/products?sort=price")
    tab.click("Gadget B")
    tab.expect("Products", "/products?sort=price", text="Loading the product...")  # its own
    tab.browser_back()  # while it loads: the load is cancelled, the product never shows
    tab.expect("Products", "/products", text="$24.99")
    tab.keeps("Products", "/products", seconds=2.5)
    assert not tab.shows("Loading the product...")


def test_workspace_tabs_keep_their_stack_and_component_state(screen: Open) -> None:
    tab = screen(WORKSPACE)
    tab.open("/projects/2")
    tab.expect("Project", "/projects/2", text="Project 2: 0 tasks done")
    tab.click("Finish a task")
    tab.click("Finish a task")
    tab.expect("Project", "/projects/2", text="Project 2: 2 tasks done")
    tab.tap_destination("Settings")
    tab.expect("Settings", "/settings", text="General settings")
    tab.click("Account")  # a tab of the page: replaces the entry
    tab.expect("Settings", "/settings?tab=account", text="Account settings")
    tab.tap_destination("Projects")  # the parked stack, its component's state as left
    tab.expect("Project", "/projects/2", text="Project 2: 2 tasks done")
    tab.click("Finish a task")
    tab.expect("Project", "/projects/2", text="Project 2: 3 tasks done")
    tab.browser_back()  # Settings' entry (its tab replaced in place)
    tab.expect("Settings", "/settings?tab=account")
    tab.tap_destination("Home")
    tab.expect("Home", "/", text="Welcome to the workspace (Home).")
    tab.click("See the projects")  # use_branch's switch
    tab.expect("Project", "/projects/2", text="Project 2: 3 tasks done")
