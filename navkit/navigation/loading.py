"""Running routes' loaders for one page: in parallel, cancelled with their navigation, cached.

A navigation starts the loaders of every level it builds at once, then
builds the levels in order, each awaiting its own result; a loader's
failure is its level's error. Results are kept per address (at most
``MAX_ENTRIES``, the oldest go first):

* a load in flight is shared -- a navigation to an address being
  preloaded, or loaded by a navigation it overtakes, waits for that load;
* a settled result is reused while younger than its route's
  ``stale_time``, or -- preloaded and not yet shown -- ``PRELOAD_SECONDS``;
  a fresh hit needs no task: a navigation with nothing else to await lands
  in the caller;
* a load no one waits for any more is cancelled (its navigation was
  overtaken), unless it is a preload; ``nav.invalidate``/``refresh``
  drop what they mark stale, so the next build loads again.

Nothing here touches Flet.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from navkit.navigation.values import FoundLevel, Level, Navigation

__all__ = ["MAX_ENTRIES", "MISSING", "PRELOAD_SECONDS", "LoadFailed", "Loads"]

MAX_ENTRIES = 64
PRELOAD_SECONDS = 30.0


@dataclass(slots=True)
class _Entry:
    """One address's load: its ``future`` (async loaders; kept once done), and once
    settled its ``value`` at ``loaded_at``."""

    level: Level
    future: asyncio.Future[Any] | None = None
    value: Any = None
    loaded_at: float | None = None
    preloaded: bool = False
    waiters: int = 0  # navigations waiting for ``future``


# No result yet: the level's loader must run.
MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class LoadFailed:
    """A sync loader raised (or gave an awaitable with no loop to run it): its level's error."""

    error: BaseException


class Loads:
    """The loader results of one page (see the module docstring).

    Args:
        clock: Seconds, monotonic (tests pass their own).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._running: set[asyncio.Future[Any]] = set()  # every load in flight, kept or not

    def cached(self) -> list[tuple[str, str, float | None]]:
        """For the inspector: each address held, its state (``loading``, ``loaded``,
        ``preloaded``) and the seconds since it loaded (None while loading)."""
        now = self._clock()
        return [
            (
                address,
                "loading"
                if entry.loaded_at is None
                else ("preloaded" if entry.preloaded else "loaded"),
                None if entry.loaded_at is None else now - entry.loaded_at,
            )
            for address, entry in self._entries.items()
        ]

    def fresh(self, level: Level) -> Any:
        """The level's settled, still fresh result; ``MISSING`` when it must be loaded."""
        entry = self._entries.get(level.address)
        if entry is None or entry.loaded_at is None or not _same(entry.level, level):
            return MISSING
        loader = level.match.route.loader if level.match is not None else None
        keep = loader.stale_time if loader is not None else 0.0
        if entry.preloaded:
            keep = max(keep, PRELOAD_SECONDS)
        return entry.value if self._clock() - entry.loaded_at < keep else MISSING

    def start(
        self, levels: Iterable[Level], navigation: Navigation, *, preload: bool = False
    ) -> dict[str, Any]:
        """Start (or join) the loads of ``levels``: per address, a fresh value or a future.

        Sync loaders run here, in order; async ones each in a task of their own.
        """
        started: dict[str, Any] = {}
        for level in levels:
            if not isinstance(level, FoundLevel) or level.match.route.loader is None:
                continue
            value = self.fresh(level)
            if value is not MISSING:
                if not preload:
                    self._shown(level.address)
                started[level.address] = value
                continue
            entry = self._entries.get(level.address)
            if entry is None or not _running(entry) or not _same(entry.level, level):
                try:
                    entry = self._load(level, navigation, preload)
                except Exception as error:  # the app's loader, or its arguments (a 400)
                    started[level.address] = LoadFailed(error)
                    continue
            elif preload:
                entry.preloaded = True
            if entry.future is None:  # a sync loader: settled already
                started[level.address] = entry.value
                continue
            if not preload:
                entry.waiters += 1
            started[level.address] = entry.future
        return started

    def _load(self, level: FoundLevel, navigation: Navigation, preload: bool) -> _Entry:
        loader = level.match.route.loader
        assert loader is not None  # start() loads only the levels with a loader
        result = loader.call(level.match.view_args(), navigation)
        entry = _Entry(level, preloaded=preload)
        if inspect.isawaitable(result):
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                if inspect.iscoroutine(result):
                    result.close()
                raise RuntimeError("an async loader needs a running event loop") from None
            future = asyncio.ensure_future(result)
            entry.future = future
            self._running.add(future)
            future.add_done_callback(self._running.discard)
            future.add_done_callback(lambda done: self._settled(level.address, entry, done))
        else:
            entry.value, entry.loaded_at = result, self._clock()
        self._entries[level.address] = entry
        self._entries.move_to_end(level.address)
        while len(self._entries) > MAX_ENTRIES:
            _forgotten(self._entries.popitem(last=False)[1])
        return entry

    def _settled(self, address: str, entry: _Entry, future: asyncio.Future[Any]) -> None:
        if self._entries.get(address) is not entry:
            return  # dropped meanwhile (invalidated, evicted)
        if future.cancelled() or future.exception() is not None:
            del self._entries[address]  # a failure is never kept: the next build tries again
            return
        entry.value, entry.loaded_at = future.result(), self._clock()

    def released(self, started: dict[str, Any]) -> None:
        """A navigation that started ``started`` was overtaken: loads no one waits for stop."""
        for address, value in started.items():
            if not isinstance(value, asyncio.Future):
                continue
            entry = self._entries.get(address)
            if entry is None or entry.future is not value:
                continue
            entry.waiters -= 1
            if entry.waiters <= 0 and not entry.preloaded and not value.done():
                value.cancel()
                del self._entries[address]  # stopped: a later build loads anew, never joins it

    def used(self, started: dict[str, Any]) -> None:
        """A navigation landed with ``started``: a preloaded result counts as shown now."""
        for address, value in started.items():
            entry = self._entries.get(address)
            if entry is None:
                continue
            if isinstance(value, asyncio.Future) and entry.future is value:
                entry.waiters -= 1
            self._shown(address)

    def _shown(self, address: str) -> None:
        entry = self._entries.get(address)
        if entry is not None and entry.preloaded and entry.loaded_at is not None:
            entry.preloaded = False  # from now on its route's stale_time applies, from its load

    def drop(self, keep: Callable[[Level], bool]) -> None:
        """Forget every result whose level ``keep`` refuses (invalidated: load again)."""
        for address in [a for a, entry in self._entries.items() if not keep(entry.level)]:
            _forgotten(self._entries.pop(address))

    def close(self) -> None:
        """The page closed: every load in flight stops."""
        for future in list(self._running):
            future.cancel()
        self._entries.clear()


def _running(entry: _Entry) -> bool:
    """Whether the entry's load is still going on (a navigation may join it)."""
    return entry.future is not None and not entry.future.done()


def _forgotten(entry: _Entry) -> None:
    """An entry no longer kept: its load stops unless a navigation waits for it."""
    if entry.future is not None and entry.waiters <= 0:
        entry.future.cancel()


def _same(old: Level, new: Level) -> bool:
    """Whether a result loaded for ``old`` serves ``new`` (the same route and values)."""
    return old.match == new.match
