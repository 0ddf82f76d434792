"""navkit's pytest plugin: the ``navkit_client`` fixture, cheap to load.

pytest loads every installed distribution's plugin (the ``pytest11`` entry
point) at the start of every run, in every project, whether its tests use
navkit or not. So this plugin is a package of its own, outside ``navkit``
(importing any ``navkit.*`` module runs ``navkit/__init__``, which imports
Flet), and it imports the client stand-in only when a test asks for the
fixture. ``pytest -p no:navkit`` leaves it out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from navkit.flet.router import Router
    from navkit.testing.client import FletTestClient

__all__ = ["navkit_client"]


@pytest.fixture
def navkit_client() -> Iterator[Callable[..., FletTestClient]]:
    """A factory of :class:`navkit.testing.FletTestClient` objects, closed after the test.

    ``navkit_client(router, route="/store/42")`` takes the client's arguments.
    """
    from navkit.testing.client import FletTestClient  # Flet, only for tests that drive a page

    clients: list[FletTestClient] = []

    def make(router: Router | None = None, **options: Any) -> FletTestClient:
        client = FletTestClient(router, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
