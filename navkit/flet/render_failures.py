"""When a component raises after its level was built: Flet's update loop kept alive.

Flet 1.0.5 renders ``set_state`` updates in one task per session that ends
at the first exception a render raises -- every component of the page
would stop updating. navkit watches that task (:func:`start_components`),
starts it again at once, and acts on what was raised: a redirect is a
navigation, an abort its level's error page (raised again while the level
is built anew: :func:`raise_again`), anything else a logged error.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import weakref
from typing import Any

import flet as ft
from flet.components.component import Component
from flet.controls.context import _context_page

from navkit.errors import HTTPError, Redirect, failure
from navkit.flet.component_context import LEVEL, NAVIGATOR, owned, provided
from navkit.navigation.values import Level

__all__ = ["raise_again", "start_components"]

log = logging.getLogger("navkit")


def start_components(page: ft.Page) -> None:
    """Start the page's component scheduler (``set_state``, effects); again if it stopped.

    Flet starts it only for ``page.render``/``render_views``; navkit's views
    are imperative, so auto-update stays on for the app's own handlers.
    Flet's scheduler ends at the first exception a render raises, and every
    component of the page would stop updating: navkit watches it, starts it
    again at once, and acts on what was raised (see :func:`_render_failed`).
    """
    session = getattr(page, "session", None)
    if session is None:
        return
    session.start_updates_scheduler()
    task = getattr(session, "_Session__updates_task", None)  # Flet's, private
    if isinstance(task, asyncio.Task) and task not in _watched:
        _watched.add(task)
        # Weakly, in an empty context (not the caller's, which holds Flet's
        # current page): the callback may wait in the loop after the page closed.
        page_ref = weakref.ref(page)
        task.add_done_callback(
            lambda ended: _render_failed(page_ref(), ended), context=contextvars.Context()
        )


# The scheduler tasks navkit watches (see start_components).
_watched: weakref.WeakSet[asyncio.Task[Any]] = weakref.WeakSet()


def _render_failed(page: ft.Page | None, ended: asyncio.Task[Any]) -> None:
    """Flet's scheduler ended: if a render raised, act on it and start it again.

    A component that raises ``navkit.redirect(...)`` after its level was
    built (a ``set_state`` render) goes there, as ``nav.go`` would; one that
    raises ``navkit.abort(...)`` has its level built again showing that
    error (``nav.invalidate``); anything else is logged.
    """
    if page is None or ended.cancelled() or ended.exception() is None:
        return  # the session closed
    # Called in an empty context (see start_components): Flet's current page
    # is set in a fresh one, which the scheduler started again inherits.
    contextvars.Context().run(_acted_on, page, ended.exception())


def _acted_on(page: ft.Page, error: BaseException | None) -> None:
    """What ``error`` calls for, then Flet's scheduler started again (as Flet's page)."""
    _context_page.set(page)  # type: ignore[arg-type]  # Flet's, typed for its own pages
    navigator = getattr(page, "_navkit_navigator", None)
    level = _level_raising(error)
    if isinstance(error, Exception) and not isinstance(error, (Redirect, HTTPError)) and level:
        # A failure after a tap, say: the user sees the level's error page (with
        # Try again), as when it fails while the level is built, not a dead button.
        log.error("a component failed while rendering at %s", level.address, exc_info=error)
        endpoint = level.match.endpoint if level.match is not None else "?"
        error = failure(f"a component of {endpoint!r}", error)
    if isinstance(error, Redirect) and navigator is not None:
        log.info("a component redirected to %r while rendering", error.target)
        navigator.go(error.target, **error.values)
    elif isinstance(error, HTTPError) and navigator is not None and level is not None:
        log.info("a component aborted with %s while rendering at %s", error, level.address)
        _raised.setdefault(page, {})[level.address] = error
        match = level.match
        if match is not None:  # _level_raising gives matched levels only
            navigator.invalidate(match.endpoint, **match.params)  # raise_again() raises it
    else:
        log.error("a component failed while rendering", exc_info=error)
    start_components(page)


# Per page: errors components raised after their level was built, by level
# address, raised again while that level is built anew (see prepared()).
_raised: weakref.WeakKeyDictionary[Any, dict[str, HTTPError]] = weakref.WeakKeyDictionary()


def _level_raising(error: BaseException | None) -> Level | None:
    """The level of the innermost component rendering when ``error`` was raised."""
    found: Level | None = None
    trace = error.__traceback__ if error is not None else None
    while trace is not None:  # Flet's update() frames hold the component as self
        component = trace.tb_frame.f_locals.get("self")
        if isinstance(component, Component):
            level = owned(component).get(LEVEL)
            if isinstance(level, Level) and level.match is not None:
                found = level
        trace = trace.tb_next
    return found


def raise_again() -> None:
    """The error a component of the level being built raised after its last build."""
    contexts = provided()
    navigator, level = contexts.get(NAVIGATOR), contexts.get(LEVEL)
    page = getattr(navigator, "page", None)
    raised = _raised.get(page) if page is not None else None
    if raised and isinstance(level, Level):
        error = raised.pop(level.address, None)
        if error is not None:
            raise error
