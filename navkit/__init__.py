"""navkit: client-side navigation for Flet apps.

Routes are ExpressJS-style templates (``/users/:id``) bound to view functions,
with Flask's endpoints, ``url_for``, blueprints and typed converters. A
router attached to a page keeps the page's view stack a function of its
route: ``/store/42`` shows Home, Store and Item, and back walks the stack.

``navkit.testing`` (imported on first use) drives a real ``ft.Page`` with a
stand-in for Flet's client, for tests without a browser.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from navkit.binding import navigator_of, run
from navkit.blueprints import Blueprint
from navkit.converters import Converter
from navkit.errors import (
    AddressError,
    BadRequest,
    BuildError,
    Forbidden,
    HTTPError,
    InternalServerError,
    NavkitError,
    NotFound,
    Redirect,
    RouteError,
    abort,
    redirect,
)
from navkit.guards import Navigation, safe_next
from navkit.history import BrowserHistory, History, HistoryState, MemoryHistory
from navkit.location import Location
from navkit.navigator import Navigator, Source
from navkit.router import Router
from navkit.routes import Match, Route
from navkit.stack import Level
from navkit.urls import UrlStrategy

__all__ = [
    "AddressError",
    "BadRequest",
    "Blueprint",
    "BrowserHistory",
    "BuildError",
    "Converter",
    "Forbidden",
    "HTTPError",
    "History",
    "HistoryState",
    "InternalServerError",
    "Level",
    "Location",
    "Match",
    "MemoryHistory",
    "Navigation",
    "Navigator",
    "NavkitError",
    "NotFound",
    "Redirect",
    "Route",
    "RouteError",
    "Router",
    "Source",
    "UrlStrategy",
    "abort",
    "navigator_of",
    "redirect",
    "run",
    "safe_next",
    "testing",
]


def __getattr__(name: str) -> ModuleType:
    # navkit.testing needs msgpack and defines a pytest fixture: load on demand.
    if name == "testing":
        return importlib.import_module("navkit.testing")
    raise AttributeError(f"module 'navkit' has no attribute {name!r}")
