"""The bytes a page's session sends its client, counted for navkit's trace.

Flet encodes a message inside its connection's ``send_message`` and keeps
no count, so the meter wraps that method on the session's current
connection and sizes each message the way Flet's transports frame it (a
type byte, then the msgpack body). Encoding a message twice is safe: Flet's
encoder only records snapshots of the values it writes, and the second pass
records the same ones. It costs that second encoding, which is why the
meter wraps a connection only once read -- by the tracer, in debug mode or
with DEBUG logs on -- and never for an app that traces nothing.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import flet as ft
import msgpack
from flet.messaging.protocol import Message, configure_encode_object_for_msgpack

__all__ = ["SentBytes", "encoded"]

_encode = configure_encode_object_for_msgpack(ft.BaseControl)  # type: ignore[no-untyped-call]


def encoded(message: Message) -> bytes:
    """``message``'s msgpack body, as Flet's transports pack it (their frame adds a type byte).

    Encoding records the snapshots Flet's next ``update()`` diffs against,
    as sending does (the client stand-in sends this way too).
    """
    body: bytes = msgpack.packb([message.action, message.body], default=_encode)
    return body


class SentBytes:
    """Bytes sent to ``page``'s client since the meter was first read.

    Calling it returns the running total. A reconnected session has a new
    connection; the next read counts it too.
    """

    def __init__(self, page: ft.Page) -> None:
        self._page = weakref.ref(page)
        self._counted: weakref.WeakSet[Any] = weakref.WeakSet()
        self.total = 0

    def __call__(self) -> int:
        page = self._page()
        connection = page.session.connection if page is not None else None
        if connection is not None and connection not in self._counted:
            self._counted.add(connection)
            # On this connection only: Flet offers no hook on what it sends.
            connection.send_message = self._counting(connection.send_message)  # type: ignore[method-assign,assignment]
        return self.total

    def _counting(self, send: Callable[[Message], Any]) -> Callable[[Message], Any]:
        def send_counted(message: Message) -> Any:
            self.total += 1 + len(encoded(message))  # Flet's frame: a type byte, then the body
            return send(message)

        return send_counted
