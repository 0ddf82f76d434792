"""Fixtures for the browser tests: one Chromium, one server per example.

Package-scoped: Playwright's sync API keeps an event loop running in this
thread while it is open, so it must be closed before the other tests, which
run their own loops, start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import Screen, Server, launch


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def servers() -> Iterator[Callable[[str], Server]]:
    """``servers("examples.store")``: that example served once for these tests.

    Options may follow the module: ``servers("examples.store --strategy hash")``.
    """
    running: dict[str, Server] = {}

    def get(module: str) -> Server:
        if module not in running:
            name, *args = module.split()
            running[module] = Server(name, *args)
        return running[module]

    yield get
    for server in running.values():
        server.stop()


@pytest.fixture
def screen(browser: Browser, servers: Callable[[str], Server]) -> Iterator[Callable[[str], Screen]]:
    """``screen("examples.store")``: a fresh tab (and Flet session) on that example."""
    contexts = []

    def open_screen(module: str) -> Screen:
        context = browser.new_context(viewport={"width": 800, "height": 600})
        contexts.append(context)
        return Screen(context.new_page(), servers(module).base)

    yield open_screen
    for context in contexts:
        context.close()
