"""Constraints that could backtrack catastrophically are refused at registration."""

from __future__ import annotations

import re
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navkit import RouteError, Router
from navkit.routing.backtracking import backtracking_risk

# Each of these takes seconds to hours on an 8 KB segment (measured: the
# cubic one, minutes).
RISKY = [
    r"(a+)+",
    r"(\d{1,3})+",
    r"(a|ab)*",
    r"(a|a)*",
    r"(?:a*)*",
    r"(\w+\s?)+",
    r"^(([a-z])+.)+[A-Z]([a-z])+$",
    r"\d+\d+",
    r".*x.*",
    r"[a-z]+[a-z]*[a-z]+",
    r"[a-z]+(?:-[a-z]+)*[a-z]+",
    # Bounded, but wide enough to trade characters: 1.2 KB took 5 s.
    r"\d{1,3000}\d{1,3000}\d{1,3000}",
    r"\d{1,3000}\d{1,3000}",
    r"\d{1,3000}x?\d{1,3000}",
    r"[a-z0-9]{1,500}\d{1,500}",
    r"\d+\d{1,3000}",
    r"(?:\d{1,200}){1,2}\d{1,200}",
]

SAFE = [
    r"\d+",
    r"\d{3}",
    r"[a-z0-9]+(?:-[a-z0-9]+)*",  # the usual slug
    r"v\d+(?:\.\d+)*",
    r"\w+\.\w+",
    r"(?:\d+,)+",
    r"\d{4}-\d{2}-\d{2}",
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    r"en|fr|de",
    r"(?:en|fr)(?:-[A-Z]{2})?",
    # Small or separated bounds trade too few characters to matter.
    r"\d{1,3}-\d{1,3}",
    r"[a-z]{2}\d{2}",
    r"\d{1,3}\d{1,3}",
    r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}",
    r"[a-z]{1,3000}\d{1,3000}",
    r"\d{1,3000}-\d{1,3000}",
    r"\d+\d{1,3}",
    r"[a-z0-9-]{3,64}",
]

POSSESSIVE = [r"a++", r"(?>a+)+", r"(?:\d++)+"]


@pytest.mark.parametrize("pattern", RISKY)
def test_risky_constraints_are_spotted(pattern: str) -> None:
    assert backtracking_risk(pattern) is not None


@pytest.mark.parametrize("pattern", SAFE)
def test_usual_constraints_are_accepted(pattern: str) -> None:
    assert backtracking_risk(pattern) is None


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive syntax is Python 3.11+")
@pytest.mark.parametrize("pattern", POSSESSIVE)
def test_possessive_and_atomic_forms_are_accepted(pattern: str) -> None:
    assert backtracking_risk(pattern) is None


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (r"/t/:code(\d+\d+)", r"constraint of 'code' could backtrack.*possessive"),
        (r"/t/:a(\d+):b(\d+)", r"its parameters could backtrack.*a character between"),
        ("/e/:a*/:b*/x", "its parameters could backtrack"),  # 0.36 s on 8 KB when allowed
        (r"/t/:code(\d{1,3000}\d{1,3000}\d{1,3000})", r"wide bounds.*narrow"),
        (r"/t/:a(\d{1,3000}):b(\d{1,3000})", r"its parameters could backtrack.*narrow"),
    ],
)
def test_registration_refuses_templates_that_could_backtrack(template: str, message: str) -> None:
    router = Router()
    with pytest.raises(RouteError, match=message):
        router.add_route(template, lambda **values: None, endpoint="risky")
    assert list(router.routes()) == []


@pytest.mark.parametrize(
    "template",
    ["/f/:name.:ext", r"/t/:a(\d+)-:b(\d+)", "/docs/:path*", "/:lang?/:page/:rest(.*)"],
)
def test_usual_templates_are_accepted(template: str) -> None:
    router = Router()
    router.add_route(template, lambda **values: None, endpoint="usual")
    assert [route.template.source for route in router.routes()] == [template]


# -- the property: what is accepted runs in linear-ish time ------------------

ATOMS = st.sampled_from(["a", "b", "-", r"\.", "[ab]", "[^-]", r"\d", r"\w", "."])
QUANTIFIERS = st.sampled_from(["", "", "*", "+", "?", "{1,3}", "{2}"])


def _regexes() -> st.SearchStrategy[str]:
    quantified = st.builds(lambda atom, q: atom + q, ATOMS, QUANTIFIERS)

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        sequence = st.lists(inner, min_size=1, max_size=4).map("".join)
        group = st.builds(lambda body, q: f"(?:{body}){q}", sequence, QUANTIFIERS)
        branch = st.builds(lambda a, b: f"(?:{a}|{b})", sequence, sequence)
        return sequence | group | branch

    return st.recursive(quantified, grow, max_leaves=8)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt a runaway match (``re`` checks for signals while it works)."""

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
@settings(max_examples=300, deadline=None)
@given(
    pattern=_regexes(),
    unit=st.text("ab-.1 ", min_size=1, max_size=4),
    tail=st.text("ab-.1 !", max_size=3),
)
def test_accepted_patterns_match_hostile_text_quickly(pattern: str, unit: str, tail: str) -> None:
    if backtracking_risk(pattern) is not None:
        return  # refused at registration: it never runs on an address
    regex = re.compile(pattern)
    text = unit * (8_000 // len(unit)) + tail  # a long segment: repetition, then a spoiler
    started = time.perf_counter()
    try:
        with _time_limit(0.25):
            regex.fullmatch(text)
    except TimeoutError:
        pytest.fail(f"{pattern!r} was accepted but backtracks on {text[:12]!r}...")
    # Linear is well under a millisecond; quadratic, half a second (\d+\d+).
    assert time.perf_counter() - started < 0.25


# -- the property for bounded repeats: work grows with the text, not its square --

WIDE_QUANTIFIERS = st.sampled_from(["", "{1,3}", "{2}", "{0,1}", "{1,40}", "{1,3000}", "+"])
WIDE_ATOMS = st.sampled_from(["1", "a", "-", r"\d", "[a1]", r"\w"])


def _fastest(regex: re.Pattern[str], text: str) -> float:
    """The best of a few runs: what the match costs, without the machine's noise."""
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        regex.fullmatch(text)
        timings.append(time.perf_counter() - started)
    return min(timings)


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
@settings(max_examples=200, deadline=None)
@given(
    atoms=st.lists(st.builds(lambda a, q: a + q, WIDE_ATOMS, WIDE_QUANTIFIERS), max_size=4),
    unit=st.sampled_from(["1", "a", "1a", "-1"]),
)
def test_accepted_bounded_repeats_work_in_proportion_to_the_text(
    atoms: list[str], unit: str
) -> None:
    pattern = "".join(atoms)
    if backtracking_risk(pattern) is not None:
        return  # refused at registration
    regex = re.compile(pattern + "!")  # a spoiler at the end: every split is tried
    short, long = unit * (300 // len(unit)), unit * (3000 // len(unit))
    baseline = _fastest(re.compile("!"), short)  # what a match costs at all
    # Only a guard against hanging on a wrongly accepted pattern; the
    # assertion is the ratio below.
    with _time_limit(30):
        at_short = max(_fastest(regex, short), baseline)
        at_long = _fastest(regex, long)
    # 10x the text: linear work is about 10x, quadratic about 100x.
    assert at_long < 40 * at_short, pattern
