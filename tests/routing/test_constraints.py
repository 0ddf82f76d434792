"""Constraints run with RE2: hostile addresses cost time linear in their length.

Python's ``re`` backtracks, so ``(a+)+`` would take hours on an 8 KB
segment. navkit compiles every constraint with RE2 instead, which accepts
them all and never backtracks; what RE2 cannot run in linear time
(lookarounds, back references, possessive quantifiers) is refused when the
route is registered.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navkit import RouteError, Router

# Each of these, with ``re``, takes from 0.3 s to minutes on a 4 KB segment of
# its unit and a spoiler (repath's grammar has no groups inside a constraint).
HOSTILE_FOR_RE = [
    (r"\d+\d+", "1"),
    (r"[a-z]+[a-z]*[a-z]+", "a"),
    (r"[a1]*[a1]*[a1]*b", "a"),
    (r"\w+\d+\w+", "1"),
    (r"\d{1,300}\d{1,300}\d{1,300}", "1"),
]

NOT_RE2 = [r"a++", r"\d*+", r"a\1"]


def _router(template: str) -> Router:
    router = Router()
    router.add_route(template, lambda **values: None, endpoint="t")
    return router


def _fastest(router: Router, path: str) -> float:
    """The best of a few matches: what one costs, without the machine's noise."""
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        router.match(path)
        timings.append(time.perf_counter() - started)
    return min(timings)


@pytest.mark.parametrize(("pattern", "unit"), HOSTILE_FOR_RE)
def test_constraints_that_would_backtrack_match_hostile_text_in_linear_time(
    pattern: str, unit: str
) -> None:
    router = _router(f"/t/:code({pattern})")
    short, long = (_fastest(router, "/t/" + unit * size + "!") for size in (400, 4_000))
    # 10x the text: linear work is about 10x; ``re`` took 100x and more
    # (0.3 s to minutes at 4,000). A ratio, never a wall-clock bound.
    assert long < 40 * max(short, 1e-5), pattern


@pytest.mark.parametrize(
    "template", ["/t/:a(\\d+):b(\\d+)", "/e/:a*/:b*/x", "/t/:a(\\d{1,300}):b(\\d{1,300})"]
)
def test_parameters_side_by_side_match_hostile_text_in_linear_time(template: str) -> None:
    router = _router(template)
    timings = []
    for size in (400, 4_000):  # at most max_path_length: longer paths are not matched
        path = "/t/" + "1" * size + "!" if template.startswith("/t") else "/e" + "/a" * size
        timings.append(_fastest(router, path))
    assert timings[1] < 40 * max(timings[0], 1e-4), template


@pytest.mark.parametrize("pattern", NOT_RE2)
def test_constraints_re2_cannot_run_are_refused_by_name(pattern: str) -> None:
    router = Router()
    with pytest.raises(RouteError, match=r"constraint of 'code' is not a valid.*RE2"):
        router.add_route(f"/t/:code({pattern})", lambda **values: None, endpoint="t")
    assert list(router.routes()) == []


def test_digit_word_and_space_classes_match_unicode_as_in_python() -> None:
    router = _router(r"/t/:code(\d+):rest([\w\s]+)")
    found = router.match("/t/٣٤caf%C3%A9%C2%A0x")
    assert found is not None and found.params == {"code": "٣٤", "rest": "café\u00a0x"}
    assert router.match("/t/12-x") is None


@pytest.mark.parametrize(
    "template",
    ["/f/:name.:ext", r"/t/:a(\d+)-:b(\d+)", "/docs/:path*", "/:lang?/:page/:rest(.*)"],
)
def test_usual_templates_are_accepted(template: str) -> None:
    router = _router(template)
    assert [route.template.source for route in router.routes()] == [template]


ATOMS = st.sampled_from(["a", "b", "-", r"\.", "[ab]", "[^-]", r"\d", r"\w", "."])
QUANTIFIERS = st.sampled_from(["", "", "*", "+", "?", "{1,3}", "{2}"])


def _regexes() -> st.SearchStrategy[str]:
    quantified = st.builds(lambda atom, q: atom + q, ATOMS, QUANTIFIERS)
    sequence = st.lists(quantified, min_size=1, max_size=5).map("".join)
    return st.lists(sequence, min_size=1, max_size=3).map("|".join)


@given(
    pattern=_regexes(),
    unit=st.text("ab-.1 ", min_size=1, max_size=4),
    tail=st.text("ab-.1 !", max_size=3),
)
def test_every_constraint_matches_hostile_text_quickly(pattern: str, unit: str, tail: str) -> None:
    router = _router(f"/t/:code({pattern})/x")
    # a long segment: repetition, then a spoiler; and one a tenth as long
    short, long = (
        _fastest(router, f"/t/{unit * (size // len(unit)) + tail}/x") for size in (800, 8_000)
    )
    # 10x the text costs about 10x (``re`` took seconds on some): a ratio, not a clock
    assert long < 40 * max(short, 1e-4), pattern
