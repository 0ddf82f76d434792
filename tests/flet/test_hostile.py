"""Hostile addresses typed into a running app: a clear outcome, the app still works.

The parser and matcher cases are in test_location / test_matcher; here the
same inputs go through the whole pipeline on a real page, as a user (or a
link) would hand them over. Each row: the address, and the title shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

import navkit
from examples import gallery, shop
from navkit import Router
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]

HOSTILE = [
    ("/shop/products/%", "Page not found"),
    ("/shop/products/%zz", "Page not found"),
    ("/shop/products/%c3%28", "Page not found"),
    ("/shop/products/\x00", "Page not found"),
    ("/shop/\x07products", "Page not found"),
    ("/shop/" + "a" * 100_000, "Page not found"),
    ("/x" * 10_000, "Page not found"),
    ("/shop/../shop/products/1", "Page not found"),
    ("/shop/./products", "Page not found"),
    ("//shop//products", "Page not found"),
    ("/shop/products/cafe\u0301", "Page not found"),
    ("/shop/products?sort=" + "a" * 1_000_000, "Invalid address"),
    ("/shop/products?" + "&".join("page=1" for _ in range(10_000)), "Invalid address"),
    ("/shop/products?page=%zz", "Invalid address"),
    ("/shop/products?page=99999999999999999999999", "Page not found"),
    ("/auth/login?next=javascript:alert(1)", "Log in"),
]


@pytest.mark.parametrize(("address", "title"), HOSTILE, ids=lambda v: repr(v)[:40])
def test_a_hostile_address_gets_a_clear_outcome(
    navkit_client: Client, address: str, title: str
) -> None:
    client = navkit_client(gallery.router, route="/store")
    client.open(address)
    assert client.titles[-1] == title
    # Bounded work is asserted as operation counts (tests/navigation/test_stack.py),
    # constraints' linear time in tests/routing/test_constraints.py, and timed
    # in benchmarks/bench_hostile.py.
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


# -- the matcher: Unicode forms and the time bound ---------------------------

NFC, NFD = "caf\u00e9", "cafe\u0301"  # the same word, composed and decomposed


def test_unicode_forms_are_different_addresses() -> None:
    # As in Werkzeug and the browsers: no normalisation. A template written
    # in NFC matches NFC; a parameter gets exactly the form that was sent.
    router = Router()
    router.add_route(f"/{NFC}", lambda: None, endpoint="menu")
    router.add_route("/u/:name", lambda name: None, endpoint="user")
    assert _endpoint(router, f"/{NFC}") == "menu"
    assert _endpoint(router, f"/{NFD}") is None
    assert _endpoint(router, "/caf%C3%A9") == "menu"  # encoded NFC is NFC
    for form in (NFC, NFD):
        match = router.match(f"/u/{form}")
        assert match is not None and match.params == {"name": form}
    assert router.url_for("user", name=NFD) == "/u/cafe%CC%81"


@pytest.mark.parametrize(
    "address",
    ["/shop/products/" + "a" * 100_000, "/a" * 50_000, "/shop/products?sort=" + "a" * 100_000],
    ids=["one segment", "50,000 segments", "query"],
)
def test_a_100_kb_address_resolves_within_10_ms(address: str) -> None:
    router = gallery.router
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        match = router.match(address)
        timings.append(time.perf_counter() - started)
    assert min(timings) <= 0.010, timings
    if "?" not in address:
        assert match is None  # longer than max_path_length: not found


def _endpoint(router: Router, address: str) -> str | None:
    match = router.match(address)
    return match.endpoint if match is not None else None


# -- refused navigations change nothing --------------------------------------


def _state(client: FletTestClient) -> tuple[object, ...]:
    """Everything a refused navigation must leave as it was."""
    navigator = client.navigator
    return (
        client.page.route,
        client.url,
        [id(view) for view in client.page.views],
        navigator.stack,
        navigator.history,
        list(client.entries),
        client.index,
        len(client.sent),  # not one message to the client
    )


def _offsite_redirect(navigation: navkit.Navigation) -> object:
    if navigation.path == "/shop/products/7":
        return navkit.redirect("//evil.example/phish")
    return None


REFUSED: list[tuple[str, Callable[[FletTestClient], object], type[Exception] | None]] = [
    ("//host", lambda c: c.navigator.go("//evil.example"), navkit.AddressError),
    ("/\\host", lambda c: c.navigator.go("/\\evil.example"), navkit.AddressError),
    ("control", lambda c: c.navigator.go("/shop/\x00"), navkit.AddressError),
    ("replace //host", lambda c: c.navigator.replace("//evil.example"), navkit.AddressError),
    ("scheme", lambda c: c.navigator.go("javascript:alert(1)"), navkit.BuildError),
    ("data", lambda c: c.navigator.go("data:text/html,x"), navkit.BuildError),
    ("dot value", lambda c: c.navigator.go("shop.product", product_id=".."), navkit.BuildError),
    ("bad type", lambda c: c.navigator.go("shop.product", product_id="x"), navkit.BuildError),
    ("missing", lambda c: c.navigator.go("shop.product"), navkit.BuildError),
    ("off-site redirect", lambda c: c.navigator.go("/shop/products/7"), None),
    ("pop_until nowhere", lambda c: c.navigator.pop_until("/nowhere"), None),
    ("open_url scheme", lambda c: c.navigator.open_url("javascript:alert(1)"), None),
    ("open_url #//host", lambda c: c.navigator.open_url("https://h/#//evil.example"), None),
]


@pytest.mark.parametrize(
    ("case", "navigate", "raises"), REFUSED, ids=[case for case, _, _ in REFUSED]
)
def test_a_refused_navigation_changes_nothing(
    navkit_client: Client,
    case: str,
    navigate: Callable[[FletTestClient], object],
    raises: type[Exception] | None,
) -> None:
    router = navkit.Router()
    router.register_blueprint(shop.blueprint, url_prefix="/shop")
    router.guard(_offsite_redirect)
    client = navkit_client(router, route="/shop/products/3")
    before = _state(client)
    if raises is None:
        client.call(navigate, client)
    else:
        with pytest.raises(raises):
            client.call(navigate, client)
    assert _state(client) == before
    client.app_bar_back()  # and the app goes on
    assert client.page.route == "/shop/products"
