"""Projects: letterkit.toml (or a companies/ folder) tells every command where its files are; `letterkit init`.

Outputs go to the project's output folder wherever the shell is; company profiles are found beside
or above the letter; every setting's mistake is reported at its line in letterkit.toml.
"""

import os
import shutil

import pytest
from typer.testing import CliRunner

from letterkit.cli import app

from conftest import CALLISTO, DATA

runner = CliRunner()
STEM = CALLISTO.stem
KNOWN = "letterkit.toml knows [companies] folder, [output] folder and [templates] folder"


def _run(*args):
    return runner.invoke(app, list(args))


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A working folder outside every project (the tests' files live in tmp_path/… beside it)."""
    shell = tmp_path / "shell"
    shell.mkdir()
    monkeypatch.chdir(shell)
    return shell


def _project_without_config(root):
    """letters/ and companies/ side by side, no letterkit.toml: a project by its companies/ folder."""
    shutil.copytree(DATA / "companies", root / "companies")
    (root / "letters").mkdir(parents=True)
    shutil.copy(CALLISTO, root / "letters" / CALLISTO.name)
    return root / "letters" / CALLISTO.name


def test_a_letter_finds_companies_above_it_and_drafts_into_that_projects_output(tmp_path, elsewhere):
    letter = _project_without_config(tmp_path / "ir")
    result = _run("draft", str(letter), "-f", "txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"wrote {tmp_path}/ir/output/{STEM}/{STEM}.txt"
    assert list(elsewhere.iterdir()) == []  # nothing in the shell's folder


def test_letterkit_toml_names_the_companies_and_output_folders(tmp_path, monkeypatch):
    root = tmp_path / "ir"
    shutil.copytree(DATA / "companies", root / "profiles")
    (root / "drafts" / "2007").mkdir(parents=True)
    shutil.copy(CALLISTO, root / "drafts" / "2007" / CALLISTO.name)
    (root / "letterkit.toml").write_text('[companies]\nfolder = "profiles"\n[output]\nfolder = "build"\n')
    monkeypatch.chdir(root / "drafts" / "2007")
    result = _run("draft", CALLISTO.name, "-f", "txt")
    assert result.exit_code == 0, result.output
    assert (root / "build" / STEM / f"{STEM}.txt").is_file()
    assert not (root / "drafts" / "2007" / "output").exists()
    assert _run("validate", CALLISTO.name).stdout == f"{CALLISTO.name}: ok (company profile {root}/profiles/callisto.yaml)\n"
    # --out still wins over the project's folder.
    assert _run("draft", CALLISTO.name, "-f", "txt", "--out", "here").exit_code == 0
    assert (root / "drafts" / "2007" / "here" / f"{STEM}.txt").is_file()


def test_a_letter_outside_any_project_uses_the_working_folders_project(tmp_path, monkeypatch):
    root = tmp_path / "ir"
    shutil.copytree(DATA / "companies", root / "data" / "companies")
    (root / "letterkit.toml").write_text('[companies]\nfolder = "data/companies"\n')
    loose = tmp_path / "loose.yaml"
    shutil.copy(CALLISTO, loose)
    monkeypatch.chdir(root)
    result = _run("draft", str(loose), "-f", "txt")
    assert result.exit_code == 0, result.output
    assert (root / "output" / "loose" / "loose.txt").is_file()


def test_a_setting_naming_no_folder_is_reported_at_its_line(tmp_path, monkeypatch):
    letter = _project_without_config(tmp_path / "ir")
    (tmp_path / "ir" / "letterkit.toml").write_text('# ir\n[companies]\nfolder = "profiles"\n[output]\nfolder = 3\n')
    monkeypatch.chdir(tmp_path / "ir")
    result = _run("validate", "letters/" + letter.name)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "letterkit.toml:5:1: output.folder: must be the path of a folder",
        "1 problem found; nothing was written.",
    ]
    (tmp_path / "ir" / "letterkit.toml").write_text('# ir\n[companies]\nfolder = "profiles"\n')
    result = _run("validate", "letters/" + letter.name)
    assert result.stderr.splitlines() == [
        "letterkit.toml:3:1: companies.folder: companies folder profiles does not exist",
        "1 problem found; nothing was written.",
    ]
    # An option given instead overrides the setting, which is then not needed.
    assert _run("validate", "letters/" + letter.name, "--companies", "companies").exit_code == 0


def test_an_output_setting_that_is_a_file_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    letter = _project_without_config(tmp_path / "ir")
    (tmp_path / "ir" / "letterkit.toml").write_text('[output]\nfolder = "out"\n')
    (tmp_path / "ir" / "out").write_text("not a folder")
    monkeypatch.chdir(tmp_path / "ir")
    result = _run("draft", "letters/" + letter.name, "-f", "txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "letterkit.toml:2:1: output.folder: out is not a folder",
        "1 problem found; nothing was written.",
    ]


def test_no_companies_folder_anywhere_says_how_to_name_one(tmp_path, elsewhere):
    loose = tmp_path / "loose.yaml"
    shutil.copy(CALLISTO, loose)
    result = _run("validate", str(loose))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{loose}:5:10: company: no companies/ folder beside or above {tmp_path}/ to find the company profile in; "
        "name one with --companies DIR or as [companies] folder in letterkit.toml (letterkit init makes a project)"
    )


