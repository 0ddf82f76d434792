"""The pre-boot script that rescues legacy "#/route" links under the path strategy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from navkit.flet.webclient import LEGACY_HASH_SCRIPT, inject, install_index_hook, web_assets


def test_script_goes_right_after_base_href() -> None:
    html = '<html><head>\n<base href="/app/">\n<title>x</title></head></html>'
    result = inject(html)
    assert result.index(LEGACY_HASH_SCRIPT) > result.index('<base href="/app/">')
    assert result.index(LEGACY_HASH_SCRIPT) < result.index("<title>")
    assert inject(result) == result  # once only


def test_without_base_the_script_opens_head() -> None:
    assert inject("<html><head></head></html>").startswith("<html><head>\n<script>")


def test_web_assets_without_app_assets_gives_an_empty_directory(tmp_path: Path) -> None:
    target = Path(web_assets(str(tmp_path / "missing")))
    assert target.is_dir() and not any(target.iterdir())  # Flet serves its own files
    assert Path(web_assets(None)).is_dir()


def test_web_assets_is_the_apps_own_directory_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLET_ASSETS_DIR", raising=False)
    assets = tmp_path / "assets"
    (assets / "icons").mkdir(parents=True)
    (assets / "icons" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (assets / "index.html").write_text('<head><base href="/">mine</head>', encoding="utf-8")
    target = web_assets("assets", relative_to=str(tmp_path))
    assert target == str(assets.resolve())  # so Flet serves it live
    assert sorted(p.name for p in assets.rglob("*")) == ["icons", "index.html", "logo.svg"]
    assert LEGACY_HASH_SCRIPT not in (assets / "index.html").read_text(encoding="utf-8")


def test_web_assets_resolves_against_the_main_scripts_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLET_ASSETS_DIR", raising=False)
    (tmp_path / "assets").mkdir()
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "app.py")])
    assert web_assets("assets") == str((tmp_path / "assets").resolve())


def test_flet_assets_dir_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLET_ASSETS_DIR", str(tmp_path))
    assert web_assets("assets") == str(tmp_path.resolve())
    assert os.environ["FLET_ASSETS_DIR"] == str(tmp_path)


def test_flets_index_patching_adds_the_script_under_path_only(tmp_path: Path) -> None:
    """The hook on Flet's own patch_index_html, as Flet's static server calls it."""
    import flet as ft
    import flet_web

    assert install_index_hook()
    for strategy in ft.RouteUrlStrategy:
        index = tmp_path / f"{strategy.value}.html"
        index.write_text('<head><base href="/"><!-- fletAppConfig --></head>', encoding="utf-8")
        flet_web.patch_index_html(
            index_path=str(index), base_href="/app", route_url_strategy=strategy
        )
        html = index.read_text(encoding="utf-8")
        assert '<base href="/app/">' in html and "flet.routeUrlStrategy" in html
        assert (LEGACY_HASH_SCRIPT in html) is (strategy is ft.RouteUrlStrategy.PATH)
