"""The names of letterkit's templates and of the slots a letter pins them by (no imports: cheap to use).

Below the template store, so that the input schema, the loader, the house style and the wire rules
name templates without importing the store.
"""

# What each pin in a letter's `templates:` section selects.
LETTER_TEMPLATE = "letters/shareholder-letter"
ABOUT_TEMPLATE = "blocks/about"
FORWARD_LOOKING_TEMPLATE = "blocks/forward-looking"
PRINT_STYLE_TEMPLATE = "styles/print"
HOUSE_STYLE_TEMPLATE = "styles/house"  # every role's look, for the PDF, the HTML and the DOCX (house_style.py)
DATELINE_GROUP = "datelines"
WIRE_RULES_GROUP = "wire-rules"  # a wire style's house rules (TOML), beside its dateline (wires.py)
BLOCKS_GROUP = "blocks"  # the only group a company folder may hold


def template_slots(wire: str) -> dict[str, str]:
    """Each slot a letter can pin (`templates.<slot>: N`) and the template it selects."""
    return {
        "letter": LETTER_TEMPLATE,
        "dateline": f"{DATELINE_GROUP}/{wire}",
        "about": ABOUT_TEMPLATE,
        "forward_looking": FORWARD_LOOKING_TEMPLATE,
        "print_style": PRINT_STYLE_TEMPLATE,
        "house_style": HOUSE_STYLE_TEMPLATE,
        "wire_rules": f"{WIRE_RULES_GROUP}/{wire}",
    }


# Slots whose template may not exist: a wire style without house rules is drafted with its
# wire text unchecked (the wire-unknown finding), not refused.
OPTIONAL_SLOTS = frozenset({"wire_rules"})


def edition_template(name: str, language: str) -> str:
    """The template an edition in `language` uses for `name`: letters/shareholder-letter-de for German.

    Only what holds words has a version per language (the letter, datelines, blocks); the styles
    and a wire's house rules are the same for every edition.
    """
    if language == "en" or not name.startswith((f"{LETTER_TEMPLATE}", f"{DATELINE_GROUP}/", f"{BLOCKS_GROUP}/")):
        return name
    return f"{name}-{language}"


def block_slot(block: str) -> str:
    """The slot of a boilerplate block: about and forward_looking as ever, block:<name> for the others."""
    return {"about": "about", "forward-looking": "forward_looking"}.get(block, f"block:{block}")
