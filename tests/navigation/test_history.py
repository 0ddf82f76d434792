"""History models: memory (navkit owns it) and browser (mirrors Flet web)."""

from __future__ import annotations

import pytest

from navkit.navigation.history import BrowserHistory, HistoryState, MemoryHistory, Move


def test_state_push_drops_forward_entries() -> None:
    state = HistoryState(("/a", "/b", "/c"), 1).pushed("/d")
    assert state == HistoryState(("/a", "/b", "/d"), 2)


def test_state_replace_and_move() -> None:
    state = HistoryState(("/a", "/b"), 1)
    assert state.replaced("/x") == HistoryState(("/a", "/x"), 1)
    assert state.moved(-1).current == "/a"
    assert state.moved(-5).index == 0 and state.moved(5).index == 1


@pytest.mark.parametrize(
    ("entries", "index", "address", "move"),
    [
        (("/a", "/b", "/c"), 1, "/a", Move.BACK),
        (("/a", "/b", "/c"), 1, "/c", Move.FORWARD),
        (("/a", "/b", "/c"), 1, "/z", Move.NEW),
        (("/a", "/b", "/a"), 1, "/a", Move.BACK),  # both neighbours: Back is likelier
        (("/a",), 0, "/a", Move.NEW),
    ],
)
def test_classify(entries: tuple[str, ...], index: int, address: str, move: Move) -> None:
    assert HistoryState(entries, index).classify(address) is move


def test_memory_history_really_moves() -> None:
    history = MemoryHistory("/")
    history.push("/a")
    history.push("/b")
    assert history.back() == "/a"
    assert history.back() == "/"
    assert history.back() is None
    assert history.forward() == "/a"
    history.replace("/x")
    assert history.state == HistoryState(("/", "/x", "/b"), 1)


def test_memory_pop_is_a_step_back_or_a_replacement() -> None:
    history = MemoryHistory("/")
    history.push("/store")
    history.push("/store/42")
    history.pop_to("/store")
    assert history.state == HistoryState(("/", "/store", "/store/42"), 1)
    deep = MemoryHistory("/store/42")  # opened by a deep link: nothing before it
    deep.pop_to("/store")
    assert deep.state == HistoryState(("/store",), 0)


def test_browser_history_mirrors_what_flet_can_do() -> None:
    history = BrowserHistory("/")
    history.push("/a")
    assert history.back() == "/"  # shown through a new browser entry
    assert history.state == HistoryState(("/", "/a", "/"), 2)
    history.replace("/r")  # Flet cannot replace an entry: one is added
    assert history.state == HistoryState(("/", "/a", "/", "/r"), 3)
    history.pop_to("/")
    assert history.state.entries[-1] == "/" and history.state.index == 4


def test_observe_records_the_browser_buttons() -> None:
    history = BrowserHistory("/")
    history.push("/a")
    history.push("/b")
    assert history.observe("/a") is Move.BACK
    assert history.observe("/b") is Move.FORWARD
    assert history.observe("/typed") is Move.NEW
    assert history.state == HistoryState(("/", "/a", "/b", "/typed"), 3)
