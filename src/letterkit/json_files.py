"""Reading letterkit's own versioned JSON files (templates.lock, manifest.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from letterkit.errors import LetterkitError, display_path


def read_json_file(path: Path, expected_format: str, error: type[LetterkitError]) -> dict[str, Any]:
    """The object in `path`, whose "format" must be `expected_format`; anything else raises `error`."""
    where = display_path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise error(f"{where}: not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != expected_format:
        raise error(f"{where}: not a {expected_format} file")
    return data
