"""gettext PO catalogs through polib: one block per message (a plural message gives one
block per source form, msgid and msgid_plural), existing translations come along as
targets, and export writes them back into the same catalog.

Read: the catalog is decoded in the charset its header names (ISO-8859-1, KOI8-R,
CP1251...; UTF-8 when it names none); C escapes (``\\a \\b \\v \\f``, octal, hex) become
the characters they stand for. Header values are kept as they are (a date msgfmt
accepts, such as ``16:15GMT+2``, is not parsed).

Write: the original catalog (header, comments, order, obsolete entries) with the targets
in, always as UTF-8: the header's charset, ``Language`` and ``Plural-Forms`` are set for
the target language, the fields msgfmt needs are added when missing, and control
characters are written back as C escapes, so ``msgfmt -c`` accepts the result.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import polib
from babel.messages.plurals import get_plural

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported
from desktop_app.core.documents.block_notes import add_notes, note
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import N_, _

MAX_PLURAL_FORMS = 10
CHARSET = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:-]+)")
NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
# C escapes polib does not know: \a, octal and hex (\t \n \r \v \b \f \\ \" it reads)
ESCAPE = re.compile(r'\\(a|[0-7]{1,3}|x[0-9A-Fa-f]{1,2}|.)')
STRING_LINE = re.compile(r'^\s*(?:#[~|]\s*)?(msgid|msgid_plural|msgstr|msgctxt|msgstr\[\d+\]|")')
# "#text" (no space) is a translator comment to msgfmt; polib wants "# text"
BARE_COMMENT = re.compile(r"^#(?=[^\s.:,|~])", re.MULTILINE)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")


def _charset(data: bytes) -> str:
    """The charset the catalog's header names (UTF-8 when none or the template's)."""
    head = data[:8192]
    match = CHARSET.search(head) if b"Content-Type" in head else None
    name = match.group(1).decode("ascii") if match else "utf-8"
    return "utf-8" if name.upper() == "CHARSET" else name


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data:
        raise DocumentError(_("{name} is binary data, not a PO catalog").format(name=name))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    charset = _charset(data)
    try:
        codecs.lookup(charset)
    except LookupError as exc:
        raise DocumentError(_("{name}: the catalog's charset is unknown "
                              "({exc}); save it as UTF-8").format(
            name=name, exc=one_line(exc))) from exc
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        raise DocumentError(_("{name}: the header says the catalog is {charset}, but byte "
                              "{pos} is not {charset}; save it in the charset its header "
                              "names").format(name=name, charset=charset,
                                              pos=exc.start)) from exc


def _unescape(line: str) -> str:
    """C escapes polib leaves as they are, turned into their characters."""
    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code == "a":
            return "\a"
        if code[0] in "01234567":  # a byte: \377 at most
            return chr(int(code, 8)) if int(code, 8) <= 0o377 else m.group(0)
        if code[0] == "x" and len(code) > 1:
            return chr(int(code[1:], 16))
        return m.group(0)
    return ESCAPE.sub(one, line) if STRING_LINE.match(line) else line


def _escape_controls(text: str) -> str:
    """Control characters polib writes raw, as C escapes."""
    return CONTROL.sub(lambda m: "\\a" if m.group(0) == "\a" else f"\\{ord(m.group(0)):03o}",
                       text)


KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr\[\d+\]|msgstr)\s")


def _check_lines(text: str, name: str) -> None:
    """What msgfmt refuses and polib would read as something else (an unterminated
    string, a msgid without msgstr, msgstr[n] of a message without plural): refused
    rather than a translation lost."""
    pending = plural = forms = False  # a msgid waits for its msgstr; it has a plural;
    # its msgstr[n] lines have begun
    number = start = 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not stripped.endswith('"'):
            raise DocumentError(_("{name}: line {number}: unterminated or stray text").format(
                name=name, number=number))
        match = KEYWORD.match(stripped)
        keyword = match.group(1) if match else ""
        bad = ((keyword in ("msgid", "msgctxt") and pending)
               or (keyword.startswith("msgstr") and not pending
                   and not (forms and keyword.startswith("msgstr[")))
               or (keyword == "msgstr" and plural)
               or (keyword.startswith("msgstr[") and not plural))
        if bad:
            raise DocumentError(_("{name}: line {number}: a message without its msgstr, or "
                                  "msgstr[n] where msgstr belongs (msgfmt refuses it too)")
                                .format(name=name, number=start if pending else number))
        if keyword == "msgid":
            pending, plural, forms, start = True, False, False, number
        elif keyword == "msgid_plural":
            plural = True
        elif keyword.startswith("msgstr"):
            pending, forms = False, keyword != "msgstr"
    if pending:
        raise DocumentError(_("{name}: line {number}: a message without its msgstr, or "
                              "msgstr[n] where msgstr belongs (msgfmt refuses it too)")
                            .format(name=name, number=start))


def _read(data: bytes, name: str) -> polib.POFile:
    text = _decode(data, name)
    _check_lines(text, name)
    text = BARE_COMMENT.sub("# ", "\n".join(_unescape(line) for line in text.splitlines()))
    try:
        # the trailing line break: polib takes a one-line string for a file name
        catalog = polib.pofile(text + "\n", wrapwidth=78)
    except (OSError, ValueError, IndexError, KeyError) as exc:
        raise DocumentError(_("{name}: not a valid PO catalog ({exc})").format(
            name=name, exc=one_line(str(exc).replace(text + "\n", "")))) from exc
    match = NPLURALS.search(catalog.metadata.get("Plural-Forms", ""))
    plurals = int(match.group(1)) if match else 2
    most = max((max(e.msgstr_plural, default=0) + 1 for e in catalog if e.msgstr_plural),
               default=1)
    if not 1 <= max(plurals, most) <= MAX_PLURAL_FORMS:
        raise DocumentError(_("{name}: the header declares {plurals} plural forms (languages use "
                              "1 to 6; the limit is {limit})").format(
                                  name=name, plurals=max(plurals, most),
                                  limit=MAX_PLURAL_FORMS))
    return catalog


def _messages(catalog: polib.POFile) -> list[tuple[str, polib.POEntry, int]]:
    """(block id, entry, form) for every translatable string, in catalog order."""
    out: list[tuple[str, polib.POEntry, int]] = []
    for n, entry in enumerate(e for e in catalog if e.msgid and not e.obsolete):
        if entry.msgid_plural:
            out.extend((f"M{n}.{form}", entry, form) for form in (0, 1))
        else:
            out.append((f"M{n}", entry, -1))
    return out


def _header(catalog: polib.POFile, target_lang: str) -> None:
    """The original header, made right for a UTF-8 catalog in ``target_lang``."""
    lang = languages.get(target_lang)
    plural = get_plural(lang.babel_locale)
    meta: dict[str, Any] = catalog.metadata
    content = meta.get("Content-Type", "text/plain; charset=UTF-8")
    meta["Content-Type"] = (re.sub(r"charset\s*=\s*\S*", "charset=UTF-8", content)
                            if "charset" in content else f"{content}; charset=UTF-8")
    meta.setdefault("MIME-Version", "1.0")
    meta.setdefault("Content-Transfer-Encoding", "8bit")
    meta["Language"] = lang.babel_locale
    meta["Plural-Forms"] = f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
    catalog.encoding = "utf-8"


class Po:
    name = "po"
    extensions = (".po", ".pot")
    label = N_("Gettext PO files")

    def sniff(self, content: Content) -> bool:
        return False  # known by its extension

    def load(self, data: bytes, name: str) -> Imported:
        catalog = _read(data, name)
        blocks = []
        for bid, entry, form in _messages(catalog):
            if form >= 0:
                source = entry.msgid_plural if form else entry.msgid
                target = entry.msgstr_plural.get(form, "")
            else:
                source, target = entry.msgid, entry.msgstr
            meta: dict[str, Any] = {"context": entry.msgctxt or "", "fuzzy": entry.fuzzy}
            add_notes(meta, [note("extracted", entry.comment or ""),
                             note("translator", entry.tcomment or ""),
                             note("context", entry.msgctxt or "")])
            blocks.append(Block(bid, source, "message", meta, target or ""))
        return Imported(self.name, blocks, "", catalog.metadata.get("Language", "").strip())

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        catalog = _read(data, name)
        plurals = get_plural(languages.get(target_lang).babel_locale).num_plurals
        for bid, entry, form in _messages(catalog):
            if bid not in targets:
                continue
            if form >= 0:
                for k in range(plurals):
                    if min(k, 1) == form:  # the forms past the first take the plural text
                        entry.msgstr_plural[k] = targets[bid]
            else:
                entry.msgstr = targets[bid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = None
                entry.previous_msgctxt = None
        for entry in catalog:  # as many forms as the target language has, no more
            if entry.msgid_plural:
                entry.msgstr_plural = {k: entry.msgstr_plural.get(k, "")
                                       for k in range(plurals)}
        _header(catalog, target_lang)
        text = catalog.__unicode__()
        if not catalog.header and text.startswith("#\n"):  # polib's empty header comment
            text = text[2:]
        return _escape_controls(text).encode("utf-8")