def test_an_unknown_company_gets_did_you_mean_and_the_known_ones(tmp_path, elsewhere):
    letter = _project_without_config(tmp_path / "ir")
    letter.write_text(letter.read_text(encoding="utf-8").replace("company: callisto", "company: calisto"))
    result = _run("validate", str(letter))
    assert result.stderr.splitlines()[0] == (
        f"{letter}:5:10: company: no company profile 'calisto': {tmp_path}/ir/companies/calisto.yaml does not exist "
        "(did you mean 'callisto'?); known: aurora-grid, callisto, glacier-ridge, halvorsen-marine, pinecrest-hollow"
    )


def test_options_are_named_without_a_file_position(tmp_path, elsewhere):
    result = _run("new", "--company", "Callisto!", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "--company: 'Callisto!' is not a company id (lower-case letters, digits, hyphens)"
    )
    # The template commands check a company id with the same rule and the same words.
    result = _run("templates", "check", "--company", "Callisto!")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        2, "--company: 'Callisto!' is not a company id (lower-case letters, digits, hyphens)"
    )


def test_new_outside_the_repository_finds_the_working_folders_project(tmp_path, monkeypatch):
    _project_without_config(tmp_path / "ir")
    monkeypatch.chdir(tmp_path / "ir" / "letters")
    result = _run("new", "--company", "callisto", "q3.yaml")
    assert result.exit_code == 0, result.output
    assert 'city: "New York"' in (tmp_path / "ir" / "letters" / "q3.yaml").read_text(encoding="utf-8")


def test_a_batch_spanning_two_projects_is_refused(tmp_path, elsewhere):
    first = _project_without_config(tmp_path / "a")
    second = _project_without_config(tmp_path / "b")
    (tmp_path / "b" / "letterkit.toml").write_text("")
    other = second.with_name("other.yaml")
    second.rename(other)
    result = _run("draft", str(first), str(other), "-f", "txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{other}:1:1: belongs to another project than {first} ({tmp_path}/b/letterkit.toml, not no letterkit.toml): "
        "draft each project's letters with a command of their own"
    )
    assert not (tmp_path / "a" / "output").exists() and not (tmp_path / "b" / "output").exists()


