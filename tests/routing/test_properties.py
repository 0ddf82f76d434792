"""Properties that are the specification itself.

* ``match(url_for(e, **p))`` gives back ``e`` and ``p``.
* The compiled matcher agrees with the brute-force reference on random
  tables and random paths.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from navkit import BuildError, RouteError
from navkit.routing.table import RouteTable
from tests.routing.reference_matcher import reference_match

SEGMENT_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda text: text not in (".", ".."))

VALUE_STRATEGIES: dict[str, st.SearchStrategy[Any]] = {
    "str": SEGMENT_TEXT,
    "int": st.integers(min_value=-(10**18), max_value=10**18),
    "float": st.floats(allow_nan=False, allow_infinity=False),
    "uuid": st.uuids(),
    "bool": st.booleans(),
}
TYPES = {"str": str, "int": int, "float": float, "uuid": uuid.UUID, "bool": bool}


@st.composite
def endpoint_and_values(draw: st.DrawFn) -> tuple[RouteTable, str, dict[str, Any]]:
    """A single-route router with typed path params, and values for them."""
    count = draw(st.integers(min_value=0, max_value=3))
    statics = draw(
        st.lists(
            st.sampled_from(["a", "shop", "café", "x-y"]), min_size=count + 1, max_size=count + 1
        )
    )
    kinds = draw(
        st.lists(st.sampled_from(sorted(VALUE_STRATEGIES)), min_size=count, max_size=count)
    )
    tail = draw(st.sampled_from([None, "path", "list"]))
    parts = [f"/{statics[0]}"]
    converters: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for index, kind in enumerate(kinds):
        parts.append(f"/{statics[index + 1]}/:p{index}")
        converters[f"p{index}"] = TYPES[kind]
        values[f"p{index}"] = draw(VALUE_STRATEGIES[kind])
    if tail == "path":
        parts.append("/:rest+")
        values["rest"] = "/".join(
            draw(st.lists(SEGMENT_TEXT.filter(lambda t: "/" not in t), min_size=1, max_size=4))
        )
    elif tail == "list":
        parts.append("/:items+")
        converters["items"] = list[int]
        values["items"] = draw(st.lists(st.integers(), min_size=1, max_size=4))
    extra = draw(st.dictionaries(st.sampled_from(["q", "page", "sort"]), SEGMENT_TEXT, max_size=2))
    router = RouteTable()
    router.add_route(
        "".join(parts), lambda **kwargs: None, endpoint="target", converters=converters
    )
    return router, "target", {**values, **extra}


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(endpoint_and_values())
def test_match_of_url_for_gives_back_endpoint_and_values(
    case: tuple[RouteTable, str, dict[str, Any]],
) -> None:
    router, endpoint, values = case
    address = router.url_for(endpoint, **values)
    assert address.isascii() and "#" not in address
    match = router.match(address)
    assert match is not None, address
    assert match.endpoint == endpoint
    path_values = {name: value for name, value in values.items() if name in match.params}
    assert dict(match.params) == path_values
    query = dict(match.query)
    assert query == {name: value for name, value in values.items() if name not in match.params}


# -- compiled matcher vs reference ----------------------------------------

PARAM_FORMS = [":{n}", r":{n}(\d+)", ":{n}?", ":{n}(a|b)", "v:{n}(\\d+)"]
TAIL_FORMS = [":{n}*", ":{n}+", ":{n}(.*)"]
STATICS = ["a", "b", "1", "42"]


@st.composite
def route_tables(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    table = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        segments = []
        converters: dict[str, Any] = {}
        for index in range(draw(st.integers(min_value=0, max_value=3))):
            if draw(st.booleans()):
                segments.append(draw(st.sampled_from(STATICS)))
                continue
            form = draw(st.sampled_from(PARAM_FORMS))
            segments.append(form.format(n=f"p{index}"))
            if form == ":{n}" and draw(st.booleans()):
                converters[f"p{index}"] = int
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            segments.append(draw(st.sampled_from(TAIL_FORMS)).format(n="rest"))
            if draw(st.booleans()):
                segments.append(draw(st.sampled_from(STATICS)))  # a tail in the middle
        table.append(("/" + "/".join(segments), converters))
    return table


PATH_PIECES = ["a", "b", "1", "42", "v7", "x", "%2F", "", "a%2Fb", "é"]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    route_tables(),
    st.lists(st.lists(st.sampled_from(PATH_PIECES), max_size=5), max_size=6),
    st.randoms(),
)
def test_compiled_matcher_agrees_with_reference(
    table: list[tuple[str, dict[str, Any]]], paths: list[list[str]], random: Any
) -> None:
    router = RouteTable()
    for index, (template, converters) in enumerate(table):
        try:
            router.add_route(
                template, lambda **kwargs: None, endpoint=f"e{index}", converters=converters
            )
        except RouteError:
            continue  # a conflict with an earlier template of the table
    candidates = ["/" + "/".join(pieces) for pieces in paths]
    # Addresses built from the table's own templates hit more routes.
    for route in router.routes():
        candidates.append(route.template.source.replace(":", "").replace("?", ""))
    for path in candidates:
        expected = reference_match(router, path)
        actual = router.match(path)
        if expected is None:
            assert actual is None, (path, actual)
            continue
        assert actual is not None, (path, expected[0])
        assert (actual.route, dict(actual.params)) == expected, path


def test_reference_agrees_on_a_known_case() -> None:
    router = RouteTable()
    router.add_route("/a/:x", lambda x: None, endpoint="plain")
    router.add_route(r"/a/:x(\d+)", lambda x: None, endpoint="digits")
    found = reference_match(router, "/a/12")
    assert found is not None and found[0].endpoint == "digits"
    assert router.match("/a/12").endpoint == "digits"  # type: ignore[union-attr]


# -- several parameters in one segment: url_for never builds a misreading ----

# Templates whose parameters share a segment, so a value may hold the
# separator the next one starts at. (template, converters)
SHARED_SEGMENT_TEMPLATES: list[tuple[str, dict[str, Any]]] = [
    ("/f/:name.:ext", {}),
    ("/g/:a-:b", {}),
    ("/h/:a.:b.:c", {}),
    ("/d/:y-:m", {"y": int, "m": int}),
    ("/p/:slug.:fmt(json|xml)?", {}),
    (r"/r/:lo(\d+)-:hi(\d+)", {"lo": int, "hi": int}),
    ("/n/:x-:y", {"x": float, "y": float}),
]
PIECE_TEXT = st.text(alphabet="ab.-/%é 1", min_size=1, max_size=6)


@st.composite
def shared_segment_values(draw: st.DrawFn) -> tuple[int, dict[str, Any]]:
    index = draw(st.integers(min_value=0, max_value=len(SHARED_SEGMENT_TEMPLATES) - 1))
    template, converters = SHARED_SEGMENT_TEMPLATES[index]
    values: dict[str, Any] = {}
    for name in [part[1:].split("(")[0].rstrip("?") for part in _param_tokens(template)]:
        kind = converters.get(name, str)
        if kind is int:
            values[name] = draw(st.integers(min_value=-50, max_value=10**6))
        elif kind is float:
            values[name] = draw(st.floats(allow_nan=False, allow_infinity=False))
        elif name == "fmt":
            values[name] = draw(st.sampled_from([None, "json", "xml", "a"]))
        else:
            values[name] = draw(PIECE_TEXT)
    return index, values


def _param_tokens(template: str) -> list[str]:
    return re.findall(r":\w+(?:\([^)]*\))?\??", template)


def _shared_segment_router() -> RouteTable:
    router = RouteTable()
    for index, (template, converters) in enumerate(SHARED_SEGMENT_TEMPLATES):
        router.add_route(
            template, lambda **kwargs: None, endpoint=f"e{index}", converters=converters
        )
    return router


SHARED_SEGMENT_ROUTER = _shared_segment_router()


@given(shared_segment_values())
def test_url_for_with_shared_segments_builds_only_what_reads_back(
    case: tuple[int, dict[str, Any]],
) -> None:
    index, values = case
    endpoint = f"e{index}"
    try:
        address = SHARED_SEGMENT_ROUTER.url_for(endpoint, **values)
    except BuildError:
        event("refused")
        return  # refused: nothing was built that could be misread
    event("built")
    match = SHARED_SEGMENT_ROUTER.match(address)
    assert match is not None, address
    assert match.endpoint == endpoint
    given_values = {name: value for name, value in values.items() if value is not None}
    assert {k: v for k, v in match.params.items() if v is not None} == given_values, address


# -- a match builds its own address back ----------------------------------

# Left out: "%2F", which a multi-segment str value decodes to "/" (url_for
# then writes a separator), and "" -- a value spanning segments, as repath
# reads it, takes a trailing slash ("/:rest(.*)" at "/a/" gives "a/"),
# which url_for cannot write. Both are known limits of such values.
BUILDABLE_PIECES = [piece for piece in PATH_PIECES if "%2F" not in piece and piece]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    route_tables(),
    st.lists(st.lists(st.sampled_from([*BUILDABLE_PIECES, "-1", "12345"]), max_size=5), max_size=6),
)
# Found by a fresh-clone run: an optional value before a typed one. The
# matcher reads p0 as absent (p1 refuses "a"); url_for's check must read the
# same way, not with the template's first expression alone.
@example([("/:p0?/:p1/:p2?/:rest(.*)", {"p1": int})], [["1", "a", "a"]])
def test_url_for_of_a_match_gives_the_match_back(
    table: list[tuple[str, dict[str, Any]]], paths: list[list[str]]
) -> None:
    router = RouteTable()
    for index, (template, converters) in enumerate(table):
        try:
            router.add_route(
                template, lambda **kwargs: None, endpoint=f"e{index}", converters=converters
            )
        except RouteError:
            continue  # a conflict with an earlier template of the table
    candidates = ["/" + "/".join(pieces) for pieces in paths]
    candidates += [route.template.source.split("/:")[0] or "/" for route in router.routes()]
    for path in candidates:
        match = router.match(path)
        if match is None:
            continue
        address = router.url_for(match.endpoint, **match.params)
        again = router.match(address)
        assert again is not None, (path, address)
        assert (again.route, dict(again.params)) == (match.route, dict(match.params)), address
