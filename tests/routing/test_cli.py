"""`navkit routes module:router`, as a console script and with `python -m navkit`."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from navkit.cli import main

APP = textwrap.dedent(
    """
    import navkit

    router = navkit.Router()
    shop = navkit.Blueprint("shop", url_prefix="/shop")

    @router.route("/")
    def home():
        ...

    @shop.route("/items/:item_id")
    def item(item_id: int, tab: str = "info"):
        ...

    router.register_blueprint(shop)
    """
)


@pytest.fixture
def app_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "myapp.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_routes_prints_a_table(app_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routes", "myapp:router"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Endpoint", "Template", "Parameters", "Blueprint"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["home", "/"]
    assert lines[3].split() == [
        "shop.item",
        "/shop/items/:item_id",
        "item_id:",
        "int,",
        "tab:",
        "str?",
        "shop",
    ]


def test_routes_sorted_by_template(app_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["routes", "myapp", "--sort", "template"])  # "router" is the default attribute
    rows = capsys.readouterr().out.splitlines()[2:]
    assert [row.split()[1] for row in rows] == ["/", "/shop/items/:item_id"]


def test_routes_of_something_else_fails_clearly(app_dir: Path) -> None:
    with pytest.raises(SystemExit, match=r"is not a navkit\.Router"):
        main(["routes", "myapp:shop"])
    with pytest.raises(SystemExit, match="cannot import 'nope'"):
        main(["routes", "nope:router"])


@pytest.mark.parametrize(
    "command", [["-m", "navkit"], ["-c", "from navkit.cli import main; main()"]]
)
def test_python_m_navkit_routes(app_dir: Path, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, *command, "routes", "myapp:router"],
        capture_output=True,
        text=True,
        cwd=app_dir,
        check=True,
    )
    assert "shop.item" in result.stdout and "/shop/items/:item_id" in result.stdout


def test_console_script_is_installed(app_dir: Path) -> None:
    script = Path(sys.executable).with_name("navkit")
    result = subprocess.run(
        [str(script), "routes", "myapp:router"],
        capture_output=True,
        text=True,
        cwd=app_dir,
        check=True,
    )
    assert "home" in result.stdout
