"""Address parsing and strict percent-decoding."""

from __future__ import annotations

import pytest

from navkit.routing.location import (
    Location,
    parse_query,
    semi_decode_path,
    split_segments,
    strict_unquote,
    unescape,
)


@pytest.mark.parametrize(
    ("address", "path", "query", "fragment"),
    [
        ("/", "/", "", ""),
        ("", "/", "", ""),
        ("/books/42?tab=reviews#x", "/books/42", "tab=reviews", "x"),
        ("/a#frag?not-query", "/a", "", "frag?not-query"),
        ("/a?x=1?y=2", "/a", "x=1?y=2", ""),
        ("?only=query", "/", "only=query", ""),
    ],
)
def test_location_parse_splits_path_query_fragment(
    address: str, path: str, query: str, fragment: str
) -> None:
    location = Location.parse(address)
    assert (location.path, location.query, location.fragment) == (path, query, fragment)


def test_location_str_round_trips() -> None:
    for address in ["/", "/a?b=1", "/a#f", "/a?b=1#f"]:
        assert str(Location.parse(address)) == address


@pytest.mark.parametrize(
    ("path", "semi_path", "segments"),
    [
        ("/", "/", []),
        ("", "/", []),
        ("//", "//", [""]),
        ("/a", "/a", ["a"]),
        ("/a/", "/a/", ["a"]),
        ("/a//", "/a//", ["a", ""]),
        ("/a/b", "/a/b", ["a", "b"]),
        ("/u/J%C3%B6rg", "/u/Jörg", ["u", "Jörg"]),
        ("/u/Jörg", "/u/Jörg", ["u", "Jörg"]),
        ("/a%2Fb/c", "/a%2Fb/c", ["a%2Fb", "c"]),  # an encoded slash stays in its segment
        ("/100%25", "/100%25", ["100%25"]),
        ("/x%20y", "/x y", ["x y"]),
    ],
)
def test_semi_decode_and_split(path: str, semi_path: str, segments: list[str]) -> None:
    assert semi_decode_path(path) == semi_path
    assert split_segments(semi_path) == segments


@pytest.mark.parametrize(
    "path",
    [
        "relative",
        "/%",
        "/%zz",
        "/a%2",
        "/%c3%28",
        "/%ff",
        "/a\x00b",
        "/%00",
        "/%7f",
        "/a\nb",
        "/%0A",
    ],
)
def test_semi_decode_refuses_malformed_paths(path: str) -> None:
    assert semi_decode_path(path) is None


def test_unescape_restores_slash_and_percent() -> None:
    assert unescape("a%2Fb%25c") == "a/b%c"
    assert unescape("%252F") == "%2F"


@pytest.mark.parametrize(
    ("text", "decoded"),
    [("a+b", "a b"), ("a%2Bb", "a+b"), ("%E2%82%AC", "€"), ("plain", "plain")],
)
def test_strict_unquote_plus_is_space(text: str, decoded: str) -> None:
    assert strict_unquote(text, plus_is_space=True) == decoded


@pytest.mark.parametrize("text", ["%", "%g1", "%c3", "%00", "\x07"])
def test_strict_unquote_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        strict_unquote(text)


def test_parse_query_keeps_order_and_repeats() -> None:
    assert parse_query("a=1&b=x+y&a=2&flag&&c=") == [
        ("a", "1"),
        ("b", "x y"),
        ("a", "2"),
        ("flag", ""),
        ("c", ""),
    ]


def test_parse_query_bounds_the_number_of_pairs() -> None:
    with pytest.raises(ValueError, match="more than 10"):
        parse_query("&".join(["k=v"] * 11), max_pairs=10)
    assert len(parse_query("&".join(["k=v"] * 10), max_pairs=10)) == 10


@pytest.mark.parametrize(
    ("text", "decoded"),
    [("two%0Alines", "two\nlines"), ("a%09b", "a\tb"), ("%00", "\x00"), ("a+b%0D", "a b\r")],
)
def test_parse_query_keeps_encoded_control_characters(text: str, decoded: str) -> None:
    assert parse_query(f"q={text}") == [("q", decoded)]


@pytest.mark.parametrize("query", ["q=a\nb", "q=\x00", "k\tx=1"])
def test_parse_query_refuses_raw_control_characters(query: str) -> None:
    with pytest.raises(ValueError, match="control"):
        parse_query(query)
