"""Safe harbor: forward-looking sentences need a current Forward-Looking Statements block.

The statutory safe harbor for forward-looking statements protects a release
only when they are accompanied by meaningful cautionary statements. So:
- every sentence of the letter with forward-looking language is listed (info),
  for legal to read; the About, Forward-Looking and other boilerplate blocks
  are approved text and are not listed;
- such sentences without a forward-looking block are an error;
- for a reporting company, a periodic filing the block cites must not be older
  than the profile's latest filing (an error) and should be recent: a period
  that ended more than 15 months before the release means a newer annual
  report is due or filed (a warning). A non-reporting issuer files none: the
  filing rules do not apply;
- the block must name one of the profile's risk factors, or, when the profile
  lists none (the company's own block carries them), speak of risks at all.
The forward-looking block is whatever block has the forward-looking role —
letterkit's, or the company's own under any heading ("Safe Harbor Provision",
"Disclaimer", …): its role says what it is, its heading is not read.
"""

from __future__ import annotations

import datetime
import re

from letterkit.checks.dates import STALE_AFTER_MONTHS, add_months
from letterkit.checks.release_text import FORWARD_LOOKING, LETTER, Passage, ReleaseText, excerpt, finding_in, sentences
from letterkit.compose.composer import Composition
from letterkit.findings import Finding, finding_at
from letterkit.inputs.load import Inputs
from letterkit.wording import MONTHS, ap_date, long_date

# Words that make a statement forward-looking, with their inflections. "may" counts only
# in lower case ("May" is mostly the month); "project" only as a verb ("we project",
# "projected"), since "pilot projects" is a noun.
FORWARD_LOOKING_WORDS = re.compile(
    r"\b(?:(?i:expect(?:s|ed|ing|ations?)?|anticipat(?:e|es|ed|ing|ions?)|believ(?:e|es|ed|ing)"
    r"|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|intentions?|will|shall|should|could|would|might"
    r"|estimat(?:e|es|ed|ing)|(?:(?<=we )|(?<=to )|(?<=I ))project|project(?:ed|ing|ions?)"
    r"|potential(?:ly)?|goals?|targets?|outlook|forecasts?|predict(?:s|ed|ing|ions?)?|guidance"
    r"|seek(?:s|ing)?|aims?|look(?:s|ing)? forward|going forward|on track)|may)\b"
)

# The same for the editions in other languages: the verbs and nouns of expectation, plan and
# intention, and the conditional moods that hedge a statement (German "dürfte", French "devrait").
# German "wird/werden" is left out: it forms the passive as often as the future.
FORWARD_LOOKING_WORDS_BY_LANGUAGE = {
    "en": FORWARD_LOOKING_WORDS,
    "de": re.compile(
        r"\b(?i:erwart\w*|voraussichtlich\w*|prognos\w*|plan(?:t|en|ung|ungen|mäßig)?|beabsichtig\w*"
        r"|Absicht\w*|glaub\w*|schätz\w*|Einschätzung\w*|Ziel(?:e|en|s)?|anstreb\w*|angestrebt\w*"
        r"|Potenzial\w*|Aussicht\w*|zukünftig\w*|künftig\w*|sollte[nt]?|könnte[nt]?|dürfte[nt]?|würde[nt]?"
        r"|freu(?:e|en) (?:mich|uns) darauf|Ausblick\w*)\b"
    ),
    "fr": re.compile(
        r"\b(?i:prévo\w*|prévi\w*|prévu\w*|anticip\w*|attend(?:ons|ent|u|us|ue|ues)?|croi(?:s|t|ons|ent)"
        r"|estim\w*|planifi\w*|objectifs?|cibl\w*|perspectives?|potentiel\w*|devr(?:a|ai|ait|aient|ions|ons|ont)"
        r"|pourr(?:a|ai|ait|aient|ions|ons|ont)|ser(?:a|ai|ait|aient|ons|ont)|vis(?:e|ons|ent)|intention\w*"
        r"|compt(?:e|ons|ent) (?:bien )?(?:sur|poursuivre)|hâte)\b"
    ),
}

