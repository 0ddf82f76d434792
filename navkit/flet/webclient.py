"""What navkit adds to the page Flet's web server sends the browser.

Under the path strategy a link written for the hash strategy
(``https://host/#/store/42``) loses its fragment: Flutter erases it while
booting and never tells Python, so the app would open at ``/``. Only a
script that runs before Flutter can rescue it: it rewrites the address to
its path form *in place* (``history.replaceState``: no new entry), and
Flutter then boots at ``/store/42``.

Flet has one way in for such a script: an ``index.html`` in the app's
assets directory replaces the built-in one (Flet still patches its settings
into it). :func:`web_assets` builds that directory: the app's own assets,
hard-linked, plus Flet's ``index.html`` (or the app's) with the script added.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

__all__ = ["LEGACY_HASH_SCRIPT", "inject", "web_assets"]

LEGACY_HASH_SCRIPT = """<script>
// navkit: a "#/route" link opened under the path strategy becomes its path
// form in place (no history entry), before Flutter boots and erases it.
(function () {
  var hash = location.hash;
  if (hash.indexOf("#/") !== 0) return;
  var route = hash.slice(1);
  var target = new URL("." + route, document.baseURI);
  var search = route.indexOf("?") < 0 ? location.search : target.search;
  history.replaceState(history.state, "", target.pathname + search);
})();
</script>"""

_MARK = 'navkit: a "#/route" link'
_BASE = re.compile(r"<base\b[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def inject(html: str) -> str:
    """Add the script right after ``<base href>`` (it resolves routes against it)."""
    if _MARK in html:
        return html
    anchor = _BASE.search(html) or _HEAD.search(html)
    if anchor is None:
        return LEGACY_HASH_SCRIPT + html
    return html[: anchor.end()] + "\n" + LEGACY_HASH_SCRIPT + html[anchor.end() :]


def web_assets(assets_dir: str | None, *, relative_to: str | None = None) -> str:
    """A directory to give Flet as ``assets_dir``: the app's assets plus navkit's index.

    Args:
        assets_dir: The app's assets directory (or None), resolved as Flet
            does: a relative path against ``relative_to`` (the main script's
            directory by default).
        relative_to: The directory a relative ``assets_dir`` starts from.
    """
    source = _resolve(assets_dir, relative_to)
    target = Path(tempfile.mkdtemp(prefix="navkit-web-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)  # a copy per run
    if source is not None:
        # Hard links cost no space and, unlike symbolic links, are served by
        # static-file servers that refuse to leave their directory.
        shutil.copytree(source, target, dirs_exist_ok=True, copy_function=_link_or_copy)
    index = source / "index.html" if source is not None else None
    if index is None or not index.is_file():
        index = _flet_index()
    if index is not None:
        (target / "index.html").unlink(missing_ok=True)  # never write through a hard link
        (target / "index.html").write_text(inject(index.read_text(encoding="utf-8")), "utf-8")
    return str(target)


def _resolve(assets_dir: str | None, relative_to: str | None) -> Path | None:
    assets_dir = os.environ.get("FLET_ASSETS_DIR") or assets_dir
    if not assets_dir:
        return None
    path = Path(assets_dir)
    if not path.is_absolute():
        base = relative_to or os.path.dirname(os.path.abspath(sys.argv[0]))
        path = Path(base) / path
    return path.resolve() if path.is_dir() else None


def _flet_index() -> Path | None:
    """Flet's own index.html; None without flet-web (a desktop-only install)."""
    try:
        from flet_web import get_package_web_dir
    except ImportError:
        return None
    return Path(get_package_web_dir()) / "index.html"


def _link_or_copy(source: str, target: str) -> str:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target
