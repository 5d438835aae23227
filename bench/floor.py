"""The floor: WeasyPrint's and python-docx's own work, and nothing else.

A bare Python process that imports WeasyPrint and python-docx, lays out the
very HTML letterkit wrote to PDF, and writes a DOCX with the same paragraphs
(one per line of letterkit's text output) with plain python-docx. Nothing of
letterkit is imported. `letterkit draft` divided by this is the overhead
ratio bench/run.py reports.

The PDF options are letterkit's (PDF/A-2a, tagged, fonts from templates/assets,
the identifier derived from the HTML, SOURCE_DATE_EPOCH from the caller), so the
floor's pages and embedded fonts are letterkit's, byte for byte: both do the
same rendering work. Only letterkit's finisher, which adds the PDF/UA
identification to the XMP metadata, is left out.

    python bench/floor.py LETTER.html LETTER.txt OUT_DIR ASSETS_DIR [--by-soname]

--by-soname: a stricter floor that loads WeasyPrint's libraries as letterkit
does, without ctypes' find_library (see letterkit/writers/pdf_writer.py):
what is left of the floor is then only rendering work.
"""

import ctypes.util
import hashlib
import sys
from pathlib import Path

if "--by-soname" in sys.argv:
    ctypes.util.find_library = lambda name: None  # for the import only; nothing else here looks libraries up

import docx  # noqa: E402
import weasyprint  # noqa: E402


def floor_pdf(html: str, base_url: str, font_config=None) -> bytes:
    """The very HTML laid out with letterkit's PDF options (bench/warm.py passes one shared font_config)."""
    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(
        font_config=font_config,
        pdf_identifier=hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii"),
        pdf_tags=True,
        pdf_variant="pdf/a-2a",
    )


def floor_docx(text: str, target) -> None:
    """A DOCX with one plain paragraph per line of the text output, saved to `target` (a path or a file)."""
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    document.save(target)


def main(html_path: str, text_path: str, out_dir: str, assets_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    html = Path(html_path).read_text(encoding="utf-8")
    (out / "floor.pdf").write_bytes(floor_pdf(html, Path(assets_dir).resolve().as_uri() + "/"))
    floor_docx(Path(text_path).read_text(encoding="utf-8"), out / "floor.docx")


if __name__ == "__main__":
    main(*sys.argv[1:5])
