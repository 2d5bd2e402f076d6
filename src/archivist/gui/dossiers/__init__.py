"""Dossiers in the GUI: ordered reading lists, built by dragging articles in, exported as PDFs.

    models      the list of dossiers and one dossier's articles (over ids), with drag and drop
    views       the two list views and their row delegates
    panel       the Dossiers dock: dossiers above, the selected one's introduction and articles below
    dialogs     name and introduction (new or edit), and the question before deleting
    actions     the Dossiers menu, "Add to Dossier", the context menus, and when each is enabled
    controller  the glue the main window creates: actions, menus, panel and the library calls
"""

from archivist.gui.dossiers.controller import DossierController

__all__ = ["DossierController"]
