"""What the user sees on a page, as a tree of controls: found by text, key, type or tooltip.

Pure functions over Flet controls; :class:`~navkit.testing.gestures.ClientGestures`
uses them on what the client shows (the top view, the overlay, the open
dialogs). What counts as shown, as in Flutter's finders:

* a control and everything inside it, except what ``visible=False`` hides,
  a view's drawers (shown only when opened) and the pages of a
  ``TabBarView`` other than the one its ``Tabs`` select;
* a component's rendered body (``@ft.component``), not the component;
* a control's text: a ``Text``'s or a text field's ``value``, and the
  strings Flet's client draws as text (a button's ``content``, a field's
  ``label`` and ``hint_text``, a ``ListTile``'s ``title``...).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

import flet as ft

from navkit.testing.protocol import unwrap_component

__all__ = ["Found", "Query", "describe", "shown", "texts_of", "tooltip_of"]

# The string properties Flet's client draws as text. ``value`` only for the
# controls in VALUE_TEXTS: elsewhere it is a choice's key or a number.
TEXT_FIELDS = (
    "label",
    "title",
    "subtitle",
    "value",
    "content",
    "text",
    "hint_text",
    "helper_text",
    "error_text",
    "prefix_text",
    "suffix_text",
    "counter_text",
    "placeholder_text",
)
VALUE_TEXTS = (ft.Text, ft.TextField, ft.Markdown)
# Fields that hold no shown controls (a view's drawers show only when opened).
NOT_SHOWN = frozenset({"data", "ref", "key", "services", "drawer", "end_drawer", "tooltip"})

ControlType = type[Any] | tuple[type[Any], ...]


class Found(NamedTuple):
    """A control shown, with what holds it (outermost first)."""

    control: ft.Control
    holders: tuple[ft.Control, ...]


@dataclass(frozen=True)
class Query:
    """What a test looks for: every criterion given must hold.

    Attributes:
        text: A text the control shows, exactly; a compiled pattern is
            searched instead. With ``type``, the text may be shown inside
            the control (a button holding ``ft.Text("Save")``).
        key: The control's ``key`` (a string, or the value of a ``ft.ValueKey``).
        type: A control class (or a tuple of them): instances of subclasses count.
        tooltip: The control's tooltip, exactly; a compiled pattern is searched instead.
    """

    text: str | re.Pattern[str] | None = None
    key: Any = None
    type: ControlType | None = None
    tooltip: str | re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        if self.text is None and self.key is None and self.type is None and self.tooltip is None:
            raise TypeError("say what to find: text=, key=, type= or tooltip=")

    def matches(self, control: ft.Control) -> bool:
        """Whether ``control`` meets every criterion."""
        if self.type is not None and not isinstance(control, self.type):
            return False
        if self.key is not None and not _key_is(control.key, self.key):
            return False
        if self.tooltip is not None:
            tip = tooltip_of(control)
            if tip is None or not _text_is(tip, self.tooltip):
                return False
        if self.text is None:
            return True
        if self.type is None:
            texts = texts_of(control)
        else:  # Flutter's widgetWithText: the text may be inside
            texts = [text for found in shown(control) for text in texts_of(found.control)]
        return any(_text_is(text, self.text) for text in texts)

    def __str__(self) -> str:
        said = []
        if self.text is not None:
            wanted = self.text.pattern if isinstance(self.text, re.Pattern) else self.text
            said.append(f"text {wanted!r}")
        if self.key is not None:
            said.append(f"key {self.key!r}")
        if self.type is not None:
            types = self.type if isinstance(self.type, tuple) else (self.type,)
            said.append("type " + " or ".join(kind.__name__ for kind in types))
        if self.tooltip is not None:
            tip = self.tooltip.pattern if isinstance(self.tooltip, re.Pattern) else self.tooltip
            said.append(f"tooltip {tip!r}")
        return " and ".join(said)


def shown(root: Any, holders: tuple[ft.Control, ...] = ()) -> Iterator[Found]:
    """Every control shown in ``root`` (a control, a list of them), in reading order."""
    item = unwrap_component(root)
    if isinstance(item, list | tuple):
        for child in item:
            yield from shown(child, holders)
    elif isinstance(item, dict):
        for child in item.values():
            yield from shown(child, holders)
    elif isinstance(item, ft.BaseControl):
        if getattr(item, "visible", True) is False:
            return
        yield Found(item, holders)  # type: ignore[arg-type]
        inner = (*holders, item)
        for child in _children(item, holders):
            yield from shown(child, inner)  # type: ignore[arg-type]
    elif dataclasses.is_dataclass(item) and not isinstance(item, type):
        for child in _children(item, holders):  # a value (a style, a border) may hold controls
            yield from shown(child, holders)


def _children(item: Any, holders: tuple[ft.Control, ...]) -> Iterator[Any]:
    if isinstance(item, ft.TabBarView):  # only the page its Tabs select
        tabs = next((c for c in reversed(holders) if isinstance(c, ft.Tabs)), None)
        at = (tabs.selected_index if tabs is not None else 0) or 0
        yield item.controls[at : at + 1]
        return
    fields = dataclasses.fields(item)
    # Read top down: a view's AppBar, a dialog's or a tile's title first.
    fields = tuple(sorted(fields, key=lambda field: field.name not in ("appbar", "title")))
    for field in fields:
        name = field.name
        if field.metadata.get("skip") or name.startswith(("_", "on_")) or name in NOT_SHOWN:
            continue
        value = getattr(item, name, None)
        if value is not None and not isinstance(value, str | int | float | bool):
            yield value


def texts_of(control: Any) -> list[str]:
    """The texts ``control`` itself draws (not those of the controls inside it)."""
    texts = []
    for name in TEXT_FIELDS:
        if name == "value" and not isinstance(control, VALUE_TEXTS):
            continue
        value = getattr(control, name, None)
        if isinstance(value, str) and value:
            texts.append(value)
    return texts


def tooltip_of(control: Any) -> str | None:
    """The text of ``control``'s tooltip, if it has one."""
    tooltip = getattr(control, "tooltip", None)
    if tooltip is None or isinstance(tooltip, str):
        return tooltip
    message = getattr(tooltip, "message", None)
    return message if isinstance(message, str) else None


def describe(control: Any) -> str:
    """``control`` named for an error: ``Button 'Save'``, ``IconButton (tooltip 'Delete')``."""
    name = type(control).__name__
    own = texts_of(control)
    if own:
        return f"{name} {own[0]!r}"
    tooltip = tooltip_of(control)
    if tooltip:
        return f"{name} (tooltip {tooltip!r})"
    if getattr(control, "key", None) is not None:
        return f"{name} (key {control.key!r})"
    inside = [text for found in shown(control) for text in texts_of(found.control)]
    return f"{name} showing {inside[0]!r}" if inside else name


def _key_is(key: Any, wanted: Any) -> bool:
    if key is None:
        return False
    return bool(key == wanted or getattr(key, "value", key) == getattr(wanted, "value", wanted))


def _text_is(text: str, wanted: str | re.Pattern[str]) -> bool:
    if isinstance(wanted, re.Pattern):
        return wanted.search(text) is not None
    return text == wanted
