"""The PDF writer: the HTML writer's output laid out by WeasyPrint.

The PDF is made from render_html's page and the print stylesheet, handed to
WeasyPrint apart (html_and_stylesheet: the stylesheet is parsed once per
process), so the saved .html and the PDF agree. Fonts come only from the shipped assets, through
AssetFetcher, which refuses everything else. The same Document gives the same
bytes: SOURCE_DATE_EPOCH (which fontTools stamps into font subsets) is the
release date while rendering, and the PDF identifier is a hash of the HTML.

The PDF is archival and accessible: PDF/A-2a (ISO 19005-2, level A: tagged,
Unicode text, embedded fonts, sRGB output intent, XMP metadata) that also
identifies itself as PDF/UA-1 (ISO 14289-1). WeasyPrint writes one variant's
identification; the finisher adds PDF/UA's (with the extension schema PDF/A
requires for it) and leaves the XMP uncompressed, as PDF/A validators expect
of the document's metadata stream, then compresses the other streams itself
(compress_streams). Its only dates are the release date.

A table wider than the text block is refused (check_tables_fit), not printed
into the margin.

Importing this module imports WeasyPrint (~0.3 s of CPU): only import it to make a PDF.
"""

from __future__ import annotations

import calendar
import datetime
import gc
import hashlib
import os
import sys
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache


@contextmanager
def _libraries_by_soname() -> Iterator[None]:
    """While WeasyPrint loads Pango, HarfBuzz & co on Linux: no ctypes.util.find_library.

    WeasyPrint tries several names per library, the Windows and macOS ones
    first. For each name dlopen cannot open as given, cffi asks
    ctypes.util.find_library, which on Linux runs ldconfig, gcc and ld: some 80
    short-lived processes and ~0.25 s of a cold draft (WeasyPrint #1125). Every
    list ends with the Linux soname (libpango-1.0.so.0), which dlopen finds by
    itself, and is what find_library would have answered anyway.
    """
    import ctypes.util

    if not sys.platform.startswith("linux"):
        yield
        return
    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = find_library


with _libraries_by_soname():
    import pydyf
    import weasyprint
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

from letterkit.document import Document
from letterkit.writers.asset_fetcher import AssetFetcher
from letterkit.writers.html_writer import html_and_stylesheet
from letterkit.writers.pydyf_pages import remember_page_references

remember_page_references()  # linear in the pages of a long release, the same bytes

# Rendering touches process-wide state (the environment, the shared font
# configuration), so one render at a time per process.
_RENDER_LOCK = threading.Lock()


class AssetRefusedError(ValueError):
    """The HTML or CSS asked for something outside the shipped assets."""


def render_pdf(document: Document, *, stylesheet: str | None = None) -> bytes:
    """The PDF of `document`: render_html's output (same `stylesheet`) laid out for print."""
    html, css = html_and_stylesheet(document, stylesheet)
    return html_to_pdf(html, release_date=document.metadata.date, stylesheet=css)


def html_to_pdf(html: str, *, release_date: datetime.date, stylesheet: str = "") -> bytes:
    """Lay out an HTML string (with `stylesheet` after its own CSS) with only the shipped assets reachable.

    Separate from render_pdf so tests can feed hostile HTML straight in.
    """
    fetcher = AssetFetcher()
    options = {
        "pdf_identifier": pdf_identifier(html + stylesheet),
        "pdf_tags": True,  # structure for screen readers and text extraction
        # HTML's own list attributes (<ol start="3">, type="A"), which WeasyPrint
        # only reads as presentational hints: without them every list counts from 1.
        "presentational_hints": True,
        "pdf_variant": PDF_VARIANT,
        # Streams are compressed by the finisher, one by one (see compress_streams); this
        # also makes pydyf write a classic cross-reference table instead of compressed
        # object and cross-reference streams, which the finisher could not check.
        "uncompressed_pdf": True,
    }
    with _RENDER_LOCK, _source_date_epoch(release_date):
        try:
            page = weasyprint.HTML(string=html, base_url=fetcher.base_url(), url_fetcher=fetcher)
            sheets = [_parsed(stylesheet, fetcher)] if stylesheet else []
            laid_out = page.render(stylesheets=sheets, font_config=font_configuration(), **options)
            check_tables_fit(laid_out)
            return laid_out.write_pdf(finisher=_finish, **options)  # fetches attachments, subsets fonts
        except FatalURLFetchingError as exc:
            # A BaseException: turn it into an ordinary error the CLI reports.
            raise AssetRefusedError(str(exc)) from exc


def _parsed(stylesheet: str, fetcher: AssetFetcher) -> weasyprint.CSS:
    """The stylesheet parsed, its @font-face files registered with this process's font configuration.

    Kept while that configuration lives (a forked worker gets its own: own_font_configuration).
    """
    config = font_configuration()
    kept = _PARSED.get(stylesheet)
    if kept is not None and kept[0] is config:
        return kept[1]
    css = weasyprint.CSS(string=stylesheet, base_url=fetcher.base_url(), url_fetcher=fetcher, font_config=config)
    if len(_PARSED) >= _PARSED_LIMIT:
        _PARSED.clear()
    _PARSED[stylesheet] = (config, css)
    return css


_PARSED: dict[str, tuple[FontConfiguration, weasyprint.CSS]] = {}
_PARSED_LIMIT = 4  # stylesheets: a batch uses one or two


class TableTooWideError(ValueError):
    """A table wider than the text block: its columns' longest words cannot stand side by side."""


