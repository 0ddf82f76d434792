"""The memory benchmarks' own test: a page's memory stays flat, and an idle page is small.

Marked slow (tracemalloc over 20,000 navigations): ``make test`` runs it,
``make check`` does not. ``tests/flet/test_details.py`` keeps the fast check
that the history holds at most ``max_history`` entries (counted, not weighed).

A complexity assertion, not a time bound: the bytes still held after 20,000
navigations are within 1.5x (plus a few KiB of noise) of those after 1,000,
where an unbounded history holds 20x the entries. The history never holds
more than ``max_history`` entries. Measured with tracemalloc
(``benchmarks/history.py``, shared with ``benchmarks/bench_history.py``).
"""

from __future__ import annotations

import pytest

from benchmarks.history import Memory, navigator_memory, page_memory
from benchmarks.sessions import navkit_state_per_page

pytestmark = pytest.mark.slow

SLACK = 8 * 1024  # bytes: one-off caches, allocator noise


def assert_flat(held: dict[int, int], early: int, late: int) -> None:
    assert held[late] <= 1.5 * held[early] + SLACK, held


@pytest.mark.parametrize("web", [True, False], ids=["browser history", "memory history"])
def test_navigation_memory_is_flat_over_20000_navigations(web: bool) -> None:
    memory = navigator_memory(20_000, [1_000, 20_000], web=web)
    assert memory.longest_history == 50  # reached, never passed
    assert_flat(memory.navkit, 1_000, 20_000)
    assert_flat(memory.everything, 1_000, 20_000)


def test_an_unbounded_history_would_fail_the_check() -> None:
    """The measure sees a growing history (so the check above means something)."""
    memory = navigator_memory(20_000, [1_000, 20_000], max_history=10**9)
    assert memory.longest_history > 1_000
    assert memory.navkit[20_000] > 1.5 * memory.navkit[1_000] + SLACK


def test_a_real_page_keeps_at_most_max_history_entries_and_flat_memory() -> None:
    """On the client stand-in (a real ft.Page, Flet's diffing); fewer steps, it is slower."""
    memory: Memory = page_memory(2_000, [200, 2_000], max_history=7)
    assert memory.longest_history == 7
    assert_flat(memory.navkit, 200, 2_000)
    assert_flat(memory.everything, 200, 2_000)


def test_navkit_state_per_idle_page_is_under_20_kib() -> None:
    """What navkit keeps for a page that has navigated and now waits (``bench_sessions``)."""
    per_page = navkit_state_per_page(20, 100)  # 20 pages: tracemalloc slows all down
    assert 0 < per_page <= 20 * 1024, f"{per_page / 1024:.1f} KiB per idle page"
