"""What navkit provides to the components a level's view makes, and how they read it.

While a level's view function runs (``navkit.flet.components.rendering``),
its renderer carries navkit's contexts: the navigator, the navigation that
builds the level, the level, its loader data and its leave checks. A
component made there snapshots them, as Flet does; navkit also keeps them
per component (:data:`owners`), since Flet clears a component's contexts
when it leaves the page. Hooks read them with :func:`used`.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft
from flet.components.component import Component
from flet.components.utils import _CURRENT_RENDERER, current_component

from navkit.errors import NavkitError
from navkit.navigation.values import Navigation

__all__ = [
    "CHECKS",
    "DATA",
    "LEVEL",
    "NAVIGATION",
    "NAVIGATOR",
    "NO_DATA",
    "LevelLeaveChecks",
    "owned",
    "owners",
    "provided",
    "used",
]

# What navkit provides to the components a level's view makes.
NAVIGATOR: Any = ft.create_context(None)
NAVIGATION: Any = ft.create_context(None)
LEVEL: Any = ft.create_context(None)
DATA: Any = ft.create_context(None)  # a one-item list: the level's loader data, once loaded
CHECKS: Any = ft.create_context(None)  # the level's LevelLeaveChecks

# No loader data (the level's route has no loader, or it is not loaded yet).
NO_DATA: Any = object()


class LevelLeaveChecks:
    """The leave checks of one level's components, asked as the level's one check.

    One per level build (so a build that never landed leaves nothing
    behind). Each component that calls ``navkit.use_leave_check`` has its
    entry, replaced on every render and dropped when it unmounts; leaving
    the level asks each in turn, and the first ``False`` keeps the user there.
    """

    def __init__(self) -> None:
        self._checks: dict[int, Callable[[Navigation], Any]] = {}

    def set(self, key: int, check: Callable[[Navigation], Any]) -> None:
        """The check of component ``key`` (its latest render's)."""
        self._checks[key] = check

    def discard(self, key: int) -> None:
        """Component ``key`` left the page: it is not asked any more."""
        self._checks.pop(key, None)

    def __call__(self, navigation: Navigation) -> Any:
        checks = list(self._checks.values())
        for index, check in enumerate(checks):
            answer = check(navigation)
            if inspect.isawaitable(answer):  # from here on, one answer at a time
                return self._asking(answer, checks[index + 1 :], navigation)
            if answer is False:
                return False
        return True

    @staticmethod
    async def _asking(
        answer: Awaitable[Any], rest: list[Callable[[Navigation], Any]], navigation: Navigation
    ) -> bool:
        if await answer is False:
            return False
        for check in rest:
            result = check(navigation)
            if inspect.isawaitable(result):
                result = await result
            if result is False:
                return False
        return True


def used(context: Any, name: str) -> Any:
    """The value navkit provided as ``context`` to the component rendering now (hook ``name``).

    Raises:
        NavkitError: Not inside a component made by a navkit view function.
    """
    wrong = f"navkit.{name}() is for components made by a navkit view function"
    try:
        value = ft.use_context(context)
        component = current_component() if value is None else None
    except RuntimeError:  # Flet's: not inside a component's render at all
        raise NavkitError(f"{wrong}, called while one renders") from None
    while value is None and component is not None:
        # Flet clears a component's contexts when it leaves the page (a
        # parked tab); navkit's stay with the level's components.
        value = owners.get(component, {}).get(context)
        parent = component._parent_component
        component = parent() if parent is not None else None
    if value is None:
        raise NavkitError(wrong)
    return value


# What navkit provided to each component a level's view made (its level,
# navigation, navigator), kept while the component lives.
owners: weakref.WeakKeyDictionary[Component, dict[Any, Any]] = weakref.WeakKeyDictionary()


def provided() -> dict[Any, Any]:
    """navkit's contexts on the current renderer (the level being built)."""
    renderer = _CURRENT_RENDERER.get()
    contexts = renderer._snapshot_contexts() if renderer is not None else {}
    ours = (NAVIGATOR, NAVIGATION, LEVEL, DATA, CHECKS)
    return {c: contexts[c._key] for c in ours if c._key in contexts}


def owned(component: Component) -> dict[Any, Any]:
    """What navkit provided to ``component`` or the nearest of its parents."""
    current: Component | None = component
    while current is not None:
        found = owners.get(current)
        if found:
            return found
        parent = current._parent_component
        current = parent() if parent is not None else None
    return {}
