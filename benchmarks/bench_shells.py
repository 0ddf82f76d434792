"""An app shell of eight tabs: what a tab switch and a navigation inside a tab cost.

Three apps side by side, round-robin (``benchmarks/shells.py``, shared with
``tests/flet/test_bench_shells.py``): navkit with kept stacks
(``Shell(keep_state=True)``), navkit with ``keep_state=False``, and the same
tabs in plain Flet as Flet's docs write it (``on_route_change`` rebuilding
``page.views``, a fresh ``NavigationBar`` in each view's
``View.navigation_bar``: the fair peer of navkit's bar per view, after the
app-shell rewrite); navkit without a shell gives the view's own bytes.
On navkit.testing's stand-in for Flet's client (a real ``ft.Page``), pages
a phone's width, so a shell shows its bar. Printed:

1. a tab switch (Feed <-> Search, both three levels deep): view functions
   called, bytes sent, Flet's diff work;
2. a navigation inside the tab shown (``/feed/1/2`` -> ``/feed/1/2/3`` and
   back), one tab opened: bytes sent, of which bars;
3. the same navigation with 1, 2, 4 and 8 tabs opened (each opened tab
   left three levels deep): time (median, p90), bytes, Flet's diff work --
   flat in tabs opened, or not.

"Flet diff calls" counts ``DiffBuilder._compare_dataclasses`` calls (Flet's
differ, once per control compared) in the navigation's ``page.update()``:
an operation count, the same on every machine. Bytes and diff calls are
measured first, while Flet's control ids are small; times in a second
pass, without the counter.

    python -m benchmarks.bench_shells [--quick] [--rounds 60] [--controls 40]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence

from benchmarks.common import format_time, markdown_table, warm_up
from benchmarks.shells import (
    ALONE,
    APPS,
    DIFFS,
    LABELS,
    App,
    Sample,
    bar_bytes,
    navigate_round_robin,
    open_app,
    open_switching,
)

TABS = (1, 2, 4, 8)  # tabs opened, for the third table
COUNTED = 5  # rounds measured with Flet's differ counted (operation counts, bytes)


def p90(values: Sequence[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def median(samples: Sequence[Sample], attribute: str) -> float:
    return float(statistics.median(getattr(sample, attribute) for sample in samples))


def count(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def ratio(after: float, before: float) -> str:
    return f"{after / before:.1f}x" if before else "-"


def switch_table(apps: list[App], rounds: int) -> str:
    with DIFFS.installed():
        for _ in range(COUNTED):
            for app in apps:
                app.switch()
    counted = {app.name: list(app.switches) for app in apps}
    for app in apps:
        app.switches.clear()
    for _ in range(rounds):
        for app in apps:  # round-robin: drift hits every app alike
            app.switch()
    rows = []
    for app in apps:
        ops, seconds = counted[app.name], [s.seconds for s in app.switches]
        rows.append(
            [
                app.name,
                count(median(ops, "calls")),
                count(median(ops, "sent")),
                count(median(ops, "bars")),
                count(median(ops, "diffs")),
                format_time(statistics.median(seconds)),
                format_time(p90(seconds)),
            ]
        )
    header = ["app", "view calls", "bytes sent", "bars sent", "Flet diff calls"]
    return markdown_table([*header, "time (median)", "time (p90)"], rows)


def in_branch_table(apps: dict[tuple[str, int], App], bar: int) -> str:
    rows = []
    for name in (*APPS, ALONE):
        app = apps[name, 1]
        pushes, pops = app.pushes[:COUNTED], app.pops[:COUNTED]
        bars = median(pushes, "bars")
        rows.append(
            [
                name,
                count(median(pushes, "calls")),
                count(median(pushes, "sent")),
                f"{count(bars)} ({count(bars * bar)})",
                count(median(pushes, "diffs")),
                count(median(pops, "sent")),
                count(median(pops, "diffs")),
            ]
        )
    header = ["app", "view calls", "bytes sent", "bars sent (bytes)", "Flet diff calls"]
    return markdown_table([*header, "back: bytes", "back: Flet diff calls"], rows)


def tabs_tables(
    apps: dict[tuple[str, int], App], views: dict[tuple[str, int], int]
) -> tuple[str, str]:
    rows, growth = [], []
    for name in APPS:
        for tabs in TABS:
            app = apps[name, tabs]
            ops, timed = app.pushes[:COUNTED], [s.seconds for s in app.pushes[COUNTED:]]
            back = [s.seconds for s in app.pops[COUNTED:]]
            rows.append(
                [
                    name,
                    str(tabs),
                    str(views[name, tabs]),
                    count(median(ops, "sent")),
                    count(median(ops, "diffs")),
                    format_time(statistics.median(timed)),
                    format_time(p90(timed)),
                    format_time(statistics.median(back)),
                ]
            )
        one, eight = apps[name, 1], apps[name, 8]
        growth.append(
            [
                name,
                ratio(
                    median(eight.pushes[:COUNTED], "diffs"), median(one.pushes[:COUNTED], "diffs")
                ),
                ratio(median(eight.pushes[:COUNTED], "sent"), median(one.pushes[:COUNTED], "sent")),
                ratio(
                    statistics.median(s.seconds for s in eight.pushes[COUNTED:]),
                    statistics.median(s.seconds for s in one.pushes[COUNTED:]),
                ),
            ]
        )
    header = ["app", "tabs opened", "views on the page", "bytes sent", "Flet diff calls"]
    table = markdown_table([*header, "time (median)", "time (p90)", "back: time (median)"], rows)
    summary = markdown_table(["app", "Flet diff calls", "bytes sent", "time (median)"], growth)
    return table, summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=60, help="timed navigations per app")
    parser.add_argument("--controls", type=int, default=40, help="rows per view")
    parser.add_argument("--quick", action="store_true", help="15 timed rounds")
    args = parser.parse_args(argv)
    rounds = 15 if args.quick else args.rounds
    controls = args.controls
    warm_up()
    # Every app is opened first, so the counted rounds run while ids are small.
    switching = [open_switching(name, controls) for name in APPS]
    navigating = {(name, tabs): open_app(name, controls, tabs) for name in APPS for tabs in TABS}
    navigating[ALONE, 1] = open_app(ALONE, controls, 1)
    bar = bar_bytes()
    in_order = list(navigating.values())
    with DIFFS.installed():
        navigate_round_robin(in_order, COUNTED)
    switches = switch_table(switching, rounds)
    navigate_round_robin(in_order, rounds)
    views = {key: len(app.client.page.views) for key, app in navigating.items()}
    for app in [*switching, *in_order]:
        app.close()

    shell = f"a shell of {len(LABELS)} tabs, {controls} controls per view"
    print(f"### 1. A tab switch, Feed <-> Search, both three levels deep ({shell})\n")
    print(switches)
    print(
        "\nkeep_state=False: the tap, then navigator.go back down to /x/1/2 (the same screen)."
        f"\nBytes, calls and bars: median of {COUNTED} switches; times: of {rounds}."
    )
    print(f"\n### 2. A navigation inside the tab shown, one tab opened ({shell})\n")
    print(in_branch_table(navigating, bar))
    print(
        "\nThe push /feed/1/2 -> /feed/1/2/3; 'back' is /feed/1/2/3 -> /feed/1/2 (navigator.go,"
        "\npage.push_route in plain Flet). Bars sent: views put on the page with a"
        f"\nView.navigation_bar; one NavigationBar of {len(LABELS)} destinations is {bar:,} bytes"
        f"\n(msgpack, as Flet encodes it). Median of {COUNTED}. Flet diff calls: controls on the"
        "\npage compared again by page.update(); controls new to the page are encoded, not"
        "\ncompared (plain Flet replaces every view: its cost is in the bytes)."
    )
    table, summary = tabs_tables(navigating, views)
    print(f"\n### 3. The same push against tabs opened ({shell})\n")
    print(table)
    print(
        f"\nBytes and Flet diff calls: median of {COUNTED} pushes; times: of {rounds} pushes"
        "\n(and as many backs), every app round-robin."
    )
    print("\n### 8 tabs opened / 1 tab opened (1.0x: flat in tabs opened)\n")
    print(summary)


if __name__ == "__main__":
    main()
