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

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from letterkit.manifest_schema import Sha256, Text, template_ref
from letterkit.output_journal import is_plain_name

FORMAT = "letterkit-templates-lock/1"

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _relative_path(value: str) -> str:
    if not value or not all(is_plain_name(part) for part in value.split("/")):
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


class _Record(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True, extra="ignore")


class LockedVersion(_Record):
    file: RelativePath
    sha256: Sha256
    approved_by: Annotated[Text, AfterValidator(_someone)]
    approved_on: Annotated[datetime.date, BeforeValidator(_iso_date)]
    assets: dict[RelativePath, Sha256] = Field(default_factory=dict)


class TemplatesLock(_Record):
    format: Literal["letterkit-templates-lock/1"]
    comment: Text = ""
    templates: dict[Annotated[str, AfterValidator(template_ref)], LockedVersion]
