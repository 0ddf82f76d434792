"""A switch back to a parked branch sends the views' new order, not the views.

A complexity assertion, not a time bound: with ``Shell(keep_state=True)``
a switch between two three-level branches builds no view, sends under a
tenth of the bytes of a plain Flet app that builds the target tab's three
views again (at 10 controls per view, where that app's update is smallest),
and sends the same bytes whether the parked views hold 10 controls or 100.
Measured on the client stand-in (``benchmarks/shells.py``, shared with
``benchmarks/bench_shells.py``).
"""

from __future__ import annotations

from benchmarks.shells import KEPT, REBUILD, switch_samples

SLACK = 8  # bytes: the two branches' addresses differ in length, and so do their ids


def test_a_kept_stack_switch_builds_nothing_and_does_not_grow_with_the_views() -> None:
    small = switch_samples(KEPT, 10, 4)
    large = switch_samples(KEPT, 100, 4)
    rebuild = switch_samples(REBUILD, 10, 4)
    assert [sample.calls for sample in small + large] == [0] * 8
    assert [sample.calls for sample in rebuild] == [3] * 4  # the measure sees a rebuild
    assert max(sample.sent for sample in small + large) < min(s.sent for s in rebuild) / 10
    for few, many in zip(small, large, strict=True):  # the same switches, in the same order
        assert abs(many.sent - few.sent) <= SLACK, (few, many)
