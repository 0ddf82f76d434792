"""Data between pages: loaders, preloading, a cached Back, and update_query's bytes.

A notes app over a local JSON API that answers after ``--delay`` seconds
(``benchmarks/local_api.py``, httpx), on navkit.testing's stand-in for
Flet's client (a real ``ft.Page``). Peers in the same run: plain Flet as
its routing docs write it (an async ``on_route_change`` that rebuilds
``page.views``, each view fetching its data), and navkit with the fetch
inside an async view (no loader). Printed:

1. opening a note from the list (``/notes`` -> ``/notes/7``): time until
   the note shows with its data, fetches made, bytes sent -- navkit's
   loader cold, preloaded (``nav.preload``, settled before the click), the
   async view, plain Flet;
2. Back to the list and the same note again: with ``stale_time=60`` (the
   cached result) and without (a refetch);
3. the next page of a list (``?sort=title&page=2`` -> ``page=3``):
   ``nav.update_query`` against plain Flet's ``push_route`` of the whole
   address: bytes sent and views built.
5. following a link from the list to a note, what handing over more than
   the address costs: a plain push, a push with a state (``state=``, JSON),
   a push from a scrolled list (its offset handed to the tab), against
   plain Flet's ``push_route``: bytes sent to the client and route changes
   it sends back.

    python -m benchmarks.bench_data [--rounds 15] [--delay 0.05]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import flet as ft
import httpx

import navkit
from benchmarks.common import format_time, markdown_table, warm_up
from benchmarks.local_api import local_api
from navkit.testing import FletTestClient

ROWS = 30  # controls per list view


@dataclass
class Counts:
    fetches: int = 0
    views: int = 0
    times: list[float] = field(default_factory=list)
    fetched: list[int] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)


# One httpx client per event loop, as an app keeps one: creating a client
# (its SSL context) costs tens of milliseconds of CPU, which would dwarf
# the API's delay and serialise loads that run side by side.
_clients: dict[asyncio.AbstractEventLoop, httpx.AsyncClient] = {}


async def fetch(url: str, name: str, delay: float, counts: Counts) -> str:
    counts.fetches += 1
    loop = asyncio.get_running_loop()
    http = _clients.get(loop)
    if http is None:
        http = _clients[loop] = httpx.AsyncClient()
    answer = await http.get(url, params={"name": name, "delay": delay})
    return str(answer.json()["name"])


def rows(label: str, counts: Counts) -> list[ft.Control]:
    counts.views += 1
    return [ft.Text(f"{label} {n}") for n in range(ROWS)]


def loader_app(url: str, delay: float, counts: Counts, stale_time: float) -> navkit.Router:
    """navkit: each level's data from a loader."""
    router = navkit.Router()

    async def load_list() -> str:
        return await fetch(url, "list", delay, counts)

    async def load_note(note_id: int) -> str:
        return await fetch(url, f"note {note_id}", delay, counts)

    router.add_route("/", lambda: rows("home", counts), endpoint="home")
    router.add_route(
        "/notes",
        lambda data, sort="date", page=1: rows(f"{data} {sort} {page}", counts),
        endpoint="notes",
        loader=load_list,
        stale_time=stale_time,
    )
    router.add_route(
        "/notes/:note_id",
        lambda note_id, data: rows(data, counts),
        endpoint="note",
        loader=load_note,
        stale_time=stale_time,
    )
    return router


def async_view_app(url: str, delay: float, counts: Counts) -> navkit.Router:
    """navkit: each view fetches its own data (an async view, no loader)."""
    router = navkit.Router()

    async def notes() -> list[ft.Control]:
        return rows(await fetch(url, "list", delay, counts), counts)

    async def note(note_id: int) -> list[ft.Control]:
        return rows(await fetch(url, f"note {note_id}", delay, counts), counts)

    router.add_route("/", lambda: rows("home", counts), endpoint="home")
    router.add_route("/notes", notes, endpoint="notes")
    router.add_route("/notes/:note_id", note, endpoint="note")
    return router


def plain_main(url: str, delay: float, counts: Counts) -> Callable[[ft.Page], Any]:
    """Plain Flet: an async route-change handler rebuilds every view, fetching each one's data."""

    async def main(page: ft.Page) -> None:
        async def route_change(event: object = None) -> None:
            route = page.route.partition("?")[0]
            views = [ft.View(route="/", controls=rows("home", counts))]
            if route.startswith("/notes"):
                data = await fetch(url, "list", delay, counts)
                views.append(ft.View(route="/notes", controls=rows(data, counts)))
            if route.startswith("/notes/"):
                note = route.rsplit("/", 1)[1]
                data = await fetch(url, f"note {note}", delay, counts)
                views.append(ft.View(route=route, controls=rows(data, counts)))
            page.views[:] = views
            page.update()

        page.on_route_change = route_change
        await route_change()  # the page opened at its address

    return main


