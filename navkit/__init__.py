"""navkit: client-side navigation for Flet apps.

Routes are ExpressJS-style templates (``/users/:id``) bound to view functions,
with Flask's endpoints, ``url_for``, blueprints and typed converters. A
router attached to a page keeps the page's view stack a function of its
route: ``/store/42`` shows Home, Store and Item, and back walks the stack.

``navkit.testing`` (imported on first use) drives a real ``ft.Page`` with a
stand-in for Flet's client, for tests without a browser.

``__all__`` is what an app needs (``tests/test_public_api.py`` lists it);
the values navkit passes between its layers (``Level``, ``InFlight``,
``Location``, ``HistoryState``, ``UrlStrategy``) stay importable from
their modules.
"""

from __future__ import annotations

import importlib
from types import ModuleType

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
from navkit.flet import JSON_STATE as JSON_STATE
from navkit.flet import Router as Router
from navkit.flet import StateCodec as StateCodec
from navkit.flet import link as link
from navkit.flet import navigator_of as navigator_of
from navkit.flet import run as run
from navkit.flet.confirm import confirm as confirm
from navkit.flet.declarative import Views as Views
from navkit.flet.hooks import Navigating as Navigating
from navkit.flet.hooks import use_branch as use_branch
from navkit.flet.hooks import use_leave_check as use_leave_check
from navkit.flet.hooks import use_level as use_level
from navkit.flet.hooks import use_loader_data as use_loader_data
from navkit.flet.hooks import use_navigation as use_navigation
from navkit.flet.hooks import use_navigator as use_navigator
from navkit.flet.hooks import use_params as use_params
from navkit.flet.hooks import use_query as use_query
from navkit.flet.hooks import use_route as use_route
from navkit.flet.webclient import web_assets as web_assets
from navkit.navigation.browser import BrowserHistory as BrowserHistory
from navkit.navigation.browser import PushOnlyHistory as PushOnlyHistory
from navkit.navigation.guards import never_refuses as never_refuses
from navkit.navigation.history import History as History
from navkit.navigation.history import MemoryHistory as MemoryHistory
from navkit.navigation.navigator import Navigator as Navigator
from navkit.navigation.outcomes import Cancelled as Cancelled
from navkit.navigation.outcomes import Failed as Failed
from navkit.navigation.outcomes import Landed as Landed
from navkit.navigation.outcomes import NavigationOutcome as NavigationOutcome
from navkit.navigation.outcomes import Pending as Pending
from navkit.navigation.outcomes import Refused as Refused
from navkit.navigation.values import Matched as Matched
from navkit.navigation.values import Navigation as Navigation
from navkit.navigation.values import Source as Source
from navkit.routing.blueprints import Blueprint as Blueprint
from navkit.routing.converters import BoolConverter as BoolConverter
from navkit.routing.converters import Converter as Converter
from navkit.routing.converters import EnumConverter as EnumConverter
from navkit.routing.converters import FloatConverter as FloatConverter
from navkit.routing.converters import IntConverter as IntConverter
from navkit.routing.converters import ListConverter as ListConverter
from navkit.routing.converters import LiteralConverter as LiteralConverter
from navkit.routing.converters import PathConverter as PathConverter
from navkit.routing.converters import StrConverter as StrConverter
from navkit.routing.converters import UUIDConverter as UUIDConverter
from navkit.routing.location import safe_next as safe_next
from navkit.routing.options import RouteOptions as RouteOptions
from navkit.routing.routes import Match as Match
from navkit.routing.routes import Route as Route
from navkit.routing.shells import Branch as Branch
from navkit.routing.shells import Place as Place
from navkit.routing.shells import Shell as Shell

__all__ = [
    "JSON_STATE",
    "AddressError",
    "BadRequest",
    "Blueprint",
    "BoolConverter",
    "Branch",
    "BrowserHistory",
    "BuildError",
    "Cancelled",
    "Converter",
    "EnumConverter",
    "Failed",
    "FloatConverter",
    "Forbidden",
    "HTTPError",
    "History",
    "IntConverter",
    "InternalServerError",
    "Landed",
    "ListConverter",
    "LiteralConverter",
    "Match",
    "Matched",
    "MemoryHistory",
    "Navigating",
    "Navigation",
    "NavigationOutcome",
    "Navigator",
    "NavkitError",
    "NotFound",
    "PathConverter",
    "Pending",
    "Place",
    "PushOnlyHistory",
    "Redirect",
    "Refused",
    "Route",
    "RouteError",
    "RouteOptions",
    "Router",
    "Shell",
    "Source",
    "StateCodec",
    "StrConverter",
    "UUIDConverter",
    "Views",
    "abort",
    "confirm",
    "link",
    "navigator_of",
    "never_refuses",
    "redirect",
    "run",
    "safe_next",
    "testing",
    "use_branch",
    "use_leave_check",
    "use_level",
    "use_loader_data",
    "use_navigation",
    "use_navigator",
    "use_params",
    "use_query",
    "use_route",
    "web_assets",
]


def __getattr__(name: str) -> ModuleType:
    # navkit.testing needs msgpack and defines a pytest fixture: load on demand.
    if name == "testing":
        return importlib.import_module("navkit.testing")
    raise AttributeError(f"module 'navkit' has no attribute {name!r}")
