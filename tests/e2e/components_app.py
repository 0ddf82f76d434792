"""A test app whose views are Flet 1.0 components: hook state, typed props, navkit's hooks.

``/`` holds a ``Counter`` component; ``/items/:item_id`` is itself a
component (its typed parameter is its prop) that reads
``navkit.use_navigator()`` and ``navkit.use_params()``; ``/items/:item_id/edit``
is a component above it whose ``navkit.use_leave_check`` refuses to be
left with a draft typed.

Run: ``python -m tests.e2e.components_app --port N``.
"""

from __future__ import annotations

import flet as ft

import navkit
from examples._serve import serve

router = navkit.Router()


@ft.component
def Counter(label: str) -> ft.Control:
    count, set_count = ft.use_state(0)
    nav = navkit.use_navigator()
    return ft.Column(
        [
            ft.Text(f"{label} counted {count}"),
            ft.Button("Add", on_click=lambda _: set_count(count + 1)),
            ft.Button("Item 7", on_click=lambda _: nav.go("item", item_id=7)),
        ]
    )


@router.route("/", title="Home")
def home() -> list[ft.Control]:
    return [ft.Text("Components"), Counter("home")]


@router.route("/items/:item_id", title="Item", endpoint="item")
@ft.component
def Item(item_id: int) -> ft.Control:
    seen, set_seen = ft.use_state(0)
    nav = navkit.use_navigator()
    kind = type(navkit.use_params()["item_id"]).__name__
    return ft.Column(
        [
            ft.Text(f"Item {item_id} ({kind}) seen {seen}"),
            ft.Button("Seen", on_click=lambda _: set_seen(seen + 1)),
            ft.Button("Edit", on_click=lambda _: nav.go("edit", item_id=item_id)),
        ]
    )


@router.route("/items/:item_id/edit", title="Edit", endpoint="edit")
@ft.component
def Editor(item_id: int) -> ft.Control:
    draft, set_draft = ft.use_state("")
    # Known before the view shows: the back arrow asks it, as nav.on_leave's.
    navkit.use_leave_check(lambda navigation: not draft)
    return ft.Column(
        [
            ft.Text(f"Editing {item_id}: {draft or 'nothing typed'}"),
            ft.Button("Type", on_click=lambda _: set_draft("a draft")),
            ft.Button("Clear", on_click=lambda _: set_draft("")),
        ]
    )


if __name__ == "__main__":
    serve(router, None, name="components")
