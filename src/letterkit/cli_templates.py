"""`letterkit templates …` (list, show, diff, approve, check) and `letterkit verify`.

Registered on the main app by cli.py with `register(app)`. Like cli.py, this
is a thin layer: the work is in compose/approval.py and manifest.py.
"""

from __future__ import annotations

import datetime
import difflib
import sys
from pathlib import Path
from typing import Annotated

import typer

from letterkit.cli_common import TemplatesDirOpt, run

RefArg = Annotated[str, typer.Argument(metavar="NAME@VERSION", help="A template version, e.g. blocks/about@1")]
CompanyOpt = Annotated[
    str | None,
    typer.Option(
        "--company",
        metavar="ID",
        help="A company whose own blocks (companies/<id>/blocks/…: its About, safe-harbor and other legal text) "
        "to include",
    ),
]
CompaniesDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--companies",
        metavar="DIR",
        help="Folder of company profiles and their own block folders [default: data/companies]",
    ),
]

templates_app = typer.Typer(
    name="templates",
    help="Versioned templates: list, show, diff, approve, and check them against templates.lock.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def register(app: typer.Typer) -> None:
    app.add_typer(templates_app)
    app.command(
        epilog=(
            "Examples:\n\n"
            "  letterkit verify output/callisto-2007-shareholder-letter/\n\n"
            "  letterkit verify build/ --templates house-templates/\n\n"
            "  letterkit verify output/hestia-insight-2026-update/ --companies data/companies"
        )
    )(verify)


def _store(folder: Path | None, company: str | None = None, companies: Path | None = None):  # noqa: ANN202
    """letterkit's templates, the user's folder, and with `company` that company's own blocks over them."""
    from letterkit.project_config import company_blocks_folder, open_store

    store = open_store(folder)
    return store.with_company(company_blocks_folder(company, companies)) if company is not None else store


@templates_app.command(
    "list",
    epilog="Examples:\n\n  letterkit templates list\n\n  letterkit templates list --templates house-templates/",
)
def list_templates(
    templates: TemplatesDirOpt = None, company: CompanyOpt = None, companies: CompaniesDirOpt = None
) -> None:
    """Every template version: status, approval and change note. * marks the latest approved."""

    def action() -> None:
        store = _store(templates, company, companies)
        rows = [("TEMPLATE (* latest approved)", "SOURCE", "STATUS", "APPROVED", "NOTE")]
        for name in store.names():
            latest = store.latest_approved(name)
            for version in store.versions(name):
                info = version.info
                approval = f"{info.approved_on}  {info.approved_by}" if info.approved else ""
                mark = "*" if version is latest else " "
                rows.append((f"{version.ref}{mark}", version.source, info.status, approval, info.note))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)) + "  " + row[4])

    run(action)


@templates_app.command(epilog="Example:\n\n  letterkit templates show blocks/forward-looking@1")
def show(
    ref: RefArg, templates: TemplatesDirOpt = None, company: CompanyOpt = None, companies: CompaniesDirOpt = None
) -> None:
    """Show one version: where it lives, its approval, whether it matches the lock, then its text."""

    def action() -> None:
        from letterkit.compose.approval import version_problems
        from letterkit.errors import display_path

        store = _store(templates, company, companies)
        version = store.get_ref(ref)
        info = version.info
        entry = store.lock_entry(version)
        problems = version_problems(version, entry, store.assets_root)
        locked = "no (a draft may still change)" if entry is None else "yes, matches templates.lock"
        fields = [
            ("template", version.ref),
            ("file", display_path(version.path)),
            ("source", version.source),
            ("status", info.status),
            *(
                [("approved by", info.approved_by or ""), ("approved on", str(info.approved_on))]
                if info.approved
                else []
            ),
            ("note", info.note),
            ("sha256", version.sha256),
            ("locked", "NO: " + "; ".join(problems) if problems else locked),
        ]
        for label, value in fields:
            print(f"{label + ':':13}{value}")
        print()
        sys.stdout.write(version.text)

    run(action)


@templates_app.command(
    epilog="Examples:\n\n  letterkit templates diff blocks/about@1 blocks/about@2\n\n"
    "  letterkit templates diff styles/print@1 styles/print@2"
)
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD@VERSION", help="The earlier version, e.g. blocks/about@1")],
    new: Annotated[str, typer.Argument(metavar="NEW@VERSION", help="The later version, e.g. blocks/about@2")],
    templates: TemplatesDirOpt = None,
    company: CompanyOpt = None,
    companies: CompaniesDirOpt = None,
) -> None:
    """Show what changed between two versions, as a unified diff."""

    def action() -> None:
        store = _store(templates, company, companies)
        a, b = store.get_ref(old), store.get_ref(new)
        lines = difflib.unified_diff(
            a.text.splitlines(keepends=True),
            b.text.splitlines(keepends=True),
            fromfile=f"{a.ref} ({a.info.status})",
            tofile=f"{b.ref} ({b.info.status})",
        )
        text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        sys.stdout.write(text or f"{a.ref} and {b.ref} have the same content\n")

    run(action)


