"""``navkit.Router``: an app's routes, Flask's way, and ``attach`` for Flet pages.

The table itself (:class:`navkit.routing.table.RouteTable`) is pure and
also answers the lookups the navigation needs (prefixes, shells' places,
guards per route); the router holds one (:attr:`Router.table`) and shows
only what an app uses: registering routes, blueprints, guards, error
handlers and converters, ``url_for``, ``match``, and ``attach``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal, TypeVar

from navkit.flet.attach import attach
from navkit.flet.state_codec import JSON_STATE, StateCodec
from navkit.navigation.history import DEFAULT_MAX_ENTRIES, History
from navkit.navigation.navigator import DEFAULT_GUARD_TIMEOUT, Navigator
from navkit.routing.blueprints import Blueprint
from navkit.routing.converters import Converter, ConverterRegistry
from navkit.routing.registration import RouteRegistrar
from navkit.routing.routes import Match, Route
from navkit.routing.table import DEFAULT_MAX_PATH_LENGTH, RouteTable

__all__ = ["Router"]

G = TypeVar("G", bound=Callable[..., Any])


class Router(RouteRegistrar):
    """A table of routes, shared by every page of an app.

    Args:
        max_path_length: Longer paths are not matched at all (they are not
            found). This bounds the work any address can cause.
        guard_timeout: Seconds an async guard may take; one that takes
            longer is cancelled and the navigation shows the 500 view (the
            pending indicator does not spin forever). None: no limit.
        max_history: How many history entries a page keeps (the oldest go
            first), as browsers keep 50.
        state_codec: How the browser tab keeps entry states
            (``nav.go(..., state=...)``) through a reload and a new session:
            JSON by default; a :class:`navkit.StateCodec` of your own for
            other objects; None keeps them with the page only.

    Example::

        router = navkit.Router()

        @router.route("/items/:item_id")
        def item(item_id: int): ...

        router.url_for("item", item_id=42)   # "/items/42"
        router.match("/items/42").params      # {"item_id": 42}
    """

    def __init__(
        self,
        *,
        max_path_length: int = DEFAULT_MAX_PATH_LENGTH,
        guard_timeout: float | None = DEFAULT_GUARD_TIMEOUT,
        max_history: int = DEFAULT_MAX_ENTRIES,
        state_codec: StateCodec | None = JSON_STATE,
    ) -> None:
        self.table = RouteTable(max_path_length=max_path_length)
        self.guard_timeout = guard_timeout
        self.max_history = max_history
        self.state_codec = state_codec

    # -- registering --------------------------------------------------------

    def add_route(
        self, template: str, view: Callable[..., Any] | None = None, **options: Any
    ) -> Route:
        """Register ``view`` at ``template`` (the non-decorator form of :meth:`route`).

        ``endpoint=``, ``defaults=``, ``converters=`` and the route options
        are :meth:`navkit.routing.table.RouteTable.add_route`'s.
        """
        return self.table.add_route(template, view, **options)

    def register_blueprint(self, blueprint: Blueprint, **options: Any) -> None:
        """Register ``blueprint``'s routes, guards and error handlers (``url_prefix=`` ...)."""
        self.table.register_blueprint(blueprint, **options)

    def guard(self, function: G) -> G:
        """Decorator: ask ``function`` before every navigation (a guard)."""
        return self.table.guard(function)

    def errorhandler(self, code: int) -> Callable[[G], G]:
        """Decorator: build the view for error ``code`` (404, 400, 403, 500...)."""
        return self.table.errorhandler(code)

    def add_converter(self, key: type | str, converter: Converter) -> None:
        """Use ``converter`` for parameters annotated with type ``key`` (or named ``key``)."""
        self.table.add_converter(key, converter)

    @property
    def converters(self) -> ConverterRegistry:
        """This router's converters (the built-in ones and those added)."""
        return self.table.converters

    # -- reading ---------------------------------------------------------------

    def url_for(self, endpoint: str, /, **values: Any) -> str:
        """The address of ``endpoint`` with ``values`` (see ``RouteTable.url_for``)."""
        return self.table.url_for(endpoint, **values)

    def match(self, route: str) -> Match | None:
        """What ``route`` matches (None: not found), as a navigation would."""
        return self.table.match(route)

    def routes(self) -> Iterator[Route]:
        """Every route, in registration order."""
        return self.table.routes()

    def routes_for(self, endpoint: str) -> tuple[Route, ...]:
        """The routes of ``endpoint``."""
        return self.table.routes_for(endpoint)

    def check(self) -> None:
        """Check what can only be checked once every route is in (see ``RouteTable.check``)."""
        self.table.check()

    # -- pages -----------------------------------------------------------------

    def attach(  # noqa: PLR0913 - keyword-only options, as Flask's run() has
        self,
        page: Any,
        *,
        strategy: Literal["path", "hash"] = "path",
        base_path: str = "",
        history: History | None = None,
        pending_indicator: Callable[[], Any] | None = None,
        pending_delay: float = 0.2,
        pending_minimum: float = 0.4,
        history_script: bool | None = None,
        debug: bool = False,
    ) -> Navigator:
        """Bind this router to a Flet page and show the page's current route.

        Handles ``page.on_route_change`` and ``page.on_view_pop`` (handlers the
        page has, before or after attaching, keep being called), gives the
        page ``page.go``, and builds the stack for ``page.route`` at once -- a
        deep link arrives that way, with no route-change event. One router
        serves any number of pages.

        Args:
            page: The ``ft.Page``.
            strategy: The URL strategy the app runs with (``"path"``/``"hash"``).
            base_path: The app's prefix, for ``Navigator.href``.
            history: A history to use; by default the browser's for a web page,
                a :class:`~navkit.MemoryHistory` otherwise.
            pending_indicator: Makes the control shown (in ``page.overlay``)
                while an async guard or view takes longer than
                ``pending_delay`` seconds (not while a leave check waits for the
                user's answer); a thin progress bar by default. Once shown it
                stays ``pending_minimum`` seconds at least, so it never flashes.
            history_script: Whether the page carries navkit's history script,
                so the browser's history can move and be rewritten (see the
                README). By default a web page does when this process's Flet
                web server served it (the hook is installed at ``import
                navkit``); without it the history can only grow, and navkit
                warns once, saying what to change.
            debug: For development: error pages show what failed and its
                traceback, and an inspector (a toggle at the page's corner)
                shows the stack, the history, the last navigations and the
                loaders' cache. Leave it off in production.

        Raises:
            RouteError: A ``parent=`` that cannot work (see :meth:`check`).
        """
        return attach(
            self.table,
            page,
            strategy=strategy,
            base_path=base_path,
            history=history,
            pending_indicator=pending_indicator,
            pending_delay=pending_delay,
            pending_minimum=pending_minimum,
            guard_timeout=self.guard_timeout,
            max_history=self.max_history,
            history_script=history_script,
            router=self,
            state_codec=self.state_codec,
            debug=debug,
        )
