"""Sign-in: a guard sends visitors to ``/login?next=...`` and back after login.

The account page is guarded: a visitor is redirected to the login page
before the account view is built (no flash of it), with ``next`` set to
where they were going. After logging in they land there; ``next`` is
honoured only for an in-app path (``navkit.safe_next``). Log out from the
account page. Who is logged in is kept per browser session
(``page.session.store``).

Run: ``python -m examples.auth`` and open http://127.0.0.1:8550/account.
"""

from __future__ import annotations

import flet as ft

import navkit
from examples import _theme

blueprint = navkit.Blueprint("auth")


def user() -> str | None:
    """Who is logged in on this page's session (None: nobody)."""
    name: str | None = ft.context.page.session.store.get("user")
    return name


def login_required(navigation: navkit.Navigation) -> navkit.Redirect | None:
    """A route guard: visitors go to the login page first."""
    if user() is None:
        return navkit.redirect("auth.login", next=navigation.address)
    return None


@blueprint.route("/", title="Welcome")
def home(nav: navkit.Navigator) -> list[ft.Control]:
    who = user()
    return [
        ft.Icon(ft.Icons.WAVING_HAND_OUTLINED, size=56, color=ft.Colors.PRIMARY),
        ft.Text(f"Hello, {who}." if who else "Hello, visitor.", size=24),
        ft.FilledButton(
            "My account", icon=ft.Icons.LOCK_OUTLINE, on_click=lambda _: nav.go("auth.account")
        ),
    ]


@blueprint.route("/account", title="Account", guards=[login_required])
def account(nav: navkit.Navigator) -> list[ft.Control]:
    def logout(_: object) -> None:
        nav.page.session.store.remove("user")
        nav.go("auth.home")
        nav.refresh()  # views kept from the stack still greet the old user

    return [
        ft.Icon(ft.Icons.ACCOUNT_CIRCLE, size=72, color=ft.Colors.PRIMARY),
        ft.Text(f"Signed in as {user()}.", size=20),
        ft.OutlinedButton("Log out", icon=ft.Icons.LOGOUT, on_click=logout),
    ]


@blueprint.route("/login", title="Log in")
def login(nav: navkit.Navigator, next: str = "") -> list[ft.Control]:
    name = ft.TextField(label="Name", autofocus=True, prefix_icon=ft.Icons.PERSON_OUTLINE)

    def submit(_: object) -> None:
        nav.page.session.store.set("user", name.value or "friend")
        # Only an in-app path; anything else ("//evil.example") goes home.
        nav.replace(navkit.safe_next(next, default=nav.router.url_for("auth.home")))
        nav.refresh()  # views kept from the stack were built for a visitor

    name.on_submit = submit
    where = f"You will be taken to {next} after logging in." if next else "Any name will do."
    return [
        name,
        ft.Text(where, color=ft.Colors.ON_SURFACE_VARIANT),
        ft.FilledButton("Log in", icon=ft.Icons.LOGIN, on_click=submit),
    ]


router = navkit.Router()
router.register_blueprint(blueprint)


def main(page: ft.Page) -> None:
    page.title = "navkit: sign-in"
    _theme.apply(page)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, main, name="auth", start="/account")
