"""A small social app: an app shell with a bar (a rail on wide windows), one stack per tab.

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
from examples import _theme

POSTS = {number: f"Something worth reading, number {number}." for number in range(1, 6)}
AUTHORS = {1: "Grace", 2: "Alan", 3: "Ada", 4: "Edsger", 5: "Barbara"}
HUES = ["pink", "indigo", "teal", "orange", "green"]


def avatar(name: str, number: int) -> ft.CircleAvatar:
    """A round avatar in one of a few colours (no pictures: the example is offline)."""
    return ft.CircleAvatar(
        content=ft.Icon(ft.Icons.PERSON, color=ft.Colors.WHITE),
        bgcolor=f"{HUES[number % len(HUES)]}400",
        tooltip=name,
    )


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
    return [post_card(nav, number) for number in POSTS]


def post_card(nav: navkit.Navigator, number: int) -> ft.Control:
    """A post in the feed: who wrote it, its first line, a tap to open it."""
    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    ft.Row(
                        [
                            avatar(AUTHORS[number], number),
                            ft.Column(
                                [
                                    ft.Text(AUTHORS[number], weight=ft.FontWeight.BOLD),
                                    ft.Text(f"{number} h ago", size=12),
                                ],
                                spacing=0,
                            ),
                        ]
                    ),
                    ft.Text(POSTS[number]),
                    ft.TextButton(
                        f"Post {number}",
                        icon=ft.Icons.CHAT_BUBBLE_OUTLINE,
                        on_click=lambda _: nav.go("tabs.feed.post", post_id=number),
                    ),
                ],
                spacing=8,
            ),
            padding=12,
        ),
    )


@feed.route("/feed/post/:post_id")
def post(post_id: int) -> ft.View:
    if post_id not in POSTS:
        navkit.abort(404)
    like = ft.Button("Like", icon=ft.Icons.FAVORITE_BORDER)

    def toggle(_: ft.Event[ft.Button]) -> None:
        liked = like.content != "Liked"
        like.content = "Liked" if liked else "Like"
        like.icon = ft.Icons.FAVORITE if liked else ft.Icons.FAVORITE_BORDER

    like.on_click = toggle
    author = ft.Row(
        [avatar(AUTHORS[post_id], post_id), ft.Text(AUTHORS[post_id], weight=ft.FontWeight.BOLD)]
    )
    return ft.View(
        appbar=ft.AppBar(title=ft.Text(f"Post {post_id}")),
        controls=[ft.Column([author, ft.Text(POSTS[post_id], size=18)], spacing=12), like],
        spacing=16,
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
        ft.Icon(ft.Icons.ACCOUNT_CIRCLE, size=72, color=ft.Colors.PRIMARY),
        ft.Text("Signed in as Ada."),
        ft.Button(
            "Settings",
            icon=ft.Icons.SETTINGS_OUTLINED,
            on_click=lambda _: nav.go("tabs.profile.settings"),
        ),
    ]


@profile.route("/profile/settings", title="Settings")
def settings() -> list[ft.Control]:
    return [ft.TextField(label="Display name")]


router = navkit.Router()
router.register_blueprint(shell)
router.add_route("/", endpoint="start", redirect_to="tabs.feed.home")


def main(page: ft.Page) -> None:
    page.title = "navkit: social"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="tabs", start="/feed")
