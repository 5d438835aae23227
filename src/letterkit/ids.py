"""The ids files are named by: company profiles, blocks, wire styles (no imports: cheap to use)."""

import re

ID_PATTERN = r"[a-z0-9][a-z0-9-]{0,63}"
ID_RULE = "lower-case letters, digits, hyphens"


def is_id(text: str) -> bool:
    return re.fullmatch(ID_PATTERN, text) is not None
