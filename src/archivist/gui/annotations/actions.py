"""The highlighting actions: one per colour (menu, toolbar, shortcut 1–6) and the highlight menu.

Colour actions carry the shortcuts 1 to 6 but only while the reader has focus (their shortcut
context is the reader widget), so typing digits into the search field never highlights, and
they are enabled only while the reader has a selection that covers article text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from archivist.core.colors import HIGHLIGHT_COLORS
from archivist.core.types import HighlightInfo

QUOTE_IN_MENU_CHARS = 48


def swatch_icon(hex_color: str, size: int = 16) -> QIcon:
    """A rounded square of the colour with a thin darker edge, readable on light and dark menus.

    The disabled look (no selection yet) stays recognisably coloured, only paler: Qt's default
    greys every swatch to the same square, and then the toolbar no longer shows the palette.
    """
    icon = QIcon()
    for mode, alpha in ((QIcon.Mode.Normal, 255), (QIcon.Mode.Disabled, 110)):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        color = QColor(hex_color)
        edge = color.darker(150)
        color.setAlpha(alpha)
        edge.setAlpha(alpha)
        painter.setPen(edge)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3)
        painter.end()
        icon.addPixmap(pixmap, mode)
    return icon


def short_quote(text: str, limit: int = QUOTE_IN_MENU_CHARS) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[:limit].rstrip()}…”"


class HighlightActions(QObject):
    """The six colour actions, the Highlight submenu and the toolbar's colour buttons.

    Signal: color_chosen(str) -- a colour action was triggered (key, menu or button).
    """

    color_chosen = Signal(str)

    def __init__(self, reader: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.colors: dict[str, QAction] = {}
        for number, (name, hex_color) in enumerate(HIGHLIGHT_COLORS.items(), start=1):
            action = QAction(swatch_icon(hex_color), f"&{name.capitalize()}", self)
            action.setObjectName(f"highlight_{name}")
            action.setShortcut(QKeySequence(str(number)))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setToolTip(f"Highlight the selection in {name} ({number})")
            action.setStatusTip(f"Highlight the selected text in {name}")
            action.setEnabled(False)
            action.triggered.connect(partial(self._on_color_action_triggered, name))
            reader.addAction(action)  # the shortcut works while the reader has focus
            self.colors[name] = action
        self.menu = QMenu("&Highlight Selection", reader)  # a parent, so it goes with the window
        self.menu.setObjectName("highlightMenu")
        self.menu.addActions(list(self.colors.values()))

    def set_enabled(self, enabled: bool) -> None:
        for action in self.colors.values():
            action.setEnabled(enabled)

    def make_buttons(self) -> QWidget:
        """A row of colour buttons for a toolbar (each shows its action's swatch and tooltip)."""
        box = QWidget()
        box.setObjectName("highlightButtons")
        box.setAccessibleName("Highlight colours")
        layout = QHBoxLayout(box)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(1)
        for name, action in self.colors.items():
            button = QToolButton()
            button.setObjectName(f"highlightButton_{name}")
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the reader keeps focus and selection
            layout.addWidget(button)
        return box

    def _on_color_action_triggered(self, name: str, _checked: bool = False) -> None:
        self.color_chosen.emit(name)


class HighlightEditor(Protocol):
    """What the highlight menu's entries do (the controller implements it)."""

    def set_highlight_color(self, highlight_id: int, color: str) -> None: ...
    def edit_highlight_note(self, highlight_id: int) -> None: ...
    def delete_highlight(self, highlight_id: int) -> None: ...


def fill_highlight_menu(menu: QMenu, hits: list[HighlightInfo], editor: HighlightEditor) -> None:
    """Entries for the highlights under a click: one highlight inline, several as submenus."""
    if len(hits) == 1:
        _add_entries(menu, hits[0], editor)
        return
    for h in hits:
        sub = menu.addMenu(swatch_icon(HIGHLIGHT_COLORS.get(h.color, "#ffffff")), short_quote(h.exact))
        sub.setObjectName(f"highlightSubmenu_{h.id}")
        _add_entries(sub, h, editor)


def _add_entries(menu: QMenu, h: HighlightInfo, editor: HighlightEditor) -> None:
    title = menu.addSection(short_quote(h.exact))
    title.setObjectName("highlightTitle")
    group = QActionGroup(menu)
    for name, hex_color in HIGHLIGHT_COLORS.items():
        action = menu.addAction(swatch_icon(hex_color), name.capitalize())
        action.setCheckable(True)
        action.setChecked(name == h.color)
        action.setActionGroup(group)
        action.triggered.connect(_call(editor.set_highlight_color, int(h.id), name))
    menu.addSeparator()
    note = menu.addAction("Edit Note…" if h.note else "Add Note…")
    note.triggered.connect(_call(editor.edit_highlight_note, int(h.id)))
    delete = menu.addAction("Delete Highlight")
    delete.triggered.connect(_call(editor.delete_highlight, int(h.id)))


def _call(fn: Callable[..., None], *args: object) -> Callable[[bool], None]:
    def slot(_checked: bool = False) -> None:
        fn(*args)
    return slot
