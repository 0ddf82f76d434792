"""The notes example with 40 notes: a list taller than the window, for scrolling.

Run: ``python -m tests.e2e.notes_many --port N`` (what the Chromium tests start).
"""

from __future__ import annotations

from examples import notes
from examples._serve import serve

for number in range(4, 41):
    notes.API.notes[number] = {
        "id": number,
        "title": f"Errand {number}",
        "text": f"Errand {number}.",
    }

if __name__ == "__main__":
    serve(notes.router, None, name="notes", start="/notes")
