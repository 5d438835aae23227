"""JSON Schema of the input files, for editors (yaml-language-server) and tools.

The shipped files in schemas/ are this module's output; a test keeps them in
sync. Each example YAML names its schema in a modeline comment on line 1.
"""

from __future__ import annotations

import json
from typing import Any

from letterkit.inputs.schema import Company, LetterFile

KINDS = {"letter": LetterFile, "company": Company}


def schema_for(kind: str) -> dict[str, Any]:
    model = KINDS[kind]
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://letterkit.invalid/schemas/{kind}.schema.json",
        **schema,
    }


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
