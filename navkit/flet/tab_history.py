"""What a browser tab keeps of its history, as the history script stores it; read as data.

The script (:mod:`navkit.flet.history_script`) keeps in the tab's
``sessionStorage``, and sends on ``sync``, a JSON object packed in
base64url::

    {"v": 1, "first": F, "at": N, "entries": [[route, key, state?, snapshot?], ...]}

Entry ``i`` is the browser entry whose Flutter ``serialCount`` is ``F + i``;
``N`` is the ``serialCount`` of the entry shown; a key is the entry's own,
unchanged while the entry lives; a state and a snapshot, when the entry
holds them, are texts as :mod:`navkit.flet.state_codec` writes them
(base64url; a state "" when there is a snapshot only).

Whatever arrives is data typed by whoever holds the tab: it is bounded and
validated here, and anything off -- too long, not JSON, another shape, a
route that is no path of the app, a position outside the entries -- is
refused as a whole (:class:`TabHistoryError`), never partly believed.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from navkit.flet.history_script import RESERVED
from navkit.flet.state_codec import MAX_STATE
from navkit.navigation.history import DEFAULT_MAX_ENTRIES, HistoryState
from navkit.routing.location import is_app_address

__all__ = ["MAX_PACKED", "TabHistory", "TabHistoryError", "pack", "unpack"]

MAX_ROUTE = 8192  # as the router's default max_path_length
MAX_KEY = 64
# The most a tab may send: 50 entries of the longest addresses and states, packed.
MAX_PACKED = 50 * (MAX_ROUTE + MAX_KEY + 2 * MAX_STATE + 32) * 4 // 3
_STATE_TEXT = re.compile(r"[A-Za-z0-9_-]*")  # base64url


class TabHistoryError(ValueError):
    """What the tab sent is not a history navkit's script stores."""


@dataclass(frozen=True, slots=True)
class TabHistory:
    """The entries a tab holds, the one shown, and each entry's key.

    Attributes:
        state: The entries' addresses and the position of the one shown.
        keys: One key per entry, in the same order.
        states: One state text per entry ("": none), in the same order
            (empty: none at all).
        snapshots: One snapshot text per entry, likewise.
    """

    state: HistoryState
    keys: tuple[str, ...]
    states: tuple[str, ...] = ()
    snapshots: tuple[str, ...] = ()


def unpack(packed: str, *, max_entries: int = DEFAULT_MAX_ENTRIES) -> TabHistory:
    """Read what the script sent; the last ``max_entries`` entries are kept.

    Raises:
        TabHistoryError: Anything but a history the script stores.
    """
    if len(packed) > MAX_PACKED:
        raise TabHistoryError(f"{len(packed)} characters, more than {MAX_PACKED}")
    try:
        text = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)).decode("utf-8")
        stored = json.loads(text)
    except (binascii.Error, ValueError, RecursionError) as error:  # Unicode's and JSON's too
        raise TabHistoryError(f"not packed JSON: {type(error).__name__}") from None
    if not isinstance(stored, dict) or stored.get("v") != 1:
        raise TabHistoryError("not version 1 of the stored history")
    first, at, entries = stored.get("first"), stored.get("at"), stored.get("entries")
    if not _count(first) or not _count(at) or not isinstance(entries, list) or not entries:
        raise TabHistoryError("first, at and entries are missing or not counts and a list")
    if not first <= at < first + len(entries):
        raise TabHistoryError(f"the entry shown ({at}) is not among the entries")
    routes, keys, states, snapshots = zip(*(_entry(entry) for entry in entries), strict=True)
    index = at - first
    drop = max(0, len(routes) - max_entries, index + 1 - max_entries)
    drop = min(drop, index)  # the entry shown is always kept
    state = HistoryState(routes[drop:], index - drop)
    return TabHistory(state, keys[drop:], states[drop:], snapshots[drop:])


def pack(history: TabHistory, first: int = 0) -> str:
    """What the script sends for ``history`` (the stand-in plays the script with it)."""
    state, none = history.state, ("",) * len(history.keys)
    extra = (history.states or none, history.snapshots or none)
    stored = {
        "v": 1,
        "first": first,
        "at": first + state.index,
        "entries": [
            _packed_entry(*entry) for entry in zip(state.entries, history.keys, *extra, strict=True)
        ],
    }
    text = json.dumps(stored, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def _packed_entry(route: str, key: str, state: str, snapshot: str) -> list[str]:
    return (
        [route, key, state, snapshot]
        if snapshot
        else [route, key, state]
        if state
        else [route, key]
    )


def _count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**53


def _entry(entry: Any) -> tuple[str, str, str, str]:
    if not isinstance(entry, list) or not 2 <= len(entry) <= 4:
        raise TabHistoryError("an entry is not [route, key, state?, snapshot?]")
    route, key, state, snapshot = (*entry, "", "")[:4]
    if not all(isinstance(text, str) for text in (route, key, state, snapshot)):
        raise TabHistoryError("an entry's route, key, state or snapshot is not text")
    if len(route) > MAX_ROUTE or len(key) > MAX_KEY or max(len(state), len(snapshot)) > MAX_STATE:
        raise TabHistoryError("an entry's route, key, state or snapshot is too long")
    if not _STATE_TEXT.fullmatch(state) or not _STATE_TEXT.fullmatch(snapshot):
        raise TabHistoryError("an entry's state or snapshot is not base64url")
    if not is_app_address(route) or route.startswith(RESERVED) or not _encodable(route + key):
        raise TabHistoryError(f"{route[:80]!r} is not a path of the app")
    return route, key, state, snapshot


def _encodable(text: str) -> bool:
    """No lone surrogate: the text can go back to the client (UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
