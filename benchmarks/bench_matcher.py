"""Route matching: navkit against Flet 1.0.5's matchers and Werkzeug, in one run.

Tables of 10, 100, 1,000 and 10,000 routes, a quarter each of static,
one-parameter, two-parameter and catch-all routes. The timed lookup is a hit
on a two-parameter route in the middle of the table (the average position
for matchers that scan in declaration order).

    python -m benchmarks.bench_matcher [--sizes 10,100,1000,10000]
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import flet as ft
from flet.components import router as flet_router
from werkzeug.routing import Map, Rule

import navkit
from benchmarks.common import compare, format_time, markdown_table, warm_up

KINDS = ("static", "one", "two", "catchall")


def template_for(index: int) -> str:
    kind = KINDS[index % 4]
    if kind == "static":
        return f"/s{index}/about"
    if kind == "one":
        return f"/p{index}/:id"
    if kind == "two":
        return f"/t{index}/:a/:b"
    return f"/c{index}/:rest*"


def werkzeug_rule_for(index: int) -> str:
    return (
        template_for(index)
        .replace(":id", "<id>")
        .replace(":a/:b", "<a>/<b>")
        .replace(":rest*", "<path:rest>")
    )


def target_index(size: int) -> int:
    """The two-parameter route nearest the middle of the table."""
    index = size // 2
    while KINDS[index % 4] != "two":
        index -= 1
    return index


def _view(**_kwargs: Any) -> None:
    return None


def build_navkit(size: int) -> navkit.Router:
    router = navkit.Router()
    for index in range(size):
        router.add_route(template_for(index), _view, endpoint=f"r{index}")
    return router


def build_werkzeug(size: int) -> Map:
    return Map([Rule(werkzeug_rule_for(i), endpoint=f"r{i}") for i in range(size)])


def matchers(size: int) -> dict[str, Callable[[str], Any]]:
    """One lookup function per implementation, each returning the endpoint/params."""
    router = build_navkit(size)
    adapter = build_werkzeug(size).bind("localhost")
    flet_routes = [flet_router.Route(path=template_for(i), component=_view) for i in range(size)]
    templates = [template_for(i) for i in range(size)]

    def flet_template_loop(path: str) -> str | None:
        # The pattern the Flet docs teach: one TemplateRoute, try templates in order.
        route = ft.TemplateRoute(path)
        for template in templates:
            if route.match(template):
                return template
        return None

    return {
        "navkit": router.match,
        "werkzeug Map": adapter.match,
        "flet Router": lambda path: flet_router._match_routes(flet_routes, path),
        "flet TemplateRoute loop": flet_template_loop,
    }


def bench_matching(sizes: list[int]) -> dict[tuple[str, int], float]:
    results: dict[tuple[str, int], float] = {}
    for size in sizes:
        index = target_index(size)
        path = f"/t{index}/42/abc"
        contestants = matchers(size)
        for name, match in contestants.items():
            assert match(path), (name, path)  # every implementation must hit
        # Flet recompiles templates per call; past re's cache (512) each is a miss.
        re.purge()
        timed = compare({name: (lambda m=m, p=path: m(p)) for name, m in contestants.items()})
        for name, seconds in timed.items():
            results[name, size] = seconds
    return results


def bench_url_for() -> dict[str, float]:
    router = build_navkit(100)
    adapter = build_werkzeug(100).bind("localhost")
    endpoint = f"r{target_index(100)}"
    return compare(
        {
            "navkit": lambda: router.url_for(endpoint, a=42, b="abc"),
            "werkzeug Map": lambda: adapter.build(endpoint, {"a": 42, "b": "abc"}),
        }
    )


def bench_build(size: int, repeats: int = 3) -> dict[str, tuple[float, float]]:
    """Median seconds to build a table, and bytes allocated per route (tracemalloc)."""

    def build_werkzeug_compiled(size: int) -> Map:
        table = build_werkzeug(size)
        table.bind("localhost").match("/s0/about")  # Werkzeug compiles lazily
        return table

    results = {}
    for name, build in (("navkit", build_navkit), ("werkzeug Map", build_werkzeug_compiled)):
        times = []
        for _ in range(repeats):
            gc.collect()
            started = time.perf_counter()
            table = build(size)
            times.append(time.perf_counter() - started)
            del table
        gc.collect()
        tracemalloc.start()
        table = build(size)
        allocated, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del table
        results[name] = (statistics.median(times), allocated / size)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,100,1000,10000")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]

    warm_up()
    results = bench_matching(sizes)
    names = ["navkit", "werkzeug Map", "flet Router", "flet TemplateRoute loop"]
    rows = [[name, *(format_time(results[name, size]) for size in sizes)] for name in names]
    print("### Two-parameter hit, median time per match\n")
    print(markdown_table(["matcher", *(f"{size:,} routes" for size in sizes)], rows))

    ratio_rows = []
    for name in names[1:]:
        ratio_rows.append(
            [
                f"{name} / navkit",
                *(f"{results[name, size] / results['navkit', size]:,.1f}x" for size in sizes),
            ]
        )
    print("\n### How many times slower than navkit\n")
    print(markdown_table(["ratio", *(f"{size:,} routes" for size in sizes)], ratio_rows))
    first, last = sizes[0], sizes[-1]
    growth = results["navkit", last] / results["navkit", first]
    print(f"\nnavkit at {last:,} routes / at {first:,} routes: {growth:.2f}x")

    url_for = bench_url_for()
    print("\n### url_for / build, two parameters, median\n")
    print(
        markdown_table(
            ["builder", "time"], [[name, format_time(value)] for name, value in url_for.items()]
        )
    )

    build_size = sizes[-1]
    built = bench_build(build_size)
    print(f"\n### Building a {build_size:,}-route table (median of 3)\n")
    print(
        markdown_table(
            ["table", "time", "memory per route"],
            [
                [name, format_time(seconds), f"{per_route / 1024:.2f} KiB"]
                for name, (seconds, per_route) in built.items()
            ],
        )
    )


if __name__ == "__main__":
    main()
