"""Moving the browser's own history from Python: the script in the page, and its commands.

Flet 1.0.5 gives Python one tool in a browser, ``push_route``, which always
adds an entry. The script below runs in Flet's ``index.html`` before
Flutter boots and wraps ``history.pushState``/``replaceState``. Python talks
to it through that one channel, with reserved routes it never shows:

* ``/__navkit__/go?n=<k>&by=<d>`` -- the script calls ``history.go(d)``;
  Flutter then reports the entry the browser moved to.
* ``/__navkit__/replace?n=<k>&s=<state>&to=<route>`` -- the script rewrites
  the current entry (``replaceState``) and lets Flutter read it (a synthetic
  ``popstate``); ``history.length`` does not change.
* ``/__navkit__/push?n=<k>&s=<state>&to=<route>`` -- a push whose entry
  holds a state (``nav.go(..., state=...)``): the script pushes ``route``
  with Flutter's own entry tag and lets Flutter read it, as for a replace.

(``s``, optional, is the entry's state as the tab keeps it: base64url, see
:mod:`navkit.flet.state_codec`.) Any command may also carry ``p=<t1>.<t2>&pat=<d1>.<d2>``:
views' snapshots (at most ``MAX_SNAPSHOTS``), each kept with the entry ``d`` entries
from the one shown before the command runs (the entry the user just left: ``0``).

(``n`` makes every command a new route: Flet's client ignores a push of
the route it shows.) The script talks back the same way. Flutter keeps the
entry's position in ``history.state.serialCount`` (measured, see
docs/notes/); on the browser's own Back or Forward the script computes how
far it moved and hands Flutter, instead of the plain address, a message
route:

* ``/__navkit__/moved?by=<d>&m=<unique>&to=<route>`` -- the browser moved
  ``d`` entries to ``route`` (``m`` makes each message new: Flet drops a
  route change equal to the last one, and two Backs can say the same).
  Flutter then writes the message back with ``replaceState``; the script
  writes the real address instead, so the address bar never shows a
  reserved route.

So Back and Forward are known, not guessed: the A, B, A case is exact.

The script also keeps, in the tab's ``sessionStorage``, what each entry
holds (its address and a key of its own, by Flutter's ``serialCount``) and
which entry is shown. A new Flet session -- the tab reconnected to another
worker, or to a restarted one -- knows nothing of the tab, so navkit asks:

* ``/__navkit__/sync?n=<k>`` -- the script answers with
  ``/__navkit__/state?h=<base64url JSON>&m=<unique>&to=<route>``: the
  stored entries (see :mod:`navkit.flet.tab_history`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, quote, unquote

__all__ = [
    "HISTORY_SCRIPT",
    "RESERVED",
    "Command",
    "app_address",
    "command_route",
    "moved_route",
    "parse_reserved",
]

RESERVED = "/__navkit__/"

HISTORY_SCRIPT = r"""<script>
// navkit: the browser's history follows the view stack (see navkit/flet/history_script.py).
(function () {
  var MARK = "/__navkit__/", STORE = "navkit:history", MAX = 50;
  var push = history.pushState.bind(history);
  var replace = history.replaceState.bind(history);
  var ownMoves = 0;       // history.go() calls of ours: Flutter reads where they land
  var synthetic = false;  // a popstate this script dispatches
  var messages = 0;
  function serial(state) {
    return state && typeof state.serialCount === "number" ? state.serialCount : null;
  }
  var last = serial(history.state);  // the position of the entry shown
  // What this tab's entries hold, kept in sessionStorage so that a new Flet
  // session (another worker, a restarted server) gets the history back:
  // entry i has Flutter's serialCount first + i; each has a key of its own.
  var tab = load(last !== null);
  function load(keep) {
    try {
      var kept = keep && JSON.parse(sessionStorage.getItem(STORE));
      if (kept && kept.v === 1 && Array.isArray(kept.entries)) return kept;
    } catch (e) {}
    return {v: 1, first: 0, at: 0, entries: []};  // a new document: its own entries
  }
  function newKey() { return Date.now().toString(36) + Math.random().toString(36).slice(2, 8); }
  function remember(s, route, pushing, state) {  // state: undefined keeps the entry's
    if (s === null) return;
    if (s < tab.first || s > tab.first + tab.entries.length) { tab.first = s; tab.entries = []; }
    var i = s - tab.first, old = tab.entries[i], same = !pushing && old;
    if (pushing) tab.entries.length = i;  // a push drops the entries after it
    var kept = state === undefined ? (same ? old[2] : "") : state;
    var snapshot = same && old[0] === route ? old[3] : "";  // a snapshot is of its page
    tab.entries[i] = trimmed([route, same ? old[1] : newKey(), kept || "", snapshot || ""]);
    while (tab.entries.length > MAX) { tab.entries.shift(); tab.first += 1; }
    tab.at = s;
    save();
  }
  function trimmed(entry) {  // [route, key, state?, snapshot?]
    while (entry.length > 2 && !entry[entry.length - 1]) entry.pop();
    return entry;
  }
  function keepSnapshot(s, text) {  // what a view left kept of itself, with its entry
    var entry = tab.entries[s - tab.first];
    if (!entry || !text) return;
    while (entry.length < 4) entry.push("");
    entry[3] = text;
    save();
  }
  function save() {
    try { sessionStorage.setItem(STORE, JSON.stringify(tab)); }
    catch (e) { try { sessionStorage.removeItem(STORE); } catch (e2) {} }  // none, not stale
  }
  function packed() {  // base64url: survives Flutter decoding the route once
    var text = unescape(encodeURIComponent(JSON.stringify(tab)));
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function hash() { return !!(window.flet && window.flet.routeUrlStrategy === "hash"); }
  function base() { return new URL(document.baseURI).pathname; }  // ends with "/"
  function routeOf(url) {
    var u = new URL(url, location.href);
    if (hash()) return u.hash.indexOf("#/") === 0 ? u.hash.slice(1) : "/";
    var b = base(), path = u.pathname;
    var route = path.indexOf(b) === 0 ? path.slice(b.length - 1) : path;
    return (route || "/") + u.search;
  }
  function hrefOf(route) {
    if (hash()) return base() + (route === "/" ? "" : "#" + route);
    return base().slice(0, -1) + route;
  }
  function command(url) {
    if (url === null || url === undefined) return null;
    var route = routeOf(String(url));
    if (route.indexOf(MARK) !== 0) return null;
    var query = route.indexOf("?"), at = route.indexOf("&to=");
    var head = at < 0 ? route : route.slice(0, at);  // "to" may hold anything
    var by = /[?&]by=(-?[0-9]+)/.exec(head), state = /[?&]s=([A-Za-z0-9_-]*)/.exec(head);
    var snap = /[?&]p=([A-Za-z0-9_.-]*)/.exec(head), pat = /[?&]pat=([0-9.-]*)/.exec(head);
    var texts = snap ? snap[1].split(".") : [], far = pat ? pat[1].split(".") : [], kept = [];
    for (var k = 0; k < texts.length && k < far.length; k++) {
      if (texts[k] && /^-?[0-9]+$/.test(far[k])) kept.push([Number(far[k]), texts[k]]);
    }
    return {kind: route.slice(MARK.length, query < 0 ? undefined : query),
            by: by ? Number(by[1]) : 0, state: state ? state[1] : "",
            snapshots: kept,
            to: at < 0 ? null : target(route.slice(at + 4))};
  }
  function target(text) {  // "to" is last and whole; Flutter may have decoded it once
    var to = text;
    try { if (text.indexOf("%2F") === 0) to = decodeURIComponent(text); } catch (e) { return null; }
    var second = to.charAt(1);  // a path of this app: not "//host" nor "/\\host"
    return to.charAt(0) === "/" && second !== "/" && second !== "\\" ? to : null;
  }
  function tellFlutter(state) {
    synthetic = true;
    try { window.dispatchEvent(new PopStateEvent("popstate", {state: state})); }
    finally { synthetic = false; }
  }
  function message(text, to) {  // Flutter reads it as a route change, then the real address
    // m makes every message a new route: Flet drops a route change equal to the last one.
    var m = Date.now().toString(36) + "." + (messages += 1);
    replace(history.state, "", hrefOf(MARK + text + "&m=" + m + "&to=" + encodeURIComponent(to)));
    tellFlutter(history.state);
    replace(history.state, "", hrefOf(to));
  }
  history.pushState = function (state, title, url) {
    var c = command(url);
    if (!c) {
      var s = serial(state), pushed = push(state, title, url);
      if (s !== null) { last = s; remember(s, routeOf(url), true); }
      return pushed;
    }
    if (last !== null) c.snapshots.forEach(function (k) { keepSnapshot(last + k[0], k[1]); });
    if (c.kind === "go" && c.by) { ownMoves += 1; history.go(c.by); return; }
    if (c.kind === "push" && c.to !== null) {  // Flutter's own tag: its position counts on
      var at = serial(state);
      push(state, title, hrefOf(c.to));
      if (at !== null) { last = at; remember(at, c.to, true, c.state); }
      tellFlutter(history.state);
    }
    if (c.kind === "replace" && c.to !== null) {
      replace(history.state, "", hrefOf(c.to));
      remember(serial(history.state), c.to, false, c.state);
      tellFlutter(history.state);
    }
    if (c.kind === "sync") message("state?h=" + packed(), routeOf(location.href));
  };
  history.replaceState = function (state, title, url) {
    var c = command(url);
    if (c) {
      if (c.to === null) return;  // a command echoed: the address stays
      url = hrefOf(c.to);  // Flutter writes back a message it read: the real address
    }
    var s = serial(state), replaced = replace(state, title, url);
    // A serial past the one shown: Flutter tags an entry the browser made
    // (an address typed under the hash strategy), which drops those after it.
    if (s !== null) { remember(s, routeOf(url), last !== null && s > last); last = s; }
    return replaced;
  };
  window.addEventListener("popstate", function (event) {
    if (synthetic) return;
    var s = serial(event.state);
    if (s !== null) remember(s, routeOf(location.href), false);
    if (ownMoves > 0) { ownMoves -= 1; if (s !== null) last = s; return; }
    if (s === null || last === null || s === last) return;  // a new entry: Flutter's
    var by = s - last, to = routeOf(location.href);
    last = s;
    event.stopImmediatePropagation();
    message("moved?by=" + by, to);
  });
  // A reload keeps the Flet session only if the server saw the old socket
  // close first (Flet reuses a session with no connection); the browser may
  // close it late, and a new session knows nothing of this tab's history.
  // Close it as the page goes.
  var Socket = window.WebSocket, sockets = [];
  if (Socket) {
    window.WebSocket = function (url, protocols) {
      var socket = protocols === undefined ? new Socket(url) : new Socket(url, protocols);
      sockets = sockets.filter(function (old) { return old.readyState !== Socket.CLOSED; });
      sockets.push(socket);
      return socket;
    };
    window.WebSocket.prototype = Socket.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
      window.WebSocket[name] = Socket[name];
    });
    window.addEventListener("pagehide", function () {
      sockets.forEach(function (socket) { try { socket.close(1000); } catch (e) {} });
    });
  }
  window.__navkit_history__ = true;
})();
</script>"""

Kind = Literal["go", "push", "replace", "moved", "sync", "state", "invalid"]
_KINDS: dict[str, Kind] = {
    "go": "go",
    "push": "push",
    "replace": "replace",
    "moved": "moved",
    "sync": "sync",
    "state": "state",
}


@dataclass(frozen=True, slots=True)
class Command:
    """A reserved route: a command to the script, or its message back.

    Attributes:
        kind: ``"go"``, ``"push"``, ``"replace"``, ``"sync"`` (commands); ``"moved"``,
            ``"state"`` (messages); ``"invalid"`` (anything else under
            ``/__navkit__/``).
        by: Entries moved (``go``, ``moved``).
        to: The address shown afterwards (``replace``, ``moved``, ``state``).
        data: The stored history, packed (``state``).
        unique: What makes a message new (``m``): the same message heard
            twice (a reconnect reports the route again) is one message.
        state: The entry's state as the tab keeps it (``push``, ``replace``).
        snapshots: Views' snapshots the tab keeps: (d, text) for the entry
            ``d`` entries from the one shown before the command runs.
    """

    kind: Kind
    by: int = 0
    to: str = ""
    data: str = ""
    unique: str = ""
    state: str = ""
    snapshots: tuple[tuple[int, str], ...] = ()

    @property
    def is_message(self) -> bool:
        """The script speaks (never an echo of navkit's own push)."""
        return self.kind in ("moved", "state")


_INVALID = Command("invalid")


def command_route(number: int, command: Command) -> str:
    """The reserved route that carries ``command`` to the script (``number`` makes it new).

    ``to`` comes last and is encoded whole: measured in Chromium, Flutter
    hands a route on percent-decoded once, so both ends read everything
    after ``&to=`` as the address, decoding it once more only if it still
    starts encoded (``%2F``).
    """
    texts = ".".join(text for _, text in command.snapshots)
    at = ".".join(str(by) for by, _ in command.snapshots)
    kept = f"&p={texts}&pat={at}" if command.snapshots else ""
    if command.kind == "go":
        return f"{RESERVED}go?n={number}&by={command.by}{kept}"
    if command.kind == "sync":
        return f"{RESERVED}sync?n={number}"
    kept += f"&s={command.state}" if command.state else ""
    return f"{RESERVED}{command.kind}?n={number}{kept}&to={quote(command.to, safe='')}"


def moved_route(by: int, to: str, unique: str) -> str:
    """The script's message for a move the browser made itself (as its JavaScript writes it)."""
    return f"{RESERVED}moved?by={by}&m={unique}&to={quote(to, safe='')}"


def state_route(packed: str, to: str, unique: str) -> str:
    """The script's answer to ``sync``: the tab's stored history (as its JavaScript writes it)."""
    return f"{RESERVED}state?h={packed}&m={unique}&to={quote(to, safe='')}"


# The most entries a browser move may cross: browsers keep 50 per tab.
MAX_MOVE = 100


def parse_reserved(route: str) -> Command | None:
    """The command or message a route carries; None for an ordinary route.

    Every route under ``/__navkit__/`` is navkit's, never an app address: one
    that is no well-formed command or message (an unknown name, a ``by``
    that is no count or crosses more than ``MAX_MOVE`` entries, a message
    whose ``to`` is no address of the app) is the ``"invalid"`` command,
    which changes nothing.
    """
    if not route.startswith(RESERVED):
        return None
    name, _, query = route[len(RESERVED) :].partition("?")
    kind = _KINDS.get(name)
    query, _, to = query.partition("&to=")
    params = parse_qs(query, keep_blank_values=True, max_num_fields=8)
    try:
        by = int(params.get("by", ["0"])[0])
    except ValueError:
        return _INVALID
    if to.startswith("%2F"):
        to = unquote(to)  # not decoded on the way: decode it here
    data, unique, state, texts, at = (
        params.get(name, [""])[0] for name in ("h", "m", "s", "p", "pat")
    )
    try:
        snapshots = _snapshots(texts, at)
    except ValueError:
        return _INVALID
    command = Command(kind or "invalid", by, to, data, unique, state, snapshots)
    if (
        kind is None
        or abs(by) > MAX_MOVE
        or any(abs(d) > MAX_MOVE for d, _ in snapshots)
        or (command.is_message and not _is_app_route(to))
    ):
        return _INVALID
    return command


# The most snapshots one command carries (those of entries left by the
# browser's own moves, waiting for navkit's next move).
MAX_SNAPSHOTS = 8


def _snapshots(texts: str, at: str) -> tuple[tuple[int, str], ...]:
    """The ``p`` and ``pat`` of a command, paired (ValueError: not a list of them)."""
    if not texts and not at:
        return ()
    parts, distances = texts.split("."), at.split(".")
    if len(parts) != len(distances) or len(parts) > MAX_SNAPSHOTS:
        raise ValueError("p and pat do not pair")
    return tuple((int(by), text) for by, text in zip(distances, parts, strict=True))


def _is_app_route(route: str) -> bool:
    """Where the browser may be: a route of the app's (what it matches is the router's say).

    Any path the browser holds counts -- a typed ``//x`` or a control
    character is shown as not found -- but never one of navkit's own.
    """
    return route.startswith("/") and not route.startswith(RESERVED)


def app_address(route: str) -> str:
    """The app's address a route from the client stands for.

    Flutter keeps the last route it reported: after one of the script's
    messages, that message. A client registering again (a reconnect, or a
    new session on another worker) sends it as its route; the address it
    carries is the one the browser shows.
    """
    reserved = parse_reserved(route)
    if reserved is None:
        return route
    return reserved.to if reserved.is_message else "/"
