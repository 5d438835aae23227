"""Versioned templates on disk: `templates/<group>/<name>/v<N>.<ext>`.

A template's name is `<group>/<name>` (e.g. `blocks/about`) and a version is
addressed as `blocks/about@2`. Versions sit side by side and are never edited
in place once released; each file's first line states its own name and
version, which must match where it lives (this catches a v2 copied from v1
and left unrenamed inside).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from letterkit.errors import TemplateError

_VERSION_FILE = re.compile(r"^v(?P<version>[1-9][0-9]*)\.(?P<ext>[a-z0-9.]+)$")
_HEADER = re.compile(r"letterkit-template:\s*(?P<name>[a-z0-9/-]+)\s+version:\s*(?P<version>\d+)")
_REF = re.compile(r"^(?P<name>[a-z0-9-]+/[a-z0-9-]+)(?:@(?P<version>[1-9][0-9]*))?$")

# What each pin in a letter's `templates:` section selects.
LETTER_TEMPLATE = "letters/shareholder-letter"
ABOUT_TEMPLATE = "blocks/about"
FORWARD_LOOKING_TEMPLATE = "blocks/forward-looking"
PRINT_STYLE_TEMPLATE = "styles/print"
DATELINE_GROUP = "datelines"


def template_slots(wire: str) -> dict[str, str]:
    """Each slot a letter can pin (`templates.<slot>: N`) and the template it selects."""
    return {
        "letter": LETTER_TEMPLATE,
        "dateline": f"{DATELINE_GROUP}/{wire}",
        "about": ABOUT_TEMPLATE,
        "forward_looking": FORWARD_LOOKING_TEMPLATE,
        "print_style": PRINT_STYLE_TEMPLATE,
    }


@dataclass(frozen=True)
class TemplateVersion:
    name: str
    version: int
    path: Path

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    @cached_property
    def content(self) -> bytes:
        return self.path.read_bytes()

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def parse_ref(ref: str) -> tuple[str, int | None]:
    """"blocks/about@2" -> ("blocks/about", 2); "blocks/about" -> ("blocks/about", None)."""
    match = _REF.match(ref)
    if not match:
        raise TemplateError(f"{ref!r} is not a template name such as blocks/about or blocks/about@2")
    return match["name"], int(match["version"]) if match["version"] else None


class TemplateStore:
    def __init__(self, root: Path):
        self.root = root
        self._versions = self._scan(root)

    def names(self) -> list[str]:
        return sorted(self._versions)

    def versions(self, name: str) -> list[TemplateVersion]:
        return self._versions.get(name, [])

    def wires(self) -> set[str]:
        prefix = f"{DATELINE_GROUP}/"
        return {name.removeprefix(prefix) for name in self._versions if name.startswith(prefix)}

    def has(self, name: str, version: int | None = None) -> bool:
        return any(version in (None, v.version) for v in self.versions(name))

    def get(self, name: str, version: int | None = None) -> TemplateVersion:
        """A given version, or the latest one when `version` is None."""
        versions = self.versions(name)
        if not versions:
            raise TemplateError(f"no template named {name!r} in {self.root}")
        if version is None:
            return versions[-1]
        for candidate in versions:
            if candidate.version == version:
                return candidate
        known = ", ".join(str(v.version) for v in versions)
        raise TemplateError(f"template {name!r} has no version {version} (versions: {known})")

    def get_ref(self, ref: str) -> TemplateVersion:
        return self.get(*parse_ref(ref))

    @staticmethod
    def _scan(root: Path) -> dict[str, list[TemplateVersion]]:
        found: dict[str, list[TemplateVersion]] = {}
        for path in sorted(root.glob("*/*/v*.*")):
            match = _VERSION_FILE.match(path.name)
            if not match or not path.is_file():
                continue
            name = f"{path.parent.parent.name}/{path.parent.name}"
            version = TemplateVersion(name, int(match["version"]), path)
            _check_header(version)
            found.setdefault(name, []).append(version)
        for versions in found.values():
            versions.sort(key=lambda v: v.version)
        return found


def _check_header(template: TemplateVersion) -> None:
    first_line = template.text.split("\n", 1)[0]
    header = _HEADER.search(first_line)
    if header is None:
        raise TemplateError(
            f"{template.path}: the first line must say 'letterkit-template: {template.name} version: {template.version}'"
        )
    if header["name"] != template.name or int(header["version"]) != template.version:
        raise TemplateError(
            f"{template.path}: header says {header['name']}@{header['version']} "
            f"but the file is {template.ref}"
        )
