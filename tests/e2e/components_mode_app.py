"""``components_app`` as a components app: its home page a component too.

Every view an ``@ft.component``, so ``navkit.run`` renders it with
``page.render_views(navkit.Views, router)`` (Flet's components mode, no
auto-update after events). The item and editor are ``components_app``'s.

Run: ``python -m tests.e2e.components_mode_app --port N``.
"""

from __future__ import annotations

import flet as ft

import navkit
from examples._serve import serve
from tests.e2e.components_app import Counter, Editor, Item

router = navkit.Router()


@router.route("/", title="Home")
@ft.component
def Home() -> ft.Control:
    return ft.Column([ft.Text("Components"), Counter("home")])


router.add_route("/items/:item_id", Item, title="Item", endpoint="item")
router.add_route("/items/:item_id/edit", Editor, title="Edit", endpoint="edit")


if __name__ == "__main__":
    serve(router, None, name="components_mode")
