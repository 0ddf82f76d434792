"""Hook state kept for views held off the page: a parked shell tab, a view shown again.

Flet 1.0.5 treats a component that leaves the page as gone, as React does:
its hooks are cleared (and its effects cleaned up) when it is unmounted.
navkit holds a parked tab's views off the page (each update would diff
them otherwise), so a tab switched away from and back would come back with
every ``use_state`` at its initial value -- unlike the imperative views
beside it, whose controls keep what they hold.

So the surface keeps the hooks of the components in views leaving the page
and gives them back before those views return, as React's hidden
``<Activity>`` does: state kept, effects cleaned up while away and run
again on return. Components are found by walking the view's controls (a
bounded walk, only for views that leave or return).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from typing import Any

from flet.components.component import Component

__all__ = ["HookKeeper"]

# A view is walked this far at most (as navkit.flet.components.prepared).
_MOST_CONTROLS = 10_000


class HookKeeper:
    """Keeps the hooks of components in views held off the page, until they return."""

    def __init__(self) -> None:
        # Per component: what Flet clears as it leaves the page.
        self._kept: weakref.WeakKeyDictionary[Component, _Kept] = weakref.WeakKeyDictionary()

    def moving(self, before: Iterable[Any], after: Iterable[Any]) -> None:
        """The page's views go from ``before`` to ``after`` in the next update.

        Call before that update: it unmounts what leaves, and renders what
        returns with what is given back here.
        """
        before, after = list(before), list(after)
        staying = {id(view) for view in after}
        for view in before:
            if id(view) not in staying:
                for component in _components(view):
                    if component._state.hooks:
                        self._kept[component] = _Kept.of(component)
        shown = {id(view) for view in before}
        for view in after:
            if id(view) not in shown:
                # Lazily walked: a component's body is given back before the
                # walk goes into it, so nested components are found too.
                for component in _components(view):
                    kept = self._kept.pop(component, None)
                    if kept is not None and not component._state.hooks:
                        kept.give_back(component)


class _Kept:
    """What Flet clears when a component leaves the page: its hooks, contexts and body."""

    __slots__ = ("body", "contexts", "hooks", "last")

    def __init__(
        self, hooks: list[Any], contexts: dict[Any, Any], body: Any, last: tuple[Any, ...]
    ) -> None:
        self.hooks, self.contexts, self.body, self.last = hooks, contexts, body, last

    @classmethod
    def of(cls, component: Component) -> _Kept:
        state = component._state
        last = (state.last_b, state.last_args, dict(state.last_kwargs))
        return cls(list(state.hooks), dict(component._contexts), component._b, last)

    def give_back(self, component: Component) -> None:
        state = component._state
        state.hooks[:] = self.hooks
        component._contexts.update(self.contexts)
        component._b = self.body
        state.last_b, state.last_args, state.last_kwargs = self.last


def _components(view: Any) -> Iterator[Component]:
    """The components a view holds, its components' bodies included."""
    stack: list[Any] = [view]
    seen = 0
    while stack and seen < _MOST_CONTROLS:
        control, seen = stack.pop(), seen + 1
        if isinstance(control, Component):
            yield control
            control = control._b
        if isinstance(control, list):
            stack.extend(control)
            continue
        content = getattr(control, "content", None)
        if content is not None and not isinstance(content, str):
            stack.append(content)
        stack.extend(getattr(control, "controls", None) or ())
