"""Change some keys of an address's query and keep the rest (``nav.update_query``).

``?sort=title&page=2`` with ``page=3`` is ``?sort=title&page=3``: the other
keys keep their place and text, the changed key its position. Values are
written as ``url_for`` writes them (:func:`~navkit.routing.building.encode_query`),
so a field of a query dataclass equal to its default disappears.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from navkit.errors import BuildError
from navkit.routing.building import encode_query
from navkit.routing.converters import ConverterRegistry
from navkit.routing.location import Location, parse_query
from navkit.routing.routes import Route

__all__ = ["with_query"]


def with_query(
    address: str, route: Route | None, registry: ConverterRegistry, changes: Mapping[str, Any]
) -> str:
    """``address`` with the query keys in ``changes`` set, every other key kept where it was.

    A changed key takes the place of its first occurrence; a new one goes
    last. None, or a value equal to its field's default (a query
    dataclass), removes the key.

    Raises:
        BuildError: ``route`` takes its query as a dataclass that has no
            field (and the view no parameter) of a key in ``changes``.
    """
    model = route.query_model if route is not None else None
    if model is not None:
        instance = changes.get(model.parameter)
        if isinstance(instance, model.cls):  # the whole query as one value
            fields = {f.name: getattr(instance, f.name) for f in model.fields}
            changes = {**{k: v for k, v in changes.items() if k != model.parameter}, **fields}
    if route is not None and model is not None:
        known = model.names | {param.name for param in route.query}
        # None removes a key, whatever it is (a stray one included).
        unknown = sorted(
            key for key, value in changes.items() if key not in known and value is not None
        )
        if unknown:
            close = difflib.get_close_matches(unknown[0], known, n=1)
            raise BuildError(
                f"the query of {route.endpoint!r} has no key {unknown[0]!r} "
                f"(it reads {sorted(known)}).",
                endpoint=route.endpoint,
                suggestion=close[0] if close else None,
            )
    location = Location.parse(address)
    try:
        given = parse_query(location.query)
    except ValueError:
        given = []  # a malformed query is replaced whole
    pairs: list[tuple[str, Any]] = []
    placed: set[str] = set()  # changed keys written already (at their first place)
    for key, value in given:
        if key not in changes:
            pairs.append((key, value))
        elif key not in placed:
            placed.add(key)
            pairs.append((key, changes[key]))
    pairs.extend((key, value) for key, value in changes.items() if key not in placed)
    query = encode_query(pairs, route, registry)
    return str(Location(location.path, query, location.fragment))
