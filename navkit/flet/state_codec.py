"""What a history entry's state becomes in the browser tab, and back.

``nav.go(target, state=obj)`` keeps ``obj`` with the entry in the page's
history; with navkit's history script the tab keeps it too, as text, so a
reload or a new session (another worker, a restarted server) gives it back.
A :class:`StateCodec` turns the object into text and back: JSON by default.
An object it cannot encode (or longer than :data:`MAX_STATE` once encoded)
is kept by the page only, and the page sees None after a new session.

What comes back from the tab is data typed by whoever holds it: bounded,
and a text the codec cannot read is None, never an error.
"""

from __future__ import annotations

import base64
import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["JSON_STATE", "MAX_STATE", "StateCodec", "decoded", "encoded"]

log = logging.getLogger("navkit")

# The most an entry's state may take in the tab, encoded (base64url): 50
# entries of it stay well within a sessionStorage and one message.
MAX_STATE = 4096


@dataclass(frozen=True, slots=True)
class StateCodec:
    """How entry states are written as text and read back.

    Attributes:
        encode: The object as text; raises (TypeError, ValueError) when it
            cannot be (it is then kept by the page only).
        decode: The text back as an object; raises when it cannot be.
    """

    encode: Callable[[Any], str]
    decode: Callable[[str], Any]


def _json_encode(state: Any) -> str:
    return json.dumps(state, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e400: the tab's text, not a number JSON holds
        raise ValueError("not a finite number")
    return number


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity: Python's extension, refused


def _json_decode(text: str) -> Any:
    return json.loads(text, parse_float=_finite, parse_constant=_no_constant)


JSON_STATE = StateCodec(_json_encode, _json_decode)
"""The default: JSON (dicts, lists, text, numbers, booleans; a tuple comes back a list)."""


def encoded(codec: StateCodec | None, state: Any) -> str | None:
    """``state`` as the tab keeps it (base64url); None when it is kept by the page only."""
    if state is None or codec is None:
        return None
    try:
        text = codec.encode(state)
        # A lone surrogate (an undecodable file name) is text UTF-8 cannot hold.
        data = text.encode("utf-8") if isinstance(text, str) else None
    except Exception as error:  # an app's codec may raise anything: the page keeps it
        log.debug("navkit: a state the codec cannot encode stays with the page (%s)", error)
        return None
    if data is None:
        log.warning("navkit: a state codec gave %s, not text: the page keeps it", type(text))
        return None
    packed = base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")
    if len(packed) > MAX_STATE:
        log.warning("navkit: a state of %d characters stays with the page", len(packed))
        return None
    return packed


def decoded(codec: StateCodec | None, packed: str | None) -> Any:
    """The state the tab kept (None: none, too long, or one the codec cannot read)."""
    if not packed or codec is None or len(packed) > MAX_STATE:
        return None
    try:
        text = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4)).decode("utf-8")
        return codec.decode(text)
    except Exception as error:  # data from the tab, read by an app's codec
        log.warning("navkit: the tab's state for an entry is ignored (%s)", type(error).__name__)
        return None
