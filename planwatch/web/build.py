"""The build fingerprint: what distinguishes one installed version of the code, templates and static files from
another, so that caches shared between processes and restarts (file, Redis) never serve what an older build made.

Computed once when the module is imported (at start-up): the package version and a hash of the contents of every
file of the package (Python code, templates, static files, bundled data), whatever their modification times.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import planwatch

PACKAGE = Path(planwatch.__file__).resolve().parent
SKIPPED_FOLDERS = {"__pycache__"}


def fingerprint(root: Path = PACKAGE, version: str = planwatch.__version__) -> str:
    """A short hash of `version` and of the relative path and contents of each file under `root`."""
    digest = hashlib.blake2b(version.encode(), digest_size=8)
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not SKIPPED_FOLDERS.intersection(relative.parts):
            digest.update(str(relative).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


BUILD = fingerprint()
