"""The Flet binding: the only module that touches ``ft.Page``.

It turns levels into ``ft.View`` objects (calling view functions only for the
levels that changed), installs the page's route-change and view-pop
handlers, keeps track of the route changes that merely echo navkit's own
``push_route`` calls, gives pages their ``page.go`` back, and wraps
``ft.run``.

Facts about Flet 1.0.5 this relies on (see docs/notes/flet-1.0.5-routing.md):

* ``push_route(r)`` makes the client send a route change for ``r``, unless
  the client already shows ``r``; that echo must not be taken for the
  browser's Back button.
* A deep link arrives as ``page.route`` when the page is created, with no
  route-change event.
* AppBar back, Android back and the iOS swipe send ``view_pop``; the client
  has already hidden the top view. Browser Back/Forward send only a route
  change.
* A web client that loses its connection and comes back keeps its session
  (``on_connect``); ``page.route`` is then the address the client shows,
  and whatever navkit sent meanwhile was dropped.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import flet as ft

from navkit.errors import HTTPError, InternalServerError, NavkitError, NotFound
from navkit.history import BrowserHistory, History, MemoryHistory
from navkit.navigator import Navigator
from navkit.routes import Match
from navkit.stack import Level
from navkit.urls import UrlStrategy
from navkit.webclient import web_assets

if TYPE_CHECKING:
    from navkit.router import Router

__all__ = ["PageSurface", "attach", "claim_events", "navigator_of", "run"]

log = logging.getLogger("navkit")

_ATTRIBUTE = "_navkit_navigator"  # where a page keeps its navigator
_EVENTS = "_navkit_events"  # and navkit's event handlers
# Long enough for Flet's client to build a frame between two updates.
CLIENT_FRAME = 0.1


def navigator_of(page: ft.Page) -> Navigator:
    """The navigator attached to ``page``.

    Raises:
        NavkitError: No router is attached to the page.
    """
    navigator = getattr(page, _ATTRIBUTE, None)
    if not isinstance(navigator, Navigator):
        raise NavkitError("no navkit router is attached to this page: call router.attach(page)")
    return navigator


class _ClientRoute:
    """What the client shows, and which route changes will only echo navkit's pushes.

    The client answers ``push_route(r)`` with a route change for ``r`` unless
    it already shows ``r``; events arrive in order, so the echoes are matched
    first in, first out.
    """

    def __init__(self, route: str) -> None:
        self.route = route
        self._echoes: deque[str] = deque()

    def pushed(self, route: str) -> bool:
        """Record a push; False when the client already shows ``route`` (nothing to send)."""
        if route == self.route:
            return False
        self.route = route
        self._echoes.append(route)
        return True

    def reconnected(self, route: str) -> int:
        """The client came back showing ``route``: how many pushes it never received.

        Those sent up to the one it shows arrived (their echoes were lost
        with the connection); the later ones were dropped by Flet.
        """
        pending = list(self._echoes)
        self._echoes.clear()
        self.route = route
        for position in range(len(pending) - 1, -1, -1):
            if pending[position] == route:
                return len(pending) - 1 - position
        return len(pending)

    def received(self, route: str) -> bool:
        """Record a route change from the client; True when it echoes a push."""
        if self._echoes and self._echoes[0] == route:
            self._echoes.popleft()
            return True
        self.route = route
        return False


class PageSurface:
    """Shows levels on an ``ft.Page``: builds views, keeps unchanged ones."""

    def __init__(
        self,
        page: ft.Page,
        *,
        pending_indicator: Callable[[], ft.Control] | None = None,
        pending_delay: float = 0.2,
    ) -> None:
        self.page = page
        self.pending_indicator = pending_indicator
        self.pending_delay = pending_delay
        self._indicators: list[ft.Control] = []
        self._dialog: ft.DialogControl | None = None  # the modal level's, while open
        self.navigator: Navigator | None = None
        self.events: _Events | None = None
        self.client = _ClientRoute(page.route or "/")
        self.views: list[ft.View] = []
        self._tasks: set[asyncio.Future[Any]] = set()

    def commit(self, levels: tuple[Level, ...], keep: int, views: list[Any]) -> None:
        """Keep the first ``keep`` views, add ``views``, and update the page once.

        A modal level's "view" is a dialog or bottom sheet: it opens over the
        views beneath instead of joining ``page.views``.
        """
        self.views = [*self.views[:keep], *views]
        page = self.page
        if self.events is not None:
            self.events.claim()
        page.views[:] = [view for view in self.views if isinstance(view, ft.View)]
        self._guard_pops(page.views)
        page.route = levels[-1].address
        top = self.views[-1]
        dialog = top if isinstance(top, ft.DialogControl) else None
        if self._dialog is not None and self._dialog is not dialog:
            closing, self._dialog = self._dialog, None  # its dismissal is not a pop
            closing.open = False
        if dialog is not None and dialog is not self._dialog:
            self._dialog = dialog
            dialog.on_dismiss = self._dismissed
            # Views first. Measured in Chromium: a dialog opened in the same
            # update that gives the views beneath can_pop=False never shows.
            page.update()
            page.show_dialog(dialog)
        page.update()

    def _guard_pops(self, views: list[ft.View]) -> None:
        """Views whose closing might be refused make the client ask first.

        Flet's client otherwise hides the view at once on an AppBar or
        Android back and keeps hiding its route while a view with that
        route is listed (read in its page navigator's build), so a refused
        pop could not show it again.
        """
        refusable = self.navigator.refusable_pops() if self.navigator is not None else set()
        for view in views:
            guarded = (view.route or "/") in refusable
            if guarded and view.on_confirm_pop is None:
                view.can_pop = False
                view.on_confirm_pop = self._confirm_pop
            elif not guarded and view.on_confirm_pop == self._confirm_pop:
                view.can_pop = True
                view.on_confirm_pop = None

    async def _confirm_pop(self, event: Any) -> None:
        """The client asks whether it may pop a view: no, navkit pops it.

        The navigator decides (leave checks, guards) and, if allowed, removes
        the view, which the client animates as a pop; if refused, nothing
        changes on screen and what was typed stays.
        """
        view = event.control
        await view.confirm_pop(False)
        if self.navigator is not None:
            self.navigator.view_popped(view.route or "/", closed=False)

    def reshow_top(self) -> None:
        """Show the top view or modal again after the client closed it (state intact).

        Rare: views whose closing might be refused are never popped by the
        client (see ``_guard_pops``); this serves a guard added after the view
        was shown, and modals dismissed by a tap outside.
        """
        page = self.page
        top = self.views[-1] if self.views else None
        if isinstance(top, ft.DialogControl):
            self._dialog = top
            top.on_dismiss = self._dismissed
            page.show_dialog(top)
            return
        if top is None or top not in page.views:
            return
        # Flet's client hides a popped view's route until it builds a page
        # listing no view with that route: take it out, let a frame pass,
        # and put it back.
        page.views.remove(top)
        page.update()

        async def put_back() -> None:
            await asyncio.sleep(CLIENT_FRAME)
            if self.views and self.views[-1] is top and top not in page.views:
                page.views.append(top)
                page.update()

        task = asyncio.get_running_loop().create_task(put_back())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _dismissed(self, event: Any) -> None:
        """The user closed the modal (tap outside, Esc, swipe): back to its parent."""
        if event.control is not self._dialog or self.navigator is None:
            return  # closed by navkit itself
        self._dialog = None
        self.navigator.view_popped(self.navigator.address)

    def pending(self, task: asyncio.Task[Any]) -> None:
        """Show the pending indicator if ``task`` takes longer than ``pending_delay``."""
        if self.pending_indicator is None:
            return
        loop = task.get_loop()
        timer = loop.call_later(self.pending_delay, self._show_pending, task)
        task.add_done_callback(lambda _: self._hide_pending(timer))

    def _show_pending(self, task: asyncio.Task[Any]) -> None:
        if task.done() or self.pending_indicator is None:
            return
        indicator = self.pending_indicator()
        self._indicators.append(indicator)
        self.page.overlay.append(indicator)
        self.page.update()

    def _hide_pending(self, timer: asyncio.TimerHandle) -> None:
        timer.cancel()
        if not self._indicators:
            return
        for indicator in self._indicators:
            if indicator in self.page.overlay:
                self.page.overlay.remove(indicator)
        self._indicators.clear()
        self.page.update()

    def push_url(self, address: str) -> None:
        """Move the client (and a browser's address bar) to ``address``."""
        if not self.client.pushed(address):
            return
        loop: asyncio.AbstractEventLoop | None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            # Called outside the page's loop (a thread, a script): use the page's.
            loop = getattr(self.page.session.connection, "loop", None)
            if loop is None or loop.is_closed():
                log.warning("the page has no event loop: the client is not told about %s", address)
                return
            if loop.is_running():
                asyncio.run_coroutine_threadsafe(self.page.push_route(address), loop)
                return
        self.spawn(self.page.push_route(address), loop)

    def spawn(
        self, awaitable: Awaitable[Any], loop: asyncio.AbstractEventLoop | None = None
    ) -> None:
        """Run ``awaitable`` as a task, keeping a reference until it is done."""
        task = asyncio.ensure_future(awaitable, loop=loop)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Future[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("navkit task failed: %r", task.exception())

    # -- building views --------------------------------------------------

    async def build(self, level: Level) -> ft.View:
        """The view for one level: the view function's, or an error view. Never raises."""
        match = level.match
        error = level.error
        if error is None and match is None:
            error = NotFound(f"No page lives at {level.path}.", path=level.path)
        if error is None and match is not None:
            try:
                return await self._view(level, match)
            except HTTPError as raised:  # a BadRequest from the query, or abort()
                error = raised
            except asyncio.CancelledError:
                raise  # a newer navigation took over: not a failure
            except Exception:
                log.exception("view %r failed for %s", match.endpoint, level.address)
                error = InternalServerError("This page failed to build.")
        if error is None:  # pragma: no cover - every branch above sets one
            error = InternalServerError()
        return await self._error_view(level, error)

    async def _view(self, level: Level, match: Match) -> ft.View:
        args = match.view_args()
        for name in match.route.injected:
            args[name] = self.navigator
        result = match.route.view(**args)
        if inspect.isawaitable(result):
            result = await result
        title = _title(match.route.options, match.endpoint)
        modal = match.route.options.get("modal")
        if modal is not None:
            return wrap_modal(modal, result, title)  # type: ignore[return-value]
        return wrap_view(level.address, result, _title(match.route.options, match.endpoint))

    async def _error_view(self, level: Level, error: HTTPError) -> ft.View:
        """The app's handler for the error (a blueprint's first), else the default."""
        if not error.path:
            error.path = level.path
        if self.navigator is not None:
            route = level.match.route if level.match is not None else None
            handler = self.navigator.router.error_handler_for(error.code, level.path, route)
            if handler is not None:
                try:
                    result = handler(error)
                    if inspect.isawaitable(result):
                        result = await result
                    return wrap_view(level.address, result, _ERROR_TITLES.get(error.code, ""))
                except Exception:
                    log.exception("the handler for error %s failed at %s", error.code, level.path)
        return error_view(level.address, error.code, error.description)


def wrap_view(address: str, result: Any, title: str) -> ft.View:
    """Make a view function's result an ``ft.View`` at ``address``.

    An ``ft.View`` is used as it is (its ``route`` set to the level's address,
    which Flutter keys it by); a control or a list of controls is wrapped in
    a view with an AppBar titled ``title``.
    """
    if isinstance(result, ft.View):
        result.route = address
        return result
    if result is None:
        controls: list[ft.BaseControl] = []
    elif isinstance(result, ft.Control):
        controls = [result]
    elif isinstance(result, Sequence) and not isinstance(result, str):
        controls = list(result)
    else:
        controls = [ft.Text(str(result))]
    return ft.View(route=address, appbar=ft.AppBar(title=ft.Text(title)), controls=controls)


def wrap_modal(kind: str, result: Any, title: str) -> ft.DialogControl:
    """Make a modal route's result a dialog (``"dialog"``) or bottom sheet (``"sheet"``).

    An ``ft.AlertDialog``/``ft.BottomSheet`` (any ``DialogControl``) is used
    as it is; controls are wrapped.
    """
    if isinstance(result, ft.DialogControl):
        return result
    if result is None:
        controls: list[ft.Control] = []
    elif isinstance(result, ft.Control):
        controls = [result]
    else:
        controls = list(result)
    column = ft.Column(controls, tight=True)
    if kind == "sheet":
        return ft.BottomSheet(content=ft.Container(column, padding=20))
    return ft.AlertDialog(title=ft.Text(title), content=column)


def default_pending_indicator() -> ft.Control:
    """A thin progress bar across the top of the page, shown while a page loads."""
    return ft.ProgressBar(top=0, left=0, right=0, semantics_label="Loading")


def error_view(address: str, code: int, message: str) -> ft.View:
    """The default view for an error outcome (404 not found, 400, 500)."""
    return ft.View(
        route=address,
        appbar=ft.AppBar(title=ft.Text(_ERROR_TITLES.get(code, f"Error {code}"))),
        controls=[ft.Text(message), ft.Text(f"Error {code}", size=12)],
    )


_ERROR_TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    500: "Something went wrong",
}


def _title(options: Any, endpoint: str) -> str:
    title = options.get("title")
    if title is not None:
        return str(title)
    return endpoint.rpartition(".")[2].replace("_", " ").capitalize()


# -- attaching -------------------------------------------------------------


def attach(
    router: Router,
    page: ft.Page,
    *,
    strategy: Literal["path", "hash"] = "path",
    base_path: str = "",
    history: History | None = None,
    pending_indicator: Callable[[], ft.Control] | None = None,
    pending_delay: float = 0.2,
) -> Navigator:
    """Bind ``router`` to ``page`` and show the page's current route.

    See :meth:`navkit.Router.attach`.
    """
    if pending_indicator is None:
        pending_indicator = default_pending_indicator
    if getattr(page, _ATTRIBUTE, None) is not None:
        raise NavkitError("a navkit router is already attached to this page")
    router.check()
    address = page.route or "/"
    surface = PageSurface(page, pending_indicator=pending_indicator, pending_delay=pending_delay)
    if history is None:
        history = BrowserHistory(address) if page.web else MemoryHistory(address)
    navigator = Navigator(router, surface, history, UrlStrategy(strategy, base_path))
    surface.navigator = navigator
    surface.events = _Events(page, surface, navigator)
    setattr(page, _EVENTS, surface.events)
    setattr(page, _ATTRIBUTE, navigator)
    # Flet 1.0 removed page.go; countless apps still call it.
    page.go = _page_go(navigator)  # type: ignore[attr-defined]
    navigator.start(address)
    return navigator


def _page_go(navigator: Navigator) -> Callable[..., None]:
    def go(route: str, **query: Any) -> None:
        """Navigate to ``route`` (navkit's replacement for Flet's removed ``page.go``)."""
        navigator.go(route, **query)

    return go


class _Events:
    """navkit's handlers for the page's events, in front of the app's own.

    An app that sets ``page.on_connect`` (or ``on_route_change``,
    ``on_view_pop``) after attaching -- in ``main``, typically -- would
    silently switch navkit off. :meth:`claim` puts navkit's handler back in
    front and keeps the app's as the one called after it; it runs on
    attaching, after ``main`` and on every update navkit makes.
    """

    def __init__(self, page: ft.Page, surface: PageSurface, navigator: Navigator) -> None:
        self.page = page
        self.surface = surface
        self.navigator = navigator
        self.apps: dict[str, Any] = {}
        self.ours: dict[str, Any] = {
            "on_route_change": self.route_change,
            "on_view_pop": self.view_pop,
            "on_connect": self.connect,
        }
        self.claim()

    def claim(self) -> None:
        """Put navkit's handlers back where the app replaced them."""
        for name, handler in self.ours.items():
            current = getattr(self.page, name)
            if current is not handler:
                self.apps[name] = current
                setattr(self.page, name, handler)

    def route_change(self, event: ft.RouteChangeEvent) -> None:
        if not self.surface.client.received(event.route):
            self.navigator.route_changed(event.route)
        _after(self.surface, self.apps["on_route_change"], event)

    def view_pop(self, event: ft.ViewPopEvent) -> None:
        self.navigator.view_popped(event.route)
        _after(self.surface, self.apps["on_view_pop"], event)

    def connect(self, event: ft.Event[ft.Page]) -> None:
        # A web client came back to its session; Flet has set page.route to
        # the address the client shows.
        route = self.page.route or "/"
        self.navigator.reconnected(route, self.surface.client.reconnected(route))
        _after(self.surface, self.apps["on_connect"], event)


def claim_events(page: ft.Page) -> None:
    """Make sure navkit handles ``page``'s events, before the app's own handlers.

    ``navkit.run`` calls it after the app's ``main``; see :class:`_Events`.
    """
    events = getattr(page, _EVENTS, None)
    if isinstance(events, _Events):
        events.claim()


def _after(surface: PageSurface, handler: Any, event: Any) -> None:
    """Finish an event navkit handled: call the app's own handler, if any.

    Without one, Flet's automatic update after the event is switched off:
    navkit has updated the page already where anything changed, and the
    automatic one would diff every view again for nothing (an echo changes
    nothing at all).
    """
    if handler is None:
        ft.context.disable_auto_update()  # type: ignore[no-untyped-call]
        return
    result = handler(event) if _takes_argument(handler) else handler()
    if inspect.isawaitable(result):
        surface.spawn(result)


def _takes_argument(handler: Callable[..., Any]) -> bool:
    try:
        return len(inspect.signature(handler).parameters) > 0
    except (TypeError, ValueError):
        return True


def run(
    router: Router,
    main: Callable[..., Any] | None = None,
    *,
    strategy: Literal["path", "hash"] = "path",
    base_path: str = "",
    **flet_options: Any,
) -> Any:
    """``ft.run`` with ``router`` attached to every new page.

    Args:
        router: The app's router.
        main: Called after attaching, as ``main(page)`` or ``main(page, nav)``
            (sync or async); optional.
        strategy: The URL strategy, ``"path"`` or ``"hash"``; passed to Flet
            as its enum (Flet's ASGI export fails on a plain string). Under
            ``"path"``, a legacy ``#/route`` address is redirected to its path
            form in the browser (see :mod:`navkit.webclient`).
        base_path: The app's prefix, for ``Navigator.href``.
        **flet_options: Passed to ``ft.run`` (``host``, ``port``, ``view``,
            ``no_cdn``, ``export_asgi_app``...).
    """
    url_strategy = ft.RouteUrlStrategy.HASH if strategy == "hash" else ft.RouteUrlStrategy.PATH
    if strategy == "path":
        # A "#/route" link from the hash strategy is redirected in the browser,
        # before Flutter boots (see navkit.webclient).
        exported = flet_options.get("export_asgi_app", False)
        flet_options["assets_dir"] = web_assets(
            flet_options.get("assets_dir", "assets"),
            relative_to=os.getcwd() if exported else None,  # as Flet resolves it
        )
        os.environ.pop("FLET_ASSETS_DIR", None)  # it would override ours; it is included

    async def navkit_main(page: ft.Page) -> None:
        navigator = attach(router, page, strategy=strategy, base_path=base_path)
        if main is None:
            return
        wants_navigator = len(inspect.signature(main).parameters) >= 2
        result = main(page, navigator) if wants_navigator else main(page)
        if inspect.isawaitable(result):
            await result
        claim_events(page)  # main may have set page.on_connect & co.

    return ft.run(navkit_main, route_url_strategy=url_strategy, **flet_options)
