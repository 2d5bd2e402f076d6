"""Export: dossiers and annotations out of the library, as PDF, HTML, Markdown, JSON-LD.

Every format is built from the same plain data (`dossier.DossierDoc`), gathered from the
library in one read, so the writers are pure functions that never touch the database.
"""