def check_tables_fit(laid_out: weasyprint.Document) -> None:
    """Refuse a table that runs past the text block into the margin (the stylesheet lets it grow to its words)."""
    for page in laid_out.pages:
        text_block = page._page_box  # WeasyPrint's page box: its width is the text block's (internal, as in its tagger)
        for box in _descendants(text_block):
            if isinstance(box, boxes.TableBox) and box.margin_width() > text_block.width + 0.5:
                raise TableTooWideError(
                    f"the table headed {_header_words(box.element)} is {_points(box.margin_width())} pt wide, "
                    f"wider than the {_points(text_block.width)} pt text block: give it fewer columns or "
                    "shorter words (a column is as wide as its longest word or figure)"
                )


def _descendants(box: boxes.Box) -> Iterator[boxes.Box]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _header_words(table: object) -> str:
    headers = [" ".join("".join(th.itertext()).split()) for th in table.iter("th")]
    return "“" + " | ".join(headers) + "”"


def _points(css_pixels: float) -> str:
    return f"{css_pixels * 0.75:.0f}"  # WeasyPrint lays out in CSS px: 96 to the inch, 72 points


PDF_VARIANT = "pdf/a-2a"

# The XMP that says "PDF/UA-1", and the PDF/A extension schema that declares
# the pdfuaid namespace (PDF/A allows only predefined or declared properties).
_PDF_UA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
<pdfaProperty:name>part</pdfaProperty:name>\
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property>\
</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>"""


def _finish(document: object, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher: the PDF/UA-1 identification, then each stream compressed where that is unambiguous."""
    metadata = _identify_as_pdf_ua(pdf)
    compress_streams(pdf, keep=metadata)


def _identify_as_pdf_ua(pdf: pydyf.PDF) -> pydyf.Stream:
    """Add PDF/UA-1 identification to the PDF/A XMP, stored uncompressed; return the XMP's stream."""
    metadata = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]  # a reference, b"12 0 R"
    xmp = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in metadata.stream)
    if xmp.count(b"</rdf:RDF>") != 1:
        raise ValueError("unexpected XMP metadata from WeasyPrint: cannot add the PDF/UA identification")
    metadata.stream = [xmp.replace(b"</rdf:RDF>", _PDF_UA_XMP + b"</rdf:RDF>")]
    metadata.compress = False
    return metadata


def compress_streams(pdf: pydyf.PDF, *, keep: pydyf.Stream) -> None:
    """Flate-compress every stream but `keep`, except one whose compressed bytes would end in CR.

    A stream's data is followed by an end-of-line and "endstream", and PDF/A requires
    /Length to count the bytes before that end-of-line. pydyf writes LF; data that
    itself ends in CR then reads as ending in CR LF, one byte short, and validators
    reject the file. A Flate stream's last byte is the low byte of its Adler-32
    checksum, so about one stream in 256 ends in CR: stored uncompressed instead.
    """
    for stream in pdf.objects:
        if isinstance(stream, pydyf.Stream) and stream is not keep:
            _compress_once(stream)


def _compress_once(stream: pydyf.Stream) -> None:
    """Flate-compress the stream's content now, as pydyf would while writing, unless it ends in CR.

    The compressed bytes replace the content (with /Filter set), so they are computed once:
    asking pydyf's `.data` to find the last byte compressed each stream a second time when the
    PDF was written (~4 ms of every letter).
    """
    # pydyf's own serialisation of the content (its `data` joins the items so); pinned version.
    content = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    compressor = zlib.compressobj(level=9)  # pydyf's settings: the same bytes as its compress=True
    compressed = compressor.compress(content) + compressor.flush()
    stream.compress = False  # written as it stands from here on
    if compressed.endswith(b"\r"):
        return  # stored uncompressed
    stream.stream = [compressed]
    stream.extra = pydyf.Dictionary({**stream.extra, "Filter": "/FlateDecode"})  # its own copy: extras may be shared


@cache
def font_configuration() -> FontConfiguration:
    """One font configuration per process: @font-face files are loaded once, not per letter."""
    return FontConfiguration()


# A forked child's copy of its parent's configuration: kept, so that it is never destroyed
# here (its folder is the parent's), and never used.
_INHERITED: list[FontConfiguration] = []


def own_font_configuration() -> FontConfiguration:
    """In a forked worker: a font configuration of its own, not the one inherited from the parent."""
    if font_configuration.cache_info().currsize:
        _INHERITED.append(font_configuration())
        font_configuration.cache_clear()
        _PARSED.clear()  # parsed for the inherited configuration: parsed again for this one
    return font_configuration()


def release_font_configuration() -> None:
    """Let go of the font configuration, so WeasyPrint deletes its temporary folder now.

    The folder (the @font-face files handed to fontconfig) goes when the
    FontConfiguration is destroyed, which a process ending in os._exit (a pool
    worker, the PDF helper) never does: such processes call this before ending.
    """
    _PARSED.clear()  # a parsed stylesheet holds the configuration its @font-face files went to
    if font_configuration.cache_info().currsize:
        font_configuration.cache_clear()
        gc.collect()  # the configuration sits in reference cycles with WeasyPrint's font objects


def pdf_identifier(html: str) -> bytes:
    """A stable /ID: the same HTML always gets the same identifier."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")


def source_date_epoch(release_date: datetime.date) -> int:
    """Midnight UTC of the release date, as seconds since 1970."""
    return calendar.timegm(release_date.timetuple())


@contextmanager
def _source_date_epoch(release_date: datetime.date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH = the release date while rendering; the caller's value after."""
    key = "SOURCE_DATE_EPOCH"
    previous = os.environ.get(key)
    os.environ[key] = str(source_date_epoch(release_date))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = previous