def measure(
    counts: Counts, client: FletTestClient, action: Callable[[], object], route: str
) -> None:
    """Time ``action`` until the client shows the view at ``route`` on top (a progress
    bar may still be fading out: navkit keeps one shown at least 0.4 s), then settle."""
    fetches, sent = counts.fetches, client.sent_bytes
    started = time.perf_counter()
    action()
    path = route.partition("?")[0]
    client.settle_until(lambda: [r.partition("?")[0] for r in client.shown_routes[-1:]] == [path])
    counts.times.append(time.perf_counter() - started)
    client.settle()
    counts.fetched.append(counts.fetches - fetches)
    counts.sent.append(client.sent_bytes - sent)


def row(name: str, counts: Counts) -> list[str]:
    return [
        name,
        format_time(statistics.median(counts.times)),
        f"{statistics.median(counts.fetched):.0f}",
        f"{statistics.median(counts.sent):,.0f}",
    ]


def opening(url: str, delay: float, rounds: int) -> list[list[str]]:
    """Table 1: from the list to a note."""
    results: dict[str, Counts] = {}
    names = ["navkit loader", "navkit loader, preloaded", "navkit async view", "plain Flet"]
    for name in names:
        results[name] = Counts()
    clients = {
        names[0]: FletTestClient(loader_app(url, delay, results[names[0]], 0), route="/notes"),
        names[1]: FletTestClient(loader_app(url, delay, results[names[1]], 0), route="/notes"),
        names[2]: FletTestClient(async_view_app(url, delay, results[names[2]]), route="/notes"),
        names[3]: FletTestClient(route="/notes", main=plain_main(url, delay, results[names[3]])),
    }
    for client in clients.values():
        client.settle()
    for number in range(rounds + 1):
        note = f"/notes/{number % 5 + 1}"
        for name, client in clients.items():
            counts = results[name]
            if name == names[1]:  # the pointer rested on the link a moment before the click
                client.call(client.navigator.preload, note)
                client.loop.run_until_complete(asyncio.sleep(2 * delay + 0.05))
            if name == names[3]:
                push = lambda c=client, n=note: c.call(c.page.push_route, n, wait=False)  # noqa: E731
                measure(counts, client, push, note)
                client.call(client.page.push_route, "/notes")
            else:
                go = lambda c=client, n=note: c.call(c.navigator.go, n, wait=False)  # noqa: E731
                measure(counts, client, go, note)
                client.app_bar_back()
            if number == 0:  # the first round warms caches: not counted
                counts.times.clear(), counts.fetched.clear(), counts.sent.clear()
    for client in clients.values():
        client.close()
    return [row(name, results[name]) for name in names]


def returning(url: str, delay: float, rounds: int) -> list[list[str]]:
    """Table 2: Back to the list, then the same note again."""
    table = []
    for name, stale_time in (("navkit, stale_time=60 (cached)", 60.0), ("navkit, stale_time=0", 0)):
        counts = Counts()
        client = FletTestClient(loader_app(url, delay, counts, stale_time), route="/notes/7")
        client.settle()
        for number in range(rounds + 1):
            client.app_bar_back()
            client.settle()
            go = lambda c=client: c.call(c.navigator.go, "/notes/7", wait=False)  # noqa: E731
            measure(counts, client, go, "/notes/7")
            if number == 0:
                counts.times.clear(), counts.fetched.clear(), counts.sent.clear()
        client.close()
        table.append(row(name, counts))
    return table


def deep_link(url: str, delay: float, rounds: int) -> list[list[str]]:
    """Table 3: a tab opened at /notes/7 (the loaders run in parallel; async views in turn)."""
    makers: dict[str, Callable[[Counts], FletTestClient]] = {
        "navkit loaders": lambda c: FletTestClient(loader_app(url, delay, c, 0), route="/notes/7"),
        "navkit async views": lambda c: FletTestClient(
            async_view_app(url, delay, c), route="/notes/7"
        ),
        "plain Flet": lambda c: FletTestClient(route="/notes/7", main=plain_main(url, delay, c)),
    }
    table = []
    for name, make in makers.items():
        counts = Counts()
        for number in range(rounds + 1):
            holder: list[FletTestClient] = []
            fetches, started = counts.fetches, time.perf_counter()
            holder.append(make(counts))
            client = holder[0]
            client.settle_until(lambda c=client: len(c.page.views) == 3)
            elapsed = time.perf_counter() - started
            client.settle()
            if number:  # the first round warms caches: not counted
                counts.times.append(elapsed)
                counts.fetched.append(counts.fetches - fetches)
                counts.sent.append(holder[0].sent_bytes)
            holder[0].close()
        table.append(row(name, counts))
    return table


