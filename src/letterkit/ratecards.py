"""Wire rate cards: what a release costs by its word count, per wire and circuit.

A rate card is the user's own contract figures (data/ratecards.yaml): a base
price for the first `base_words` words and a price for each further 100 words
or part of them, per wire style and circuit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pydantic import Field

from letterkit.errors import Problem, display_path
from letterkit.inputs.schema import Model
from letterkit.inputs.text_types import Text
from letterkit.inputs.validation import validate
from letterkit.inputs.yaml_source import read_yaml

BAND_WORDS = 100


class Rate(Model):
    base_words: int = Field(gt=0, description="Words the base price covers")
    base_price: Decimal = Field(ge=0)
    per_100_words: Decimal = Field(ge=0, description="Price of each further 100 words or part of them")


class WireRates(Model):
    name: Text = Field(description='The wire as printed in messages, e.g. "Business Wire"')
    default_circuit: Text = Field(description="The circuit priced when the letter names none")
    circuits: dict[str, Rate] = Field(min_length=1)


class RateCard(Model):
    example: bool = Field(description="true while the figures are examples rather than a contract's")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code of every price")
    band_warning_words: int = Field(15, ge=0, description="Warn when this few words cross into a paid band")
    wires: dict[str, WireRates] = Field(description="Keyed by wire style (release.wire)")


@dataclass(frozen=True)
class Price:
    rate: Rate
    extra_bands: int  # paid 100-word bands beyond the base
    total: Decimal

    def words_into_last_band(self, words: int) -> int:
        """How far past the last band edge the release runs (0 when within the base)."""
        if self.extra_bands == 0:
            return 0
        return words - (self.rate.base_words + BAND_WORDS * (self.extra_bands - 1))


def price(rate: Rate, words: int) -> Price:
    bands = math.ceil(max(0, words - rate.base_words) / BAND_WORDS)
    return Price(rate, bands, rate.base_price + bands * rate.per_100_words)


def load_rate_card(path: Path) -> tuple[RateCard | None, list[Problem]]:
    source = read_yaml(path, display_path(path))
    if source.problems:
        return None, source.problems
    return validate(RateCard, source)
