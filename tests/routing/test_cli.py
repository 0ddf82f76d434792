"""`navkit routes module:router`, as a console script and with `python -m navkit`."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from navkit.cli import load_router, main

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
    assert lines[0].split() == ["Endpoint", "Template", "Parameters", "Title", "Blueprint"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["home", "/", "Home"]
    assert lines[3].split() == [
        "shop.item",
        "/shop/items/:item_id",
        "item_id:",
        "int,",
        "tab:",
        "str?",
        "Item",
        "shop",
    ]


DETAILED_APP = textwrap.dedent(
    """
    import enum
    from typing import Literal

    import navkit

    class Color(enum.Enum):
        RED = "red"

    router = navkit.Router()
    shop = navkit.Blueprint("shop", url_prefix="/shop")

    @router.guard
    def log_navigation(nav):
        return None

    @shop.guard
    def require_login(nav):
        return None

    def admin_only(nav):
        return None

    def load_item(item_id):
        return item_id

    @router.route("/", title="Welcome")
    def home():
        ...

    @shop.route("/items/:item_id", guards=[admin_only], loader=load_item)
    def item_page(item_id: int, data, tab: Literal["info", "reviews"] = "info"):
        ...

    @shop.route("/items/:item_id/buy", modal="dialog", parent="shop.item_page")
    def buy(item_id: int, color: Color = Color.RED, tags: list[int] | None = None):
        ...

    @router.route("/login", root=True)
    def login():
        ...

    router.add_route("/old", redirect_to="/")
    router.register_blueprint(shop)
    """
)


def test_routes_shows_titles_guards_options_and_literal_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "detailed.py").write_text(DETAILED_APP, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert main(["routes", "detailed:router"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    header = lines[0]
    assert header.split() == [
        "Endpoint",
        "Template",
        "Parameters",
        "Title",
        "Guards",
        "Options",
        "Blueprint",
    ]
    # Cells read by their column's place in the header (they may hold spaces).
    starts = [header.index(name) for name in header.split()]

    def cells(line: str) -> list[str]:
        ends = [*starts[1:], None]
        return [line[start:end].strip() for start, end in zip(starts, ends, strict=True)]

    rows = {cells(line)[0]: cells(line) for line in lines[2:] if line and line[0] != " "}
    assert rows["home"] == ["home", "/", "", "Welcome", "", "", ""]
    assert rows["shop.item_page"] == [
        "shop.item_page",
        "/shop/items/:item_id",
        "item_id: int, tab: Literal['info', 'reviews']?",
        "Item page",
        "require_login, admin_only",
        "loader=load_item",
        "shop",
    ]
    assert rows["shop.buy"][2:6] == [
        "item_id: int, color: Color?, tags: list[int]?",
        "Buy",
        "require_login",
        "modal=dialog, parent=shop.item_page",
    ]
    assert rows["login"][3:6] == ["Login", "", "root"]
    assert rows["redirect:/old"][3:6] == ["", "", "redirect_to=/"]
    # The router's own guards are asked before every route: said once, below.
    assert lines[-1] == "Guards asked before every route: log_navigation"


def test_the_title_printed_is_the_one_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from navkit.testing import FletTestClient

    (tmp_path / "titled.py").write_text(DETAILED_APP, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    table = load_router("titled:router")
    app_router = importlib.import_module("titled").router
    for address, endpoint in [("/", "home"), ("/shop/items/7", "shop.item_page")]:
        client = FletTestClient(app_router, route=address)
        try:
            client.settle()
            assert client.titles[-1] == table.routes_for(endpoint)[0].title
        finally:
            client.close()


def test_routes_sorted_by_template(app_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["routes", "myapp", "--sort", "template"])  # "router" is the default attribute
    rows = capsys.readouterr().out.splitlines()[2:]
    assert [row.split()[1] for row in rows] == ["/", "/shop/items/:item_id"]


def test_routes_of_something_else_fails_clearly(app_dir: Path) -> None:
    with pytest.raises(SystemExit, match=r"is not a navkit\.Router"):
        main(["routes", "myapp:shop"])
    with pytest.raises(SystemExit, match="cannot import 'nope'"):
        main(["routes", "nope:router"])
    with pytest.raises(SystemExit, match=r"not a file: navkit routes myapp\.views:router"):
        main(["routes", "myapp/views.py"])
    with pytest.raises(SystemExit) as missing:
        main(["routes", "myapp:routr"])
    assert str(missing.value) == "navkit: 'myapp' has no attribute 'routr'"


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
