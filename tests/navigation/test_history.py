"""History models: memory (navkit owns it) and browser (mirrors Flet web)."""

from __future__ import annotations

import pytest

from navkit.navigation.browser import BrowserHistory, PushOnlyHistory
from navkit.navigation.history import HistoryState, MemoryHistory, Move
from navkit.navigation.values import ClientMove


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
    assert history.back() == ClientMove("go", "/a", -1)
    assert history.back() == ClientMove("go", "/", -1)
    assert history.back() is None
    assert history.forward() == ClientMove("go", "/a", 1)
    assert history.replace("/x") == ClientMove("replace", "/x")
    assert history.state == HistoryState(("/", "/x", "/b"), 1)


@pytest.mark.parametrize("kind", [MemoryHistory, BrowserHistory])
def test_closing_views_steps_back_over_their_entries_or_replaces(
    kind: type[MemoryHistory],
) -> None:
    history = kind("/")
    history.push("/store")
    history.push("/store/42")
    history.push("/store/42/reviews")
    # pop_until("/store"): two views closed, their two entries stepped over.
    assert history.pop_to("/store", 2) == ClientMove("go", "/store", -2)
    assert history.state == HistoryState(("/", "/store", "/store/42", "/store/42/reviews"), 1)
    deep = kind("/store/42")  # opened by a deep link: nothing before it
    assert deep.pop_to("/store", 1) == ClientMove("replace", "/store")
    assert deep.state == HistoryState(("/store",), 0)  # Back cannot return to /store/42


def test_exact_browser_moves_need_no_guess() -> None:
    history = BrowserHistory("/a")
    history.push("/b")
    history.push("/a")
    history.moved(-1, "/b")
    history.moved(1, "/a")  # the A, B, A case: Forward, known as such
    assert history.state == HistoryState(("/a", "/b", "/a"), 2)
    history.moved(-2, "/a")
    assert history.state.index == 0
    history.moved(-1, "/earlier")  # an entry from before this page's first
    assert history.state == HistoryState(("/earlier", "/a", "/b", "/a"), 0)


def test_push_only_history_mirrors_what_flet_alone_can_do() -> None:
    history = PushOnlyHistory("/")
    history.push("/a")
    assert history.back() == ClientMove("push", "/")  # shown through a new browser entry
    assert history.state == HistoryState(("/", "/a", "/"), 2)
    history.replace("/r")  # Flet cannot replace an entry: one is added
    assert history.state == HistoryState(("/", "/a", "/", "/r"), 3)
    assert history.pop_to("/", 1) == ClientMove("push", "/")
    assert history.state.entries[-1] == "/" and history.state.index == 4


def test_observe_classifies_moves_it_was_not_told_about() -> None:
    history = PushOnlyHistory("/")
    history.push("/a")
    history.push("/b")
    assert history.observe("/a") is Move.BACK
    assert history.observe("/b") is Move.FORWARD
    assert history.observe("/typed") is Move.NEW
    assert history.state == HistoryState(("/", "/a", "/b", "/typed"), 3)


@pytest.mark.parametrize("kind", [MemoryHistory, BrowserHistory, PushOnlyHistory])
def test_the_oldest_entries_go_first(kind: type[MemoryHistory]) -> None:
    history = kind("/0", max_entries=3)
    for number in range(1, 10):
        history.push(f"/{number}")
    assert history.state == HistoryState(("/7", "/8", "/9"), 2)
