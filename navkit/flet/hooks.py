"""navkit's hooks: what a component in a navkit view reads of its level and the page.

Called while a component made by a navkit view function renders (its view,
or a component nested in it): the level's navigator, route, parameters,
query, loader data, shell branch, leave checks, and the navigation under
way. Anywhere else they raise :class:`~navkit.NavkitError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import flet as ft
from flet.components.utils import current_component

from navkit.errors import HTTPError, NavkitError
from navkit.flet.component_context import (
    CHECKS,
    DATA,
    LEVEL,
    NAVIGATION,
    NAVIGATOR,
    NO_DATA,
    LevelLeaveChecks,
    used,
)
from navkit.navigation.stack import place_of
from navkit.navigation.values import InFlight, Level, Navigation

__all__ = [
    "Navigating",
    "use_branch",
    "use_leave_check",
    "use_level",
    "use_loader_data",
    "use_navigation",
    "use_navigator",
    "use_params",
    "use_query",
    "use_route",
]


def use_navigator() -> Any:
    """The page's :class:`~navkit.Navigator`, in a component of a navkit view.

    Raises:
        NavkitError: Called outside a component of a navkit view.
    """
    return used(NAVIGATOR, "use_navigator")


def use_route() -> Navigation:
    """The navigation that built the component's view (Vue Router's ``useRoute``):
    its address, matched levels, merged meta and history state."""
    navigation: Navigation = used(NAVIGATION, "use_route")
    return navigation


@dataclass(frozen=True, slots=True)
class Navigating:
    """What :func:`use_navigation` gives: the navigation under way, if any.

    Attributes:
        pending: The navigation started and not finished (its ``address``,
            ``source``, ``came_from``); None when the page is idle.
        loading: True while it waits for the app (an async guard, view or
            loader): show a spinner. False while it waits for the user (a
            leave check's dialog), as navkit's own pending indicator is.
    """

    pending: InFlight | None
    loading: bool = False

    @property
    def address(self) -> str | None:
        """Where the navigation under way goes (None when idle)."""
        return self.pending.address if self.pending is not None else None


def use_navigation() -> Navigating:
    """The navigation under way on the page, for spinners (React Router's ``useNavigation``).

    The component renders again when one starts to wait (an async guard,
    view or loader) and when it lands, is refused or is overtaken.
    """
    navigator = use_navigator()
    _, set_version = ft.use_state(0)
    watching: Any = ft.use_ref(None)  # the watcher registered at mount
    watchers = navigator.surface.watchers
    pending = navigator.in_flight

    def watch() -> None:
        def changed() -> None:
            set_version(lambda version: version + 1)

        watching.current = changed
        watchers.add(changed)
        if navigator.in_flight is not pending:
            changed()  # it changed between this render and the mount (the first page)

    # Flet's cleanup= (1.0.5 forgets a cleanup the setup returns once the
    # component renders again).
    ft.use_effect(watch, [], cleanup=lambda: watchers.discard(watching.current))
    return Navigating(pending, loading=pending is not None and navigator.surface.loading_now)


def use_leave_check(check: Callable[[Navigation], Any]) -> None:
    """Ask ``check`` before a navigation closes the component's level (``nav.on_leave``).

    Known before the page shows the level (the back arrow, Android back and
    the browser's Back ask it too); registered again on every render, so
    the check sees the component's current state. Several components of a
    level each have theirs, all asked; a component that leaves the page
    takes its check with it.
    """
    navigator, level = use_navigator(), use_level()
    checks: LevelLeaveChecks = used(CHECKS, "use_leave_check")
    key = id(current_component())
    checks.set(key, check)
    navigator.on_leave(checks, at=level.address)  # the level's one check: all of its components'
    # Dropped when the component leaves the page (Flet's cleanup=: see use_navigation).
    ft.use_effect(lambda: None, [], cleanup=lambda: checks.discard(key))


def use_level() -> Level:
    """The stack level whose view holds the component."""
    level: Level = used(LEVEL, "use_level")
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
        NavkitError: The level's route has no loader, or it failed (an error
            handler's component asking).
    """
    box = used(DATA, "use_loader_data")
    if box[0] is NO_DATA:
        level = use_level()
        if level.match is not None and level.match.route.loader is not None:
            raise NavkitError(
                f"the loader of {level.path} did not load (its level shows the error): "
                "nothing to read"
            )
        raise NavkitError(f"the route of {level.path} has no loader: nothing to read")
    return box[0]


def use_branch() -> tuple[Any, Callable[[int], Any]]:
    """The shell branch shown (a :class:`~navkit.routing.shells.Place`, None outside a
    shell) and a function that shows destination ``index`` (``nav.switch_branch``)."""
    navigator, navigation = use_navigator(), use_route()
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
