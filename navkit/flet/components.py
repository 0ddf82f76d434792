"""Flet 1.0's components inside navkit's views: rendering, hosting, and navkit's hooks.

A view function may return an ``@ft.component`` (or be one: its typed
parameters are its props), or controls containing components. Calling a
component needs Flet's current renderer: navkit calls view functions
inside one (:func:`rendering`), which also provides the navigator, the
navigation and the level to the components made there -- read with
:func:`use_navigator`, :func:`use_navigation`, :func:`use_params`,
:func:`use_query`, :func:`use_loader_data`, :func:`use_branch`.

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

from navkit.errors import HTTPError, NavkitError
from navkit.flet.declarative import app_contexts, is_views_root
from navkit.navigation.stack import place_of
from navkit.navigation.values import Level, Navigation

__all__ = [
    "hosted",
    "other_owner",
    "prepared",
    "provide_data",
    "refuse_other_owner",
    "rendering",
    "start_components",
    "use_branch",
    "use_leave_check",
    "use_level",
    "use_loader_data",
    "use_navigation",
    "use_navigator",
    "use_params",
    "use_query",
]

_NAVIGATOR: Any = ft.create_context(None)
_NAVIGATION: Any = ft.create_context(None)
_LEVEL: Any = ft.create_context(None)
_DATA: Any = ft.create_context(None)  # a one-item list: the level's loader data, once loaded

# No loader data (the level's route has no loader, or it is not loaded yet).
_NO_DATA: Any = object()


@contextmanager
def rendering(navigator: Any, navigation: Navigation, level: Level) -> Iterator[None]:
    """While a view function of ``level`` runs: components can be made, and see navkit."""
    renderer = Renderer()  # type: ignore[no-untyped-call]  # Flet's, untyped
    app = app_contexts(getattr(navigator, "page", None))
    for key, value in app.items():  # what the app provided above navkit.Views
        renderer.push_context(key, value)
    provided = (
        (_NAVIGATOR, navigator),
        (_NAVIGATION, navigation),
        (_LEVEL, level),
        (_DATA, [_NO_DATA]),
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
    box: Any = renderer._snapshot_contexts().get(_DATA._key) if renderer is not None else None
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


def use_query() -> tuple[Any, Callable[..., Any]]:
    """The level's typed query, and a function that changes it (``nav.update_query``).

    The query is what the view function would be given: the instance of the
    dataclass its route takes the query as, else a dict of the query
    parameters its signature declares, converted (a route that declares
    none: the raw ``{key: last value}``). ``set_query(page=3)`` changes keys
    of the page shown and keeps the others; ``set_query(q="x", replace=True)``
    in place of the history entry.
    """
    navigator, level = use_navigator(), use_level()
    return _query_of(level), navigator.update_query


def use_loader_data() -> Any:
    """What the level's loader loaded (the view's ``data``), awaited before any render.

    Raises:
        NavkitError: The level's route has no loader.
    """
    box = _used(_DATA, "use_loader_data")
    if box[0] is _NO_DATA:
        level = use_level()
        raise NavkitError(f"the route of {level.path} has no loader: nothing to read")
    return box[0]


def use_branch() -> tuple[Any, Callable[[int], Any]]:
    """The shell branch shown (a :class:`~navkit.routing.shells.Place`, None outside a
    shell) and a function that shows destination ``index`` (``nav.switch_branch``)."""
    navigator, navigation = use_navigator(), use_navigation()
    table = getattr(navigator.router, "table", navigator.router)  # a Router, or its table
    # The branch of the stack built, which may not be shown yet (its first render).
    return place_of(table, navigation.levels), navigator.switch_branch


def _query_of(level: Level) -> Any:
    match = level.match
    if match is None:
        return {}
    route = match.route
    if route.query_model is None and not route.query:
        try:
            return dict(match.query)
        except (ValueError, HTTPError):  # a malformed query the view did not read
            return {}
    args = match.view_args()  # read once already, when the level was built
    if route.query_model is not None:
        return args[route.query_model.parameter]
    return {param.name: args[param.name] for param in route.query}


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
    ours = (_NAVIGATOR, _NAVIGATION, _LEVEL, _DATA)
    return {c: contexts[c._key] for c in ours if c._key in contexts}
