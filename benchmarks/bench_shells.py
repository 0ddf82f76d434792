"""Switching tabs in an app shell: navkit's kept stacks against views built again.

Two destinations, Feed and Search, each branch three levels deep, each view
holding 40 rows; the user taps the other destination, back and forth
(``benchmarks/shells.py``, shared with ``tests/flet/test_bench_shells.py``).
Side by side, round-robin: navkit with the branches' stacks kept
(``Shell(keep_state=True)``: the parked views stay in ``page.views``), navkit
with ``keep_state=False`` (a switch opens the branch's root), the same and
then back down to the page the user was on, and a plain Flet app that
replaces ``page.views`` with the target tab's three views built again. All on
navkit.testing's stand-in for Flet's client (a real ``ft.Page``); a switch
includes the client's route-change round trip.

    python -m benchmarks.bench_shells [--switches 200] [--controls 40]
"""

from __future__ import annotations

import argparse
import statistics

from benchmarks.common import format_time, markdown_table, warm_up
from benchmarks.shells import APPS, REBUILD, Sample, open_app, switch_samples

SIZES = (10, 40, 100)  # controls per view, for the bytes against size


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--switches", type=int, default=200)
    parser.add_argument("--controls", type=int, default=40)
    args = parser.parse_args(argv)
    warm_up()
    # First, while Flet's control ids are small (see docs/benchmarks.md).
    size_rows = []
    for name in APPS:
        by_size = [statistics.median(s.sent for s in switch_samples(name, n, 6)) for n in SIZES]
        size_rows.append([name, *(f"{sent:,.0f}" for sent in by_size)])
    apps = [open_app(name, args.controls) for name in APPS]
    for _ in range(args.switches):
        for app in apps:  # round-robin: drift hits every app alike
            app.switch()

    rows = []
    medians: dict[str, tuple[float, float]] = {}
    for app in apps:
        samples: list[Sample] = app.samples
        seconds = [s.seconds for s in samples]
        calls = statistics.median(s.calls for s in samples)
        sent = statistics.median(s.sent for s in samples)
        medians[app.name] = (statistics.median(seconds), sent)
        rows.append(
            [
                app.name,
                f"{calls:g}",
                f"{sent:,.0f}",
                format_time(statistics.median(seconds)),
                format_time(p90(seconds)),
            ]
        )
        app.close()
    print(
        f"### Switching between two three-level branches, {args.controls} controls per view "
        f"(per switch, over {args.switches})\n"
    )
    header = ["app", "view calls", "bytes sent (median)", "time (median)", "time (p90)"]
    print(markdown_table(header, rows))

    rebuild = medians[REBUILD]
    ratio_rows = [
        [name, f"{rebuild[1] / max(ours[1], 1):.1f}x", f"{rebuild[0] / ours[0]:.1f}x"]
        for name, ours in medians.items()
        if name != REBUILD
    ]
    print("\n### Rebuild / navkit\n")
    print(markdown_table(["app", "bytes", "time"], ratio_rows))

    print("\n### Bytes sent per switch against controls per view (median of 6)\n")
    print(markdown_table(["app", *(f"{n} controls" for n in SIZES)], size_rows))


if __name__ == "__main__":
    main()
