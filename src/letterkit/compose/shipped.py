"""letterkit's own latest approved templates, for a Document rendered outside a draft (tests, redline)."""

from __future__ import annotations

from letterkit.compose.template_store import TemplateStore
from letterkit.house_style import HouseStyle, read_house_style
from letterkit.paths import templates_dir
from letterkit.template_names import HOUSE_STYLE_TEMPLATE


def shipped_house_style() -> HouseStyle:
    """letterkit's own latest approved house style."""
    store = TemplateStore(templates_dir())
    return read_house_style(store.latest_approved(HOUSE_STYLE_TEMPLATE) or store.get(HOUSE_STYLE_TEMPLATE))
