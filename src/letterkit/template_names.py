"""The names of the templates that modules below the template store read (no imports: cheap to use)."""

HOUSE_STYLE_TEMPLATE = "styles/house"  # every role's look, for the PDF, the HTML and the DOCX (house_style.py)
WIRE_RULES_GROUP = "wire-rules"  # a wire style's house rules (TOML), beside its dateline (wires.py)
