"""The command line: a thin shell over the public API."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the ``therapeutic-model`` command."""
    del argv
    sys.stdout.write("therapeutic-model\n")
    return 0
