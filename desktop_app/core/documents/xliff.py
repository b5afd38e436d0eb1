"""XLIFF 1.1/1.2 (including Trados ``.sdlxliff`` and memoQ ``.mqxliff``) and XLIFF 2.x as
a document format: read by :mod:`xliff_read`, written back into the original file by
:mod:`xliff_tree` (only targets, states and translator notes change)."""

from __future__ import annotations

from desktop_app.core.documents.base import Content, Imported
from desktop_app.core.documents.xliff_instructions import add_instructions
from desktop_app.core.documents.xliff_read import (
    XLIFF2_NS,
    children,
    first,
    in_xliff,
    is_v2,
    load_tree,
    parse,
    seg_marks,
    units,
)
from desktop_app.core.documents.xliff_tree import write_targets
from desktop_app.core.i18n import N_

# what tests and other rooms read of the tree, from the format's own module
__all__ = ["XLIFF2_NS", "Xliff", "children", "first", "in_xliff", "is_v2", "seg_marks", "units"]


class Xliff:
    name = "xliff"
    extensions = (".xlf", ".xliff", ".sdlxliff", ".mqxliff")
    label = N_("XLIFF files")

    def sniff(self, content: Content) -> bool:
        return content.text.startswith(("<?xml", "<xliff")) and "<xliff" in content.text

    def load(self, data: bytes, name: str) -> Imported:
        root = parse(data, name)
        imported = load_tree(root, name)
        add_instructions(root, imported)  # the client's notes and length limits
        return imported

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        return write_targets(data, name, targets, target_lang)
