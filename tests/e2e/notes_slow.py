"""The notes example over a slow API (0.8 s per request): ``python -m examples.notes --delay 0.8``.

Run: ``python -m tests.e2e.notes_slow --port N`` (what the Chromium tests start).
"""

from __future__ import annotations

from examples import notes
from examples._serve import serve

notes.API.delay = 0.8

if __name__ == "__main__":
    serve(notes.router, None, name="notes", start="/notes")
