"""Allows `python -m archivist`."""

import sys

from archivist.app import main

sys.exit(main())
