"""What Ctrl-C ends a command with: kept free of imports, since entry.py reads it before anything else."""

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a process Ctrl-C ended
NOTHING_WRITTEN = "interrupted; nothing was written."


def caused_by_interrupt(error: BaseException) -> bool:
    """Whether `error` is Ctrl-C in another exception's clothes.

    Ctrl-C can land inside code that catches every exception and raises its own: Python's
    `__set_name__` (a RuntimeError from the KeyboardInterrupt) while a pydantic model is defined,
    and pydantic-core's validator building, whose SchemaError keeps only the text
    ("KeyboardInterrupt: ") of what stopped it.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        if type(current).__name__ == "SchemaError" and "KeyboardInterrupt:" in str(current):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
