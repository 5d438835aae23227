"""The schema of templates.lock, read as the input it is (anyone with the folder may edit it).

Every value is checked before use: a reference names one version (`blocks/about@1`), a file
and an asset are relative paths with forward slashes inside the template folder, hashes are
64 hexadecimal digits, the approval one line of text and a date written YYYY-MM-DD. Keys a
later letterkit may add are ignored, as in manifest.json.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from letterkit.manifest_schema import Record, Sha256, Text, is_relative_path, template_ref

FORMAT = "letterkit-templates-lock/1"

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _relative_path(value: str) -> str:
    if not is_relative_path(value):
        raise ValueError(f"not a path inside the template folder, written with forward slashes: {value!r}")
    return value


def _iso_date(value: object) -> datetime.date:
    try:
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date written as YYYY-MM-DD: {value!r}") from None


def _someone(value: str) -> str:
    if not value.strip():
        raise ValueError("must name who approved the version")
    return value


RelativePath = Annotated[Text, AfterValidator(_relative_path)]


class LockedVersion(Record):
    file: RelativePath
    sha256: Sha256
    approved_by: Annotated[Text, AfterValidator(_someone)]
    approved_on: Annotated[datetime.date, BeforeValidator(_iso_date)]
    assets: dict[RelativePath, Sha256] = Field(default_factory=dict)


class TemplatesLock(Record):
    format: Literal["letterkit-templates-lock/1"]
    comment: Text = ""
    templates: dict[Annotated[str, AfterValidator(template_ref)], LockedVersion]
