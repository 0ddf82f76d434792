"""``navkit.Views``: the root component of a components app (``page.render_views``).

``page.render_views(navkit.Views, router)`` makes navkit the owner of the
page's views, as ``router.attach(page)`` does: one engine, so routes,
guards, shells, modals, leave checks and the tab-kept history behave the
same in both modes, and a level's view -- a component with its typed
parameters as props -- keeps its hook state while the level is kept.

Why a hand-over rather than a component whose body is the stack: Flet 1.0.5
freezes a component's body (a frozen control refuses ``update()`` and
attribute changes: measured), and diffs it only against its previous
render. navkit changes the views it keeps (``can_pop`` as leave checks come
and go, the shell's bar, the app's own handlers calling ``page.update()``);
inside a body those changes raise or never reach the client. So ``Views``
renders a placeholder, and once mounted attaches navkit, whose first commit
replaces the component with the stack of views (``page.views`` a list
again). The contexts provided above ``Views`` (``ft.create_context``
providers of the app's root) are given to every level's components; the
session stays in components mode (no auto-update after events), as the app
asked.
"""

from __future__ import annotations

import asyncio
import inspect
import weakref
from contextvars import ContextVar
from typing import Any

import flet as ft
from flet.components.component import Component
from flet.components.utils import current_component

from navkit.errors import NavkitError
from navkit.flet.pages import has_navigator, navigator_of
from navkit.navigation.navigator import Navigator

__all__ = [
    "Views",
    "app_contexts",
    "is_views_root",
    "navigator_when_attached",
    "refuse_views_root",
    "uses_components",
]

# The contexts provided above each page's ``Views`` (key -> value).
_contexts: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()
# The pages a Views attached navkit to (rendered again before the hand-over: no error).
_handing_over: weakref.WeakSet[Any] = weakref.WeakSet()
# True while a Views attaches navkit to its page (attach() refuses other callers).
_attaching: ContextVar[bool] = ContextVar("navkit_views_attaching", default=False)
# Who waits for each page's navigator (navkit.run's main(page, nav)).
_waiting: weakref.WeakKeyDictionary[Any, asyncio.Future[Navigator]] = weakref.WeakKeyDictionary()


@ft.component
def Views(router: Any, **options: Any) -> list[ft.View]:
    """The page's views, rendered by navkit: ``page.render_views(navkit.Views, router)``.

    Args:
        router: The app's :class:`~navkit.Router`.
        **options: Given to :meth:`~navkit.Router.attach` (``strategy``,
            ``base_path``, ``pending_indicator``...).

    Returns:
        A placeholder view at the page's route, until navkit shows the stack
        (the next update).
    """
    page = ft.context.page
    try:  # a mistyped option fails here, in the app's render_views call
        inspect.signature(router.attach).bind(page, **options)
    except TypeError as error:
        raise TypeError(f"navkit.Views(router, ...): {error} (router.attach's options)") from None
    placeholder = [ft.View(route=page.route or "/")]
    if page in _handing_over:  # the app's root rendered again while the first page builds
        _contexts[page] = _provided_above()  # the latest, for the levels built from now on
        return placeholder
    if has_navigator(page):
        raise NavkitError(
            "navkit is already attached to this page (router.attach or navkit.run): "
            "one of them must own page.views. Keep one: render navkit.Views with "
            "page.render_views, or attach the router, not both."
        )
    _contexts[page] = _provided_above()

    def take_over() -> None:
        if has_navigator(page):
            return  # mounted twice before the hand-over landed
        token = _attaching.set(True)
        waiting = _waiting.pop(page, None)
        try:
            navigator = router.attach(page, **options)
        except Exception as error:  # a route the table refuses: main(page, nav) hears it too
            if waiting is not None and not waiting.done():
                waiting.set_exception(error)
            raise
        finally:
            _attaching.reset(token)
        _handing_over.add(page)
        if waiting is not None and not waiting.done():
            waiting.set_result(navigator)

    ft.use_effect(take_over, [])
    return placeholder


def _provided_above() -> dict[Any, Any]:
    """The contexts provided to the component rendering now (the nearest value of each)."""
    provided: dict[Any, Any] = {}
    component: Any = current_component()
    while component is not None:
        for key, value in component._contexts.items():
            provided.setdefault(key, value)
        parent = component._parent_component
        component = parent() if parent is not None else None
    return provided


def is_views_root(views: Any) -> bool:
    """Whether ``page.views`` is a :func:`Views` still waiting to hand the page over
    (rendered alone, or as the body of the app's root component)."""
    for _ in range(_DEEPEST_ROOT):
        if isinstance(views, list) and len(views) == 1:
            views = views[0]
        if not isinstance(views, Component):
            return False
        if views.fn is _VIEWS_FN:
            return True
        views = views._b
    return False


_VIEWS_FN = getattr(Views, "__component_impl__", None)
# How many components may wrap Views (App -> Providers -> Views).
_DEEPEST_ROOT = 16


def refuse_views_root(page: Any) -> None:
    """``page`` renders :func:`Views`, which attaches navkit itself: refuse anyone else.

    Raises:
        NavkitError: ``page.views`` is a :func:`Views` still to hand over.
    """
    if is_views_root(page.views) and not _attaching.get():
        raise NavkitError(
            "this page renders navkit.Views, which attaches navkit itself once mounted: "
            "give your options to navkit.Views(router, strategy=..., ...) instead of "
            "calling router.attach(page)."
        )


def app_contexts(page: Any) -> dict[Any, Any]:
    """The contexts the app provided above ``page``'s :func:`Views` (none: empty)."""
    return _contexts.get(page, {}) if page is not None else {}


async def navigator_when_attached(page: ft.Page) -> Navigator:
    """``page``'s navigator, once :func:`Views` has attached it."""
    if has_navigator(page):
        return navigator_of(page)
    waiting = _waiting.get(page)
    if waiting is None:
        waiting = _waiting[page] = asyncio.get_running_loop().create_future()
    return await waiting


def uses_components(router: Any) -> bool:
    """Whether every route's view is an ``@ft.component``: ``navkit.run`` renders
    those apps with :func:`Views`, in Flet's components mode.

    An app that mixes them is attached instead: components work in its views
    as well, and its imperative views keep Flet's auto-update after events,
    which components mode turns off for the whole session.
    """
    views = [route.view for route in router.routes() if route.options.redirect_to is None]
    return bool(views) and all(getattr(view, "__is_component__", False) for view in views)
