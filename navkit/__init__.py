"""navkit: client-side navigation for Flet apps.

Routes are ExpressJS-style templates (``/users/:id``) bound to view functions,
with Flask's endpoints, ``url_for``, blueprints and typed converters.
"""

from __future__ import annotations

from navkit.blueprints import Blueprint
from navkit.converters import Converter
from navkit.errors import (
    BadRequest,
    BuildError,
    HTTPError,
    NavkitError,
    NotFound,
    RouteError,
)
from navkit.location import Location
from navkit.router import Router
from navkit.routes import Match, Route

__all__ = [
    "BadRequest",
    "Blueprint",
    "BuildError",
    "Converter",
    "HTTPError",
    "Location",
    "Match",
    "NavkitError",
    "NotFound",
    "Route",
    "RouteError",
    "Router",
]
