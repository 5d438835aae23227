"""What Ctrl-C ends a command with: kept free of imports, since entry.py reads it before anything else."""

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a process Ctrl-C ended
NOTHING_WRITTEN = "interrupted; nothing was written."