def paging(url: str, rounds: int) -> list[list[str]]:
    """Table 4: the next page of the list: views built and bytes."""
    table = []
    navkit_counts, plain_counts = Counts(), Counts()
    nav_client = FletTestClient(loader_app(url, 0, navkit_counts, 600), route="/notes?sort=title")
    plain = FletTestClient(route="/notes?sort=title", main=plain_main(url, 0, plain_counts))
    for page in range(2, rounds + 2):

        def update(p: int = page) -> None:
            nav_client.call(nav_client.navigator.update_query, page=p)

        def push(p: int = page) -> None:
            plain.call(plain.page.push_route, f"/notes?sort=title&page={p}")

        route = "/notes"  # views built and bytes only: any view of the list will do
        for counts, client, action in (
            (navkit_counts, nav_client, update),
            (plain_counts, plain, push),
        ):
            views = counts.views
            measure(counts, client, action, route)
            counts.fetched[-1] = counts.views - views  # in this table: views built
    contestants = (
        ("navkit update_query(page=n)", navkit_counts),
        ("plain Flet push_route", plain_counts),
    )
    for name, counts in contestants:
        median_row = row(name, counts)
        table.append([median_row[0], median_row[2], median_row[3]])
    nav_client.close()
    plain.close()
    return table


def handing_over(url: str, rounds: int) -> list[list[str]]:
    """Table 5: a link from the list to a note -- with a state, from a scrolled list -- and
    plain Flet: bytes sent to the client, and what the tab's sessionStorage then holds."""
    router = navkit.Router()

    @router.route("/notes")
    def notes() -> ft.View:
        return ft.View(scroll=ft.ScrollMode.AUTO, controls=rows("Note", Counts()))

    @router.route("/notes/:note_id")
    def note(note_id: int) -> list[ft.Control]:
        return [ft.Text(f"Note {note_id}")]

    place = {"order": list(range(1, ROWS + 1)), "at": 6}  # the list's order, as the example's

    def plain_push(client: FletTestClient) -> None:
        client.call(client.navigator.go, "/notes/7")

    def with_state(client: FletTestClient) -> None:
        client.call(lambda: client.navigator.go("/notes/7", state=place))

    def scrolled(client: FletTestClient) -> None:
        client.scroll(480)
        client.call(client.navigator.go, "/notes/7")

    table = []
    for name, follow in (
        ("navkit go (a plain push)", plain_push),
        (f"navkit go, state= ({ROWS} ids in order)", with_state),
        ("navkit go from a scrolled list (its offset kept)", scrolled),
    ):
        sent, stored = [], 0
        for _ in range(rounds):
            client = FletTestClient(router, route="/notes")
            before = client.sent_bytes
            follow(client)
            client.settle()
            sent.append(client.sent_bytes - before)
            stored = len(client.tab.stored())
            client.close()
        table.append([name, f"{statistics.median(sent):,.0f}", f"{stored:,}"])
    plain_sent = []
    for _ in range(rounds):
        plain = FletTestClient(route="/notes", main=plain_main(url, 0, Counts()))
        before = plain.sent_bytes
        plain.call(plain.page.push_route, "/notes/7")
        plain.settle()
        plain_sent.append(plain.sent_bytes - before)
        plain.close()
    table.append(["plain Flet push_route", f"{statistics.median(plain_sent):,.0f}", "-"])
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args(argv)
    warm_up()
    with local_api() as url:
        delay = f"{args.delay * 1000:.0f} ms"
        print(f"\n1. Opening a note from the list (the API answers after {delay})\n")
        header = ["app", "time to the note, median", "fetches", "bytes sent"]
        print(markdown_table(header, opening(url, args.delay, args.rounds)))
        print("\n2. Back to the list, then the same note again\n")
        print(markdown_table(header, returning(url, args.delay, args.rounds)))
        print("\n3. A deep link to /notes/7: the list's data and the note's\n")
        print(markdown_table(header, deep_link(url, args.delay, args.rounds)))
        print("\n4. The next page of the list (?sort=title&page=n)\n")
        print(markdown_table(["app", "views built", "bytes sent"], paging(url, args.rounds)))
        print("\n5. A link from the list to a note: handing over more than the address\n")
        header = ["navigation", "bytes sent, median", "the tab's stored history (chars)"]
        print(markdown_table(header, handing_over(url, args.rounds)))


if __name__ == "__main__":
    main()
