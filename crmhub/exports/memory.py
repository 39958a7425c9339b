"""An export worker's memory stays flat over a long drain: after each step, what the step freed goes back
to the operating system instead of staying in the C allocator's free lists (glibc keeps them, and a drain of
a million records through Python dicts, Arrow buffers and the warehouse's driver leaves them fragmented)."""

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _libc():
    name = ctypes.util.find_library("c")
    if not name:
        return None
    library = ctypes.CDLL(name)
    return library if hasattr(library, "malloc_trim") else None  # glibc only


def memory_return() -> None:
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
