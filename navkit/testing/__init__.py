"""Test navigation in plain pytest: an in-process stand-in for Flet's client.

:class:`FletTestClient` puts a real ``ft.Page`` (Flet's own ``Session`` and
``Page``) on a fake connection and plays the Flutter client's part of the
routing protocol (see :mod:`navkit.testing.client`).

With navkit installed, pytest gets the ``navkit_client`` fixture::

    def test_item(navkit_client):
        client = navkit_client(router, route="/store/42")
        assert client.view_routes == ["/", "/store", "/store/42"]
        client.app_bar_back()
        assert client.page.route == "/store"
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from navkit.testing.client import FletTestClient as FletTestClient

if TYPE_CHECKING:
    from navkit.flet.router import Router

__all__ = ["FletTestClient"]

try:
    import pytest
except ImportError:  # pragma: no cover - only tests need the fixture
    pass
else:

    @pytest.fixture
    def navkit_client() -> Iterator[Callable[..., FletTestClient]]:
        """A factory of :class:`FletTestClient` objects, closed after the test."""
        clients: list[FletTestClient] = []

        def make(router: Router | None = None, **options: Any) -> FletTestClient:
            client = FletTestClient(router, **options)
            clients.append(client)
            return client

        yield make
        for client in clients:
            client.close()
