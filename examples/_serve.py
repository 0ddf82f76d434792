"""How every example is served: ``python -m examples.<name> [--port N]``.

Web mode on 127.0.0.1 with every asset served locally (no CDN), printing the
address to open. ``--desktop`` opens a Flet desktop window instead, where a
display and Flet's desktop client exist; without a display Flet serves the app
at the same address, and navkit says so.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any, Literal

import flet as ft

import navkit
from navkit.flet.display import announce_headless

HOST = "127.0.0.1"
PORT = 8550


def serve(  # noqa: PLR0913 - keyword-only options each example sets
    router: navkit.Router,
    main: Callable[..., Any] | None,
    *,
    name: str,
    start: str = "/",
    strategy: Literal["path", "hash"] = "path",
    root: Callable[..., Any] | None = None,
) -> None:
    """Serve ``router`` as the example ``name``; ``start`` is the address printed.

    ``root``: the app's root component, which renders ``navkit.Views`` and
    takes the URL strategy as its ``strategy`` prop; the app is then served
    as a components app is, with ``ft.run`` and ``page.render_views(root)``
    (``main`` is not called).
    """
    parser = argparse.ArgumentParser(prog=f"python -m examples.{name}")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--desktop", action="store_true", help="open a desktop window")
    parser.add_argument("--strategy", choices=["path", "hash"], default=strategy)
    parser.add_argument(
        "--debug", action="store_true", help="error details and navkit's inspector (development)"
    )
    args = parser.parse_args()
    strategy = args.strategy
    run = navkit.run if root is None else _components_run(root)
    debug = {"debug": True} if args.debug and root is None else {}
    if args.desktop:
        # Without a display Flet serves the app instead, here where web mode
        # would, and navkit prints the address and why no window opened.
        run(router, main, strategy=strategy, host=HOST, port=args.port, **debug)
        return
    os.environ.setdefault("FLET_FORCE_WEB_SERVER", "true")  # serve; do not open a browser
    address = start if strategy == "path" or start == "/" else f"/#{start}"
    print(f"navkit example {name}: http://{HOST}:{args.port}{address}", flush=True)
    run(
        router,
        main,
        strategy=strategy,
        host=HOST,
        port=args.port,
        view=ft.AppView.WEB_BROWSER,
        no_cdn=True,
        **debug,
    )


def _components_run(root: Callable[..., Any]) -> Callable[..., Any]:
    """What a components app does itself: ``ft.run`` rendering its root (navkit is imported,
    so Flet's index carries the history script)."""

    def run(_: navkit.Router, __: Any, *, strategy: str, **options: Any) -> Any:
        url_strategy = ft.RouteUrlStrategy.HASH if strategy == "hash" else ft.RouteUrlStrategy.PATH
        announce_headless(options)  # as navkit.run does: no display, no window, say where
        return ft.run(
            lambda page: page.render_views(root, strategy=strategy),
            route_url_strategy=url_strategy,
            **options,
        )

    return run
