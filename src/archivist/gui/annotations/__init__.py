"""Highlighting and annotation in the GUI: the annotated reader, the panel, undoable commands.

    reader      AnnotatedReader: paints highlights, maps selections to text offsets, reports clicks
    textmap     the exact mapping between article text offsets and reader document positions
    painter     highlight backgrounds on the document's fragments, repainting only what changed
    models      list models of an article's highlights and notes; delegates paints their rows
    panel       the Annotations dock (highlights tab, notes tab)
    commands    QUndoCommands for every highlight and note change
    actions     colour actions (1-6), the toolbar buttons, the highlight menu
    controller  the glue the main window creates: actions, panel, undo stack, re-clean
"""

from archivist.gui.annotations.controller import AnnotationController
from archivist.gui.annotations.reader import AnnotatedReader

__all__ = ["AnnotatedReader", "AnnotationController"]