@templates_app.command(
    epilog=(
        "Examples:\n\n"
        '  letterkit templates approve blocks/forward-looking@2 --by "Jane Roe, General Counsel"\n\n'
        '  letterkit templates approve blocks/about@3 --by "J. Roe" --on 2026-12-01 --note "New website"\n\n'
        '  letterkit templates approve blocks/safe-harbor@1 --company hestia-insight --by "Counsel" --note "…"'
    )
)
def approve(
    ref: RefArg,
    by: Annotated[str, typer.Option("--by", metavar="NAME", help='Who approves it, e.g. "Jane Roe, General Counsel"')],
    on: Annotated[
        str | None, typer.Option("--on", metavar="YYYY-MM-DD", help="Date of the approval, YYYY-MM-DD [default: today]")
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="One-line change note [default: the note in versions.toml]"),
    ] = None,
    templates: TemplatesDirOpt = None,
    company: CompanyOpt = None,
    companies: CompaniesDirOpt = None,
) -> None:
    """Approve a draft version: record who and when in versions.toml, and lock its SHA-256 in templates.lock."""

    def action() -> None:
        from letterkit.compose.approval import approve as approve_version
        from letterkit.errors import InputError, Problem, display_path

        try:
            date = datetime.date.fromisoformat(on) if on is not None else datetime.date.today()
        except ValueError:
            raise InputError([Problem.about("--on", f"not a date: {on!r}; write YYYY-MM-DD")]) from None
        version, entry = approve_version(_store(templates, company, companies), ref, by=by, on=date, note=note)
        print(f"approved {version.ref} ({display_path(version.path)}), by {entry.approved_by} on {entry.approved_on}")
        print(f"locked sha256 {entry.sha256}" + (f" and {len(entry.assets)} asset(s)" if entry.assets else ""))

    run(action)


@templates_app.command(
    epilog="Examples:\n\n  letterkit templates check\n\n  letterkit templates check --templates house-templates/\n\n"
    "  letterkit templates check --companies data/companies      (every company's own blocks too)"
)
def check(templates: TemplatesDirOpt = None, company: CompanyOpt = None, companies: CompaniesDirOpt = None) -> None:
    """Check every approved version (and the fonts of approved stylesheets) against templates.lock."""

    def action() -> None:
        from letterkit.compose.approval import check_folder, check_store
        from letterkit.errors import TemplateProblems, display_path
        from letterkit.project_config import company_block_folders

        store = _store(templates, company, companies)
        folders = list(store.folders)
        problems = check_store(store)
        if company is None and companies is not None:  # every company's own folder as well
            for extra in company_block_folders(companies):
                folder = store.with_company(extra).company
                assert folder is not None
                folders.append(folder)
                problems += check_folder(folder, store.assets_root)
        if problems:
            raise TemplateProblems(problems)
        for folder in folders:
            versions = [v for vs in folder.versions.values() for v in vs]
            approved = sum(v.info.approved for v in versions)
            print(
                f"{display_path(folder.root)}: {approved} approved version(s) match templates.lock; "
                f"{len(versions) - approved} draft(s)"
            )

    run(action)


def verify(
    folder: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="A folder letterkit draft wrote, e.g. output/<stem>/")
    ],
    templates: TemplatesDirOpt = None,
    companies: CompaniesDirOpt = None,
) -> None:
    """Re-hash a draft's outputs, templates and fonts against its manifest.json; name every file that differs."""

    def action() -> None:
        from letterkit.errors import display_path
        from letterkit.manifest import VerifyError, verify_folder

        result = verify_folder(folder, _store(templates), companies_dir=companies or _default_companies())
        for line in [*(f"note: {note}" for note in result.notes), *result.differences]:
            print(line, file=sys.stderr)
        if result.differences:
            raise VerifyError(f"{len(result.differences)} file(s) differ from {display_path(folder / 'manifest.json')}")
        counts = ", ".join(f"{count} {kind}" for kind, count in result.checked.items())
        print(f"{display_path(folder)}: {counts} match manifest.json")

    run(action)


def _default_companies() -> Path | None:
    """data/companies under the working folder, where the examples keep theirs, if it is there."""
    default = Path("data") / "companies"
    return default if default.is_dir() else None
