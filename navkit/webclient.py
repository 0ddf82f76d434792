"""Kept for ``navkit.webclient.web_assets``: the code lives in :mod:`navkit.flet.webclient`."""

from __future__ import annotations

from navkit.flet.webclient import LEGACY_HASH_SCRIPT, inject, install_index_hook, web_assets

__all__ = ["LEGACY_HASH_SCRIPT", "inject", "install_index_hook", "web_assets"]
