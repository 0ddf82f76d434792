"""Fixtures for the Flet binding's tests: a local JSON API for async views and loaders."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.local_api import local_api


@pytest.fixture(scope="module")
def api() -> Iterator[str]:
    """A local JSON API: ``GET /?name=x&delay=s`` answers ``{"name": x}`` after ``s`` seconds."""
    with local_api() as url:
        yield url
