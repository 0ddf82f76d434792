"""Mistakes refused where they are written: Flask-style templates and bare decorators."""

from __future__ import annotations

import re
import uuid
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.routing import Map, Rule

import navkit
from navkit import RouteError
from navkit.routing.templates import parse_template


def _view(**_values: Any) -> None:
    """A view taking whatever a template gives."""


def refusal(template: str) -> str:
    """The message a router gives for ``template`` (it must refuse it)."""
    with pytest.raises(RouteError) as info:
        navkit.Router().add_route(template, _view)
    return str(info.value)


def suggested(message: str) -> str:
    found = re.search(r"use '([^']*)'", message)
    assert found is not None, message
    return found.group(1)


def suggested_converters(message: str) -> dict[str, Any]:
    """The ``converters={...}`` a message suggests, read as the Python it is."""
    found = re.search(r"converters=(\{[^}]*\})\)", message)
    if found is None:
        return {}
    namespace = {"int": int, "float": float, "uuid": uuid, "Literal": Literal}
    converters: dict[str, Any] = eval(found.group(1), namespace)  # our own message
    return converters


# -- Flask-style templates -----------------------------------------------------


@pytest.mark.parametrize(
    ("template", "suggestion", "hint"),
    [
        ("/t/<int:x>", "/t/:x", "with the annotation x: int (or converters={'x': int})"),
        ("/users/<name>", "/users/:name", None),
        ("/users/<string:name>/edit", "/users/:name/edit", None),
        ("/docs/<path:p>", "/docs/:p+", "':p+' takes one segment or more, ':p*' none or more"),
        ("/price/<float:amount>", "/price/:amount", "amount: float"),
        ("/o/<uuid:order>", "/o/:order", "order: uuid.UUID"),
        ("/sort/<any(new, 'top'):by>", "/sort/:by", "by: Literal['new', 'top']"),
        ("/v<int:n>x", "/v:n([^/]+?)x", "n: int"),  # ':nx' would be another name
        ("/f/<name>.<ext>", "/f/:name.:ext", None),
        ("/p/<int(min=1):page>", "/p/:page", "have no template spelling"),
        ("/s/<slug:s>", "/s/:s", "register your 'slug' converter with router.add_converter"),
    ],
)
def test_flask_placeholders_are_refused_with_the_expressjs_spelling(
    template: str, suggestion: str, hint: str | None
) -> None:
    message = refusal(template)
    assert f"route template {template!r} uses Flask's placeholder syntax" in message
    assert suggested(message) == suggestion
    assert hint is None or hint in message
    parse_template(suggestion)  # the template suggested is one navkit takes


@pytest.mark.parametrize(
    "template",
    [
        "/a<b",  # a lone '<' is text
        "/cmp/<",
        "/x/<1>",  # not a name
        "/x/< y>",
        r"/x/:id(<b>|<i>)",  # inside a constraint: the regex's own text
    ],
)
def test_other_angle_brackets_are_left_alone(template: str) -> None:
    router = navkit.Router()
    router.add_route(template, _view, endpoint="e")
    assert [route.template.source for route in router.routes()] == [template]


def test_a_blueprint_refuses_it_where_the_route_is_written() -> None:
    shop = navkit.Blueprint("shop", url_prefix="/shop")
    with pytest.raises(RouteError, match=r"use '/items/:item_id'"):

        @shop.route("/items/<int:item_id>")
        def item(item_id: int) -> None: ...

    with pytest.raises(RouteError, match=r"use '/u/:user'"):
        navkit.Blueprint("users", url_prefix="/u/<user>")
    router = navkit.Router()
    with pytest.raises(RouteError, match=r"use '/u/:user'"):
        router.register_blueprint(navkit.Blueprint("users"), url_prefix="/u/<user>")
    assert list(router.routes()) == []


def test_a_shell_destination_with_a_flask_placeholder_is_refused() -> None:
    tabs = navkit.Shell("tabs")
    with pytest.raises(RouteError, match="must be a path without parameters"):
        tabs.branch("feed", label="Feed", icon=None, route="/feed/<tab>")
    assert tabs.branches == []


# What a Flask placeholder is written as, how Werkzeug builds its values.
_SIMPLE = st.from_regex(r"[a-z0-9]{1,5}", fullmatch=True)
_CONVERTERS: dict[str, Any] = {
    "": _SIMPLE,
    "string:": _SIMPLE,
    "int:": st.integers(0, 10**6),
    "float:": st.integers(0, 9999).map(lambda n: n / 10 + 0.05),
    "uuid:": st.uuids(),
}


