"""The schema of manifest.json, for `letterkit verify` to read it as the input it is.

A manifest sits in a folder anyone may edit, so every value is checked before it
is used: an output is a plain file name beside the manifest (never a path, `..`
or an absolute name), an asset a path inside letterkit's assets folder, a hash
64 hexadecimal digits, and text one line without control characters (verify
prints some of it). Keys a later letterkit may add are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from letterkit.output_journal import is_plain_name

FORMAT = "letterkit-manifest/1"

_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEMPLATE_REF = re.compile(r"[a-z0-9-]+/[a-z0-9-]+@[1-9][0-9]*")


def _one_line(value: str) -> str:
    if len(value) > 1000:
        raise ValueError(f"longer than 1,000 characters ({len(value):,})")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in value):
        raise ValueError(f"not one line of plain text: {value!r}")
    return value


def _sha256(value: str) -> str:
    if not _SHA256.fullmatch(value):
        raise ValueError(f"not a SHA-256 (64 hexadecimal digits): {value!r}")
    return value


def template_ref(value: str) -> str:
    if not _TEMPLATE_REF.fullmatch(value):
        raise ValueError(f"not a template version such as blocks/about@1: {value!r}")
    return value


def _output_name(value: str) -> str:
    if not is_plain_name(value):
        raise ValueError(f"not a plain file name in this folder: {value!r} (a manifest lists only files beside it)")
    return value


def is_relative_path(value: str) -> bool:
    """Whether `value` is a path of plain names joined by forward slashes: inside its folder, no `..`."""
    return all(is_plain_name(part) for part in value.split("/"))


def _asset_path(value: str) -> str:
    if not is_relative_path(value):
        raise ValueError(f"not a path inside letterkit's assets folder: {value!r}")
    return value


Text = Annotated[str, AfterValidator(_one_line)]
Sha256 = Annotated[str, AfterValidator(_sha256)]
Size = Annotated[int, Field(ge=0)]


class Record(BaseModel):
    """A record letterkit wrote: strict types, frozen, keys a later letterkit may add ignored."""

    model_config = ConfigDict(strict=True, frozen=True, extra="ignore")


class InputRecord(Record):
    role: Text
    file: Text
    sha256: Sha256
    size: Size


class TemplateRecord(Record):
    edition: Text = "en"  # the language of the edition that used it (editions: inputs/editions.py)
    slot: Text
    template: Annotated[str, AfterValidator(template_ref)]
    source: Literal["letterkit", "user", "company"]
    file: Text
    sha256: Sha256
    size: Size
    status: Literal["draft", "approved"]
    approved_by: Text | None
    approved_on: Text | None
    pinned: bool


class AssetRecord(Record):
    file: Annotated[Text, AfterValidator(_asset_path)]
    used_by: Text
    sha256: Sha256
    size: Size


class OutputRecord(Record):
    edition: Text = "en"
    file: Annotated[Text, AfterValidator(_output_name)]
    sha256: Sha256
    size: Size


class Manifest(Record):
    format: Literal["letterkit-manifest/1"]
    letterkit: Text
    allow_draft_templates: bool
    editions: list[Text] = ["en"]  # the languages drafted, English first when it is
    inputs: list[InputRecord]
    templates: list[TemplateRecord]
    assets: list[AssetRecord]
    outputs: list[OutputRecord]
