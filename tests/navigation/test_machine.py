"""The navigator's state machine without Flet: a fake surface records what a page would show.

These tests import nothing of Flet: the navigation layer stands on its own
(the layering test checks the imports; this checks it works that way).
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import navkit.navigation
from navkit.errors import HTTPError
from navkit.navigation.history import MemoryHistory
from navkit.navigation.inbound import Inbound
from navkit.navigation.machine import NavigationMachine
from navkit.navigation.navigator import Navigator
from navkit.navigation.surface import Screen
from navkit.navigation.urls import UrlStrategy
from navkit.navigation.values import ClientMove, Navigation, Source
from navkit.navigation.views import Built
from navkit.routing.table import RouteTable

navkit_path = Path(navkit.navigation.__file__).parent.parent


class RecordingHistory(MemoryHistory):
    """A memory history that records each move navkit makes on the client."""

    def __init__(self, address: str) -> None:
        super().__init__(address)
        self.moves: list[ClientMove] = []
        self._depth = 0  # record the outermost call only (pop_to may replace)

    def _record(self, make: Callable[[], ClientMove | None]) -> ClientMove | None:
        self._depth += 1
        try:
            move = make()
        finally:
            self._depth -= 1
        if move is not None and self._depth == 0:
            self.moves.append(move)
        return move

    def push(self, address: str, state: Any = None) -> ClientMove:
        return self._record(lambda: super(RecordingHistory, self).push(address, state))  # type: ignore[return-value]

    def replace(self, address: str, state: Any = None) -> ClientMove:
        return self._record(lambda: super(RecordingHistory, self).replace(address, state))  # type: ignore[return-value]

    def back(self) -> ClientMove | None:
        return self._record(lambda: super(RecordingHistory, self).back())

    def forward(self) -> ClientMove | None:
        return self._record(lambda: super(RecordingHistory, self).forward())

    def pop_to(self, address: str, closed: int) -> ClientMove:
        return self._record(lambda: super(RecordingHistory, self).pop_to(address, closed))  # type: ignore[return-value]


class FakeSurface:
    """Records commits as a page would see them (the moves: its history's)."""

    def __init__(self) -> None:
        self.shown: list[str] = []  # the rendered views, bottom first
        self.history: RecordingHistory | None = None
        self.commits = 0
        self.waiting = False
        self.reshown = 0

    @property
    def page(self) -> None:
        return None

    def render(self, built: Built) -> str:
        error: HTTPError | None = built.level.error
        return f"{built.level.address}={error.code if error else built.result}"

    def commit(self, screen: Screen) -> None:
        self.shown = list(screen.views)
        self.commits += 1

    def loading(self, waiting: bool, pending: Any = None) -> None:
        self.waiting = waiting

    def stayed(self) -> None:
        pass

    def reshow_top(self) -> None:
        self.reshown += 1

    def calling(self, navigator: Any, navigation: Any, level: Any) -> Any:
        return contextlib.nullcontext()

    def prepared(self, result: Any) -> Any:
        return result

    def provide(self, data: Any) -> None:
        pass

    def snapshot_of(self, view: Any) -> None:
        return None  # this surface follows no scrolling

    @property
    def moves(self) -> list[ClientMove]:
        assert self.history is not None
        return self.history.moves

    @property
    def urls(self) -> list[str]:
        return [move.address for move in self.moves]

    def in_loop(self, callback: Callable[[], object]) -> bool:
        return False


def make_table(calls: list[str]) -> RouteTable:
    table = RouteTable()

    def home() -> str:
        calls.append("home")
        return "Home"

    def store(sort: str = "name") -> str:
        calls.append("store")
        return f"Store by {sort}"

    def item(item_id: int) -> str:
        calls.append(f"item {item_id}")
        return f"Item {item_id}"

    async def slow() -> str:
        await asyncio.sleep(0.01)
        return "Slow"

    table.add_route("/", home)
    table.add_route("/store", store)
    table.add_route("/store/:item_id", item)
    table.add_route("/slow", slow)
    return table


def navigator(calls: list[str], address: str = "/") -> tuple[Navigator, FakeSurface]:
    surface = FakeSurface()
    surface.history = RecordingHistory(address)
    machine = NavigationMachine(make_table(calls), surface, surface.history, UrlStrategy())
    nav = Navigator(machine)
    Inbound(machine).start(address)
    return nav, surface


def test_the_navigation_layer_runs_without_flet() -> None:
    """In a fresh interpreter (this one has flet loaded by other tests)."""
    script = (
        "import sys, navkit.navigation.navigator, navkit.routing.table\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flet', 'flet_web')))"
    )
    # navkit/__init__ re-exports the binding: load the subpackages alone.
    stub = "import sys, types; sys.modules['navkit'] = types.ModuleType('navkit'); "
    stub += f"sys.modules['navkit'].__path__ = [{str(Path(navkit_path)).__repr__()}]\n"
    done = subprocess.run(
        [sys.executable, "-c", stub + script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_deep_link_builds_the_whole_stack_once() -> None:
    calls: list[str] = []
    nav, surface = navigator(calls, "/store/42")
    assert surface.shown == ["/=Home", "/store=Store by name", "/store/42=Item 42"]
    assert calls == ["home", "store", "item 42"] and surface.urls == []
    assert nav.history.entries == ("/store/42",)


def test_only_entering_levels_are_built_and_kept_views_are_reused() -> None:
    calls: list[str] = []
    nav, surface = navigator(calls, "/store?sort=price")
    calls.clear()
    nav.go("/store/7")
    assert calls == ["item 7"]  # the store beneath, sorted by price, is kept
    assert surface.shown == ["/=Home", "/store?sort=price=Store by price", "/store/7=Item 7"]
    assert nav.pop() and nav.address == "/store?sort=price" and calls == ["item 7"]
    assert nav.history.entries == ("/store?sort=price", "/store/7") and nav.history.index == 0


@pytest.mark.parametrize(
    ("steps", "entries", "index", "last_move"),
    [
        (["go /store", "go /store/1"], ("/", "/store", "/store/1"), 2, ("push", "/store/1", 0)),
        (["go /store", "back"], ("/", "/store"), 0, ("go", "/", -1)),
        (["go /store", "back", "forward"], ("/", "/store"), 1, ("go", "/store", 1)),
        (["go /store", "replace /store/3"], ("/", "/store/3"), 1, ("replace", "/store/3", 0)),
        (["go /store/2", "pop"], ("/", "/store"), 1, ("replace", "/store", 0)),
        (["go /store", "go /store/2", "pop"], ("/", "/store", "/store/2"), 1, ("go", "/store", -1)),
        (["go /store", "go /store/1", "back", "go /"], ("/", "/store", "/"), 2, ("push", "/", 0)),
    ],
)
def test_each_source_records_the_history_its_way(
    steps: list[str], entries: tuple[str, ...], index: int, last_move: tuple[str, str, int]
) -> None:
    nav, surface = navigator([])
    for step in steps:
        verb, _, target = step.partition(" ")
        getattr(nav, verb)(*([target] if target else []))
    assert nav.history.entries == entries and nav.history.index == index
    assert surface.moves[-1] == ClientMove(*last_move)  # type: ignore[arg-type]
    assert nav.address == last_move[1]


def test_a_refused_navigation_changes_nothing_a_reader_sees() -> None:
    calls: list[str] = []
    nav, surface = navigator(calls, "/store")
    nav.router.guard(lambda navigation: navigation.path != "/store/9")
    before = (nav.address, nav.stack, nav.history, list(surface.shown), surface.commits)
    nav.go("/store/9")
    assert (nav.address, nav.stack, nav.history, surface.shown, surface.commits) == before
    assert nav.last_source is not Source.GO or nav.address == "/store"


def test_what_is_in_flight_is_not_what_is_shown() -> None:
    async def main() -> None:
        nav, surface = navigator([])
        nav.go("/slow")
        flight = nav.in_flight
        assert flight is not None and flight.address == "/slow" and flight.came_from == "/"
        assert nav.address == "/" and [level.address for level in nav.stack] == ["/"]
        assert surface.waiting and nav.task is not None
        await nav.task
        assert nav.address == "/slow" and nav.in_flight is None and not surface.waiting

    asyncio.run(main())


def test_the_last_navigation_wins_even_to_the_address_shown() -> None:
    async def main() -> None:
        nav, surface = navigator([])
        nav.go("/slow")
        task = nav.task
        nav.go("/")  # the address shown: nothing new, but the pending one gives way
        assert task is not None and nav.in_flight is None
        await asyncio.sleep(0.03)
        assert task.cancelled() and nav.address == "/" and surface.urls == []

    asyncio.run(main())


def test_leave_checks_see_the_navigation_and_may_refuse() -> None:
    asked: list[Navigation] = []
    nav, _ = navigator([], "/store")

    def stay(navigation: Navigation) -> bool:
        asked.append(navigation)
        return False

    nav.on_leave(stay)
    nav.go("/store/1")  # going deeper leaves nothing: not asked
    assert asked == [] and nav.address == "/store/1"
    nav.pop()
    nav.go("/")
    assert [(n.address, n.source, n.came_from) for n in asked] == [("/", Source.GO, "/store")]
    assert nav.address == "/store"


@pytest.mark.parametrize(
    ("address", "query"),
    [
        ("/store?sort=price&page=2", [("sort", "price"), ("page", "2")]),
        ("/store?%zz=1", []),  # malformed: [] as documented, not an exception
        ("/store?a=%c3%28", []),  # not UTF-8
        ("/nowhere?x=1", [("x", "1")]),  # not found: the query is still read
        ("/nowhere?%", []),
    ],
)
def test_a_guard_reads_the_query_of_any_address(address: str, query: list[object]) -> None:
    seen: list[list[tuple[str, str]]] = []
    nav, _ = navigator([])
    nav.router.guard(lambda navigation: seen.append(navigation.query))
    nav.go(address)
    assert seen == [query]
