"""Deep links under the hash strategy: shareable addresses into a three-level stack.

Addresses look like http://127.0.0.1:8550/#/books/2/chapters/3 -- the page
is served from ``/`` whatever the route, so any static host works. Open one
directly and the whole stack is there: the AppBar back arrow goes to the
book, then the library. ``nav.href`` gives the address to share.

Run: ``python -m examples.deeplinks`` and open http://127.0.0.1:8550/#/books/2/chapters/3.
"""

from __future__ import annotations

import flet as ft

import navkit
from examples import _theme

BOOKS = {1: ("The Tea Book", 4), 2: ("Leaves and Water", 3)}

blueprint = navkit.Blueprint("deeplinks")


def share(nav: navkit.Navigator, endpoint: str, **values: object) -> ft.Control:
    """The shareable address of a page."""
    return ft.Row(
        [
            ft.Icon(ft.Icons.LINK, size=18, color=ft.Colors.PRIMARY),
            ft.Text(f"Share: {nav.href(endpoint, **values)}"),
        ]
    )


@blueprint.route("/", title="Library")
def library(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.FilledTonalButton(
            title,
            icon=ft.Icons.MENU_BOOK,
            on_click=lambda _, book_id=book_id: nav.go("deeplinks.book", book_id=book_id),
        )
        for book_id, (title, _) in BOOKS.items()
    ]


@blueprint.route("/books/:book_id", title="Book")
def book(nav: navkit.Navigator, book_id: int) -> list[ft.Control]:
    if book_id not in BOOKS:
        navkit.abort(404, f"There is no book {book_id}.")
    title, chapters = BOOKS[book_id]
    return [
        ft.Row([ft.Icon(ft.Icons.MENU_BOOK, size=32), ft.Text(title, size=24)]),
        share(nav, "deeplinks.book", book_id=book_id),
        *(
            ft.TextButton(
                f"Chapter {number}",
                icon=ft.Icons.BOOKMARK_BORDER,
                on_click=lambda _, number=number: nav.go(
                    "deeplinks.chapter", book_id=book_id, chapter=number
                ),
            )
            for number in range(1, chapters + 1)
        ),
    ]


@blueprint.route("/books/:book_id/chapters/:chapter", title="Chapter")
def chapter(nav: navkit.Navigator, book_id: int, chapter: int) -> list[ft.Control]:
    if book_id not in BOOKS or not 1 <= chapter <= BOOKS[book_id][1]:
        navkit.abort(404, f"Book {book_id} has no chapter {chapter}.")
    return [
        ft.Text(f"{BOOKS[book_id][0]}, chapter {chapter}", size=20),
        ft.Text(
            "Open this address in another tab, or reload: the book and the library "
            "are beneath this chapter again, and the back arrow walks up to them.",
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        share(nav, "deeplinks.chapter", book_id=book_id, chapter=chapter),
    ]


router = navkit.Router()
router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: deep links"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="deeplinks", start="/books/2/chapters/3", strategy="hash")
