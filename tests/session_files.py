"""Files that cost seconds to make (a seeded demo database, a rendered PDF) made once per test session.

With pytest-xdist the workers share the controller's temporary folder: the first worker to ask makes the file
under a lock, the others wait for it and read the same file. Tests copy what they change.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path


def shared_folder(tmp_path_factory) -> Path:
    """The temporary folder every process of this session sees: the controller's when run under xdist."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder named `name` that `build(folder)` fills once per session; a build that failed is tried again."""
    root = shared_folder(tmp_path_factory)
    folder = root / name
    done = folder / ".built"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                build(folder)
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder
