"""What navkit adds to the page Flet's web server sends the browser.

Under the path strategy a link written for the hash strategy
(``https://host/#/store/42``) loses its fragment: Flutter erases it while
booting and never tells Python, so the app would open at ``/``. Only a
script that runs before Flutter can rescue it: it rewrites the address to
its path form *in place* (``history.replaceState``: no new entry), and
Flutter then boots at ``/store/42``.

How Flet 1.0.5's web server serves a page (``flet_web.fastapi``,
``FletStaticFiles``): at the first request it copies ``index.html`` (the
app's, from its assets directory, else Flet's own) into a private temporary
directory, patches its settings in with ``patch_index_html``, and then looks
every request up in three directories in turn -- that temporary one, the
app's assets directory itself, Flet's web client -- at request time. So the
app's assets are served live (a file added or replaced after start is
served) as long as Flet is given the app's real directory.

:func:`install_index_hook` therefore leaves the assets alone and wraps
Flet's ``patch_index_html``: when Flet patches its copy of ``index.html``
for the path strategy, navkit adds the script to that copy. The app's own
files, its ``index.html`` included, are never written to.
"""

from __future__ import annotations

import atexit
import functools
import importlib.abc
import importlib.machinery
import inspect
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, TypeGuard

from navkit.flet.history_script import HISTORY_SCRIPT

__all__ = [
    "LEGACY_HASH_SCRIPT",
    "history_script_served",
    "inject",
    "install_index_hook",
    "missing_script_advice",
    "web_assets",
]

logger = logging.getLogger(__name__)

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
_HISTORY_MARK = "navkit: the browser's history follows"
_installed = False
_served = False  # the hook has patched an index.html this process serves
_late = False  # Flet's static server was loaded before the hook: its index may lack it
_BASE = re.compile(r"<base\b[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
# Where Flet's static server finds the function: flet_static_files binds it
# from flet_web when first imported, so both names are wrapped.
_STATIC_FILES = "flet_web.fastapi.flet_static_files"
_HOOK = "patch_index_html"
_NEEDED = {"index_path", "route_url_strategy"}


def inject(html: str, strategy: str = "path") -> str:
    """Add navkit's scripts right after ``<base href>`` (they resolve routes against it).

    The history script (:mod:`navkit.flet.history_script`) under both
    strategies; the legacy ``#/route`` rescue under ``path`` only (it would
    break the hash strategy).
    """
    scripts = [] if _HISTORY_MARK in html else [HISTORY_SCRIPT]
    if strategy == "path" and _MARK not in html:
        scripts.insert(0, LEGACY_HASH_SCRIPT)
    if not scripts:
        return html
    added = "\n".join(scripts)
    anchor = _BASE.search(html) or _HEAD.search(html)
    if anchor is None:
        return added + html
    return html[: anchor.end()] + "\n" + added + html[anchor.end() :]


def history_script_served() -> bool:
    """Whether the pages this process serves carry the history script.

    True once the hook is in place before Flet's web server prepares its
    ``index.html`` (at its first request for a file: a worker whose first
    request is a tab's websocket -- a failover -- has not prepared it yet,
    and will with the script), or once it patched one. False without
    flet-web, or when Flet's server was loaded before navkit (its index may
    have been prepared without the script): such a page keeps the push-only
    history (``navkit.PushOnlyHistory``), see :func:`missing_script_advice`.
    """
    return _served or (_installed and not _late)


def missing_script_advice() -> str:
    """What to change so that web pages get the history script (for the warning)."""
    if not _installed:
        return (
            "install flet-web next to flet (pip install 'flet-web>=1.0.5,<2'), "
            "then import navkit before calling ft.run"
        )
    return (
        "Flet's web server prepared its index.html before navkit was imported: import navkit "
        "at the top of the module that calls ft.run (or use navkit.run); a page served by "
        "another server must include navkit.flet.history_script.HISTORY_SCRIPT itself"
    )


def install_index_hook() -> bool:
    """Have Flet's web server add navkit's scripts to every ``index.html`` it serves.

    Process-wide and idempotent. ``import navkit`` calls it, so an app that
    calls ``ft.run(main)`` itself and attaches in ``main`` gets the script
    too; without flet-web yet (Flet installs it at its first web start) it
    is installed as soon as Flet imports flet-web. Flet reads the index
    once, at its server's first request: that comes after the app's
    imports.

    Returns:
        True when the hook is in place; False without flet-web (a
        desktop-only install) or when Flet's server no longer patches its
        index through ``flet_web.patch_index_html`` (logged as a warning:
        legacy ``#/route`` links then open at ``/``).
    """
    try:
        import flet_web
    except ImportError:
        _install_when_imported()
        return False
    original = getattr(flet_web, _HOOK, None)
    if not _extendable(original):
        logger.warning(
            "navkit: Flet's web server has no %s(index_path, route_url_strategy, ...) to "
            "extend; legacy #/route links will open at / under the path strategy",
            _HOOK,
        )
        return False
    global _installed, _late
    hooked = original if getattr(original, "__navkit__", False) else _hooked(original)
    setattr(flet_web, _HOOK, hooked)
    static_files = sys.modules.get(_STATIC_FILES)  # already bound the original?
    if static_files is not None and getattr(static_files, _HOOK, None) is not hooked:
        _late = _late or not _installed  # loaded before navkit: it may have served already
        setattr(static_files, _HOOK, hooked)
    _installed = True
    return True


def _extendable(function: object) -> TypeGuard[Callable[..., Any]]:
    """A function taking (at least) the index's path and the URL strategy by name."""
    if not callable(function):
        return False
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):  # no signature to read
        return False
    return set(parameters) >= _NEEDED


def _hooked(original: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(original)

    @functools.wraps(original)
    def patch_index_html(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        strategy = bound.arguments["route_url_strategy"]
        strategy = str(getattr(strategy, "value", strategy))
        index = Path(bound.arguments["index_path"])  # Flet's own copy
        index.write_text(inject(index.read_text(encoding="utf-8"), strategy), encoding="utf-8")
        global _served
        _served = True
        return result

    patch_index_html.__navkit__ = True  # type: ignore[attr-defined]
    return patch_index_html


def web_assets(assets_dir: str | None, *, relative_to: str | None = None) -> str:
    """The directory to give Flet as ``assets_dir`` when calling ``ft.run`` yourself.

    It is the app's own directory, which Flet then serves live (files added
    or replaced after start are served), and it installs
    :func:`install_index_hook` so the ``index.html`` Flet serves (the app's
    or Flet's) carries the script under the path strategy.

    Args:
        assets_dir: The app's assets directory (or None), resolved as Flet
            does: ``FLET_ASSETS_DIR`` wins, and a relative path starts from
            ``relative_to`` (the main script's directory by default).
        relative_to: The directory a relative ``assets_dir`` starts from.

    Returns:
        The app's directory, absolute; without one, an empty directory
        (removed at exit), so Flet serves its own files and index.
    """
    install_index_hook()
    source = _resolve(assets_dir, relative_to)
    if source is not None:
        return str(source)
    empty = tempfile.mkdtemp(prefix="navkit-web-")
    atexit.register(shutil.rmtree, empty, ignore_errors=True)
    return empty


def _resolve(assets_dir: str | None, relative_to: str | None) -> Path | None:
    assets_dir = os.environ.get("FLET_ASSETS_DIR") or assets_dir
    if not assets_dir:
        return None
    path = Path(assets_dir)
    if not path.is_absolute():
        base = relative_to or os.path.dirname(os.path.abspath(sys.argv[0]))
        path = Path(base) / path
    return path.resolve() if path.is_dir() else None


class _WhenImported(importlib.abc.MetaPathFinder):
    """Installs the hook right after ``flet_web`` is imported, once.

    ``pip install navkit`` brings flet-web, but an environment may lack it:
    Flet then installs it at the app's first web start, after navkit was
    imported, and imports it. This finder finds nothing itself; it wraps the
    loader that does, so the hook is in place before the server reads its
    index.
    """

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name != "flet_web":
            return None
        sys.meta_path.remove(self)  # let the others find it; never again
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        loader = spec.loader if spec is not None else None
        if spec is None or loader is None or not hasattr(loader, "exec_module"):
            return spec
        execute = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            sys.modules[name] = module
            install_index_hook()

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _install_when_imported() -> None:
    if not any(isinstance(finder, _WhenImported) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported())
