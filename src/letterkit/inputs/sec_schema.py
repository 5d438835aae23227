"""What an SEC filing needs from the inputs: the registrant's cover-page facts and the letter's filing.

A company profile with `sec:` files with the SEC: its drafts include the EDGAR
exhibit (Exhibit 99.1), and `letterkit filing` drafts the Form 8-K that
furnishes it. The formats are the SEC's: a CIK of up to ten digits, a
Commission File Number such as 001-32325, an IRS Employer Identification No.
such as 13-3529723. `release_time` is the release's time in US Eastern time,
which the Regulation FD timing check reads.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from letterkit.inputs.text_types import Line, Name


def _shaped(pattern: str, what: str, example: str) -> object:
    """Text of one of the SEC's fixed shapes; otherwise a message that says the shape in words."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"{value!r} is not {what} ({example})")
        return value

    return Annotated[str, AfterValidator(check), Field(description=f"{what[0].upper()}{what[1:]}, {example}")]


Cik = _shaped(r"\d{1,10}", "a CIK", "up to ten digits, e.g. 0001178727")
FileNumber = _shaped(r"\d{3}-\d{5,6}", "a Commission File Number", "three digits, a hyphen, five or six digits, e.g. 001-32325")
Ein = _shaped(r"\d{2}-\d{7}", "an IRS Employer Identification No.", "two digits, a hyphen, seven digits, e.g. 13-3529723")
ClockTime = _shaped(r"([01]\d|2[0-3]):[0-5]\d", "a 24-hour time HH:MM", "e.g. 08:00 or 16:30, US Eastern")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RegisteredSecurity(_Model):
    title: Line = Field(description='Title of each class, e.g. "Common Stock, par value $0.0001 per share"')
    symbol: Name = Field(description='Trading symbol, e.g. "KAL"')
    exchange: Line = Field(description='Name of each exchange on which registered, e.g. "NYSE American LLC"')


class SecFiler(_Model):
    """The registrant, as the cover page of its Form 8-K names it."""

    cik: Cik
    file_number: FileNumber | None = None
    irs_ein: Ein | None = None
    state_of_incorporation: Name | None = Field(None, description='State or other jurisdiction, e.g. "Delaware"')
    address: list[Line] = Field([], max_length=4, description="Principal executive offices, a line each, ZIP code included")
    phone: Name | None = Field(None, description='Registrant\'s telephone number, e.g. "(212) 297-0010"')
    securities: list[RegisteredSecurity] = Field(
        [], max_length=10, description="Securities registered pursuant to Section 12(b) of the Act"
    )
    emerging_growth_company: bool = False
    extended_transition_period: bool = Field(
        False, description="An emerging growth company that elected not to use the extended transition period"
    )


class FilingSigner(_Model):
    name: Name
    title: Line


class Filing(_Model):
    """The Form 8-K that furnishes (Item 7.01) or files (Item 8.01) the release as Exhibit 99.1, and the
    release's time: what the Regulation FD timing check reads."""

    item: Literal["7.01", "8.01"] = Field(description="7.01 Regulation FD Disclosure (furnished) or 8.01 Other Events")
    date: datetime.date | None = Field(None, description="The Form 8-K's date [default: the release date]")
    signer: FilingSigner | None = Field(None, description="Who signs the 8-K [default: the letter's first signatory]")
    release_time: ClockTime | None = Field(None, description="When the release goes to the wire, US Eastern time")
    embargo: ClockTime | None = Field(
        None, description="The wire holds the release until this time, US Eastern: when it becomes public"
    )
