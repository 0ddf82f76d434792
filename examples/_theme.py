"""The examples' look: a Material 3 theme from one seed colour, light and dark."""

from __future__ import annotations

import flet as ft

SEED = ft.Colors.TEAL


def apply(page: ft.Page, mode: ft.ThemeMode = ft.ThemeMode.LIGHT) -> None:
    """Give ``page`` the examples' light and dark themes, showing ``mode``."""
    page.theme = ft.Theme(color_scheme_seed=SEED, use_material3=True)
    page.dark_theme = ft.Theme(color_scheme_seed=SEED, use_material3=True)
    page.theme_mode = mode
