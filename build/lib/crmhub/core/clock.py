"""The pipeline's idea of "now". Production: Django's timezone.now. Tests put the whole pipeline on the
sandbox's manual clock so that retry delays and rep edits share one timeline."""

from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime

from django.utils import timezone

_now: Callable[[], datetime] = timezone.now


def now() -> datetime:
    return _now()


@contextmanager
def use_clock(func: Callable[[], datetime]):
    global _now
    previous, _now = _now, func
    try:
        yield
    finally:
        _now = previous
