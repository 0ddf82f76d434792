"""The README's complete components app runs as written (on the stand-in).

Its code block is read from README.md and executed with ``ft.run`` caught,
then driven as a user would: a deep link to a guarded product goes to the
login page first, signing in lands on the product (its typed prop, its
loader's data, the app's context), and the back arrow skips the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flet as ft
import pytest

from navkit.testing import FletTestClient
from tests.flet.test_components import shown_texts, tap

README = Path(__file__).parents[2] / "README.md"


def readme_app() -> Callable[[ft.Page], Any]:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    source = next(block for block in blocks if "navkit.Views(router)" in block)
    started: list[Callable[[ft.Page], Any]] = []
    namespace: dict[str, Any] = {"__name__": "readme_app"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ft, "run", lambda main, **_: started.append(main))
        exec(compile(source, str(README), "exec"), namespace)  # our own README's code
    assert len(started) == 1
    return started[0]


def test_the_readme_components_app_runs_as_written(
    navkit_client: Callable[..., FletTestClient],
) -> None:
    client = navkit_client(None, route="/products/2", main=readme_app())
    client.settle()
    assert client.navigator.address == "/login?next=/products/2"  # the guard, before render
    tap(client, "Sign in")
    assert client.navigator.address == "/products/2"
    assert shown_texts(client) == ["Product 2 (dark theme)"]
    tap(client, "Add (0)")
    assert [c.content for c in _buttons(client)] == ["Add (1)"]
    client.app_bar_back()
    assert client.navigator.address == "/" and client.titles == ["Products"]


def _buttons(client: FletTestClient) -> list[Any]:
    from tests.flet.test_components import bodies

    return [c for c in bodies(client) if isinstance(c, ft.Button)]
