"""The pre-boot script that rescues legacy "#/route" links under the path strategy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from navkit.flet.webclient import LEGACY_HASH_SCRIPT, inject, web_assets


def test_script_goes_right_after_base_href() -> None:
    html = '<html><head>\n<base href="/app/">\n<title>x</title></head></html>'
    result = inject(html)
    assert result.index(LEGACY_HASH_SCRIPT) > result.index('<base href="/app/">')
    assert result.index(LEGACY_HASH_SCRIPT) < result.index("<title>")
    assert inject(result) == result  # once only


def test_without_base_the_script_opens_head() -> None:
    assert inject("<html><head></head></html>").startswith("<html><head>\n<script>")


def test_web_assets_without_app_assets_uses_flets_index(tmp_path: Path) -> None:
    target = Path(web_assets(str(tmp_path / "missing")))
    index = (target / "index.html").read_text(encoding="utf-8")
    assert LEGACY_HASH_SCRIPT in index and "<!-- fletAppConfig -->" in index


def test_web_assets_keeps_the_apps_assets_and_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLET_ASSETS_DIR", raising=False)
    assets = tmp_path / "assets"
    (assets / "icons").mkdir(parents=True)
    (assets / "icons" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (assets / "index.html").write_text('<head><base href="/">mine</head>', encoding="utf-8")
    target = Path(web_assets("assets", relative_to=str(tmp_path)))
    assert (target / "icons" / "logo.svg").read_text(encoding="utf-8") == "<svg/>"
    index = (target / "index.html").read_text(encoding="utf-8")
    assert "mine" in index and LEGACY_HASH_SCRIPT in index
    assert LEGACY_HASH_SCRIPT not in (assets / "index.html").read_text(encoding="utf-8")


def test_flet_assets_dir_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "from_env.txt").write_text("env", encoding="utf-8")
    monkeypatch.setenv("FLET_ASSETS_DIR", str(tmp_path))
    target = Path(web_assets("assets"))
    assert (target / "from_env.txt").read_text(encoding="utf-8") == "env"
    assert os.environ["FLET_ASSETS_DIR"] == str(tmp_path)
