"""What an app sees on its navigator and router: the user's API, and only that.

The binding's entry points (a route change heard, a view closed by the
user, the page starting or closing) and the table's lookups for the
navigation (prefixes, shells' places, guards per route) are not on these
objects; a change to what is here is a change to the public API.
"""

from __future__ import annotations

import navkit


def public(cls: type) -> list[str]:
    return sorted(name for name in dir(cls) if not name.startswith("_"))


def test_a_navigator_shows_navigation_and_what_is_shown() -> None:
    assert public(navkit.Navigator) == [
        "address",
        "back",
        "branch",
        "can_pop",
        "current",
        "forward",
        "go",
        "history",
        "href",
        "in_flight",
        "invalidate",
        "last_source",
        "on_leave",
        "open_url",
        "page",
        "parked_stacks",
        "pop",
        "pop_until",
        "preload",
        "push_for_result",
        "refresh",
        "replace",
        "router",
        "snapshot",
        "stack",
        "state",
        "strategy",
        "surface",
        "switch_branch",
        "task",
        "tracer",
        "update_query",
        "view_loads",
    ]


def test_a_router_shows_flasks_surface_and_attach() -> None:
    assert public(navkit.Router) == [
        "add_converter",
        "add_route",
        "attach",
        "check",
        "converters",
        "errorhandler",
        "guard",
        "match",
        "register_blueprint",
        "route",
        "routes",
        "routes_for",
        "url_for",
    ]


def test_navkit_exports_what_an_app_needs_and_no_internals() -> None:
    assert navkit.__all__ == [
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
    # every name is there (navkit.testing on first use)
    assert all(getattr(navkit, name) is not None for name in navkit.__all__)
    # the values passed between layers stay importable from their modules
    from navkit.navigation.values import FailedLevel, FoundLevel, InFlight
    from navkit.routing.location import Location

    internals = {FailedLevel, FoundLevel, InFlight, Location}
    assert not {kind.__name__ for kind in internals} & set(navkit.__all__)
    assert not {"Level", "HistoryState", "UrlStrategy"} & set(navkit.__all__)


class Count(int):
    """An app's own type, converted by a built-in converter."""


def test_a_built_in_converter_from_navkit_serves_an_apps_type() -> None:
    router = navkit.Router()
    router.add_converter(Count, navkit.IntConverter())

    @router.route("/count/:n")
    def count(n: Count) -> list[object]:
        return []

    match = router.match("/count/42")
    assert match is not None and match.params == {"n": 42}
    assert router.url_for("count", n=7) == "/count/7"
