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

from collections.abc import Iterable, Iterator
from typing import Any

from flet.components.component import Component

__all__ = ["HookKeeper"]

# A view is walked this far at most (as navkit.flet.components.prepared).
_MOST_CONTROLS = 10_000


class HookKeeper:
    """Keeps the hooks of components in views held off the page, until they return."""

    def __init__(self) -> None:
        # Per parked view (by id; the view itself kept to check it): what Flet
        # clears on its components as they leave the page, by component id.
        self._kept: dict[int, tuple[Any, dict[int, _Kept]]] = {}
        # Given back, and following observables: rendered again once shown.
        self._stale: list[Component] = []

    def moving(self, before: Iterable[Any], after: Iterable[Any], held: Iterable[Any]) -> None:
        """The page's views go from ``before`` to ``after`` in the next update; ``held``
        are the views kept off the page to be shown again (parked branches).

        Call before that update: it unmounts what leaves, and renders what
        returns with what is given back here. What a closed view's
        components held is not kept: their hooks' setters hold the
        components, so keeping them would keep every closed view alive.
        """
        before, after, held = list(before), list(after), list(held)
        staying, holding = {id(view) for view in after}, {id(view) for view in held}
        for view in before:
            if id(view) not in staying and id(view) in holding:
                # Every component: one without hooks still holds the contexts
                # provided to it (navkit's, the app's), which Flet clears too.
                kept = {id(c): _Kept.of(c) for c in _components(view)}
                if kept:
                    self._kept[id(view)] = (view, kept)
        shown = {id(view) for view in before}
        for view in after:
            entry = self._kept.pop(id(view), None) if id(view) not in shown else None
            if entry is None or entry[0] is not view:
                continue
            by_component = entry[1]
            # Lazily walked: a component's body is given back before the walk
            # goes into it, so nested components are found too.
            for component in _components(view):
                held_state = by_component.get(id(component))
                if held_state is None or held_state.owner is not component:
                    continue
                if component._state.mounted:
                    continue  # never unmounted: nothing was cleared
                held_state.give_back(component)
                if held_state.observing:
                    self._stale.append(component)
        for key in [key for key in self._kept if key not in holding]:
            del self._kept[key]  # closed while parked: never shown again

    def moved(self, page: Any) -> None:
        """The update is made: components that follow observables render again.

        Flet drops a component's observable subscriptions when it leaves the
        page; given back with its memo, it would not render on return, so
        it would neither show what changed while away nor follow changes
        again. Rendered now, as a ``set_state`` would, it does both.
        """
        stale, self._stale = self._stale, []
        for component in stale:
            if component._state.mounted:
                component._state.is_dirty = True
                page.session.schedule_update(component)


class _Kept:
    """What Flet clears when a component leaves the page: its hooks, contexts, body, memo."""

    __slots__ = ("body", "contexts", "hooks", "last", "observing", "owner")

    def __init__(self, component: Component) -> None:
        state = component._state
        self.owner = component
        self.hooks = list(state.hooks)
        self.contexts = dict(component._contexts)
        self.body = component._b
        self.last = (state.last_b, state.last_args, dict(state.last_kwargs))
        self.observing = bool(state.observable_subscriptions)

    @classmethod
    def of(cls, component: Component) -> _Kept:
        return cls(component)

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
