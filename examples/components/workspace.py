"""Flet's "featured views" router sample, with navkit: an app shell with one stack per destination.

What it gains over the ``ft.Router`` original (``manage_views=True`` with a
hand-made ``NavigationRail`` layout):

* **The shell is navkit's.** ``navkit.Shell`` draws a navigation bar on a
  narrow window and a rail on a wide one, selects the destination from the
  address, and keeps **one stack per destination**: open a project, go to
  Settings and back, and the project is still open. The original rebuilds
  the rail's selection by hand with ``is_route_active`` and forgets where
  each section was.
* **Typed, checked addresses.** ``/projects/:project_id`` takes an ``int``;
  an unknown project is a 404 page with a way back.
* **Exact history.** The browser's Back walks the destinations and pages
  you visited; switching Settings tabs replaces the entry, as tabs should.
* **``navkit.use_branch()``** gives a component the destination shown and a
  way to switch (the Home page's shortcuts).

Run: ``python -m examples.components.workspace`` and open http://127.0.0.1:8550/projects/2.
"""

from __future__ import annotations

import flet as ft

import navkit

PROJECTS = {1: "Landing page redesign", 2: "Mobile app v2", 3: "API migration"}

shell = navkit.Shell("workspace")
home = shell.branch(
    "home", label="Home", icon=ft.Icons.HOME_OUTLINED, selected_icon=ft.Icons.HOME, route="/"
)
projects = shell.branch(
    "projects",
    label="Projects",
    icon=ft.Icons.FOLDER_OUTLINED,
    selected_icon=ft.Icons.FOLDER,
    route="/projects",
)
settings = shell.branch(
    "settings",
    label="Settings",
    icon=ft.Icons.SETTINGS_OUTLINED,
    selected_icon=ft.Icons.SETTINGS,
    route="/settings",
)


@home.route("/", title="Home")
@ft.component
def Home() -> ft.Control:
    branch, switch = navkit.use_branch()
    return ft.Column(
        [
            ft.Text(f"Welcome to the workspace ({branch.label if branch else '?'}).", size=18),
            ft.FilledTonalButton(
                "See the projects", icon=ft.Icons.FOLDER_OUTLINED, on_click=lambda _: switch(1)
            ),
            ft.FilledTonalButton(
                "Change settings", icon=ft.Icons.SETTINGS_OUTLINED, on_click=lambda _: switch(2)
            ),
        ]
    )


@projects.route("/projects", title="Projects", endpoint="projects")
@ft.component
def Projects() -> ft.Control:
    nav = navkit.use_navigator()
    return ft.Column(
        [
            ft.ListTile(
                leading=ft.Icon(ft.Icons.FOLDER_OUTLINED),
                title=ft.Text(name),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=lambda _, p=project_id: nav.go("workspace.projects.project", project_id=p),
            )
            for project_id, name in PROJECTS.items()
        ]
    )


@projects.route("/projects/:project_id", title="Project", endpoint="project")
@ft.component
def Project(project_id: int) -> ft.Control:
    if project_id not in PROJECTS:
        navkit.abort(404, f"There is no project {project_id}.")
    done, set_done = ft.use_state(0)
    return ft.Column(
        [
            ft.Text(PROJECTS[project_id], size=24),
            ft.Text(f"Project {project_id}: {done} tasks done"),
            ft.FilledButton(
                "Finish a task", icon=ft.Icons.TASK_ALT, on_click=lambda _: set_done(done + 1)
            ),
        ]
    )


@settings.route("/settings", title="Settings")
@ft.component
def Settings(tab: str = "general") -> ft.Control:
    nav = navkit.use_navigator()
    tabs = {"general": "General", "account": "Account"}
    pick = [
        ft.Button(
            label,
            disabled=key == tab,
            # A tab is not a page: it replaces the entry, so Back leaves Settings.
            on_click=lambda _, k=key: nav.update_query(tab=k, replace=True),
        )
        for key, label in tabs.items()
    ]
    body: list[ft.Control] = (
        [ft.Switch(label="Dark mode"), ft.Switch(label="Notifications")]
        if tab == "general"
        else [ft.TextField(label="Display name", value="Ada")]
    )
    return ft.Column([ft.Row(pick), ft.Text(f"{tabs.get(tab, 'General')} settings"), *body])


router = navkit.Router()
router.register_blueprint(shell)


if __name__ == "__main__":
    from examples._serve import serve

    serve(router, None, name="components.workspace", start="/projects/2")
