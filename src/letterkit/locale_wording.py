"""How an edition in another language writes dates, money and lists: CLDR's rules, through Babel.

The English edition keeps wording.py (AP style, the reference release's own forms). For the
others every form comes from CLDR — "4. Januar 2007", "4 janvier 2007", "5,75 Mio. US-Dollar",
"5,75 millions de dollars canadiens", "a, b und c" — with the project's rule that money is
never rounded: an amount is scaled to millions only when that loses nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from functools import cache

# Babel is imported by the functions that use it: an English draft (or --help) never pays for CLDR.

# A release's edition and the region it is written for: Word checks spelling by region,
# and CLDR's forms differ by it (fr-CA groups digits with a no-break space, fr with a thin one).
DEFAULT_REGIONS = {"en": "US", "de": "DE", "fr": "FR"}
# The country a company's headquarters name, as the region of its editions ("Canada" -> fr-CA).
_COUNTRY_REGIONS = {"canada": "CA", "united states": "US", "germany": "DE", "france": "FR", "switzerland": "CH",
                    "austria": "AT", "belgium": "BE", "luxembourg": "LU"}
# How a scaled amount is written: German abbreviates (Mio., Mrd.), French writes the word out.
_COMPACT_FORMS = {"de": "short"}
_SCALES = (Decimal(10) ** 12, Decimal(10) ** 9, Decimal(10) ** 6)


def locale_tag(language: str, country: str | None) -> str:
    """"de-DE", "fr-CA": the language and the region of the company's country, when CLDR has both."""
    region = _COUNTRY_REGIONS.get((country or "").strip().lower())
    if region is not None and _known(f"{language}_{region}"):
        return f"{language}-{region}"
    return f"{language}-{DEFAULT_REGIONS.get(language, language.upper())}"


@cache
def _known(identifier: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(identifier)
    except (ValueError, LookupError, UnknownLocaleError):
        return False
    return True


def _babel(tag: str) -> str:
    return tag.replace("-", "_")


def long_date(day: datetime.date, tag: str) -> str:
    """4. Januar 2007; 4 janvier 2007 (1er janvier: French writes the first of the month as an ordinal)."""
    from babel.dates import format_date

    text = format_date(day, "long", locale=_babel(tag))
    if tag.startswith("fr") and day.day == 1:
        return "1er" + text[1:]
    return text


def month_year(year: int, month: int, tag: str) -> str:
    """Dezember 2006; décembre 2006"""
    from babel.dates import format_date

    return format_date(datetime.date(year, month, 1), "MMMM y", locale=_babel(tag))


def month_names(tag: str) -> dict[str, int]:
    """Every way the language names a month (wide and abbreviated, in any case), to its number."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=_babel(tag)).items():
                names[name.lower()] = number
                names[name.lower().rstrip(".")] = number
    return names


def weekday_names(tag: str) -> tuple[str, ...]:
    """Monday first, as datetime.weekday() counts: Montag … Sonntag; lundi … dimanche."""
    from babel.dates import get_day_names

    names = get_day_names("wide", locale=_babel(tag))
    return tuple(names[number] for number in range(7))


def number(value: Decimal | int, tag: str) -> str:
    """Every digit the value has, grouped and pointed as the language writes numbers."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_babel(tag), decimal_quantization=False)


def money(amount: Decimal, currency: str, tag: str) -> str:
    """5,75 Mio. US-Dollar; 750.000 US-Dollar; 5,75 millions de dollars canadiens; 750 000 dollars canadiens."""
    from babel.numbers import format_compact_decimal, get_currency_name

    locale = _babel(tag)
    language = tag.split("-")[0]
    for scale in _SCALES:
        if amount >= scale:
            scaled = amount / scale
            if scaled == scaled.quantize(Decimal("0.001")):
                figure = format_compact_decimal(
                    amount, format_type=_COMPACT_FORMS.get(language, "long"), locale=locale, fraction_digits=3
                )
                name = get_currency_name(currency, count=2, locale=locale)  # millions of dollars: plural
                joiner = " de " if language == "fr" else " "  # 5,75 millions de dollars
                return f"{figure}{joiner}{name}"
            break
    name = get_currency_name(currency, count=2 if amount != 1 else 1, locale=locale)
    return f"{number(amount, tag)} {name}"


def series(items: Sequence[str], tag: str) -> str:
    """a, b und c; a, b et c (CLDR's list pattern: no serial comma in either)."""
    from babel.lists import format_list

    return format_list(list(items), locale=_babel(tag))


def numbered_series(items: Sequence[str], tag: str) -> str:
    """1) a, 2) b und 3) c"""
    return series([f"{index}) {item}" for index, item in enumerate(items, start=1)], tag)


# Quotation marks (German „…“, French « … » with no-break spaces inside) and the articles that
# stay outside them when a defined term is quoted: die „Gesellschaft“, la « Société ».
QUOTES = {"de": ("„", "“"), "fr": ("«\u00a0", "\u00a0»")}
_ARTICLES = {"de": ("der", "die", "das"), "fr": ("le", "la", "les")}


def quoted(text: str, language: str) -> str:
    opening, closing = QUOTES[language]
    return f"{opening}{text}{closing}"


def defined_terms(terms: Sequence[str], joiner: str, language: str) -> str:
    """(„Callisto“ oder die „Gesellschaft“); (« Glacier Ridge » ou la « Société »)"""
    written = []
    for term in terms:
        article, _, rest = term.partition(" ")
        if article.lower() in _ARTICLES.get(language, ()) and rest:
            written.append(f"{article} {quoted(rest, language)}")
        elif language == "fr" and term[:2].lower() in ("l’", "l'"):
            written.append(f"{term[:2]}{quoted(term[2:], language)}")
        else:
            written.append(quoted(term, language))
    word = _JOINERS[language][joiner]
    return f"({f' {word} '.join(written)})"


_JOINERS = {"de": {"or": "oder", "and": "und"}, "fr": {"or": "ou", "and": "et"}}


# Words letterkit itself puts into a file's properties, the contacts' default heading and the
# page numbers of the PDF and the DOCX ("Page" and "of" around the numbers).
WORDS = {
    "de": {"letter to shareholders": "Aktionärsbrief", "press release": "Pressemitteilung", "Contacts": "Kontakte",
           "Letter to shareholders": "Brief an die Aktionäre", "Page": "Seite", "of": "von"},
    "fr": {"letter to shareholders": "lettre aux actionnaires", "press release": "communiqué de presse",
           "Contacts": "Contacts", "Letter to shareholders": "Lettre aux actionnaires", "Page": "Page", "of": "de"},
}


def edition_css(language: str) -> str:
    """What the PDF of an edition adds to the stylesheet (which writes English): "Page N of M" in its words,
    and its running text hyphenated by its language's dictionary (pyphen's, which WeasyPrint ships with):
    German and French compounds left whole leave ragged, gappy lines."""
    if language == "en":
        return ""
    page, of = word("Page", language), word("of", language)
    return (
        f"\n/* letterkit: the {language} edition's page numbers and hyphenation */\n"
        f'@page {{ @bottom-center {{ content: "{page} " counter(page) " {of} " counter(pages); }} }}\n'
        "p, li { hyphens: auto; }\n"
    )


def word(english: str, language: str) -> str:
    """letterkit's own word in the edition's language; a language letterkit has no words for is refused."""
    if language == "en":
        return english
    if language not in WORDS:
        raise ValueError(f"letterkit has no {language} words for a release's file properties (it has: de, fr)")
    return WORDS[language][english]
