"""Parse addresses into path, query and fragment, and percent-decode them.

Everything here is about text; nothing knows about routes or Flet.

Path segments are decoded one by one, so an encoded slash (``%2F``) is data
inside a segment, never a separator. To let regular expressions run over a
whole path (repath's patterns do), segments are joined back in a *semi-decoded*
form: fully decoded except that ``%`` and ``/`` inside a segment stay written
as ``%25`` and ``%2F``. :func:`unescape` finishes the job for captured values.

Decoding is strict: a malformed escape (``%``, ``%zz``), bytes that are not
UTF-8 (``%c3%28``) or a control character make the address unroutable rather
than silently replaced -- except that in a query value a control character
written as an escape (``%0A``) is data, and is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, unquote_to_bytes

__all__ = [
    "CONTROL_CHARACTERS",
    "Location",
    "add_query",
    "is_app_address",
    "parse_query",
    "path_of",
    "safe_next",
    "semi_decode_path",
    "split_segments",
    "strict_unquote",
    "unescape",
]

_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
# The one definition of a control character (C0, DEL and C1), for every check.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SEMI_ESCAPED = re.compile(r"%(2F|25)")
_SEMI_CHARS = {"2F": "/", "25": "%"}


@dataclass(frozen=True, slots=True)
class Location:
    """An address split into its parts, each still percent-encoded.

    Attributes:
        path: The path, always starting with ``/``.
        query: The query string without ``?`` ("" if none).
        fragment: The fragment without ``#`` ("" if none).
    """

    path: str
    query: str = ""
    fragment: str = ""

    @classmethod
    def parse(cls, address: str) -> Location:
        """Split ``/path?query#fragment`` (as ``page.route`` holds it).

        An empty path becomes ``/``. The fragment is cut first, so a ``?``
        inside the fragment belongs to the fragment.
        """
        address, _, fragment = address.partition("#")
        path, _, query = address.partition("?")
        return cls(path or "/", query, fragment)

    def __str__(self) -> str:
        text = self.path
        if self.query:
            text += "?" + self.query
        if self.fragment:
            text += "#" + self.fragment
        return text


def strict_unquote(
    text: str, *, plus_is_space: bool = False, decoded_controls: bool = False
) -> str:
    """Percent-decode ``text`` as UTF-8, refusing anything malformed.

    Args:
        text: Percent-encoded text.
        plus_is_space: ``+`` means a space (form encoding).
        decoded_controls: Accept control characters written as escapes
            (``%0A``); raw ones are refused all the same.

    Raises:
        ValueError: A ``%`` not followed by two hex digits, bytes that are
            not UTF-8, or a control character (raw, or decoded unless
            ``decoded_controls``).
    """
    if decoded_controls and CONTROL_CHARACTERS.search(text):
        raise ValueError("control character in address")
    if plus_is_space and "+" in text:
        text = text.replace("+", " ")
    if "%" in text:
        if _BAD_ESCAPE.search(text):
            raise ValueError(f"malformed percent-escape in {text[:80]!r}")
        text = unquote_to_bytes(text).decode("utf-8")
    if not decoded_controls and CONTROL_CHARACTERS.search(text):
        raise ValueError("control character in address")
    return text


def _semi_decode(segment: str) -> str:
    # Decoded control characters stay refused in the path, unlike in query
    # values: the path names a page, and it ends up in page.route, the
    # address bar, history entries and logs -- where "%0A" or "%00" decoded is
    # a log line split or a truncated file name (``:path*`` values often name
    # files), never a real page. url_for refuses to write them in a path too,
    # so every path a route matches is one url_for could have built.
    decoded = strict_unquote(segment)
    if "%" in decoded:
        decoded = decoded.replace("%", "%25")
    if "/" in decoded:
        decoded = decoded.replace("/", "%2F")
    return decoded


def semi_decode_path(path: str) -> str | None:
    """The semi-decoded form of a path, or ``None`` if it is malformed.

    Each segment is decoded on its own; a ``%`` or ``/`` it contains stays
    written ``%25`` / ``%2F``. The path must start with ``/``; "" means ``/``.
    """
    if not path:
        return "/"
    if not path.startswith("/"):
        return None
    if path.isascii() and path.isprintable() and "%" not in path:
        return path  # the common case: nothing to decode, nothing to refuse
    try:
        return "/".join(_semi_decode(segment) for segment in path.split("/"))
    except ValueError:
        return None


def split_segments(semi_path: str) -> list[str]:
    """Split a semi-decoded path into segments, ignoring one trailing slash.

    ``/a/b/`` and ``/a/b`` give ``["a", "b"]``; ``/`` gives ``[]`` and ``//``
    gives ``[""]`` (repath's non-strict mode: one optional trailing slash).
    """
    if semi_path == "/":
        return []
    if semi_path.endswith("/"):
        semi_path = semi_path[:-1]
    return semi_path[1:].split("/")


def unescape(value: str) -> str:
    """Turn a semi-decoded value into plain text (``%2F`` → ``/``, ``%25`` → ``%``)."""
    if "%" not in value:
        return value
    return _SEMI_ESCAPED.sub(lambda m: _SEMI_CHARS[m.group(1)], value)


def parse_query(query: str, *, max_pairs: int = 1000) -> list[tuple[str, str]]:
    """Decode a query string into ``(key, value)`` pairs, in order.

    ``+`` means a space (form encoding, as Flet's ``push_route`` writes it).
    A key without ``=`` has the value "". Empty pieces (``a=1&&b=2``) are
    skipped. A control character written as an escape (``q=two%0Alines``)
    is data -- the text of a textarea, say -- and is kept.

    Raises:
        ValueError: Malformed encoding, a raw control character (it would
            break the address), or more than ``max_pairs`` pairs.
    """
    pairs: list[tuple[str, str]] = []
    if not query:
        return pairs
    pieces = query.split("&", max_pairs + 1)
    if len(pieces) > max_pairs:
        raise ValueError(f"more than {max_pairs} query parameters")
    for piece in pieces:
        if not piece:
            continue
        key, _, value = piece.partition("=")
        pairs.append(
            (
                strict_unquote(key, plus_is_space=True, decoded_controls=True),
                strict_unquote(value, plus_is_space=True, decoded_controls=True),
            )
        )
    return pairs


def path_of(address: str) -> str:
    """The path of an address: without query and fragment, ``/`` when empty."""
    return address.partition("#")[0].partition("?")[0] or "/"


def add_query(address: str, query: str) -> str:
    """``address`` with ``query`` (encoded, without ``?``) after its own query, before its fragment.

    ``/a`` gives ``/a?x=1``, ``/a?y=2`` gives ``/a?y=2&x=1`` and ``/a#top``
    gives ``/a?x=1#top``; the address is kept as written otherwise (a ``?``
    inside the fragment is the fragment's). An empty ``query`` adds nothing.
    """
    if not query:
        return address
    head, mark, fragment = address.partition("#")
    separator = "&" if "?" in head else "?"
    return f"{head}{separator}{query}{mark}{fragment}"


def is_app_address(address: str) -> bool:
    """Whether a browser reads ``address`` as a path inside this app.

    It must start with a single ``/``; ``//host`` and ``/\\host`` name another
    host, and backslashes and control characters have no place in an address.
    """
    return (
        address.startswith("/")
        and not address.startswith("//")
        and "\\" not in address
        and CONTROL_CHARACTERS.search(address) is None
    )


def safe_next(value: str | None, default: str = "/") -> str:
    """``value`` if it is an address inside this app, else ``default``.

    For ``/login?next=...`` flows: only a path starting with a single ``/``
    is honoured. Refused: schemes (``javascript:``, ``data:``, ``https:``),
    ``//host`` and ``/\\host`` (browsers read both as another host), the
    same hidden behind percent-encoding (``%2F%2Fhost``), backslashes and
    control characters.
    """
    if not value or not isinstance(value, str) or len(value) > 2048:
        return default
    # Browsers decode before deciding, and so do we; twice, so that a doubly
    # encoded "//" is caught too. No stripping: " /a" is refused outright.
    for text in (value, unquote(value), unquote(unquote(value))):
        if not is_app_address(text):
            return default
    return value
