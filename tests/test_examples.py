"""The demo's route table: what `make demo` serves is built on the real router."""

from __future__ import annotations

import pytest

from examples import demo


@pytest.mark.parametrize(
    ("address", "stack"),
    [
        ("/", ["/"]),
        ("/store", ["/", "/store"]),
        ("/store/42", ["/", "/store", "/store/42"]),
        ("/store?sort=number", ["/", "/store?sort=number"]),
        ("/store/42/", ["/", "/store", "/store/42/"]),
    ],
)
def test_stack_for_route(address: str, stack: list[str]) -> None:
    assert demo.stack_for(address) == stack


def test_links_route_back_to_their_views() -> None:
    address = demo.router.url_for("item", item_id=42)
    match = demo.router.match(address)
    assert match is not None and match.endpoint == "item" and match.params == {"item_id": 42}
    assert demo.router.url_for("store", sort="number") == "/store?sort=number"


def test_views_build_controls() -> None:
    texts = [control.value for control in demo.item(42) if hasattr(control, "value")]
    assert "Espresso machine" in texts
    assert [c.value for c in demo.item(7)] == ["There is no product 7."]
