"""Killing a child process at a chosen moment (tests of interrupted ingests)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path


def kill_9_when(proc: subprocess.Popen, signal_file: Path, never: str, timeout: float = 120) -> None:
    """``kill -9`` ``proc`` as soon as it creates ``signal_file``; fail with ``never`` if it does not
    within ``timeout`` seconds (or exits first, with its stderr)."""
    try:
        deadline = time.monotonic() + timeout
        while not signal_file.exists():
            assert proc.poll() is None, proc.communicate()[1].decode()[-2000:]
            assert time.monotonic() < deadline, never
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
