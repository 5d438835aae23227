"""Starting fast: importing the drafting modules costs more than drafting a letter."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while a burst of imports (and one letter) runs.

    Imports create a few hundred thousand objects and free almost none, so the
    collector's passes over them are wasted: ~10 % of importing WeasyPrint,
    pydantic, Jinja2 and python-docx. The garbage of one letter is small.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
