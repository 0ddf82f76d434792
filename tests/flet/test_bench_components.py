"""What ``benchmarks/bench_components.py`` prints, held as counts and ratios (never time).

The same five-level app as ``ft.Router`` (``manage_views=True``), navkit's
components mode and navkit's imperative mode, on the client stand-in:

* navkit renders only the level a navigation opens (one push, nothing on a
  pop); ``ft.Router`` renders every level of the stack on each;
* navkit's components mode sends within 10 % of its imperative mode;
* a kept level keeps its hook state, and a level's state never shows at
  another address (``ft.Router`` reconciles levels by position: it does).
"""

from __future__ import annotations

import statistics

from benchmarks.bench_components import contestants, state_rows


def test_components_mode_renders_only_what_opens_and_costs_what_imperative_does() -> None:
    apps = {app.name: app for app in contestants()}
    for _ in range(3):
        for app in apps.values():
            app.cycle()
    renders = {
        (name, kind): statistics.median(sample[1] for sample in app.samples[kind])
        for name, app in apps.items()
        for kind in ("push", "pop", "change")
    }
    sent = {
        (name, kind): statistics.median(sample[2] for sample in app.samples[kind])
        for name, app in apps.items()
        for kind in ("push", "pop", "change")
    }
    for mode in ("navkit components", "navkit imperative"):
        assert (renders[mode, "push"], renders[mode, "pop"], renders[mode, "change"]) == (1, 0, 1)
    assert renders["ft.Router", "push"] == 5 and renders["ft.Router", "pop"] == 4
    for kind in ("push", "pop", "change"):
        assert sent["navkit components", kind] <= 1.1 * sent["navkit imperative", kind], kind
    states = {row[0]: row[1:] for row in state_rows(list(apps.values()))}
    assert states["navkit components"] == ["yes", "no"]
    assert states["ft.Router"][1].startswith("yes")  # the peer's trap, measured
    for app in apps.values():
        app.client.close()
