"""gettext PO catalogs through Babel's reader and writer: one block per message (a plural
message gives one block per form), existing translations come along as targets, and
export writes them back into the same catalog with the target language set."""

from __future__ import annotations

import io

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, DocumentError, Imported
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import _

MAX_PLURAL_FORMS = 10


def _read(data: bytes, name: str) -> Catalog:
    if b"\x00" in data:
        raise DocumentError(_("{name} is binary data, not a PO catalog").format(name=name))
    # Babel reads an unterminated string as empty: refuse it rather than lose a translation.
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        text = line.strip()
        if text and not text.startswith("#") and not text.endswith('"'):
            raise DocumentError(_("{name}: line {number}: unterminated or stray text").format(
                name=name, number=number))
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except LookupError as exc:  # an unknown charset in the header
        raise DocumentError(_("{name}: the catalog's charset is unknown "
                              "({exc}); save it as UTF-8").format(
            name=name, exc=one_line(exc))) from exc
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(_("{name}: not a valid PO catalog ({exc})").format(
            name=name, exc=one_line(exc))) from exc
    try:
        plurals = catalog.num_plurals
    except (ValueError, TypeError, LookupError) as exc:
        raise DocumentError(_("{name}: the Plural-Forms header is broken ({exc})").format(
            name=name, exc=one_line(exc))) \
            from exc
    if not 1 <= plurals <= MAX_PLURAL_FORMS:
        raise DocumentError(_("{name}: the header declares {plurals} plural forms (languages use "
                              "1 to 6; the limit is {limit})").format(
                                  name=name, plurals=plurals, limit=MAX_PLURAL_FORMS))
    return catalog


def _messages(catalog: Catalog) -> list[tuple[str, Message, int]]:
    """(block id, message, form) for every translatable string, in catalog order."""
    out = []
    for n, message in enumerate(m for m in catalog if m.id):
        if isinstance(message.id, tuple | list):
            for form in range(len(message.id)):
                out.append((f"M{n}.{form}", message, form))
        else:
            out.append((f"M{n}", message, -1))
    return out


class Po:
    name = "po"
    extensions = (".po", ".pot")

    def load(self, data: bytes, name: str) -> Imported:
        catalog = _read(data, name)
        blocks = []
        for bid, message, form in _messages(catalog):
            source = message.id[min(form, 1)] if form >= 0 else message.id
            if form >= 0:
                strings = message.string if isinstance(message.string, tuple | list) else ()
                target = strings[form] if form < len(strings) else ""
            else:
                target = message.string if isinstance(message.string, str) else ""
            blocks.append(Block(bid, str(source), "message",
                                {"context": message.context or "", "fuzzy": message.fuzzy},
                                str(target or "")))
        locale = str(catalog.locale) if catalog.locale else ""
        return Imported(self.name, blocks, "", locale)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        catalog = _read(data, name)
        for bid, message, form in _messages(catalog):
            if bid not in targets:
                continue
            if form >= 0:
                count = max(catalog.num_plurals, len(message.id))
                strings = list(message.string) if isinstance(message.string, tuple | list) \
                    else [""] * count
                strings += [""] * (count - len(strings))
                strings[form] = targets[bid]
                message.string = tuple(strings)
            else:
                message.string = targets[bid]
            message.flags.discard("fuzzy")
        lang = languages.get(target_lang)
        catalog.locale = lang.babel_locale
        out = io.BytesIO()
        write_po(out, catalog, width=0)
        return out.getvalue()
