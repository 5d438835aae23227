"""Safe harbor: forward-looking sentences are listed and need a current Forward-Looking block."""

from checking import AURORA, CALLISTO, CALLISTO_PROFILE, edit, findings, house_templates, new_version, shipped

LETTER_TEMPLATE = "letters/shareholder-letter"
FORWARD_LOOKING_TEMPLATE = "blocks/forward-looking"


def _letter_without_forward_looking_block(workspace):
    text = new_version(LETTER_TEMPLATE, 2, shipped(LETTER_TEMPLATE))
    text = text.replace("{% include templates.forward_looking %}\n", "")
    return house_templates(workspace, {f"{LETTER_TEMPLATE}/v2.md.j2": text})


def _callisto_pins_a_forward_looking_block(workspace, old, new):
    """Templates with a blocks/forward-looking v2 (v1 with `old` replaced by `new`), pinned by the Callisto letter."""
    text = new_version(FORWARD_LOOKING_TEMPLATE, 2, shipped(FORWARD_LOOKING_TEMPLATE))
    assert old in text
    edit(CALLISTO, "company: callisto          # data/companies/callisto.yaml\n",
         "company: callisto\ntemplates:\n  forward_looking: 2\n")
    return house_templates(workspace, {f"{FORWARD_LOOKING_TEMPLATE}/v2.md.j2": text.replace(old, new)})


def test_forward_looking_sentences_of_the_letter_are_listed_at_their_lines(workspace):
    assert findings(AURORA, "forward-looking") == [
        f"{AURORA}:48: info: forward-looking: forward-looking language (“will”): “In 2027 we will focus on four "
        "priorities:” in letter.goals_intro",
        f"{AURORA}:56: info: forward-looking: forward-looking language (“look forward”): “…and shareholders for "
        "their confidence, and we look forward to reporting our progress.” in letter.closing[0]",
    ]


def test_boilerplate_and_nouns_are_not_listed(workspace):
    # "pilot projects" is a noun; the About and Forward-Looking blocks ("expect", "believes") are boilerplate.
    listed = " ".join(findings(AURORA, "forward-looking"))
    assert "projects" not in listed and "believes" not in listed
    edit(AURORA, "    next.\n", "    next. We project revenue of $90 million.\n")
    assert "(“project”): “We project revenue of $90 million.” in letter.opening[0]" in findings(AURORA, "forward")[0]


def test_forward_looking_sentences_without_a_forward_looking_block_are_an_error(workspace):
    store = _letter_without_forward_looking_block(workspace)
    edit(AURORA, "  forward_looking: 3\n", "  forward_looking: 3\n  letter: 2\n")
    assert findings(AURORA, "safe-harbor", store=store) == [
        f"{AURORA}:49: error: safe-harbor-missing: 2 sentence(s) use forward-looking language (the first here) "
        "but the release has no Forward-Looking Statements block: without one the safe harbor does not apply"
    ]


def test_a_letter_without_forward_looking_language_needs_no_block(workspace):
    store = _letter_without_forward_looking_block(workspace)
    edit(AURORA, "  forward_looking: 3\n", "  forward_looking: 3\n  letter: 2\n")
    edit(AURORA, "In 2027 we will focus on four priorities:", "Our priorities for 2027:")
    edit(AURORA, "and we look forward to reporting our progress.", "and we thank them again.")
    assert findings(AURORA, "safe-harbor", "forward-looking", store=store) == []


def test_a_block_citing_an_older_filing_than_the_profiles_latest_is_an_error(workspace):
    store = _callisto_pins_a_forward_looking_block(
        workspace, "{{ company.latest_filing | filing_title }}", "Annual Report on Form 10-K for the year ended December 31, 2004"
    )
    assert findings(CALLISTO, "safe-harbor", store=store) == [
        f"{CALLISTO_PROFILE}:71: error: safe-harbor-stale-filing: the Forward-Looking block "
        "(blocks/forward-looking@2) cites Form 10-K for the period ended December 31, 2004, older than the latest "
        "filing in the company profile (Form 10-K/A, period ended December 31, 2005)"
    ]


def test_the_examples_cite_their_latest_filing_and_risk_factors(workspace):
    assert findings(CALLISTO, "safe-harbor") == []
    assert findings(AURORA, "safe-harbor") == []


def test_a_filing_period_more_than_15_months_before_the_release_is_a_warning(workspace):
    # Dec. 31, 2005 + 15 months is March 31, 2007: the Jan. 4, 2007 release is within it…
    assert findings(CALLISTO, "safe-harbor-old") == []
    # …but a period that ended Sept. 30, 2005 is not.
    edit(CALLISTO_PROFILE, "period_end: 2005-12-31", "period_end: 2005-09-30")
    edit(CALLISTO_PROFILE, "form: 10-K/A", "form: 10-Q")
    assert findings(CALLISTO, "safe-harbor") == [
        f"{CALLISTO_PROFILE}:71: warning: safe-harbor-old-filing: the Forward-Looking block cites Form 10-Q for the "
        "period ended September 30, 2005, more than 15 months before the release date (Jan. 4, 2007): has a newer "
        "periodic report been filed? Update latest_filing"
    ]


def test_a_block_without_the_risk_factors_is_an_error(workspace):
    store = _callisto_pins_a_forward_looking_block(
        workspace, ' as a result of the following factors, among others: {{ company.risk_factors | join(", ") }}', ""
    )
    assert findings(CALLISTO, "safe-harbor", store=store) == [
        f"{CALLISTO_PROFILE}:74: error: safe-harbor-risk-factors: the Forward-Looking block names none of the "
        "company's risk factors; the safe harbor needs meaningful cautionary statements"
    ]
