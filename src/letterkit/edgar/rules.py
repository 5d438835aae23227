"""The EDGAR HTML rules as data: resources/edgar-html.toml, read once and validated like any input."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from letterkit.paths import resources_dir

RULES_FILE = "edgar-html.toml"


@dataclass(frozen=True)
class EdgarRules:
    manual: str
    name_section: str
    name_limit: int
    name_pattern: re.Pattern[str]
    extensions: tuple[str, ...]
    tags_section: str
    tags: frozenset[str]
    active_tags: frozenset[str]
    external_tags: frozenset[str]
    attributes_section: str
    common_attributes: frozenset[str]
    attributes: dict[str, frozenset[str]]
    tables_section: str
    nested_tables: bool
    references_section: str
    sec_archives: tuple[re.Pattern[str], ...]
    image_extensions: tuple[str, ...]
    characters_section: str
    characters: re.Pattern[str]

    def cite(self, section: str) -> str:
        """"Filer Manual Vol. II 5.2.2", or letterkit's own rule as such."""
        return section if section.startswith("letterkit") else f"{self.manual}, section {section}"

    def in_sec_archive(self, url: str) -> bool:
        """A link to a document filed on the SEC's site: the one reference outside a submission EDGAR allows."""
        return any(pattern.match(url) for pattern in self.sec_archives)

    def accepts_attribute(self, tag: str, attribute: str) -> bool:
        return attribute in self.common_attributes or attribute in self.attributes.get(tag, frozenset())


@cache
def edgar_rules() -> EdgarRules:
    """The shipped rules (a malformed file is a bug in letterkit's package: KeyError/TypeError surface in tests)."""
    data = tomllib.loads((resources_dir() / RULES_FILE).read_text(encoding="utf-8"))
    names, tags, attributes = data["file_name"], data["tags"], dict(data["attributes"])
    references, tables, characters = data["references"], data["tables"], data["characters"]
    attributes_section = attributes.pop("section")
    common = attributes.pop("common")
    return EdgarRules(
        manual=data["manual"],
        name_section=names["section"],
        name_limit=int(names["max_length"]),
        name_pattern=re.compile(names["pattern"]),
        extensions=tuple(names["extensions"]),
        tags_section=tags["section"],
        tags=frozenset(tags["accepted"]),
        active_tags=frozenset(tags["active"]),
        external_tags=frozenset(tags["external"]),
        attributes_section=attributes_section,
        common_attributes=frozenset(common),
        attributes={tag: frozenset(names) for tag, names in attributes.items()},
        tables_section=tables["section"],
        nested_tables=bool(tables["nested"]),
        references_section=references["section"],
        sec_archives=tuple(re.compile(pattern, re.IGNORECASE) for pattern in references["sec_archives"]),
        image_extensions=tuple(references["images"]),
        characters_section=characters["section"],
        characters=re.compile(characters["accepted"]),
    )
