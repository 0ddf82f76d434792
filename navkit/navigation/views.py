"""Calling the app's view functions and error handlers for the levels that enter.

What comes back is a :class:`Built` value: the app's result for a level,
or the error shown there instead. Turning it into something a page shows
(an ``ft.View``) is the surface's job; nothing here touches Flet.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from navkit.errors import HTTPError, InternalServerError, Redirect, failure
from navkit.navigation.loading import MISSING, LoadFailed, Loads
from navkit.navigation.tasks import Handoff
from navkit.navigation.values import FailedLevel, Level, Navigation
from navkit.routing.loaders import DATA_PARAMETER
from navkit.routing.routes import Match
from navkit.routing.table import RouteTable

__all__ = ["Builder", "Built", "Drawing", "build_level", "build_levels"]

log = logging.getLogger("navkit")


@dataclass(frozen=True, slots=True)
class Built:
    """What one level shows.

    Attributes:
        level: The level; it carries its error when the view could not be
            shown (so it is called again when the level is shown again).
        result: The view function's result, or the error handler's.
        handled: For an error level: ``result`` is the app's error view
            (False: the default error view).
    """

    level: Level
    result: Any = None
    handled: bool = False


@dataclass(frozen=True, slots=True)
class Builder:
    """What building a navigation's views needs besides its levels.

    Attributes:
        navigator: Given to view parameters annotated ``navkit.Navigator``.
        navigation: Given to view parameters annotated ``navkit.Navigation``
            (the navigation being built: its matched levels and meta).
        handoff: Awaited before any awaitable of the app's.
        drawing: The page's surface: what view functions run inside, and
            what turns a built level into what the page shows.
        loads: The page's loader results.
    """

    navigator: Any
    navigation: Navigation
    handoff: Handoff
    drawing: Drawing
    loads: Loads


class Drawing(Protocol):
    """What building needs of the page's surface."""

    def render(self, built: Built) -> Any:
        """The view object for one built level."""

    def calling(
        self, navigator: Any, navigation: Navigation, level: Level
    ) -> AbstractContextManager[None]:
        """What the view function of ``level`` runs inside (a renderer, for components)."""

    def prepared(self, result: Any) -> Any:
        """A view function's result made ready, still inside :meth:`calling` (components
        hosted and rendered once, so what they register counts for their level)."""

    def provide(self, data: Any) -> None:
        """The level being built has loaded ``data`` (its loader's): for what its view makes."""


# While one level is built: the leave checks its view registers go to ``registered``.
Collecting = Callable[[str, dict[str, Any]], AbstractContextManager[None]]


async def build_levels(
    table: RouteTable,
    levels: tuple[Level, ...],
    keep: int,
    builder: Builder,
    collecting: Collecting,
) -> tuple[tuple[Level, ...], list[Any], dict[str, Any]] | Redirect:
    """Call the views of the levels past ``keep``: the levels as built, their views and the
    leave checks they registered; or the :class:`~navkit.Redirect` a view raised."""
    registered: dict[str, Any] = {}
    built_levels, views = list(levels[:keep]), []
    entering, loads = levels[keep:], builder.loads
    started = loads.start(entering, builder.navigation)
    try:
        if any(isinstance(value, asyncio.Future) for value in started.values()):
            await builder.handoff  # waiting for a load: the rest runs in the navigation's task
        drawing, navigator, navigation = builder.drawing, builder.navigator, builder.navigation
        for level in entering:
            # Inside the binding's renderer: views and error handlers may make
            # components (an async view's, made after an await, too).
            with (
                collecting(level.address, registered),
                drawing.calling(navigator, navigation, level),
            ):
                if isinstance(level, FailedLevel):
                    built = await build_error(table, level, builder.handoff)
                else:
                    outcome = await build_level(
                        table, level, builder, started.get(level.address, MISSING)
                    )
                    if isinstance(outcome, Redirect):
                        loads.released(started)
                        return outcome
                    built = outcome
                if built.handled:  # the app's error view: its components too
                    built = _prepared_error(drawing, built)
            built_levels.append(built.level)
            views.append(builder.drawing.render(built))
    except BaseException:
        loads.released(started)  # overtaken: loads no one else waits for stop
        raise
    loads.used(started)
    log.debug(
        "navkit: %s: %d level(s) kept, %d built", builder.navigation.address, keep, len(views)
    )
    return tuple(built_levels), views, registered


