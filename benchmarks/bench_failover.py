"""Failover behind HAProxy: how soon a tab whose worker died is back, navkit against plain Flet.

Each app runs as two workers behind Debian's HAProxy (``deploy/scaleout.py``:
cookie affinity, redispatch, 500 ms health checks). One Chromium tab per app
goes Home, Store, Teapot; then, ``--runs`` times, the worker its cookie names
is SIGKILLed (and started again for the next run) and we time, from the kill:

* **shown** -- the page's heading is drawn again by the new session (a
  heading node Flutter built after the kill: the old ones are marked);
* **usable** -- a back-arrow tap, made as soon as the page is shown, has
  reached the parent page's heading (Store); retapped every 3 s if lost;

and count the bytes the browser received over the websocket from the kill
to usable. The contestants: ``examples.store`` (navkit) and
``benchmarks.plain_store``, the same three pages written as Flet's docs
teach. Measured round-robin, one failover of each app in turn.

    python -m benchmarks.bench_failover [--runs 6] [--strategy path]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass

from playwright.sync_api import Browser, WebSocket, sync_playwright

from benchmarks.common import format_time, markdown_table
from deploy.scaleout import Balancer
from tests.e2e.browser import ENABLE_SEMANTICS, TIMEOUT, Screen, launch

APPS = {"navkit": "examples.store", "plain Flet": "benchmarks.plain_store"}
RETAP_SECONDS = 3.0

# Flutter draws a heading as <h1>..<h6> (or role=heading) with a semantics node id.
HEADINGS = (
    "document.querySelectorAll('[id^=flt-semantic-node]:is(h1,h2,h3,h4,h5,h6,[role=heading])')"
)
MARK_OLD = """() => document.querySelectorAll('[id^=flt-semantic-node]')
  .forEach((node) => { node.dataset.beforeKill = '1'; })"""
NEW_HEADING = f"""(title) => Array.from({HEADINGS})
  .some((node) => !node.dataset.beforeKill && node.textContent === title)"""
ONLY_HEADING = f"""(title) => {{ const found = {HEADINGS};
  return found.length === 1 && found[0].textContent === title; }}"""


@dataclass
class Sample:
    shown: float  # seconds from the kill
    usable: float
    received: int  # websocket bytes from the kill to usable
    taps: int  # back-arrow taps it took


class Contestant:
    """One app behind its balancer, and one tab on it at the Teapot page."""

    def __init__(self, name: str, module: str, browser: Browser, strategy: str) -> None:
        self.name, self.strategy = name, strategy
        self.balancer = Balancer(module, ["--strategy", strategy])
        self.context = browser.new_context(viewport={"width": 800, "height": 600})
        self.tab = Screen(self.context.new_page(), self.balancer.base)
        self.frames: list[tuple[float, int]] = []  # (when, bytes) of each frame received
        self.tab.page.on("websocket", self._opened)
        self.samples: list[Sample] = []
        self.failures: list[str] = []
        self.tab.open("/")
        self.tab.expect("Home")
        self.tab.click("Visit Store")
        self.tab.expect("Store")
        self.tab.click("Teapot")
        self.tab.expect("Item")

    def _opened(self, socket: WebSocket) -> None:
        socket.on(
            "framereceived", lambda payload: self.frames.append((time.monotonic(), len(payload)))
        )

    def _until(self, done: object, timeout: float) -> bool:
        """Poll the JavaScript predicate ``done`` (Playwright delivers frames meanwhile)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.tab.page.evaluate(f"() => {{ ({ENABLE_SEMANTICS})(); return {done}; }}"):
                return True
            self.tab.page.wait_for_timeout(10)
        return False

    def failover(self) -> None:
        """Kill the tab's worker, time the way back, then return to Teapot for the next run."""
        page = self.tab.page
        page.evaluate(MARK_OLD)
        worker = self.balancer.worker_of(self.context.cookies(self.balancer.base))
        assert worker is not None, "no SERVERID cookie"
        killed = time.monotonic()
        self.balancer.kill(worker)
        self.balancer.restart(worker, wait=False)  # in rotation again for the next run
        if not self._until(f"({NEW_HEADING})('Item')", TIMEOUT):
            self.failures.append(f"not shown again within {TIMEOUT:g} s")
            self._recover(worker)
            return
        shown = time.monotonic()
        store = f"({ONLY_HEADING})('Store')"
        taps = 0
        while time.monotonic() - killed < TIMEOUT:
            self.tab.back_arrow()
            taps += 1
            if self._until(store, RETAP_SECONDS):
                break
        else:
            self.failures.append(f"back arrow unanswered after {taps} taps")
            self._recover(worker)
            return
        usable = time.monotonic()
        received = sum(size for when, size in self.frames if killed <= when <= usable)
        self.samples.append(Sample(shown - killed, usable - killed, received, taps))
        self.tab.click("Teapot")
        self.tab.expect("Item")
        self.balancer.wait_ready(worker)

    def _recover(self, worker: int) -> None:
        """After a failed run: a fresh page at Teapot, both workers up."""
        self.balancer.wait_ready(worker)
        self.tab.open("/#/store/1" if self.strategy == "hash" else "/store/1")
        self.tab.expect("Item")


def p90(values: list[float]) -> float:
    """The 90th percentile, within the values seen (few runs)."""
    return (
        statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--strategy", choices=["path", "hash"], default="path")
    args = parser.parse_args(argv)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        apps: list[Contestant] = []
        try:
            for name, module in APPS.items():
                apps.append(Contestant(name, module, browser, args.strategy))
            for _ in range(args.runs):
                for app in apps:  # round-robin: drift hits every app alike
                    app.failover()
        finally:
            for app in apps:
                app.balancer.stop()
            browser.close()

    header = [
        "app",
        "shown, median",
        "shown, p90",
        "usable, median",
        "usable, p90",
        "bytes kill→usable, median",
        "bytes, p90",
        "taps",
        "failed runs",
    ]
    rows, figures = [], {}
    for app in apps:
        samples = app.samples
        if not samples:
            rows.append([app.name, *["n/a"] * 7, f"{len(app.failures)}/{args.runs}"])
            continue
        columns = [
            [s.shown for s in samples],
            [s.usable for s in samples],
            [float(s.received) for s in samples],
        ]
        figures[app.name] = [f(c) for c in columns for f in (statistics.median, p90)]
        shown, usable, received = (figures[app.name][i : i + 2] for i in (0, 2, 4))
        rows.append(
            [
                app.name,
                *(format_time(t) for t in (*shown, *usable)),
                *(f"{b:,.0f}" for b in received),
                f"{statistics.median(s.taps for s in samples):g}",
                f"{len(app.failures)}/{args.runs}",
            ]
        )
    if len(figures) == 2:
        navkit, plain = figures.values()
        ratios = [f"{a / b:.2f}x" if b else "n/a" for a, b in zip(navkit, plain, strict=True)]
        rows.append(["navkit / plain Flet", *ratios, "", ""])
    print(f"### Failover of the tab's worker ({args.strategy} strategy, {args.runs} runs each)\n")
    print(markdown_table(header, rows))
    for app in apps:
        for failure in app.failures:
            print(f"\n{app.name}: {failure}")


if __name__ == "__main__":
    main()