@st.composite
def flask_templates(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A Flask template with 1-4 placeholders, and values Werkzeug can build it with.

    Placeholders take a whole segment or share it with text; each follows a
    static segment, so that no value is ambiguous between Werkzeug's
    greedy and repath's lazy patterns.
    """
    count = draw(st.integers(1, 4))
    pieces: list[str] = []
    values: dict[str, Any] = {}
    for index in range(count):
        name = f"p{index}"
        pieces.append("/" + draw(st.from_regex(r"[a-z]{1,4}", fullmatch=True)))
        kind = draw(st.sampled_from(["whole", "whole", "within", "any", "path"]))
        # A path placeholder ends the template.
        if kind == "path" and index == count - 1:
            segments = draw(st.lists(st.from_regex(r"[0-9]{1,3}", fullmatch=True), min_size=1))
            pieces.append(f"/<path:{name}>")
            values[name] = "/".join(segments)
        elif kind == "any":
            choices = draw(
                st.lists(st.from_regex(r"[a-z]{2,4}", fullmatch=True), min_size=2, unique=True)
            )
            pieces.append(f"/<any({', '.join(repr(c) for c in choices)}):{name}>")
            values[name] = draw(st.sampled_from(choices))
        else:
            converter = draw(st.sampled_from(sorted(_CONVERTERS)))
            placeholder = f"<{converter}{name}>"
            if kind == "within":  # text around it in its segment
                before = draw(st.from_regex(r"[a-z]{0,2}", fullmatch=True))
                after = draw(st.sampled_from(["", "-ab", ".x", "q"]))
                placeholder = f"{before}{placeholder}{after}"
            pieces.append("/" + placeholder)
            values[name] = draw(_CONVERTERS[converter])
    return "".join(pieces), values


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(flask_templates())
def test_the_suggestion_matches_what_the_flask_template_matches(
    case: tuple[str, dict[str, Any]],
) -> None:
    """Refused, and the template and converters suggested take the same addresses.

    Werkzeug (Flask's router) builds an address from the Flask template;
    navkit, with the suggestion, matches it with the same values, and builds
    the same address back.
    """
    template, values = case
    message = refusal(template)
    adapter = Map([Rule(template, endpoint="flask")]).bind("localhost")
    address = adapter.build("flask", values)
    expected = adapter.match(address)[1]

    router = navkit.Router()
    router.add_route(
        suggested(message), _view, endpoint="mine", converters=suggested_converters(message)
    )
    match = router.match(address)
    assert match is not None, (template, suggested(message), address)
    assert dict(match.params) == expected
    assert router.url_for("mine", **expected) == address


@given(
    st.text(alphabet="ab/:-._<>", max_size=12),
    st.sampled_from(["<x>", "<int:x>", "<path:x>", "<any(a,b):x>", "<c(1):x>"]),
    st.text(alphabet="ab/:-._<>", max_size=12),
)
def test_any_template_holding_a_flask_placeholder_is_refused(
    before: str, placeholder: str, after: str
) -> None:
    template = "/" + before + placeholder + after
    with pytest.raises(RouteError) as info:
        parse_template(template)
    # Refused for the placeholder, whatever else is wrong: that is checked first.
    assert "Flask's placeholder syntax" in str(info.value)


# -- bare decorators ------------------------------------------------------------


def test_a_bare_route_decorator_is_refused_and_registers_nothing() -> None:
    router = navkit.Router()
    with pytest.raises(RouteError) as info:

        @router.route  # type: ignore[arg-type]
        def home() -> None: ...

    assert str(info.value) == (
        '@router.route needs its argument: write @router.route("/path") above def home; '
        "used bare, it would register nothing and replace 'home'"
    )
    assert list(router.routes()) == []


@pytest.mark.parametrize("kind", ["blueprint", "branch", "table"])
def test_a_bare_route_decorator_is_refused_everywhere(kind: str) -> None:
    router = navkit.Router()
    shell = navkit.Shell("tabs")
    owners: dict[str, Any] = {
        "blueprint": navkit.Blueprint("shop"),
        "branch": shell.branch("feed", label="Feed", icon=None, route="/feed"),
        "table": router.table,
    }
    shell.branch("more", label="More", icon=None, route="/more")
    written = {"blueprint": "@blueprint.route", "branch": "@branch.route"}.get(
        kind, "@router.route"
    )
    with pytest.raises(RouteError, match=re.escape(f'write {written}("/path") above def item')):

        @owners[kind].route
        def item() -> None: ...

    router.register_blueprint(owners["blueprint"])
    router.register_blueprint(shell)
    assert list(router.routes()) == []


@pytest.mark.parametrize("owner", [navkit.Router(), navkit.Blueprint("shop")])
def test_a_bare_errorhandler_is_refused(owner: Any) -> None:
    with pytest.raises(RouteError, match=r"errorhandler\(404\) above def not_found"):

        @owner.errorhandler
        def not_found(error: Any) -> None: ...

    handlers = (
        owner.table.error_handlers if isinstance(owner, navkit.Router) else owner.error_handlers
    )
    assert handlers == {}


@pytest.mark.parametrize("owner", [navkit.Router(), navkit.Blueprint("shop")])
def test_add_route_with_the_view_first_is_refused(owner: Any) -> None:
    def home() -> None: ...

    with pytest.raises(RouteError, match=re.escape('write add_route("/path", home)')):
        owner.add_route(home)
    with pytest.raises(RouteError, match="where the template goes"):
        owner.add_route(home, "/")
    assert not list(getattr(owner, "routes", list)())  # nothing registered


def test_an_errorhandler_for_an_exception_class_says_to_use_its_code() -> None:
    router = navkit.Router()
    with pytest.raises(RouteError, match=r"HTTP status code such as 404 \(NotFound\.code\)"):

        @router.errorhandler(navkit.NotFound)  # type: ignore[arg-type]
        def not_found(error: Any) -> None: ...

    assert router.table.error_handlers == {}


@pytest.mark.parametrize("code", [200, 302, 0, -1, 999, True])
def test_codes_that_are_no_errors_are_refused(code: int) -> None:
    router = navkit.Router()
    with pytest.raises(ValueError, match="400 to 599"):
        navkit.abort(code)
    with pytest.raises(RouteError, match="errorhandler"):
        router.errorhandler(code)
    assert not router.table.error_handlers  # nothing registered
