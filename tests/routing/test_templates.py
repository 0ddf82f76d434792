"""Template parsing: what repath accepts, and clear errors for what it should not."""

from __future__ import annotations

import pytest

from navkit import RouteError
from navkit.routing.templates import SegmentKind, parse_template


@pytest.mark.parametrize(
    ("template", "kinds", "needs_regex"),
    [
        ("/", [], False),
        ("/store", ["STATIC"], False),
        ("/store/", ["STATIC"], False),
        ("/store/:id", ["STATIC", "PARAM"], False),
        (r"/store/:id(\d+)", ["STATIC", "PARAM"], False),
        ("/users/:id?", ["STATIC", "PARAM"], False),
        ("/files/:rest*", ["STATIC", "TAIL"], False),
        ("/files/:rest+", ["STATIC", "TAIL"], False),
        (r"/v:n(\d+)/x", ["PATTERN", "STATIC"], False),
        (r"/f/:name.:ext(\w+)", ["STATIC", "PATTERN"], False),
        # repath's '.ext' default pattern [^.]+? can swallow '/': regex needed.
        ("/f/:name.:ext", ["STATIC", "PATTERN"], True),
        ("/a/:p(.*)/b", ["STATIC", "PATTERN", "STATIC"], True),
        ("/a/:rest*/edit", ["STATIC", "TAIL", "STATIC"], True),
    ],
)
def test_templates_are_classified_per_segment(
    template: str, kinds: list[str], needs_regex: bool
) -> None:
    parsed = parse_template(template)
    assert [segment.kind.name for segment in parsed.segments] == kinds
    assert parsed.needs_regex is needs_regex


def test_param_flags_follow_repath() -> None:
    parsed = parse_template(r"/a/:opt?/:num(\d+)/:rest*")
    opt, num, rest = parsed.params
    assert (opt.name, opt.optional, opt.repeat, opt.custom) == ("opt", True, False, False)
    assert (num.name, num.custom, num.pattern) == ("num", True, r"\d+")
    assert (rest.optional, rest.repeat) == (True, True)
    assert parsed.segments[-1].kind is SegmentKind.TAIL


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("store", "must start with '/'"),
        ("/a//b", "empty segment"),
        ("/a/:", "must be followed by a parameter name"),
        ("/a/:id(\\d+", "unbalanced"),
        ("/a/(\\d+)", "unnamed parameter"),
        ("/a/*", "unnamed parameter"),
        ("/a/:id/:id", "twice"),
        ("/a?x=1", "query string"),
        ("/a#top", "fragment"),
        ("/caf%C3%A9", "written decoded"),
        ("/a/:id([)", "not a valid regular expression"),
        ("/a/:1st", "Python identifier"),
        ("/a/:class", "Python identifier"),
    ],
)
def test_invalid_templates_raise_naming_the_template(template: str, message: str) -> None:
    with pytest.raises(RouteError, match=message) as caught:
        parse_template(template)
    assert repr(template) in str(caught.value)
