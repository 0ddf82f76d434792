"""A brute-force reference matcher: repath's regex for every route, best rank wins.

It shares nothing with navkit's matcher except the definition of a match:

* repath's pattern applied to the semi-decoded path (decoded, with ``%`` and
  ``/`` inside a segment still written ``%25`` / ``%2F``);
* every captured value converted by the route's converter;
* converters constrain matching, as Werkzeug's do: when a whole-segment
  optional parameter's value is refused, the reading without it is tried
  (each variant is a repath template of its own, tried present-first);
* the highest ``Route.key`` wins.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import repath

from navkit.routing.location import strict_unquote
from navkit.routing.routes import Route
from navkit.routing.table import RouteTable


def _semi_path(path: str) -> str | None:
    if not path.startswith("/"):
        return None
    try:
        decoded = [strict_unquote(segment) for segment in path.split("/")]
    except ValueError:
        return None
    return "/".join(s.replace("%", "%25").replace("/", "%2F") for s in decoded)


def _variants(template: str) -> list[str]:
    """The template, then the template without each optional '/:name?' (present first)."""
    optional = re.findall(r"/:\w+(?:\([^()]*\))?\?", template)
    variants = []
    for keep in itertools.product((True, False), repeat=len(optional)):
        variant = template
        for piece, kept in zip(optional, keep, strict=True):
            if not kept:
                variant = variant.replace(piece, "", 1)
        variants.append(variant or "/")
    return variants


def _match_route(route: Route, semi_path: str) -> dict[str, Any] | None:
    for variant in _variants(route.template.source):
        found = re.match(repath.pattern(variant), semi_path)
        if found is None:
            continue
        params = route.convert_groups(found.groupdict())
        if params is not None:
            return params
    return None


def reference_match(router: RouteTable, address: str) -> tuple[Route, dict[str, Any]] | None:
    path = address.partition("#")[0].partition("?")[0] or "/"
    if len(path) > router.max_path_length:
        return None
    semi_path = _semi_path(path)
    if semi_path is None:
        return None
    best: tuple[Route, dict[str, Any]] | None = None
    for route in router.routes():
        params = _match_route(route, semi_path)
        if params is not None and (best is None or route.key > best[0].key):
            best = (route, params)
    return best
