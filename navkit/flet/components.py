"""Flet 1.0's components inside navkit's views: rendering, hosting, and navkit's hooks.

A view function may return an ``@ft.component`` (or be one: its typed
parameters are its props), or controls containing components. Calling a
component needs Flet's current renderer: navkit calls view functions
inside one (:func:`rendering`), which also provides the navigator, the
navigation and the level to the components made there -- read with
:func:`use_navigator`, :func:`use_navigation`, :func:`use_params`.

A component is hosted in a ``Container`` of its own (:func:`hosted`):
Flet 1.0.5 diffs a list of controls in place, and a component straight in
a view's ``controls`` would be rendered again on every ``page.update()``
without its new body ever reaching the client (measured; see
docs/notes/). A single ``content`` is diffed as the frozen tree it is.
The page's component scheduler is started with every commit (again, if a
render killed it: Flet's loop does not survive an exception), so
``set_state`` renders the component alone, as in Flet. A level's
components are rendered once while it is built (:func:`prepared`): what
they raise is the level's error, what they register (a leave check) is
known before the page shows them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

import flet as ft
from flet.components.component import Component, Renderer
from flet.components.utils import _CURRENT_RENDERER, current_component

from navkit.errors import NavkitError
from navkit.navigation.values import Level, Navigation

__all__ = [
    "hosted",
    "other_owner",
    "prepared",
    "refuse_other_owner",
    "rendering",
    "start_components",
    "use_leave_check",
    "use_level",
    "use_navigation",
    "use_navigator",
    "use_params",
]

_NAVIGATOR: Any = ft.create_context(None)
_NAVIGATION: Any = ft.create_context(None)
_LEVEL: Any = ft.create_context(None)


@contextmanager
def rendering(navigator: Any, navigation: Navigation, level: Level) -> Iterator[None]:
    """While a view function of ``level`` runs: components can be made, and see navkit."""
    renderer = Renderer()  # type: ignore[no-untyped-call]  # Flet's, untyped
    provided = ((_NAVIGATOR, navigator), (_NAVIGATION, navigation), (_LEVEL, level))
    for context, value in provided:
        renderer.push_context(context._key, value)
    # Set and put back, not Flet's token-based with_context(): an async view
    # starts in the caller's context and ends in the navigation's task.
    previous = _CURRENT_RENDERER.get()
    _CURRENT_RENDERER.set(renderer)
    try:
        yield
    finally:
        _CURRENT_RENDERER.set(previous)
        for context, _ in provided:
            renderer.pop_context(context._key)


def hosted(result: Any) -> Any:
    """``result`` with each component it holds at the top in a ``Container`` of its own.

    A component alone, a list of controls, or an ``ft.View`` whose
    ``controls`` hold components: those become ``Container(content=c, expand=...)``.
    """
    if isinstance(result, Component):
        return _host(result)
    if isinstance(result, list):
        return [_host(item) if isinstance(item, Component) else item for item in result]
    if isinstance(result, ft.View) and any(isinstance(c, Component) for c in result.controls):
        result.controls = [_host(c) if isinstance(c, Component) else c for c in result.controls]
    return result


def prepared(result: Any) -> Any:
    """``result`` hosted (:func:`hosted`), its level's components rendered once, now.

    Called while the view function's level is being built: what their bodies
    register -- a leave check (:func:`use_leave_check`) -- is the level's
    before the page shows it (its ``can_pop`` included). Rendered before
    they are mounted, they schedule no effect yet (Flet runs effects on
    mount), and marked memoized they are not rendered again by the update
    that shows them.
    """
    result = hosted(result)
    stack: list[Any] = list(result) if isinstance(result, list) else [result]
    seen = 0
    while stack and seen < _MOST_CONTROLS:  # nested components too: what they raise counts
        control, seen = stack.pop(), seen + 1
        if isinstance(control, Component):
            if control._b is None:
                _owners[control] = _provided()
                control.memoized = True
                control.before_update()  # type: ignore[no-untyped-call]  # Flet's, untyped
            control = control._b
        if isinstance(control, list):
            stack.extend(control)
            continue
        content = getattr(control, "content", None)
        if content is not None and not isinstance(content, str):
            stack.append(content)
        stack.extend(getattr(control, "controls", None) or ())
    return result


def _host(component: Component) -> ft.Container:
    # A Component is a control Flet's own typing does not list as content.
    return ft.Container(content=cast(ft.Control, component), expand=True)


# A view's result is walked this far at most (a component deeper in a huge
# view renders when the page shows it, as in Flet).
_MOST_CONTROLS = 10_000


def start_components(page: ft.Page) -> None:
    """Start the page's component scheduler (``set_state``, effects); again if it stopped.

    Flet starts it only for ``page.render``/``render_views``; navkit's views
    are imperative, so auto-update stays on for the app's own handlers.
    """
    session = getattr(page, "session", None)
    if session is not None:
        session.start_updates_scheduler()


def other_owner(page: ft.Page) -> str | None:
    """Who else renders ``page``'s views, if anyone: ``page.render_views``, ``page.render``,
    ``ft.Router``; None when navkit is alone."""
    views: Any = page.views
    if isinstance(views, Component):
        return f"page.render_views({getattr(views.fn, '__name__', 'App')})"
    if views and isinstance(getattr(views[0], "controls", None), Component):
        return "page.render(...)"
    handler = getattr(page.on_route_change, "__qualname__", "") or ""
    if handler.startswith("Router.<locals>"):
        return "ft.Router"
    return None


def refuse_other_owner(page: ft.Page) -> None:
    """One owner of ``page.views``: navkit, or a declarative root -- never both.

    Raises:
        NavkitError: Another owner renders the page, with what to do instead.
    """
    owner = other_owner(page)
    if owner is not None:
        raise NavkitError(
            f"this page's views are rendered by {owner} and navkit is attached to it: "
            "one of them must own page.views. Let navkit render the stack -- views "
            "may return @ft.component views, which keep their hook state -- and "
            "remove the other root (or do not attach navkit to this page)."
        )


def use_navigator() -> Any:
    """The page's :class:`~navkit.Navigator`, in a component of a navkit view.

    Raises:
        NavkitError: Called outside a component of a navkit view.
    """
    return _used(_NAVIGATOR, "use_navigator")


def use_navigation() -> Navigation:
    """The navigation that built the component's view (address, matched levels, meta, state)."""
    navigation: Navigation = _used(_NAVIGATION, "use_navigation")
    return navigation


