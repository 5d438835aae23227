"""Versioned templates on disk: `templates/<group>/<name>/v<N>.<ext>`.

A template's name is `<group>/<name>` (e.g. `blocks/about`) and a version is
addressed as `blocks/about@2`. Versions sit side by side and are never edited
in place once released; each file's first line states its own name and
version, which must match where it lives (this catches a v2 copied from v1
and left unrenamed inside).

Each version also has a status (draft or approved) from its template's
versions.toml, and each folder a templates.lock holding the hash of every
approved version (see template_records.py and approval.py).

A template folder may come from someone else (an agency's house style), so
everything in it is read as input_files reads any file, and nothing found in
it may lead outside it: a template's folder, version file, versions.toml or
templates.lock that is a symbolic link to elsewhere is a template error.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from letterkit.compose.template_records import LockEntry, VersionInfo, read_lock, read_versions_file
from letterkit.errors import TemplateError, display_path
from letterkit.input_files import TEMPLATE_LIMIT, UnreadableFile, check_inside, decode_text, read_bytes
from letterkit.template_names import BLOCKS_GROUP, DATELINE_GROUP

_VERSION_FILE = re.compile(r"^v(?P<version>[1-9][0-9]*)\.(?P<ext>[a-z0-9.]+)$")
_HEADER = re.compile(r"letterkit-template:\s*(?P<name>[a-z0-9/-]+)\s+version:\s*(?P<version>\d+)")
_REF = re.compile(r"^(?P<name>[a-z0-9-]+/[a-z0-9-]+)(?:@(?P<version>[1-9][0-9]*))?$")


# Where a template comes from: letterkit's own folder, the user's (--templates / letterkit.toml),
# or the company's own (companies/<id>/: its counsel's About, safe-harbor and other blocks).
SHIPPED = "letterkit"
USER = "user"
COMPANY = "company"
ASSETS_FOLDER = "assets"  # fonts and other files stylesheets load; not templates


def _is_edition_of(name: str, names: set[str]) -> bool:
    """prnewswire-2007-de beside prnewswire-2007: the German edition's template of that one."""
    base, _, language = name.rpartition("-")
    return len(language) == 2 and language.isalpha() and base in names


@dataclass(frozen=True)
class TemplateVersion:
    name: str
    version: int
    path: Path
    root: Path  # the template folder it was found in
    source: str = SHIPPED  # SHIPPED or USER
    info: VersionInfo = VersionInfo()

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def file(self) -> str:
        """The path relative to its template folder, e.g. blocks/about/v1.md.j2."""
        return self.path.relative_to(self.root).as_posix()

    @cached_property
    def content(self) -> bytes:
        try:
            return read_bytes(self.path, limit=TEMPLATE_LIMIT, inside=self.root)
        except UnreadableFile as exc:
            raise TemplateError(f"{display_path(self.path)}: {exc}") from None

    @property
    def text(self) -> str:
        try:
            return decode_text(self.content)
        except UnreadableFile as exc:
            raise TemplateError(f"{display_path(self.path)}: {exc}") from None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def parse_ref(ref: str) -> tuple[str, int | None]:
    """"blocks/about@2" -> ("blocks/about", 2); "blocks/about" -> ("blocks/about", None)."""
    match = _REF.match(ref)
    if not match:
        raise TemplateError(f"{ref!r} is not a template name such as blocks/about or blocks/about@2")
    return match["name"], int(match["version"]) if match["version"] else None


@dataclass(frozen=True)
class TemplateFolder:
    """One folder of templates with its own versions.toml files and templates.lock."""

    root: Path
    source: str
    versions: dict[str, list[TemplateVersion]]
    infos: dict[str, dict[int, VersionInfo]]  # what each template's versions.toml says
    lock: dict[str, LockEntry]

    @classmethod
    def scan(cls, root: Path, source: str) -> TemplateFolder:
        versions: dict[str, list[TemplateVersion]] = {}
        infos: dict[str, dict[int, VersionInfo]] = {}
        for folder in sorted(p for p in root.glob("*/*") if p.is_dir() and p.parent.name != ASSETS_FOLDER):
            _check_inside(folder, root)
            name = f"{folder.parent.name}/{folder.name}"
            described = read_versions_file(folder, root=root)
            found = []
            for path in sorted(folder.glob("v*.*")):
                match = _VERSION_FILE.match(path.name)
                if not match:
                    continue  # not a version: a README, an editor's backup
                number = int(match["version"])
                version = TemplateVersion(name, number, path, root, source, described.get(number, VersionInfo()))
                _check_header(version)
                found.append(version)
            if found:
                versions[name] = sorted(found, key=lambda v: v.version)
            if described:
                infos[name] = described
        return cls(root, source, versions, infos, read_lock(root))


