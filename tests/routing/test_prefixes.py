"""RouteTable.prefix_lengths: the few prefixes of a deep path a route could match."""

from __future__ import annotations

from typing import Any

import pytest

from navkit.routing.prefixes import OPEN_TRIALS
from navkit.routing.table import RouteTable


def _router(*routes: tuple[str, dict[str, Any]]) -> RouteTable:
    router = RouteTable()
    for index, (template, converters) in enumerate(routes):
        router.add_route(template, lambda **_: None, endpoint=f"e{index}", converters=converters)
    return router


DEEP = ["a"] * 1000


@pytest.mark.parametrize(
    ("routes", "segments", "lengths"),
    [
        ([("/", {}), ("/store/:id", {})], DEEP, [2, 1, 0]),  # no route takes more than two
        ([("/", {}), ("/docs/:path*", {})], [], []),  # the root has no proper prefix
        # A tail takes every prefix from its head on: the longest proper one is tried.
        ([("/", {}), ("/docs/:path*", {})], ["docs", *DEEP], [1000, 0]),
        ([("/", {}), ("/docs/:path*", {})], ["docs", "a", "%zz", *DEEP], [2, 0]),  # cut there
        ([("/", {}), ("/docs/:path*", {})], DEEP, [0]),  # its head does not match
        ([("/t/:ids+", {"ids": list[int]})], ["t", "1", "2", "x", "3"], [3, 0]),
        ([(r"/n/:ids(\d+)*", {})], ["n", "1", "b", *DEEP], [2, 0]),
        ([("/e/:rest(.*)/edit", {})], DEEP, [*range(999, 999 - OPEN_TRIALS, -1), 0]),
    ],
)
def test_prefix_lengths(
    routes: list[tuple[str, dict[str, Any]]], segments: list[str], lengths: list[int]
) -> None:
    assert list(_router(*routes).prefix_lengths(segments)) == lengths
