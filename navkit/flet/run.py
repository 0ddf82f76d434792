"""``navkit.run``: ``ft.run`` with a router attached to every new page."""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Mapping
from typing import Any, Literal

import flet as ft

from navkit.flet.declarative import Views, navigator_when_attached, uses_components
from navkit.flet.display import announce_headless
from navkit.flet.events import claim_events
from navkit.flet.router import Router
from navkit.flet.webclient import install_index_hook
from navkit.navigation.urls import UrlStrategy

__all__ = ["run"]

# ft.run's own options, read from Flet's function once (a test may replace
# ft.run; the names stay Flet's). navkit passes main and route_url_strategy.
_FLET_RUN_OPTIONS = frozenset(inspect.signature(ft.run).parameters) - {
    "main",
    "route_url_strategy",
}


def run(
    router: Router,
    main: Callable[..., Any] | None = None,
    *,
    strategy: Literal["path", "hash"] = "path",
    **options: Any,
) -> Any:
    """``ft.run`` with ``router`` attached to every new page.

    Args:
        router: The app's router.
        main: Called after attaching, as ``main(page)`` or ``main(page, nav)``
            (sync or async); optional. When every route's view is an
            ``@ft.component``, the page is rendered in Flet's components mode
            with ``page.render_views(navkit.Views, router)``; a ``main``
            taking ``nav`` is called once navkit holds the page.
        strategy: The URL strategy, ``"path"`` or ``"hash"``, given to
            :meth:`navkit.Router.attach` and to Flet as its enum (Flet's ASGI
            export fails on a plain string). Under ``"path"``, a legacy
            ``#/route`` address is redirected to its path form in the browser
            (see :mod:`navkit.flet.webclient`).
        **options: Each option :meth:`navkit.Router.attach` takes
            (``base_path``, ``pending_indicator``, ``pending_delay``,
            ``pending_minimum``, ``history_script``, ``debug``...) is given to
            it for every page (a ``history=`` object would be shared by every
            page: for a one-window desktop app only); the others go to
            ``ft.run`` as given (``host``, ``port``, ``view``, ``no_cdn``,
            ``export_asgi_app``, ``assets_dir``...): Flet serves the app's
            assets directory itself, live.

    Raises:
        TypeError: An option neither ``router.attach`` nor ``ft.run`` takes,
            before anything is served.

    Without a display (Linux, ``DISPLAY`` unset), Flet serves the app on the
    web instead of opening a window; navkit prints the address then.
    """
    attach_options, flet_options = _split_options(router, options)
    # A bad strategy or base path fails here, not at each page's attach.
    UrlStrategy(strategy, attach_options.get("base_path", ""))
    if main is not None and not callable(main):
        raise TypeError(f"navkit.run(router, main): main must be callable, not {main!r}")
    url_strategy = ft.RouteUrlStrategy.HASH if strategy == "hash" else ft.RouteUrlStrategy.PATH
    # Flet's index.html gets navkit's scripts: the history script (both
    # strategies) and, under "path", the rescue of legacy "#/route" links.
    install_index_hook()
    attach_options = {"strategy": strategy, **attach_options}
    components = uses_components(router)

    async def navkit_main(page: ft.Page) -> None:
        if components:  # a components app: Flet's components mode, navkit owning the views
            page.render_views(Views, router, **attach_options)
        else:
            router.attach(page, **attach_options)
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

    announce_headless(flet_options)
    return ft.run(navkit_main, route_url_strategy=url_strategy, **flet_options)


def _split_options(
    router: Router, options: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``options`` as (``router.attach``'s, ``ft.run``'s); TypeError for any other.

    attach's options are read from its signature, so one it gains needs no
    change here.
    """
    attach_names = {
        name
        for name, parameter in inspect.signature(router.attach).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    attach_options = {name: value for name, value in options.items() if name in attach_names}
    flet_options = {name: value for name, value in options.items() if name not in attach_names}
    if "route_url_strategy" in flet_options:
        raise TypeError(
            "navkit.run() sets Flet's route_url_strategy from its strategy= option: "
            "pass strategy='path' or strategy='hash' instead"
        )
    unknown = sorted(set(flet_options) - _FLET_RUN_OPTIONS)
    if unknown:
        known = sorted(attach_names | _FLET_RUN_OPTIONS)
        hints = "".join(
            f" (did you mean {close[0]!r} for {name!r}?)"
            for name in unknown
            if (close := difflib.get_close_matches(name, known, n=1))
        )
        names = ", ".join(repr(name) for name in unknown)
        raise TypeError(
            f"navkit.run() got unexpected keyword argument(s) {names}: neither "
            f"router.attach nor ft.run takes them{hints}. router.attach takes "
            f"{', '.join(sorted(attach_names))}; ft.run takes "
            f"{', '.join(sorted(_FLET_RUN_OPTIONS))}"
        )
    return attach_options, flet_options
