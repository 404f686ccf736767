"""Worker processes end when the build that started them dies.

Every worker (photo renditions, share cards, page bodies, the search index) is forked from the
build's forkserver, so its parent is the forkserver, not the build; and each holds the
forkserver's "still needed" pipe, so after a `kill -9` of the build neither the workers nor the
forkserver (nor multiprocessing's resource tracker, which waits for both) ever notice: they keep
the build's output pipe open and a cancelled CI step waits on them for ever. `watch(build_pid)`,
called first thing in every worker (a pool's initializer, a process's target), starts a daemon
thread that ends the worker as soon as the build process has exited; once the workers are gone
the forkserver and the resource tracker see their pipes close and end by themselves.

A pidfd (Linux 5.3+) wakes the thread the moment the build exits, zombie or not; elsewhere the
thread looks at the process every 0.2 s.
"""
from __future__ import annotations

import os
import select
import threading
import time

ENVIRONMENT = "LANTOA_BUILD_PID"  # set by the build before its forkserver starts (build.start_worker_server)
POLL_SECONDS = 0.2
EXIT_CODE = 70  # what a worker killed this way exits with (EX_SOFTWARE): seen by nobody, since its build is gone


def announce() -> None:
    """Called in the build process: workers started from now on (and from its forkserver) watch it."""
    os.environ[ENVIRONMENT] = str(os.getpid())


def watch(build_pid: int | None = None, niceness: int = 0) -> None:
    """In a worker: end this process when `build_pid` (by default the announced build) is gone.
    `niceness` is added to the worker's (pool initializers take one function)."""
    if niceness:
        os.nice(niceness)
    if build_pid is None:
        announced = os.environ.get(ENVIRONMENT, "")
        build_pid = int(announced) if announced.isdigit() else os.getppid()
    if build_pid == os.getpid():
        return
    threading.Thread(target=_wait_then_exit, args=(build_pid,), name="lantoa-lifeline", daemon=True).start()


def _wait_then_exit(pid: int) -> None:
    _wait_for_exit(pid)
    os._exit(EXIT_CODE)  # no clean-up: queues' feeder threads would wait for a reader that is gone


def _wait_for_exit(pid: int) -> None:
    try:
        descriptor = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfds here, or the build is already gone
        descriptor = None
        if not alive(pid):
            return
    if descriptor is not None:
        try:
            select.select([descriptor], [], [])  # readable once the process has exited
        finally:
            os.close(descriptor)
        return
    started = _start_time(pid)
    while alive(pid) and _start_time(pid) == started:
        time.sleep(POLL_SECONDS)


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, exited but not yet reaped by its parent, does not)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            state = stat.read().rsplit(b")", 1)[1].split()[0]
        return state not in (b"Z", b"X")
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def _start_time(pid: int) -> bytes | None:
    """When `pid` started, so that a recycled pid is not taken for the build."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None
