"""Every Flet internal the client stand-in relies on, in one place (Flet 1.0.5).

The stand-in plays the Flutter client's part of Flet's protocol: it encodes
every message as Flet's transports do (msgpack with Flet's control
encoder, which records the snapshots the next ``update()`` diffs against)
and enters the session where the real client's messages do. When Flet
changes these, this module is the one to update.

One asyncio internal is here too (:func:`ready_callbacks`): ``settle()``
asks the loop whether anything is ready to run.
"""

from __future__ import annotations

import asyncio
from typing import Any

import flet as ft
from flet.components.public_utils import unwrap_component
from flet.controls.context import _context_page
from flet.messaging.connection import Connection as FletConnection
from flet.messaging.protocol import (
    Message,
    MessageAction,
    RegisterClientResponseBody,
)
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub

__all__ = [
    "SESSION_TIMEOUT",
    "Connection",
    "Message",
    "MessageAction",
    "Session",
    "closes_on_barrier_tap",
    "control_id",
    "dialogs_of",
    "is_push",
    "ready_callbacks",
    "register_message",
    "set_context_page",
    "trigger_event",
    "unwrap_component",
    "views_of",
]

# Flet's default session_timeout_seconds: how long a disconnected session is kept.
SESSION_TIMEOUT = 3600


class Connection(FletConnection):
    """A connection with what Flet's web server gives its own."""

    def __init__(self) -> None:
        super().__init__()
        self.pubsubhub = PubSubHub()
        self.page_name = ""
        self.page_url = "http://127.0.0.1:8550"


def register_message(session_id: str, page_patch: Any) -> Message:
    """The server's answer to a client registering (the page, in full on a reconnect)."""
    return Message(
        MessageAction.REGISTER_CLIENT,
        RegisterClientResponseBody(session_id=session_id, page_patch=page_patch, error=""),
    )


def control_id(control: Any) -> int:
    """The id a control has in Flet's protocol."""
    return int(control._i)


def views_of(page: ft.Page) -> list[ft.View]:
    """``page.views`` as the client sees them (a ``page.render_views`` root unwrapped)."""
    found: list[ft.View] = []
    pending: list[Any] = [page.views]
    while pending:  # ft.Router's body: a list of components, each rendering a View
        item = unwrap_component(pending.pop())
        if isinstance(item, list):
            pending.extend(reversed(item))
        elif isinstance(item, ft.View):
            found.append(item)
    return found


def dialogs_of(page: ft.Page) -> list[ft.DialogControl]:
    """The dialogs Flet keeps for ``page.show_dialog``."""
    return list(page._dialogs.controls)


def closes_on_barrier_tap(dialog: ft.DialogControl) -> bool:
    """Whether a tap outside ``dialog`` (on its modal barrier, or Esc) closes it.

    Flet 1.0.5's client opens ``AlertDialog``/``CupertinoAlertDialog`` with
    ``barrierDismissible: !modal``, ``CupertinoBottomSheet`` likewise, and
    ``BottomSheet`` with ``isDismissible: dismissible``; pickers keep
    Flutter's default (dismissible).
    """
    if getattr(dialog, "modal", None) is True:
        return False
    return getattr(dialog, "dismissible", True) is not False


def set_context_page(page: ft.Page) -> None:
    """Make ``ft.context.page`` answer ``page``, as in Flet's event handlers."""
    _context_page.set(page)  # type: ignore[arg-type]


async def trigger_event(page: ft.Page, name: str, data: Any) -> None:
    """Fire one of the page's events as Flet's server does after a reconnect."""
    await page._trigger_event(name, data)


def is_push(task: Any) -> bool:
    """Whether ``task`` is a ``page.push_route`` call (waiting for the client's answer)."""
    coroutine = task.get_coro() if hasattr(task, "get_coro") else None
    return getattr(coroutine, "__qualname__", "") == "Page.push_route"


def ready_callbacks(loop: asyncio.AbstractEventLoop) -> int | None:
    """How many callbacks ``loop`` will run on its next step (None if it cannot tell).

    A task that can go on (a future it awaited is done, a callback it
    scheduled) has a callback here; a task waiting on a future nothing has
    resolved yet, or on a timer not yet due, has none. CPython's
    ``BaseEventLoop`` keeps them in ``_ready``; other loops (uvloop) do not say.
    """
    ready = getattr(loop, "_ready", None)
    return len(ready) if ready is not None else None


def timers_due(loop: asyncio.AbstractEventLoop) -> int | None:
    """How many timers ``loop`` holds that are not cancelled (None if it cannot tell).

    A task sleeping, or waiting with a timeout, has one: it goes on by
    itself. CPython's ``BaseEventLoop`` keeps them in ``_scheduled``.
    """
    scheduled = getattr(loop, "_scheduled", None)
    if scheduled is None:
        return None
    return sum(1 for timer in scheduled if not timer.cancelled())
