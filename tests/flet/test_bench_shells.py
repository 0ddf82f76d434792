"""What an app shell's navigations cost once parked branches leave the page (issue 19, point 4).

Operation counts and bytes, never time, measured on the client stand-in
(``benchmarks/shells.py``, shared with ``benchmarks/bench_shells.py``): a
shell of eight tabs, each opened tab left three levels deep, on a page a
phone's width (the bar shows). They hold once each shell view has its own
``View.navigation_bar`` and only the shown branch's stack is in
``page.views``:

* a switch to a kept branch calls no view function;
* a navigation inside the tab shown does the same diff work in Flet
  (``DiffBuilder._compare_dataclasses`` calls) and sends the same bytes
  with 1 tab opened as with 8: the parked tabs are not on the page;
* a push inside the tab shown sends the new view and one bar, no more.

Before the rewrite the second fails for kept stacks: every parked view is in
``page.views``, and Flet's ``page.update()`` compares each of its controls
again (159 calls with 1 tab opened, 1,083 with 8, at 40 controls per view).
"""

from __future__ import annotations

import statistics

import pytest

from benchmarks.shells import ALONE, FLET, KEPT, ROOT, bar_bytes, in_branch_samples, switch_samples

CONTROLS = 10  # rows per view
ROUNDS = 3  # pushes and pops per app, round-robin; bytes compared by their median
# Bytes: one app's new view is built just before the other's, so their
# controls' ids are alike; should the ids cross a msgpack width between the
# two (255 -> 256, 65,535 -> 65,536), the median of three pushes still
# compares ids of one width.
ID_SLACK = 8
# Bytes a push may send beyond the view alone (the same view and route in
# navkit without a shell) and one bar (bar_bytes(): a NavigationBar of the
# eight destinations, one selected, with on_change, msgpack-encoded as Flet
# does): the view's "navigation_bar" key (15 bytes) and the bar's nine ids,
# 2 bytes wider each if they are past 65,535 and the measured bar's were not
# (18 bytes), and room for a property or two more on the bar.
VIEW_SLACK = 48


def test_a_switch_to_a_kept_branch_calls_no_view_function() -> None:
    kept = switch_samples(KEPT, CONTROLS, 4)
    plain = switch_samples(FLET, CONTROLS, 2)
    assert [sample.calls for sample in kept] == [0] * 4
    assert [sample.calls for sample in plain] == [3] * 2  # the measure sees views built


@pytest.mark.parametrize("name", [KEPT, ROOT])
def test_a_navigation_in_a_tab_costs_the_same_with_one_and_eight_tabs_opened(name: str) -> None:
    apps = in_branch_samples([(name, 1), (name, 8)], CONTROLS, ROUNDS)
    one, eight = apps[name, 1], apps[name, 8]
    diffs = {
        tabs: ([s.diffs for s in app.pushes], [s.diffs for s in app.pops])
        for tabs, app in [(1, one), (8, eight)]
    }
    assert min(diffs[1][0]) > 0  # the counter sees Flet's differ at work
    assert diffs[8] == diffs[1], f"Flet diff calls (pushes, pops) by tabs opened: {diffs}"
    for kind in ("pushes", "pops"):
        sent = {
            tabs: statistics.median(s.sent for s in getattr(app, kind))
            for tabs, app in [(1, one), (8, eight)]
        }
        assert abs(sent[8] - sent[1]) <= ID_SLACK, f"bytes of {kind} by tabs opened: {sent}"


def test_a_push_in_a_tab_sends_the_new_view_and_one_bar() -> None:
    apps = in_branch_samples([(KEPT, 8), (ROOT, 8), (ALONE, 1)], CONTROLS, ROUNDS)
    alone = statistics.median(s.sent for s in apps[ALONE, 1].pushes)
    limit = alone + bar_bytes() + VIEW_SLACK
    sent = {name: statistics.median(s.sent for s in apps[name, 8].pushes) for name in (KEPT, ROOT)}
    assert [s.calls for s in apps[KEPT, 8].pushes] == [1] * ROUNDS  # one view built
    assert all(value <= limit for value in sent.values()), (sent, limit)