def test_a_batch_drafts_each_letter_into_its_projects_output(tmp_path, elsewhere):
    letter = _project_without_config(tmp_path / "ir")
    shutil.copy(letter, letter.with_name("copy.yaml"))
    result = _run("draft", str(letter.parent), "-f", "txt", "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"drafted 2 of 2 letters into {tmp_path}/ir/output/"
    assert sorted(path.name for path in (tmp_path / "ir" / "output").iterdir()) == [STEM, "copy"]


# ------------------------------------------------------------------------------------------- letterkit init

# What a person types over each placeholder of the skeletons (the rest stays as written).
FILLED = {
    "FILL IN the short name used in running text": "Acme",
    'FILL IN who the company is, as the lead says it, e.g. "a developer of ..."': "a maker of warehouse robots",
    "FILL IN the exchange label (`letterkit exchanges` lists them)": "Nasdaq",
    "FILL IN the ticker symbol": "ACMR",
    "FILL IN the city": "Pittsburgh",
    "FILL IN the country": "United States",
    "FILL IN what the company does.": "Acme Robotics builds autonomous robots for warehouses.",
    "FILL IN the form, e.g. 10-K or 10-Q": "10-Q",
    "FILL IN the last day of its period as YYYY-MM-DD": "2026-09-30",
    "FILL IN a risk factor": "our ability to manufacture robots at scale",
    '"FILL IN the dateline city"': "Pittsburgh",
    "FILL IN the release date as YYYY-MM-DD": "2026-12-01",
    "FILL IN one or two sentences after the lead: what the letter covers.": "The letter reviews 2026.",
    "FILL IN the date printed on the letter as YYYY-MM-DD": "2026-12-01",
    "FILL IN the opening paragraph.": "2026 was our first year of shipments.",
    "FILL IN a short label for the milestone (not printed)": "shipments",
    "FILL IN the paragraph about this milestone.": "We shipped 120 robots to eight customers.",
    'FILL IN the sentence introducing the goals, e.g. "For the coming year, our priorities are:"':
        '"For the coming year, our priorities are:"',
    "FILL IN the first goal": "doubling shipments",
    "FILL IN the closing paragraph.": "Thank you for your support.",
    "FILL IN the signatory's name": "Jane Doe",
}


def _fill(path):
    text = path.read_text(encoding="utf-8")
    for placeholder, value in FILLED.items():
        text = text.replace(placeholder, value)
    path.write_text(text, encoding="utf-8")


def test_init_makes_a_project_that_validates_and_drafts_once_filled_in(tmp_path, elsewhere):
    result = _run("init", str(tmp_path / "acme-ir"), "--company", "acme", "--name", "Acme Robotics, Inc.")
    assert result.exit_code == 0, result.output
    root = tmp_path / "acme-ir"
    profile, letter = root / "companies" / "acme.yaml", root / "letters" / "acme-letter-to-shareholders.yaml"
    assert result.stdout.splitlines() == [
        f"created {root}/letterkit.toml",
        f"created {profile}",
        f"created {letter}",
        f"created {root}/output/",
        f"next: replace every FILL IN in {profile} and {letter}, then run letterkit validate {letter}",
    ]
    assert 'legal: "Acme Robotics, Inc."' in profile.read_text(encoding="utf-8")
    unfilled = _run("validate", str(letter))
    assert unfilled.exit_code == 2
    assert unfilled.stderr.splitlines()[0] == (
        f"{profile}:10:10: names.short: still a placeholder: replace 'FILL IN the short name used in running text'"
    )
    assert unfilled.stderr.splitlines()[-1] == "21 problems found; nothing was written."
    _fill(profile)
    _fill(letter)
    assert "FILL IN" not in "".join(line.split("#")[0] for line in letter.read_text().splitlines())
    validated = _run("validate", str(letter))
    assert validated.exit_code == 0, validated.output
    drafted = _run("draft", str(letter), "-f", "txt")
    assert drafted.exit_code == 0, drafted.output
    text = (root / "output" / letter.stem / f"{letter.stem}.txt").read_text(encoding="utf-8")
    assert text.startswith("PITTSBURGH, Dec. 1")
    assert "(Nasdaq: ACMR)" in text and "We shipped 120 robots to eight customers." in text


def test_init_in_the_working_folder_and_never_over_existing_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _run("init", "--company", "acme").exit_code == 0
    assert 'legal: "FILL IN the full legal name"' in (tmp_path / "companies" / "acme.yaml").read_text()
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    again = _run("init", "--company", "acme")
    assert again.exit_code == 2
    assert again.stderr.splitlines() == [
        "companies/acme.yaml:1:1: already exists; letterkit init writes nothing over it",
        "letterkit.toml:1:1: already exists; letterkit init writes nothing over it",
        "letters/acme-letter-to-shareholders.yaml:1:1: already exists; letterkit init writes nothing over it",
        "3 problems found; nothing was written.",
    ]
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before
    # Another company beside the first: refused as a whole, because the project's letterkit.toml is there.
    other = _run("init", "--company", "beta")
    assert other.exit_code == 2 and not (tmp_path / "companies" / "beta.yaml").exists()


def test_init_refuses_a_bad_company_id_or_name_before_writing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("init", "p", "--company", "Acme Inc")
    assert result.stderr.splitlines()[0] == "--company: 'Acme Inc' is not a company id (lower-case letters, digits, hyphens)"
    result = _run("init", "p", "--company", "acme", "--name", " ")
    assert result.stderr.splitlines()[0] == "--name: must be the company's full legal name, on one line"
    assert os.listdir(tmp_path) == []
