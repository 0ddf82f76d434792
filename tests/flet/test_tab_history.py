"""What a tab sends of its history is data: read exactly, or refused as a whole."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navkit.flet.state_codec import MAX_STATE
from navkit.flet.tab_history import MAX_PACKED, TabHistory, TabHistoryError, pack, unpack
from navkit.navigation.history import HistoryState


def packed(stored: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(stored).encode()).decode().rstrip("=")


routes = st.lists(
    st.text(alphabet="abcé/?=&%-_.~:", max_size=20).map(lambda text: "/" + text.lstrip("/")),
    min_size=1,
    max_size=50,
)


@given(entries=routes, data=st.data(), first=st.integers(0, 10_000))
def test_what_the_script_packs_reads_back_the_same(
    entries: list[str], data: st.DataObject, first: int
) -> None:
    index = data.draw(st.integers(0, len(entries) - 1))
    keys = tuple(f"k{n}" for n in range(len(entries)))
    state_text = st.text(alphabet="AZaz09-_", max_size=12)  # base64url, "" for none
    texts = st.lists(state_text, min_size=len(keys), max_size=len(keys))
    states, snapshots = tuple(data.draw(texts)), tuple(data.draw(texts))
    history = TabHistory(HistoryState(tuple(entries), index), keys, states, snapshots)
    assert unpack(pack(history, first)) == history


def test_the_entry_shown_is_kept_when_entries_are_dropped() -> None:
    entries = [[f"/{n}", f"k{n}"] for n in range(80)]
    tab = unpack(packed({"v": 1, "first": 3, "at": 3 + 70, "entries": entries}), max_entries=50)
    assert len(tab.state.entries) == 50
    assert tab.state.current == "/70" and tab.keys[tab.state.index] == "k70"


@pytest.mark.parametrize(
    ("sent", "says"),
    [
        ("%%%", "not packed JSON"),
        (packed([1, 2]), "version 1"),
        (packed({"v": 1, "first": -1, "at": 0, "entries": [["/", "k"]]}), "counts"),
        (packed({"v": 1, "first": 0, "at": 1, "entries": [["/", "k"]]}), "not among"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/"]]}), "is not \\[route"),
        (
            packed({"v": 1, "first": 0, "at": 0, "entries": [["/", "k", "s", "p", "x"]]}),
            "is not \\[route",
        ),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/", "k", "s", 1]]}), "not text"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/", "k", "", "a.b"]]}), "base64url"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/", "k", 7]]}), "not text"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/", "k", "a+b"]]}), "base64url"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/", "k", "A" * 5000]]}), "too long"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/a\x00", "k"]]}), "not a path"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/", "k" * 65]]}), "too long"),
        ("A" * (MAX_PACKED + 1), "more than"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/\ud800", "k"]]}), "not a path"),
        (packed({"v": 1, "first": 0, "at": 0, "entries": [["/__navkit__/sync", "k"]]}), "not a"),
        (packed({"v": 1, "entries": [[[]] * 1]}).replace("", "") + "", "counts"),
        ("W1s" * 3000 + "XV0", "not packed JSON"),
    ],
)
def test_anything_else_is_refused_with_a_reason(sent: str, says: str) -> None:
    with pytest.raises(TabHistoryError, match=says):
        unpack(sent)


def test_deeply_nested_json_is_refused_not_raised() -> None:
    nested = base64.urlsafe_b64encode(b"[" * 50_000 + b"]" * 50_000).decode().rstrip("=")
    with pytest.raises(TabHistoryError, match="not packed JSON"):
        unpack(nested)


def test_the_longest_addresses_still_fit() -> None:
    entries = tuple(f"/{n:02d}" + "x" * 8000 for n in range(50))
    states = tuple("s" * MAX_STATE for _ in range(50))  # and the longest states
    keys = tuple(f"key{n}" for n in range(50))
    history = TabHistory(HistoryState(entries, 49), keys, states, states)
    assert unpack(pack(history)) == history
