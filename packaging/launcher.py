"""The bundled app's entry script (PyInstaller needs a file; the package's own entry is app.main)."""

import sys

from archivist.app import main

if __name__ == "__main__":
    sys.exit(main())
