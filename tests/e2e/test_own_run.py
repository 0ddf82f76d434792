"""An app that calls ``ft.run(main)`` itself and ``router.attach(page)`` in its
``main`` gets navkit's exact browser history, in Chromium, under both strategies;
its own ``page.on_route_change`` hears only app addresses.

The app is :mod:`tests.e2e.own_run_app`: it shows every route its handler was
told about ("App saw: <event.route> <page.route> | ...") at the bottom of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.e2e.browser import Screen, wait_for

Open = Callable[[str], Screen]

STRATEGIES = ["path", "hash"]
# Where main sets its on_route_change: after router.attach(page), or before it.
ORDERS = ["after", "before"]
RESERVED = "/__navkit__"
SEEN = re.compile(r"^App saw:")


def href(strategy: str, route: str) -> str:
    """What the address bar shows for ``route`` (without the origin)."""
    if strategy == "hash":
        return "/" if route == "/" else f"/#{route}"
    return route


def title_of(route: str) -> str:
    return "Home" if route == "/" else "Store" if route == "/store" else "Item"


def app(screen: Open, strategy: str, order: str) -> Screen:
    return screen(f"tests.e2e.own_run_app --strategy {strategy} --handler {order}")


def at(tab: Screen, strategy: str, route: str, length: int | None = None) -> None:
    """The tab shows ``route``: its heading, its address, and (if given) ``history.length``."""
    tab.expect(title_of(route), href(strategy, route))
    if length is not None:
        assert tab.history_length == length, (
            f"at {route!r}: history.length {tab.history_length}, expected {length}"
        )


def handler_saw(tab: Screen) -> list[tuple[str, str]]:
    """What the app's own on_route_change was told: (event.route, page.route) each time."""
    tab.headings()  # the accessibility tree on
    label = tab.page.get_by_text(SEEN)
    if label.count() != 1:
        return []
    text = label.inner_text().removeprefix("App saw:").strip()
    pairs = [entry.strip().split(" ") for entry in text.split("|") if entry.strip()]
    return [(pair[0], pair[1] if len(pair) > 1 else "") for pair in pairs]


def app_heard(tab: Screen, routes: list[str]) -> None:
    """The app's handler heard exactly ``routes``, in order, with ``page.route`` the same,
    and never a reserved ``/__navkit__`` address."""
    expected = [(route, route) for route in routes]
    seen = wait_for(lambda: handler_saw(tab), lambda value: value == expected)
    reserved = [pair for pair in seen if any(r.startswith(RESERVED) for r in pair)]
    assert not reserved, (
        f"the app's handler saw reserved routes; it saw (event.route, page.route): "
        f"{_short(seen)}; expected {expected}"
    )
    assert seen == expected, f"the app's handler saw {seen}; expected {expected}"


def _short(pairs: list[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Reserved routes carry long payloads: their start says enough."""
    return [tuple(r if len(r) < 40 else r[:36] + "..." for r in pair) for pair in pairs]


def at_item(screen: Open, strategy: str, order: str) -> tuple[Screen, int]:
    """Home, Store, then item 42, clicked: the tab and its ``history.length`` there.

    A fresh tab starts with Chromium's ``about:blank`` entry: the app's three
    entries make ``history.length`` one more than at Home, plus two.
    """
    tab = app(screen, strategy, order)
    tab.open(href(strategy, "/"))
    at(tab, strategy, "/")
    start = tab.history_length
    tab.click("Visit Store")
    at(tab, strategy, "/store", start + 1)
    tab.click("Espresso machine")
    at(tab, strategy, "/store/42", start + 2)
    return tab, start + 2


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_after_the_back_arrow_browser_back_goes_to_the_page_beneath(
    screen: Open, strategy: str, order: str
) -> None:
    tab, length = at_item(screen, strategy, order)
    tab.back_arrow()
    at(tab, strategy, "/store", length)  # the browser went back: no entry added
    tab.browser_back()
    at(tab, strategy, "/", length)  # Home, not the item just closed
    tab.browser_forward()
    at(tab, strategy, "/store", length)
    app_heard(tab, ["/store", "/store/42", "/store", "/", "/store"])
    assert tab.history_length == length  # no move added an entry


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_nav_back_moves_back_without_adding_an_entry(
    screen: Open, strategy: str, order: str
) -> None:
    tab, length = at_item(screen, strategy, order)
    tab.click("Go back")
    at(tab, strategy, "/store", length)
    tab.click("Go back")
    at(tab, strategy, "/", length)
    tab.browser_forward()
    at(tab, strategy, "/store", length)
    app_heard(tab, ["/store", "/store/42", "/store", "/", "/store"])
    assert tab.history_length == length  # no move added an entry


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_replace_rewrites_the_current_entry(screen: Open, strategy: str, order: str) -> None:
    tab, length = at_item(screen, strategy, order)
    tab.click("Replace with item 2")
    at(tab, strategy, "/store/2", length)
    tab.browser_back()
    at(tab, strategy, "/store", length)  # the replaced item 42 is gone from the history
    tab.browser_forward()
    at(tab, strategy, "/store/2", length)
    app_heard(tab, ["/store", "/store/42", "/store/2", "/store", "/store/2"])
    assert tab.history_length == length  # the replace added no entry


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_a_deep_link_then_the_back_arrow_reaches_store_then_home(
    screen: Open, strategy: str, order: str
) -> None:
    tab = app(screen, strategy, order)
    tab.open(href(strategy, "/store/42"))
    at(tab, strategy, "/store/42")
    length = tab.history_length
    tab.back_arrow()
    at(tab, strategy, "/store", length)  # the entry rewritten: Store never was one
    tab.back_arrow()
    at(tab, strategy, "/", length)
    tab.browser_forward()  # nothing ahead: the closed pages are not resurrected
    tab.keeps("Home", href(strategy, "/"), seconds=1.0)
    assert tab.history_length == length
    app_heard(tab, ["/store", "/"])  # a deep link itself is no route change


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_the_apps_handler_hears_every_move_and_never_a_reserved_route(
    screen: Open, strategy: str, order: str
) -> None:
    """Every kind of move in one tab, the handler checked after each."""
    tab, length = at_item(screen, strategy, order)
    heard = ["/store", "/store/42"]
    steps: list[tuple[str, Callable[[], None], str]] = [
        ("back arrow", tab.back_arrow, "/store"),
        ("browser Back", tab.browser_back, "/"),
        ("browser Forward", tab.browser_forward, "/store"),
        ("browser Forward", tab.browser_forward, "/store/42"),
        ("replace", lambda: tab.click("Replace with item 2"), "/store/2"),
        ("nav.back()", lambda: tab.click("Go back"), "/store"),
        ("nav.back()", lambda: tab.click("Go back"), "/"),
        ("browser Forward", tab.browser_forward, "/store"),
        ("browser Forward", tab.browser_forward, "/store/2"),
        ("back arrow", tab.back_arrow, "/store"),
    ]
    for name, step, route in steps:
        step()
        at(tab, strategy, route, length)
        heard.append(route)
        try:
            app_heard(tab, heard)
        except AssertionError as error:
            raise AssertionError(f"after {name} to {route!r}: {error}") from error
        tab.page.wait_for_timeout(150)  # a person's pace
    assert tab.history_length == length  # ten moves, not one entry added
