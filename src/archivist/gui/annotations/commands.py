"""Undoable annotation edits: every highlight and note change is a QUndoCommand.

Each command does its one library call in redo() and the inverse in undo(), then tells the
`AnnotationSink` (the controller) what changed so the reader and panel update in place, or show
the article again if the user has moved on to another one since.

Ids change under undo: deleting a highlight and undoing that re-creates it (restore_highlight)
with a new id, and a note re-added gets a new id too. Commands therefore never hold raw ids but
`Ref`s from a `RefRegistry`: every command about the same highlight shares one Ref, and the
command that re-creates it rebinds the Ref to the new id. The registry only holds things that
exist, because SQLite may hand a deleted row's id to the next new row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol

from PySide6.QtGui import QUndoCommand

from archivist.core.library import Library
from archivist.core.types import HighlightInfo, NoteInfo
from archivist.errors import ArchivistError

Kind = Literal["highlight", "note"]


class Ref:
    """The current id of one highlight or note, across deletes and restores."""

    __slots__ = ("id", "kind")

    def __init__(self, kind: Kind, id_: int) -> None:
        self.kind = kind
        self.id = id_

    def __repr__(self) -> str:
        return f"Ref({self.kind}, {self.id})"


class RefRegistry:
    """One Ref per existing highlight or note that some command refers to."""

    def __init__(self) -> None:
        self._refs: dict[tuple[Kind, int], Ref] = {}

    def get(self, kind: Kind, id_: int) -> Ref:
        ref = self._refs.get((kind, id_))
        if ref is None:
            ref = self._refs[(kind, id_)] = Ref(kind, id_)
        return ref

    def attach(self, ref: Ref, new_id: int) -> None:
        """`ref` now exists again, as `new_id`."""
        ref.id = new_id
        self._refs[(ref.kind, new_id)] = ref

    def detach(self, ref: Ref) -> None:
        """`ref`'s object was deleted; its id may be reused by something else."""
        if self._refs.get((ref.kind, ref.id)) is ref:
            del self._refs[(ref.kind, ref.id)]

    def clear(self) -> None:
        self._refs.clear()


class AnnotationSink(Protocol):
    """What commands need from the GUI: the library, the refs, and where to report changes."""

    library: Library
    refs: RefRegistry

    def highlight_saved(self, info: HighlightInfo, reveal: bool) -> None: ...
    def highlight_removed(self, info: HighlightInfo) -> None: ...
    def note_saved(self, note: NoteInfo) -> None: ...
    def note_removed(self, note: NoteInfo) -> None: ...
    def command_failed(self, error: ArchivistError) -> None: ...


class _Command(QUndoCommand):
    def __init__(self, sink: AnnotationSink, text: str) -> None:
        super().__init__(text)
        self._sink = sink
        self._runs = 0

    @property
    def replayed(self) -> bool:
        """True in an undo or a redo after the first run: the user should be shown the change."""
        return self._runs > 1

    def _safely(self, step: Callable[[], None]) -> None:
        """Run a step; if the library refuses, drop the command (Qt deletes obsolete commands)."""
        self._runs += 1
        try:
            step()
        except ArchivistError as exc:
            self.setObsolete(True)
            self._sink.command_failed(exc)


class AddHighlight(_Command):
    def __init__(self, sink: AnnotationSink, article_id: int, start: int, end: int, color: str) -> None:
        super().__init__(sink, f"Add {color.capitalize()} Highlight")
        self._span = (article_id, start, end, color)
        self._deleted: HighlightInfo | None = None
        self.ref: Ref | None = None

    def redo(self) -> None:
        self._safely(self._redo)

    def _redo(self) -> None:
        lib, refs = self._sink.library, self._sink.refs
        if self._deleted is None:
            aid, start, end, color = self._span
            info = lib.add_highlight(aid, start, end, color)
            self.ref = refs.get("highlight", info.id)
        else:  # redo after undo: the same highlight back, with its selectors and creation time
            assert self.ref is not None
            info = lib.restore_highlight(self._deleted)
            refs.attach(self.ref, info.id)
        self._sink.highlight_saved(info, reveal=self.replayed)

    def undo(self) -> None:
        self._safely(self._undo)

    def _undo(self) -> None:
        assert self.ref is not None
        self._deleted = self._sink.library.delete_highlight(self.ref.id)
        self._sink.refs.detach(self.ref)
        self._sink.highlight_removed(self._deleted)


