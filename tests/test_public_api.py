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
