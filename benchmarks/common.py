"""Small helpers shared by the benchmarks: timing (medians, not means), tables, peers."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import flet as ft


def classic_view_pop(page: ft.Page) -> Callable[[ft.ViewPopEvent], None]:
    """The ``on_view_pop`` handler of Flet's routing docs: pop, then go to the view beneath."""

    def view_pop(event: ft.ViewPopEvent) -> None:
        page.views.pop()
        page.navigate(page.views[-1].route or "/")

    return view_pop


def per_call_seconds(
    call: Callable[[], Any], *, repeats: int = 15, batch_seconds: float = 0.02
) -> float:
    """Median time of one call, over ``repeats`` batches of calls.

    The batch size is chosen so one batch takes about ``batch_seconds``;
    a call slower than that runs once per batch.
    """
    call()  # warm caches, imports, lazy compilation
    started = time.perf_counter()
    call()
    once = max(time.perf_counter() - started, 1e-9)
    loops = max(1, int(batch_seconds / once))
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(loops):
            call()
        samples.append((time.perf_counter() - started) / loops)
    return statistics.median(samples)


def compare(
    calls: dict[str, Callable[[], Any]], *, repeats: int = 15, batch_seconds: float = 0.02
) -> dict[str, float]:
    """Median time of one call for each contestant, measured round-robin.

    Every round times one batch of each contestant in turn, so that drift on
    a shared machine (frequency changes, a neighbour's load) affects all of
    them alike instead of whichever happened to run during it.
    """
    loops = {}
    for name, call in calls.items():
        call()  # warm caches, imports, lazy compilation
        started = time.perf_counter()
        call()
        loops[name] = max(1, int(batch_seconds / max(time.perf_counter() - started, 1e-9)))
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeats):
        for name, call in calls.items():
            count = loops[name]
            started = time.perf_counter()
            for _ in range(count):
                call()
            samples[name].append((time.perf_counter() - started) / count)
    return {name: statistics.median(values) for name, values in samples.items()}


def warm_up(seconds: float = 1.0) -> None:
    """Keep the CPU busy for a moment so the first measurement is not the slowest."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        sum(range(1000))


def format_time(seconds: float) -> str:
    """A duration with a unit a person reads at a glance."""
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """Rows as a Markdown table (pastes into a note or an issue as is)."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = [
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    return "\n".join([line, rule, *body])
