"""Reading letterkit's own versioned JSON files (templates.lock, manifest.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, display_path
from letterkit.input_files import LOCK_LIMIT, UnreadableFile, read_text


def read_json_file(
    path: Path,
    expected_format: str,
    error: type[LetterkitError],
    *,
    limit: int = LOCK_LIMIT,
    inside: Path | None = None,
) -> dict[str, Any]:
    """The object in `path`, whose "format" must be `expected_format`; anything else raises `error`.

    The file is read as input_files reads any file: a regular file of at most `limit` bytes
    (inside the folder `inside`, when given).
    """
    where = display_path(path)
    try:
        data = json.loads(read_text(path, limit=limit, inside=inside))
    except UnreadableFile as exc:
        raise error(f"{where}: {exc}") from None
    except ValueError as exc:
        raise error(f"{where}: not valid JSON: {exc}") from None
    except RecursionError:
        raise error(f"{where}: the JSON nests too deeply") from None
    if not isinstance(data, dict) or data.get("format") != expected_format:
        raise error(f"{where}: not a {expected_format} file")
    return data
