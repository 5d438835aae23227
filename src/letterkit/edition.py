"""An edition: one language of a release, its inputs (prose translated) and what they composed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letterkit.compose.composer import Composition
    from letterkit.inputs.load import Inputs


@dataclass(frozen=True)
class Edition:
    inputs: Inputs
    composition: Composition

    @property
    def language(self) -> str:
        return self.inputs.language