async def build_level(
    table: RouteTable, level: Level, builder: Builder, loaded: Any = MISSING
) -> Built | Redirect:
    """Call the view for ``level`` (or its error handler). Never raises but for cancellation.

    Args:
        table: The route table (for error handlers).
        level: The level to build.
        builder: The navigator, the navigation, the handoff.
        loaded: Its loader's result: a value, a future, or a failure.

    Returns:
        What the level shows, or the :class:`~navkit.Redirect` the view raised.
    """
    if isinstance(level, FailedLevel):
        return await build_error(table, level, builder.handoff)
    match = level.match
    try:
        result = await _call_view(match, builder, loaded)
        if result is None and match.route.options.modal is None:
            log.warning(
                "view %r returned None for %s: the page is empty (return a control, "
                "a list of controls or an ft.View)",
                match.endpoint,
                level.address,
            )
        return Built(level, builder.drawing.prepared(result))
    except Redirect as redirect:
        return redirect
    except HTTPError as raised:  # a BadRequest from the query, or abort()
        error = raised
    except asyncio.CancelledError:
        raise  # a newer navigation took over: not a failure
    except Exception as raised:
        log.exception("view %r failed for %s", match.endpoint, level.address)
        error = failure(f"the view {match.endpoint!r}", raised)
    return await build_error(table, FailedLevel(level.address, error, match), builder.handoff)


async def build_error(table: RouteTable, level: FailedLevel, handoff: Handoff) -> Built:
    """The app's handler for the level's error (a blueprint's first), else the default."""
    error = level.error
    if not error.path:
        error.path = level.path
    route = level.match.route if level.match is not None else None
    handler = table.error_handler_for(error.code, level.path, route)
    if handler is not None:
        try:
            result = handler(error)
            if inspect.isawaitable(result):
                await handoff.before(result)
                result = await result
            return Built(level, result, handled=True)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the handler for error %s failed at %s", error.code, level.path)
    return Built(level)


def _prepared_error(drawing: Drawing, built: Built) -> Built:
    """An error handler's view made ready; one whose components fail: the default view."""
    try:
        return Built(built.level, drawing.prepared(built.result), handled=True)
    except Exception:
        log.exception("the error view for %s failed to render", built.level.path)
        return Built(built.level)


async def _call_view(match: Match, builder: Builder, loaded: Any) -> Any:
    args = match.view_args()
    if match.route.loader is not None:
        args[DATA_PARAMETER] = data = await _data(loaded, match)
        builder.drawing.provide(data)
    for name, kind in match.route.injected:
        args[name] = builder.navigation if kind == "Navigation" else builder.navigator
    result = match.route.view(**args)
    if inspect.isawaitable(result):
        await builder.handoff.before(result)
        result = await result
    return result


async def _data(loaded: Any, match: Match) -> Any:
    """The loader's result for the view; its failure raised as the level's."""
    if isinstance(loaded, LoadFailed):
        error = loaded.error
    elif isinstance(loaded, asyncio.Future):
        try:
            # Shielded: a navigation overtaken while waiting must not cancel a
            # load another one (or a preload) shares; Loads decides that.
            return await asyncio.shield(loaded)
        except asyncio.CancelledError:
            if not loaded.cancelled():
                raise  # this navigation was cancelled, not the load
            error = InternalServerError(detail="The page's data load was cancelled.")
        except Exception as raised:
            error = raised
    elif loaded is MISSING:  # pragma: no cover - build_levels starts every loader
        error = InternalServerError()
    else:
        return loaded
    if isinstance(error, (HTTPError, Redirect)):
        raise error
    log.error("loader of %r failed for %s", match.endpoint, match.address, exc_info=error)
    raise failure(f"the loader of {match.endpoint!r}", error)
