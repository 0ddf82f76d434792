"""Flet 1.0's components inside navkit's views: rendering and hosting them.

A view function may return an ``@ft.component`` (or be one: its typed
parameters are its props), or controls containing components. Calling a
component needs Flet's current renderer: navkit calls view functions
inside one (:func:`rendering`), which also provides the navigator, the
navigation, the level, its loader data and its leave checks to the
components made there (:mod:`navkit.flet.component_context`), read by
navkit's hooks (:mod:`navkit.flet.hooks`).

A component is hosted in a ``Container`` of its own (:func:`hosted`):
Flet 1.0.5 diffs a list of controls in place, and a component straight in
a view's ``controls`` would be rendered again on every ``page.update()``
without its new body ever reaching the client (measured; see
docs/notes/). A single ``content`` is diffed as the frozen tree it is.
The page's component scheduler is started with every commit and kept
alive (:mod:`navkit.flet.render_failures`), so ``set_state`` renders the
component alone, as in Flet. A level's
components are rendered once while it is built (:func:`prepared`): what
they raise is the level's error, what they register (a leave check) is
known before the page shows them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

import flet as ft
from flet.components.component import Component, Renderer
from flet.components.hooks.use_state import StateHook
from flet.components.utils import _CURRENT_RENDERER

from navkit.errors import NavkitError
from navkit.flet.component_context import (
    CHECKS,
    DATA,
    LEVEL,
    NAVIGATION,
    NAVIGATOR,
    NO_DATA,
    LevelLeaveChecks,
    owners,
    provided,
)
from navkit.flet.declarative import app_contexts, is_views_root
from navkit.flet.render_failures import raise_again, start_components
from navkit.navigation.values import Level, Navigation

log = logging.getLogger("navkit")

__all__ = [
    "hosted",
    "other_owner",
    "prepared",
    "provide_data",
    "refuse_other_owner",
    "rendering",
    "start_components",
]


@contextmanager
def rendering(navigator: Any, navigation: Navigation, level: Level) -> Iterator[None]:
    """While a view function of ``level`` runs: components can be made, and see navkit."""
    renderer = Renderer()  # type: ignore[no-untyped-call]  # Flet's, untyped
    app = app_contexts(getattr(navigator, "page", None))
    for key, value in app.items():  # what the app provided above navkit.Views
        renderer.push_context(key, value)
    provided = (
        (NAVIGATOR, navigator),
        (NAVIGATION, navigation),
        (LEVEL, level),
        (DATA, [NO_DATA]),
        (CHECKS, LevelLeaveChecks()),
    )
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
        for key in app:
            renderer.pop_context(key)


def provide_data(data: Any) -> None:
    """The level being built (inside :func:`rendering`) loaded ``data``: for
    :func:`use_loader_data` in the components its view makes."""
    renderer = _CURRENT_RENDERER.get()
    box: Any = renderer._snapshot_contexts().get(DATA._key) if renderer is not None else None
    if isinstance(box, list):
        box[0] = data


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

    A component whose body is an ``ft.View`` (Flet's idiom with
    ``ft.Router(manage_views=True)``) gives the level that view, app bar,
    floating action button and all (see :func:`_adopted`).
    """
    raise_again()
    if isinstance(result, Component):
        _render_once(result)
        if isinstance(result._b, ft.View):
            result = _adopted(result)
    result = hosted(result)
    stack: list[Any] = list(result) if isinstance(result, list) else [result]
    seen = 0
    while stack and seen < _MOST_CONTROLS:  # nested components too: what they raise counts
        control, seen = stack.pop(), seen + 1
        if isinstance(control, Component):
            _render_once(control)
            control = control._b
        if isinstance(control, list):
            stack.extend(control)
            continue
        content = getattr(control, "content", None)
        if content is not None and not isinstance(content, str):
            stack.append(content)
        stack.extend(getattr(control, "controls", None) or ())
    return result


def _render_once(component: Component) -> None:
    """Render ``component`` now, as the level builds (unless it was already)."""
    if component._b is None:
        owners[component] = provided()
        component.memoized = True
        component.before_update()  # type: ignore[no-untyped-call]  # Flet's, untyped


def _adopted(component: Component) -> ft.View:
    """The ``ft.View`` a view component rendered, as its level's view.

    navkit changes the views it shows (route, ``can_pop``, a shell's bar),
    so the view is taken out of the component's frozen body. The components
    inside it keep their state and update alone; the view component itself
    is not on the page, so its own ``set_state`` would render nothing: that
    is logged, with what to do.
    """
    view: ft.View = component._b
    if hasattr(view, "_frozen"):
        object.__delattr__(view, "_frozen")
    if any(isinstance(hook, StateHook) for hook in component._state.hooks):
        log.warning(
            "navkit: the view component %s returns an ft.View and keeps state of its own: "
            "navkit shows that view, and %s's set_state cannot render it again. Keep the "
            "state in a component inside the view's controls (it updates alone), or return "
            "the view's content and give the route a title=.",
            getattr(component.fn, "__name__", "?"),
            getattr(component.fn, "__name__", "?"),
        )
    return view


def _host(component: Component) -> ft.Container:
    # A Component is a control Flet's own typing does not list as content.
    return ft.Container(content=cast(ft.Control, component), expand=True)


# A view's result is walked this far at most (a component deeper in a huge
# view renders when the page shows it, as in Flet).
_MOST_CONTROLS = 10_000


def other_owner(page: ft.Page) -> str | None:
    """Who else renders ``page``'s views, if anyone: ``page.render_views``, ``page.render``,
    ``ft.Router``; None when navkit is alone."""
    views: Any = page.views
    if is_views_root(views):
        return None  # navkit.Views: navkit's own, handing the page over
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
