"""Where operations sit: on the client itself (flat) or grouped into resources.

Up to `FLAT_LAYOUT_MAX_OPERATIONS` operations the client keeps them as its own methods
(`client.update_contact`); beyond it, "auto" groups them into resources by tag
(`client.contacts.update_contact`), so no module grows past a few thousand lines. A package
can pin either layout.
"""

from __future__ import annotations

from typing import Literal

FLAT_LAYOUT_MAX_OPERATIONS = 30
LayoutChoice = Literal["auto", "flat", "resources"]
LAYOUTS: tuple[LayoutChoice, ...] = ("auto", "flat", "resources")
