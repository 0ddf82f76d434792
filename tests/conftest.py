"""Shared test apps, Hypothesis's profiles, and the e2e marker on the browser tests."""

from __future__ import annotations

import os
from collections import Counter

import flet as ft
import pytest
from hypothesis import settings

import navkit

# How many examples each property tries comes from the profile, never from
# the test: 40 in the quick loop (make check), 200 in make test
# (HYPOTHESIS_PROFILE=ci), 1,000 when hunting (thorough). No deadline: a
# wall-clock bound per example fails on a loaded machine (a 200 ms deadline
# did, with Chromium running beside it); work is asserted as operation
# counts where it matters.
settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("thorough", max_examples=1_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

E2E = os.path.join(os.path.dirname(__file__), "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every browser test is ``e2e``: ``-m "not e2e"`` runs without Chromium."""
    for item in items:
        if str(item.path).startswith(E2E + os.sep):
            item.add_marker(pytest.mark.e2e)


class ShopApp:
    """A small app whose view functions count their calls."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        router = self.router = navkit.Router()

        @router.route("/", title="Home")
        def home() -> list[ft.Control]:
            self.calls["home"] += 1
            return [ft.Text("home")]

        @router.route("/store", title="Store")
        def store(page: int = 1) -> list[ft.Control]:
            self.calls["store"] += 1
            return [ft.Text(f"store page {page}")]

        @router.route("/store/:item_id", title="Item")
        def item(item_id: int) -> ft.View:
            self.calls["item"] += 1
            # A view of its own: used as it is, only its route set by navkit.
            return ft.View(
                appbar=ft.AppBar(title=ft.Text("Item")), controls=[ft.Text(f"item {item_id}")]
            )

        @router.route("/store/:item_id/reviews")
        def reviews(item_id: int, nav: navkit.Navigator) -> ft.Control:
            self.calls["reviews"] += 1
            return ft.Text(f"reviews of {item_id} at {nav.address}")

        @router.route("/login", root=True, title="Log in")
        def login() -> list[ft.Control]:
            self.calls["login"] += 1
            return []

        @router.route("/broken")
        def broken() -> list[ft.Control]:
            raise RuntimeError("view failed")

        @router.route("/search")
        def search(q: str) -> list[ft.Control]:
            return [ft.Text(q)]


@pytest.fixture
def shop() -> ShopApp:
    return ShopApp()
