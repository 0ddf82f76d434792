"""Many sessions in one process: 1,000 pages on one router and one event loop.

A Flet web app serves every browser tab from one Python process. The
workload (``benchmarks/sessions.py``) is shared with the benchmark that
prints navigations per second (``python -m benchmarks.bench_sessions``).
What an idle page weighs is measured in ``benchmarks/test_memory.py``.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator

import pytest

from benchmarks.sessions import (
    check_own,
    make_router,
    open_pages,
    run_all,
)
from navkit.testing import FletTestClient

PAGES, STEPS = 1_000, 100


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.mark.slow
def test_a_thousand_interleaved_pages_never_see_each_other(
    loop: asyncio.AbstractEventLoop,
) -> None:
    router = make_router()
    clients = open_pages(router, PAGES, loop)
    # check_own runs after every step of every page: only its own routes,
    # parameters, and views built in its own context.
    run_all(clients, STEPS, loop, check=check_own)
    views = [id(view) for client in clients for view in client.page.views]
    assert len(views) == len(set(views)), "a view object shown on two pages"
    histories = [client.navigator.history for client in clients]
    assert all(len(history.entries) > 1 for history in histories)  # they did navigate
    _close(clients)


def test_a_closed_page_is_garbage_collected(loop: asyncio.AbstractEventLoop) -> None:
    router = make_router()
    clients = open_pages(router, 50, loop)
    run_all(clients, 20, loop)
    pages = [weakref.ref(client.page) for client in clients]
    navigators = [weakref.ref(client.navigator) for client in clients]
    _close(clients)
    del clients
    gc.collect()
    assert [ref() for ref in pages] == [None] * 50
    assert [ref() for ref in navigators] == [None] * 50
    # The router keeps working for the pages still to come.
    (fresh,) = open_pages(router, 1, loop)
    assert fresh.page.route == "/u/0"
    _close([fresh])


def _close(clients: list[FletTestClient]) -> None:
    for client in clients:
        client.close()
