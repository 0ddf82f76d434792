"""Flet's "auth page" router sample, with navkit: a guard that runs before anything renders.

What it gains over the ``ft.Router`` original:

* **A guard before render.** The original's protected layout renders
  "Redirecting to login..." and calls ``page.navigate("/login")`` from an
  effect; here a guard redirects before the dashboard's component exists.
* **Where you were going.** The login page gets ``next=`` and sends you
  there; only an in-app path is honoured (``navkit.safe_next``).
* **Exact history.** Login replaces its own entry, so Back from the
  dashboard does not show the login form again.
* **``url_for``.** Buttons name endpoints, not strings of paths.
* **The app's root stays the app's.** ``App`` provides a context above
  ``navkit.Views`` (the greeting's wording); every level reads it.

Run: ``python -m examples.components.signin`` and open http://127.0.0.1:8550/dashboard.
"""

from __future__ import annotations

from typing import Literal

import flet as ft

import navkit

blueprint = navkit.Blueprint("signin")
Greeting = ft.create_context("Welcome")  # provided by the app's root, read by every view


def user() -> str | None:
    """Who is signed in on this browser session (None: nobody)."""
    name: str | None = ft.context.page.session.store.get("signin.user")
    return name


def signed_in(navigation: navkit.Navigation) -> navkit.Redirect | None:
    """The guard: a visitor goes to the login page first, with where they were going."""
    if user() is None:
        return navkit.redirect("signin.login", next=navigation.address)
    return None


@blueprint.route("/", title="Start", endpoint="start")
@ft.component
def Start() -> ft.Control:
    nav = navkit.use_navigator()
    return ft.Column(
        [
            ft.Text("A small app with a protected dashboard.", size=18),
            ft.FilledButton(
                "Open the dashboard",
                icon=ft.Icons.SPACE_DASHBOARD_OUTLINED,
                on_click=lambda _: nav.go("signin.dashboard"),
            ),
        ]
    )


@blueprint.route("/dashboard", title="Dashboard", endpoint="dashboard", guards=[signed_in])
@ft.component
def Dashboard() -> ft.Control:
    nav = navkit.use_navigator()
    greeting = ft.use_context(Greeting)

    def log_out(_: object) -> None:
        ft.context.page.session.store.remove("signin.user")
        nav.go("signin.start")

    return ft.Column(
        [
            ft.Text(f"Dashboard: {greeting}, {user()}!", size=24),
            ft.OutlinedButton("Log out", icon=ft.Icons.LOGOUT, on_click=log_out),
        ]
    )


@blueprint.route("/login", title="Sign in", endpoint="login")
@ft.component
def Login(next: str = "") -> ft.Control:
    nav = navkit.use_navigator()
    name = ft.use_ref(None)

    def sign_in(_: object) -> None:
        field = name.current
        ft.context.page.session.store.set("signin.user", (field and field.value) or "friend")
        # In place of the login form: Back from the dashboard skips it.
        nav.replace(navkit.safe_next(next, default=nav.router.url_for("signin.dashboard")))

    return ft.Column(
        [
            ft.Text("Sign in", size=24),
            ft.TextField(label="Name", value="Ada", ref=name, on_submit=sign_in),
            ft.FilledButton("Sign in", icon=ft.Icons.LOGIN, on_click=sign_in),
        ]
    )


router = navkit.Router()
router.register_blueprint(blueprint)


@ft.component
def App(strategy: Literal["path", "hash"] = "path") -> list[ft.View]:
    """The app's root: its own context above navkit's views."""
    return Greeting("Welcome back", lambda: navkit.Views(router, strategy=strategy))


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, None, name="components.signin", start="/dashboard", root=App)
