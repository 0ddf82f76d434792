"""Hostile addresses typed into a running app: a clear outcome, the app still works.

The parser and matcher cases are in test_location / test_matcher; here the
same inputs go through the whole pipeline on a real page, as a user (or a
link) would hand them over. Each row: the address, and the title shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from examples import gallery
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]

HOSTILE = [
    ("/shop/products/%", "Not found"),
    ("/shop/products/%zz", "Not found"),
    ("/shop/products/%c3%28", "Not found"),
    ("/shop/products/\x00", "Not found"),
    ("/shop/\x07products", "Not found"),
    ("/shop/" + "a" * 100_000, "Not found"),
    ("/x" * 10_000, "Not found"),
    ("/shop/../shop/products/1", "Not found"),
    ("/shop/./products", "Not found"),
    ("//shop//products", "Not found"),
    ("/shop/products/cafe\u0301", "Not found"),
    ("/shop/products?sort=" + "a" * 1_000_000, "Bad request"),
    ("/shop/products?" + "&".join("page=1" for _ in range(10_000)), "Bad request"),
    ("/shop/products?page=%zz", "Bad request"),
    ("/shop/products?page=99999999999999999999999", "Not found"),
    ("/auth/login?next=javascript:alert(1)", "Log in"),
]


@pytest.mark.parametrize(("address", "title"), HOSTILE, ids=lambda v: repr(v)[:40])
def test_a_hostile_address_gets_a_clear_outcome(
    navkit_client: Client, address: str, title: str
) -> None:
    client = navkit_client(gallery.router, route="/store")
    started = time.perf_counter()
    client.open(address)
    elapsed = time.perf_counter() - started
    assert client.titles[-1] == title
    assert elapsed < 1.0  # bounded: no backtracking, no quadratic parsing
    # The app goes on: a normal navigation lands, and Back returns.
    client.go("shop.product", product_id=3)
    assert client.page.route == "/shop/products/3" and client.titles[-1] == "Product"
    client.browser_back()
    assert client.page.route == address and client.titles[-1] == title


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        "/\\evil.example",
        "%2F%2Fevil.example",
    ],
)
def test_login_never_sends_a_user_off_site(navkit_client: Client, target: str) -> None:
    client = navkit_client(gallery.router, route=f"/auth/login?next={target}")
    login = client.page.views[-1].controls[-1]
    client.call(login.on_click, None)  # type: ignore[attr-defined]
    assert client.page.route == "/auth" and client.titles[-1] == "Welcome"
