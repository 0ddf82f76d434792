"""Calling the app's view functions and error handlers for the levels that enter.

What comes back is a :class:`Built` value: the app's result for a level,
or the error shown there instead. Turning it into something a page shows
(an ``ft.View``) is the surface's job; nothing here touches Flet.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from dataclasses import dataclass
from typing import Any

from navkit.errors import HTTPError, InternalServerError, NotFound, Redirect
from navkit.navigation.tasks import Handoff
from navkit.navigation.values import Level
from navkit.routing.routes import Match
from navkit.routing.table import RouteTable

__all__ = ["Built", "build_level"]

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


async def build_level(
    table: RouteTable, level: Level, navigator: Any, handoff: Handoff
) -> Built | Redirect:
    """Call the view for ``level`` (or its error handler). Never raises but for cancellation.

    Args:
        table: The route table (for error handlers).
        level: The level to build.
        navigator: Given to view parameters annotated ``navkit.Navigator``.
        handoff: Awaited before any awaitable of the app's.

    Returns:
        What the level shows, or the :class:`~navkit.Redirect` the view raised.
    """
    match, error = level.match, level.error
    if error is None and match is None:
        error = NotFound(f"No page lives at {level.path}.", path=level.path)
    if error is None and match is not None:
        try:
            return Built(level, await _call_view(match, navigator, handoff))
        except Redirect as redirect:
            return redirect
        except HTTPError as raised:  # a BadRequest from the query, or abort()
            error = raised
        except asyncio.CancelledError:
            raise  # a newer navigation took over: not a failure
        except Exception:
            log.exception("view %r failed for %s", match.endpoint, level.address)
            error = InternalServerError("This page failed to build.")
    if error is None:  # pragma: no cover - every branch above sets one
        error = InternalServerError()
    return await build_error(table, Level(level.address, level.match, error), handoff)


async def build_error(table: RouteTable, level: Level, handoff: Handoff) -> Built:
    """The app's handler for the level's error (a blueprint's first), else the default."""
    error = level.error
    if error is None:
        raise ValueError("build_error needs a level with an error")
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


async def _call_view(match: Match, navigator: Any, handoff: Handoff) -> Any:
    args = match.view_args()
    for name in match.route.injected:
        args[name] = navigator
    result = match.route.view(**args)
    if inspect.isawaitable(result):
        await handoff.before(result)
        result = await result
    return result
