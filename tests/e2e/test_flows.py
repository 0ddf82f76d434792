"""Guards, modal routes and results in a real browser, in both modes.

Each test runs against ``flows_app`` (imperative views, ``router.attach``)
and ``components_flows_app`` (the same pages as ``@ft.component``s, rendered
with ``page.render_views(navkit.Views, router)``): what the user sees must
not depend on how the views are written.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.browser import Screen

Open = Callable[[str], Screen]


@pytest.fixture(params=["tests.e2e.flows_app", "tests.e2e.components_flows_app"])
def app(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_a_guard_refusing_the_back_arrow_keeps_the_view_and_address(screen: Open, app: str) -> None:
    tab = screen(app)
    tab.open("/")
    tab.expect("Home", "/")
    tab.click("Sticky")
    tab.expect("Sticky", "/sticky")
    tab.back_arrow()
    tab.keeps("Sticky", "/sticky")
    assert tab.shows("The back arrow is refused here.")
    tab.browser_back()  # the browser's Back is not refused
    tab.expect("Home", "/")


def test_a_result_comes_back_from_the_pushed_page(screen: Open, app: str) -> None:
    tab = screen(app)
    tab.open("/")
    tab.click("Pick a color")
    tab.expect("Pick", "/pick")
    tab.click("blue")
    tab.expect("Home", "/", text="Picked blue")


def test_closing_the_picker_another_way_gives_none(screen: Open, app: str) -> None:
    tab = screen(app)
    tab.open("/")
    tab.click("Pick a color")
    tab.expect("Pick", "/pick")
    tab.back_arrow()
    tab.expect("Home", "/", text="Picked None")


def test_a_modal_route_deep_links_over_its_parent_and_closes_to_it(screen: Open, app: str) -> None:
    tab = screen(app)
    tab.open("/photos/7")
    tab.expect_dialog("Photo", "/photos/7")
    tab.click("Close")
    tab.expect("Photos", "/photos")
    assert tab.dialog() is None
    tab.click("Photo 7")
    tab.expect_dialog("Photo", "/photos/7")
    tab.browser_back()
    tab.expect("Photos", "/photos")
    assert tab.dialog() is None
    tab.back_arrow()
    tab.expect("Home", "/")
