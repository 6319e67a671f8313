"""What `newsbot serve`'s child processes (answer workers, the jobs process) share: how they start and
that they stop with the server.

They are started with "spawn", not fork: the server has threads (HTTP, Bolt's lazy listeners) whose locks a
fork would copy mid-use. And they watch their parent: a server killed outright (kill -9, the OOM killer)
runs no clean-up, and a child left behind would go on polling feeds and posting digests unseen, or sit
on a pipe that never closes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from multiprocessing.context import SpawnContext

PARENT_CHECK_S = 1.0  # how soon a child notices that the server has gone


def spawn_context() -> SpawnContext:
    return multiprocessing.get_context("spawn")


def exit_with_parent() -> None:
    """Call first thing in a child: a daemon thread ends the process when its parent is gone. Ctrl-C,
    which reaches the whole process group, is left to the parent, which stops its children in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