class DeleteHighlight(_Command):
    def __init__(self, sink: AnnotationSink, ref: Ref) -> None:
        super().__init__(sink, "Delete Highlight")
        self.ref = ref
        self._deleted: HighlightInfo | None = None

    def redo(self) -> None:
        self._safely(self._redo)

    def _redo(self) -> None:
        self._deleted = self._sink.library.delete_highlight(self.ref.id)
        self._sink.refs.detach(self.ref)
        self._sink.highlight_removed(self._deleted)

    def undo(self) -> None:
        self._safely(self._undo)

    def _undo(self) -> None:
        assert self._deleted is not None
        info = self._sink.library.restore_highlight(self._deleted)
        self._sink.refs.attach(self.ref, info.id)
        self._sink.highlight_saved(info, reveal=self.replayed)


class ChangeHighlightColor(_Command):
    def __init__(self, sink: AnnotationSink, ref: Ref, old: str, new: str) -> None:
        super().__init__(sink, f"Change Highlight to {new.capitalize()}")
        self.ref, self._old, self._new = ref, old, new

    def redo(self) -> None:
        self._safely(lambda: self._set(self._new))

    def undo(self) -> None:
        self._safely(lambda: self._set(self._old))

    def _set(self, color: str) -> None:
        info = self._sink.library.update_highlight(self.ref.id, color=color)
        self._sink.highlight_saved(info, reveal=self.replayed)


class EditHighlightNote(_Command):
    """Add, change or remove (empty text) the note on a highlight."""

    def __init__(self, sink: AnnotationSink, ref: Ref, old: str | None, new: str | None) -> None:
        verb = "Add" if not old else "Remove" if not new else "Edit"
        super().__init__(sink, f"{verb} Highlight Note")
        self.ref, self._old, self._new = ref, old, new

    def redo(self) -> None:
        self._safely(lambda: self._set(self._new))

    def undo(self) -> None:
        self._safely(lambda: self._set(self._old))

    def _set(self, note: str | None) -> None:
        lib = self._sink.library
        info = (lib.update_highlight(self.ref.id, note=note) if note
                else lib.update_highlight(self.ref.id, clear_note=True))
        self._sink.highlight_saved(info, reveal=self.replayed)


class AddNote(_Command):
    def __init__(self, sink: AnnotationSink, article_id: int, body: str) -> None:
        super().__init__(sink, "Add Note")
        self._article_id, self._body = article_id, body
        self.ref: Ref | None = None

    def redo(self) -> None:
        self._safely(self._redo)

    def _redo(self) -> None:
        note = self._sink.library.add_note(self._article_id, self._body)
        if self.ref is None:
            self.ref = self._sink.refs.get("note", note.id)
        else:
            self._sink.refs.attach(self.ref, note.id)
        self._sink.note_saved(note)

    def undo(self) -> None:
        self._safely(self._undo)

    def _undo(self) -> None:
        assert self.ref is not None
        note = self._sink.library.delete_note(self.ref.id)
        self._sink.refs.detach(self.ref)
        self._sink.note_removed(note)


class EditNote(_Command):
    def __init__(self, sink: AnnotationSink, ref: Ref, old: str, new: str) -> None:
        super().__init__(sink, "Edit Note")
        self.ref, self._old, self._new = ref, old, new

    def redo(self) -> None:
        self._safely(lambda: self._sink.note_saved(self._sink.library.update_note(self.ref.id, self._new)))

    def undo(self) -> None:
        self._safely(lambda: self._sink.note_saved(self._sink.library.update_note(self.ref.id, self._old)))


class DeleteNote(_Command):
    """Deleting an article note; undo puts it back in its place (a new id, the same times)."""

    def __init__(self, sink: AnnotationSink, ref: Ref) -> None:
        super().__init__(sink, "Delete Note")
        self.ref = ref
        self._deleted: NoteInfo | None = None

    def redo(self) -> None:
        self._safely(self._redo)

    def _redo(self) -> None:
        self._deleted = self._sink.library.delete_note(self.ref.id)
        self._sink.refs.detach(self.ref)
        self._sink.note_removed(self._deleted)

    def undo(self) -> None:
        self._safely(self._undo)

    def _undo(self) -> None:
        assert self._deleted is not None
        note = self._sink.library.restore_note(self._deleted)
        self._sink.refs.attach(self.ref, note.id)
        self._sink.note_saved(note)