def use_leave_check(check: Callable[[Navigation], Any]) -> None:
    """Ask ``check`` before a navigation closes the component's level (``nav.on_leave``).

    Known before the page shows the level (the back arrow, Android back and
    the browser's Back ask it too); registered again on every render, so
    the check sees the component's current state.
    """
    navigator, level = use_navigator(), use_level()
    navigator.on_leave(check, at=level.address)


def use_level() -> Level:
    """The stack level whose view holds the component."""
    level: Level = _used(_LEVEL, "use_level")
    return level


def use_params() -> Mapping[str, Any]:
    """The converted path parameters of the component's level (``{"item_id": 42}``)."""
    match = use_level().match
    return match.params if match is not None else {}


def _used(context: Any, name: str) -> Any:
    wrong = f"navkit.{name}() is for components made by a navkit view function"
    try:
        value = ft.use_context(context)
        component = current_component() if value is None else None
    except RuntimeError:  # Flet's: not inside a component's render at all
        raise NavkitError(f"{wrong}, called while one renders") from None
    while value is None and component is not None:
        # Flet clears a component's contexts when it leaves the page (a
        # parked tab); navkit's stay with the level's components.
        value = _owners.get(component, {}).get(context)
        parent = component._parent_component
        component = parent() if parent is not None else None
    if value is None:
        raise NavkitError(wrong)
    return value


# What navkit provided to each component a level's view made (its level,
# navigation, navigator), kept while the component lives.
_owners: weakref.WeakKeyDictionary[Component, dict[Any, Any]] = weakref.WeakKeyDictionary()


def _provided() -> dict[Any, Any]:
    """navkit's contexts on the current renderer (the level being built)."""
    renderer = _CURRENT_RENDERER.get()
    contexts = renderer._snapshot_contexts() if renderer is not None else {}
    return {c: contexts[c._key] for c in (_NAVIGATOR, _NAVIGATION, _LEVEL) if c._key in contexts}