class TemplateStore:
    """The shipped templates, optionally overlaid by a user's folder.

    A name the user's folder defines (all its versions) replaces the shipped
    template of that name; every other name stays the shipped one.
    """

    def __init__(self, root: Path, *, user_root: Path | None = None):
        self.root = root
        self.shipped = TemplateFolder.scan(root, SHIPPED)
        self.user = TemplateFolder.scan(user_root, USER) if user_root is not None else None
        self.company: TemplateFolder | None = None
        self._versions = dict(self.shipped.versions)
        if self.user is not None:
            self._versions.update(self.user.versions)
        self._with_company: dict[Path, TemplateStore] = {}

    def with_company(self, folder: Path | None) -> TemplateStore:
        """This store with a company's own blocks over it (scanned once per folder); itself when there are none."""
        if folder is None or not folder.is_dir():
            return self
        key = folder.resolve()
        if key not in self._with_company:
            company = TemplateFolder.scan(folder, COMPANY)
            outside = sorted(name for name in company.versions if not name.startswith(f"{BLOCKS_GROUP}/"))
            if outside:
                raise TemplateError(
                    f"{folder}: a company's folder holds only its {BLOCKS_GROUP}/… (About, safe-harbor and other "
                    f"legal blocks), not {', '.join(outside)}"
                )
            derived = copy.copy(self)
            derived.company = company
            derived._versions = {**self._versions, **company.versions}
            derived._with_company = {}
            self._with_company[key] = derived
        return self._with_company[key]

    @property
    def folders(self) -> list[TemplateFolder]:
        return [folder for folder in (self.shipped, self.user, self.company) if folder is not None]

    @property
    def assets_root(self) -> Path:
        """Where stylesheets' url(...) references resolve: the shipped assets (the PDF renderer loads nothing else)."""
        return self.root / ASSETS_FOLDER

    def names(self) -> list[str]:
        return sorted(self._versions)

    def versions(self, name: str) -> list[TemplateVersion]:
        return self._versions.get(name, [])

    def wires(self) -> set[str]:
        """The wire styles a letter may name: each dateline but another language's edition of one."""
        prefix = f"{DATELINE_GROUP}/"
        datelines = {name.removeprefix(prefix) for name in self._versions if name.startswith(prefix)}
        return {wire for wire in datelines if not _is_edition_of(wire, datelines)}

    def has(self, name: str, version: int | None = None) -> bool:
        return any(version in (None, v.version) for v in self.versions(name))

    def get(self, name: str, version: int | None = None) -> TemplateVersion:
        """A given version, or the latest one (of any status) when `version` is None."""
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

    def latest_approved(self, name: str) -> TemplateVersion | None:
        approved = [v for v in self.versions(name) if v.info.approved]
        return approved[-1] if approved else None

    def folder_of(self, version: TemplateVersion) -> TemplateFolder:
        found = {USER: self.user, COMPANY: self.company}.get(version.source)
        return found if found is not None else self.shipped

    def lock_entry(self, version: TemplateVersion) -> LockEntry | None:
        return self.folder_of(version).lock.get(version.ref)

    def find(self, source: str, ref: str) -> TemplateVersion | None:
        """A version in the shipped, the user's or the company's folder, even one another hides."""
        folder = {USER: self.user, COMPANY: self.company, SHIPPED: self.shipped}.get(source)
        name, number = parse_ref(ref)
        if folder is None:
            return None
        return next((v for v in folder.versions.get(name, []) if v.version == number), None)


def _check_inside(folder: Path, root: Path) -> None:
    try:
        check_inside(folder, root)
    except UnreadableFile as exc:
        raise TemplateError(f"{display_path(folder)}: {exc}") from None


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
