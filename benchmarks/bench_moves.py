"""What each kind of navkit move costs on a page: bytes sent to the client, time.

A stack of five levels at most (``/``, ``/a``, ``/a/1``, ``/a/1/c``,
``/a/1/c/2``), each view holding ``--controls`` controls (20 by default),
starting at ``/a/1/c``. Five moves, each from an event handler and through the
client's round trip, timed until the page has settled:

* push: ``nav.go`` one level deeper (``/a/1/c`` to ``/a/1/c/2``);
* replace: ``nav.replace`` to a sibling (``/a/1/c/2`` to ``/a/1/c/3``);
* pop: ``nav.pop`` (``/a/1/c/3`` to ``/a/1/c``);
* back: ``nav.back`` after a push (``/a/1/c/2`` to ``/a/1/c``);
* browser Back: the browser's Back button after a push (web pages only).

Two pages on navkit.testing's stand-in for Flet's client (a real ``ft.Page``,
messages msgpack-encoded as Flet's transports do), measured round-robin: a
web page carrying navkit's history script (as ``navkit.run`` serves it), and a
desktop page. After each move, untimed, the benchmark checks that the client
shows the route the move was meant to reach, and raises if not.

Only public API (``navkit.Router.add_route``, ``FletTestClient`` and its
public methods), so that the same file runs against an older checkout and
the figures compare before and after a change::

    python -m benchmarks.bench_moves [--rounds 30] [--controls 20]
"""

from __future__ import annotations

import argparse
import datetime
import inspect
import os
import statistics
import subprocess
import time
from collections.abc import Callable
from typing import Any

import flet as ft

import navkit
from benchmarks.common import format_time, markdown_table, warm_up
from navkit.testing import FletTestClient

SHALLOW, DEEP, SIBLING = "/a/1/c", "/a/1/c/2", "/a/1/c/3"
MOVES = ("push", "replace", "pop", "back", "browser Back")
MOVE_LABELS = {
    "push": "push (nav.go one level deeper)",
    "replace": "replace (nav.replace, sibling)",
    "pop": "pop (nav.pop)",
    "back": "back (nav.back)",
    "browser Back": "browser Back",
}
WARM_UP_CYCLES = 3


def app(controls: int) -> navkit.Router:
    """Five levels, ``controls`` rows each."""

    def rows(label: str) -> list[ft.Control]:
        return [ft.Text(f"{label} row {n}") for n in range(controls)]

    router = navkit.Router()
    router.add_route("/", lambda: rows("home"), endpoint="home")
    router.add_route("/a", lambda: rows("a"), endpoint="a")
    router.add_route("/a/:b", lambda b: rows(f"b{b}"), endpoint="b")
    router.add_route("/a/:b/c", lambda b: rows("c"), endpoint="c")
    router.add_route("/a/:b/c/:d", lambda b, d: rows(f"d{d}"), endpoint="d")
    return router


def has_history_script_option() -> bool:
    """Whether this checkout's stand-in can play a page with navkit's history script."""
    return "history_script" in inspect.signature(FletTestClient).parameters


class Page:
    """One page on the stand-in, with what each move cost."""

    def __init__(self, name: str, controls: int, *, web: bool) -> None:
        self.name, self.web = name, web
        options: dict[str, Any] = {"route": SHALLOW, "web": web}
        if web and has_history_script_option():
            options["history_script"] = True
        self.client = FletTestClient(app(controls), **options)
        self.samples: dict[str, list[tuple[float, int]]] = {move: [] for move in MOVES}

    def shown(self) -> tuple[str, str, str]:
        """The route Python has, the top view the client shows, the address it shows."""
        client = self.client
        views = getattr(client, "shown_routes", client.view_routes)
        return client.page.route, (views or [""])[-1], client.url

    def move(self, kind: str, action: Callable[[], Any], expected: str) -> None:
        before = self.shown()
        sent = self.client.sent_bytes
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
        self.samples[kind].append((elapsed, self.client.sent_bytes - sent))
        after = self.shown()  # checked untimed
        if after != (expected,) * 3 or before[0] == expected:
            raise RuntimeError(
                f"{self.name}: {kind} did not move the page from {before[0]!r} to"
                f" {expected!r} (page.route, top view shown, address shown:"
                f" {before} before, {after} after)"
            )

    def cycle(self) -> None:
        """Every move once; it starts and ends at ``/a/1/c``."""
        client = self.client
        self.move("push", lambda: client.go(DEEP), DEEP)
        self.move("replace", lambda: client.call(client.navigator.replace, SIBLING), SIBLING)
        self.move("pop", lambda: client.call(client.navigator.pop), SHALLOW)
        client.go(DEEP)
        self.move("back", lambda: client.call(client.navigator.back), SHALLOW)
        if self.web:
            client.go(DEEP)
            self.move("browser Back", client.browser_back, SHALLOW)


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]


def measured_checkout() -> str:
    """Where navkit was imported from, its commit, and when (to label a run)."""
    package = os.path.dirname(os.path.abspath(navkit.__file__))

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", "-C", package, *args], capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    changed = [line for line in git("status", "--porcelain", "--", ".").splitlines() if line]
    state = f" + {len(changed)} uncommitted file(s) in navkit/" if changed else ""
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"navkit from {package}, commit {commit}{state}, {now}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--controls", type=int, default=20)
    args = parser.parse_args(argv)
    web_name = "web, history script" if has_history_script_option() else "web"
    warm_up()
    pages = [Page(web_name, args.controls, web=True), Page("desktop", args.controls, web=False)]
    for _ in range(WARM_UP_CYCLES):
        for page in pages:
            page.cycle()
    for page in pages:
        for samples in page.samples.values():
            samples.clear()
    for _ in range(args.rounds):
        for page in pages:  # round-robin: drift hits both alike
            page.cycle()

    rows = []
    for move in MOVES:
        for page in pages:
            samples = page.samples[move]
            if not samples:
                rows.append([MOVE_LABELS[move], page.name, "-", "-", "-"])
                continue
            seconds = [s[0] for s in samples]
            sent = statistics.median(s[1] for s in samples)
            rows.append(
                [
                    MOVE_LABELS[move],
                    page.name,
                    f"{sent:,.0f}",
                    format_time(statistics.median(seconds)),
                    format_time(p90(seconds)),
                ]
            )
    print(f"Measured: {measured_checkout()}.\n")
    print(
        f"### navkit's moves, five-level stack, {args.controls} controls per view"
        f" ({args.rounds} rounds)\n"
    )
    header = ["move", "page", "bytes sent (median)", "time (median)", "time (p90)"]
    print(markdown_table(header, rows))
    for page in pages:
        page.client.close()


if __name__ == "__main__":
    main()
