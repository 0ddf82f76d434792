"""``navkit.run``: ``ft.run`` with a router attached to every new page."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, Literal

import flet as ft

from navkit.flet.declarative import Views, navigator_when_attached, uses_components
from navkit.flet.events import claim_events
from navkit.flet.router import Router
from navkit.flet.webclient import install_index_hook

__all__ = ["run"]


def run(
    router: Router,
    main: Callable[..., Any] | None = None,
    *,
    strategy: Literal["path", "hash"] = "path",
    base_path: str = "",
    pending_indicator: Callable[[], Any] | None = None,
    pending_delay: float = 0.2,
    pending_minimum: float = 0.4,
    **flet_options: Any,
) -> Any:
    """``ft.run`` with ``router`` attached to every new page.

    Args:
        router: The app's router.
        main: Called after attaching, as ``main(page)`` or ``main(page, nav)``
            (sync or async); optional. When every route's view is an
            ``@ft.component``, the page is rendered in Flet's components mode
            with ``page.render_views(navkit.Views, router)``; a ``main``
            taking ``nav`` is called once navkit holds the page.
        strategy: The URL strategy, ``"path"`` or ``"hash"``; passed to Flet
            as its enum (Flet's ASGI export fails on a plain string). Under
            ``"path"``, a legacy ``#/route`` address is redirected to its path
            form in the browser (see :mod:`navkit.flet.webclient`).
        base_path: The app's prefix, for ``Navigator.href``.
        pending_indicator: See :meth:`navkit.Router.attach`, as are
            ``pending_delay`` and ``pending_minimum``.
        **flet_options: Passed to ``ft.run`` as given (``host``, ``port``,
            ``view``, ``no_cdn``, ``export_asgi_app``, ``assets_dir``...):
            Flet serves the app's assets directory itself, live.
    """
    url_strategy = ft.RouteUrlStrategy.HASH if strategy == "hash" else ft.RouteUrlStrategy.PATH
    # Flet's index.html gets navkit's scripts: the history script (both
    # strategies) and, under "path", the rescue of legacy "#/route" links.
    install_index_hook()

    options: dict[str, Any] = {
        "strategy": strategy,
        "base_path": base_path,
        "pending_indicator": pending_indicator,
        "pending_delay": pending_delay,
        "pending_minimum": pending_minimum,
    }
    components = uses_components(router)

    async def navkit_main(page: ft.Page) -> None:
        if components:  # a components app: Flet's components mode, navkit owning the views
            page.render_views(Views, router, **options)
        else:
            router.attach(page, **options)
        if main is None:
            return
        if len(inspect.signature(main).parameters) >= 2:  # main(page, nav)
            navigator = await navigator_when_attached(page)
            result = main(page, navigator)
        else:
            result = main(page)
        if inspect.isawaitable(result):
            await result
        claim_events(page)  # main may have set page.on_connect & co.

    return ft.run(navkit_main, route_url_strategy=url_strategy, **flet_options)
