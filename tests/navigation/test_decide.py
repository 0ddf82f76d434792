"""Redirect routes (``redirect_to=``) as the decide step resolves them, without a page."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from navkit.navigation.branches import Stacks
from navkit.navigation.decide import Asking, decide
from navkit.navigation.tasks import Handoff
from navkit.navigation.values import Source
from navkit.routing.table import RouteTable


def _router() -> RouteTable:
    router = RouteTable()
    router.add_route("/new", lambda **_: None, endpoint="new")
    router.add_route(r"/items/:item_id(\d{1,3})", lambda item_id, tab="info": None, endpoint="item")
    router.add_route("/old", redirect_to="/new")
    router.add_route("/older", redirect_to="/new?from=older")
    router.add_route("/old/items/:item_id", redirect_to="item")
    router.add_route("/by-query", redirect_to="item")
    router.add_route("/broken", redirect_to="no_such_endpoint")
    return router


def _decide(router: RouteTable, address: str) -> tuple[str, int | None]:
    """Where a navigation to ``address`` lands, and the error code shown there (None: none)."""

    def resolve(target: str, values: dict[str, Any]) -> str:
        # As the navigator resolves a redirect: a path as it is, an endpoint by url_for.
        assert not (target.startswith("/") and values)
        return target if target.startswith("/") else router.url_for(target, **values)

    asking = Asking(router, Source.GO, Stacks(), "", resolve, {}, None, Handoff())
    decided = asyncio.run(decide(asking, address))
    assert decided is not None
    final, levels = decided.address, decided.levels
    error = levels[-1].error
    return final, error.code if error is not None else None


@pytest.mark.parametrize(
    ("address", "lands"),
    [
        ("/old", "/new"),
        ("/old?x=1", "/new?x=1"),
        ("/old?x=1&x=2&q=a+b%0A", "/new?x=1&x=2&q=a+b%0A"),  # the query as it was written
        ("/older?x=1", "/new?from=older&x=1"),
        ("/old/items/7", "/items/7"),
        ("/old/items/7?tab=reviews", "/items/7?tab=reviews"),  # the carried values, the query
        ("/by-query?item_id=5&tab=x", "/items/5?tab=x"),
    ],
)
def test_redirect_route_keeps_the_query(address: str, lands: str) -> None:
    assert _decide(_router(), address) == (lands, None)


@pytest.mark.parametrize("address", ["/old/items/12345", "/old/items/-1", "/old/items/x"])
def test_old_value_the_target_refuses_is_not_found(address: str) -> None:
    final, code = _decide(_router(), address)
    assert (final, code) == (address, 404)


def test_redirect_to_an_unknown_endpoint_is_still_an_error_of_the_app() -> None:
    assert _decide(_router(), "/broken") == ("/broken", 500)