_CITED_FILING = re.compile(
    r"Form\s+(?P<form>\d{2}-[A-Z]+(?:/A)?)\s+for\s+the\s+(?:fiscal\s+)?(?:year|quarter|period)\s+ended\s+"
    rf"(?P<month>{'|'.join(MONTHS)})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}})"
)


def check_safe_harbor(release: ReleaseText) -> list[Finding]:
    inputs, composition = release.inputs, release.composition
    texts = release.passages
    findings = _forward_looking_sentences(inputs, texts)
    block = " ".join(p.text for p in texts if p.section == FORWARD_LOOKING and p.role == "forward-looking")
    if findings and not block:
        findings.append(_missing_block(findings[0], len(findings)))
    if block:
        if inputs.company.reporting_status == "reporting":
            findings += _filing_findings(inputs, block, composition)
        findings += _risk_factor_findings(inputs, block)
    return findings


def _forward_looking_sentences(inputs: Inputs, texts: list[Passage]) -> list[Finding]:
    findings = []
    vocabulary = FORWARD_LOOKING_WORDS_BY_LANGUAGE.get(inputs.language)
    if vocabulary is None:
        raise ValueError(f"letterkit has no forward-looking vocabulary for {inputs.language!r} (it has: en, de, fr)")
    for passage in texts:
        if passage.section != LETTER:
            continue
        for start, end in sentences(passage.text):
            words = list(vocabulary.finditer(passage.text, start, end))
            if not words:
                continue
            quoted = ", ".join(dict.fromkeys(f"“{w[0]}”" for w in words))
            sentence = excerpt(passage.text[start:end], around=words[0].start() - start)
            message = f"forward-looking language ({quoted}): “{sentence}”"
            findings.append(finding_in(inputs, passage, words[0].start(), "info", "forward-looking", message))
    return findings


def _missing_block(first: Finding, count: int) -> Finding:
    message = (
        f"{count} sentence(s) use forward-looking language (the first here) but the release has no "
        "Forward-Looking Statements block: without one the safe harbor does not apply"
    )
    return Finding(first.file, first.line, "error", "safe-harbor-missing", message)


def _filing_findings(inputs: Inputs, block: str, composition: Composition) -> list[Finding]:
    latest = inputs.company.latest_filing
    cited = _CITED_FILING.search(block)
    path = ("latest_filing", "period_end") if latest is not None else ("reporting_status",)
    if cited is None:
        return []
    period_end = datetime.date(int(cited["year"]), MONTHS.index(cited["month"]) + 1, int(cited["day"]))
    what = f"Form {cited['form']} for the period ended {long_date(period_end)}"
    template = ", ".join(version.ref for version in composition.boilerplate("forward-looking"))
    if latest is not None and period_end < latest.period_end:
        message = (
            f"the Forward-Looking block ({template}) cites {what}, older than the latest filing in the company "
            f"profile (Form {latest.form}, period ended {long_date(latest.period_end)})"
        )
        return [finding_at(inputs.company_source, path, "error", "safe-harbor-stale-filing", message)]
    release = inputs.letter.release.date
    if add_months(period_end, STALE_AFTER_MONTHS) < release:
        message = (
            f"the Forward-Looking block cites {what}, more than {STALE_AFTER_MONTHS} months before the release "
            f"date ({ap_date(release)}): has a newer periodic report been filed? Update latest_filing"
        )
        return [finding_at(inputs.company_source, path, "warning", "safe-harbor-old-filing", message)]
    return []


_RISK_WORDS = re.compile(r"\brisks?\b|\buncertaint(?:y|ies)\b", re.IGNORECASE)


def _risk_factor_findings(inputs: Inputs, block: str) -> list[Finding]:
    factors = inputs.company.risk_factors
    if any(factor in block for factor in factors) or (not factors and _RISK_WORDS.search(block)):
        return []
    if factors:
        message = (
            "the Forward-Looking block names none of the company's risk factors; "
            "the safe harbor needs meaningful cautionary statements"
        )
    else:
        message = (
            "the Forward-Looking block speaks of no risk or uncertainty, and the company profile lists no "
            "risk_factors: the safe harbor needs meaningful cautionary statements"
        )
    return [finding_at(inputs.company_source, ("risk_factors",), "error", "safe-harbor-risk-factors", message)]

