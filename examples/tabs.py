"""An app shell: a navigation bar (a rail on wide windows) with one stack per tab.

Three destinations -- Feed, Search, Profile -- each with its own pages. Open
a post and like it, or type a display name in Profile's settings, switch to
another tab and back: the page is as you left it. Tap the selected tab again
to go back to its first page. The browser's Back returns to the tab and page
you were on before.

Run: ``python -m examples.tabs`` and open http://127.0.0.1:8550/feed.
"""

from __future__ import annotations

import flet as ft

import navkit

POSTS = {number: f"Something worth reading, number {number}." for number in range(1, 6)}

shell = navkit.Shell("tabs")
feed = shell.branch(
    "feed",
    label="Feed",
    icon=ft.Icons.DYNAMIC_FEED_OUTLINED,
    selected_icon=ft.Icons.DYNAMIC_FEED,
    route="/feed",
)
search = shell.branch(
    "search",
    label="Search",
    icon=ft.Icons.SEARCH_OUTLINED,
    selected_icon=ft.Icons.SEARCH,
    route="/search",
)
profile = shell.branch(
    "profile",
    label="Profile",
    icon=ft.Icons.PERSON_OUTLINE,
    selected_icon=ft.Icons.PERSON,
    route="/profile",
)


@feed.route("/feed", title="Feed")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Button(
            f"Post {number}", on_click=lambda _, n=number: nav.go("tabs.feed.post", post_id=n)
        )
        for number in POSTS
    ]


@feed.route("/feed/post/:post_id")
def post(post_id: int) -> ft.View:
    if post_id not in POSTS:
        navkit.abort(404)
    like = ft.Button("Like")

    def toggle(_: ft.Event[ft.Button]) -> None:
        like.content = "Like" if like.content == "Liked" else "Liked"

    like.on_click = toggle
    return ft.View(
        appbar=ft.AppBar(title=ft.Text(f"Post {post_id}")),
        controls=[ft.Text(POSTS[post_id]), like],
    )


@search.route("/search", title="Search")
def find(nav: navkit.Navigator, q: str = "") -> list[ft.Control]:
    query = ft.TextField(label="Query", value=q, autofocus=True)
    query.on_submit = lambda _: nav.replace("tabs.search.find", q=query.value or "")
    found = [text for text in POSTS.values() if q and q.lower() in text.lower()]
    results = [ft.Text(text) for text in found] if q else []
    summary = ft.Text(f"{len(found)} results for {q!r}" if q else "Type and press Enter.")
    return [query, summary, *results]


@profile.route("/profile", title="Profile")
def me(nav: navkit.Navigator) -> list[ft.Control]:
    return [
        ft.Text("Signed in as Ada."),
        ft.Button("Settings", on_click=lambda _: nav.go("tabs.profile.settings")),
    ]


@profile.route("/profile/settings", title="Settings")
def settings() -> list[ft.Control]:
    return [ft.TextField(label="Display name")]


router = navkit.Router()
router.register_blueprint(shell)
router.add_route("/", endpoint="start", redirect_to="tabs.feed.home")


def main(page: ft.Page) -> None:
    page.title = "navkit: tabs"


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="tabs", start="/feed")
