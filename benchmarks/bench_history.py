"""History memory: what one page holds after 100, 1,000 and 20,000 navigations.

A page goes between six addresses (links, browser Back/Forward, the AppBar
arrow, pops), and tracemalloc reports the bytes allocated since the page
opened and still alive (``benchmarks/history.py``). navkit keeps at most
``Router(max_history=50)`` entries, so the figures should stay flat.

Side by side on a real ``ft.Page`` (navkit.testing's client stand-in): navkit
as a web page (the browser's history mirrored), as a desktop page (its own
history), and the classic handler of Flet's docs, which keeps no history in
Python (the browser does). Then ``navkit.navigation`` alone (no Flet), with
the default bound and with none, to show what the bound saves.

    python -m benchmarks.bench_history [--steps 20000]
"""

from __future__ import annotations

import argparse

from benchmarks.common import markdown_table, warm_up
from benchmarks.history import Memory, navigator_memory, page_memory


def kib(size: int) -> str:
    return f"{size / 1024:,.1f} KiB"


def row(name: str, memory: Memory, held: dict[int, int], marks: list[int]) -> list[str]:
    growth = held[marks[-1]] / max(held[marks[0]], 1)
    entries = f"{memory.longest_history:,}" if memory.longest_history else "none in Python"
    return [name, *(kib(held[mark]) for mark in marks), f"{growth:.2f}x", entries]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=20_000)
    args = parser.parse_args(argv)
    marks = [100, 1_000, args.steps]
    header = [
        "app",
        *(f"after {mark:,}" for mark in marks),
        f"{marks[-1]:,} / {marks[0]:,}",
        "longest history",
    ]
    warm_up()

    pages = {
        name: page_memory(args.steps, marks, app=app)
        for name, app in (
            ("navkit, web page", "navkit"),
            ("navkit, desktop page", "navkit desktop"),
            ("classic handler", "classic"),
        )
    }
    print("### One page on the client stand-in: bytes still held (tracemalloc)\n")
    print("All code but the stand-in (Flet's page and views included):\n")
    print(markdown_table(header, [row(n, m, m.everything, marks) for n, m in pages.items()]))
    print("\nnavkit's own code only:\n")
    navkit_rows = [row(n, m, m.navkit, marks) for n, m in pages.items() if n != "classic handler"]
    print(markdown_table(header, navkit_rows))

    alone = {
        f"{kind}, max_history={bound_label}": navigator_memory(
            args.steps, marks, web=kind == "browser history", max_history=bound
        )
        for kind in ("browser history", "memory history")
        for bound, bound_label in ((50, "50"), (10**9, "none"))
    }
    print("\n### navkit.navigation alone (no Flet): bytes still held by navkit's code\n")
    print(markdown_table(header, [row(n, m, m.navkit, marks) for n, m in alone.items()]))


if __name__ == "__main__":
    main()
