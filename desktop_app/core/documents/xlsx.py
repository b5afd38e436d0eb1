"""Excel workbooks through openpyxl: every text cell of every worksheet (shared and inline
strings; rich text keeps its runs as tags). Formulas, numbers, dates and text without a
letter are left as they are. Export writes the targets into the cells, turns every sheet
right to left (``sheetView rightToLeft``) and sets the translated cells' reading order.

What stays in the source language is named in the import report: comments, sheet names
(formulas refer to them), headers and footers, charts, and whatever openpyxl itself
cannot keep (text boxes drawn on a sheet; other losses it warns about become a
sentence).
"""

from __future__ import annotations

import copy
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.cell.rich_text import CellRichText, TextBlock

from desktop_app.core import languages
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported, pieces
from desktop_app.core.documents.package import check_package
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import N_, _, ngettext

MAX_CELLS = 2_000_000  # text cells; a workbook past this is data, not text to translate
DEFAULT_SHEET = "Sheet"  # openpyxl and Excel name new sheets Sheet1, Sheet2...
RTL_READING_ORDER = 2
SHOWN_NAMES = 5
QUOTED = re.compile(r'"((?:[^"]|"")*)"')  # a text literal in a formula
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)


def _open(data: bytes, name: str) -> tuple[Any, list[str]]:
    """The workbook and the sentences for what openpyxl said it cannot keep."""
    check_package(data, name, "xl/workbook.xml", _("an Excel workbook"),
                  _("Save As and the ordinary file type"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), rich_text=True)
        except Exception as exc:  # openpyxl raises many kinds for broken packages
            raise DocumentError(_("{name}: cannot open the Excel workbook ({exc})").format(
                name=name, exc=one_line(exc))) from exc
    said = []
    for w in caught:
        message = one_line(str(w.message))
        if "Shapes and drawings will be lost" in message:
            continue  # counted from the drawing parts below
        if "header or footer" in message.lower() or "Data Validation" in message:
            continue  # reported by the checks below, or nothing that holds text
        else:
            said.append(_("the workbook reader said: {message}").format(message=message))
    boxes = _drawn_text(data)
    if boxes:
        said.append(ngettext("{n} text box or shape with text drawn on a sheet is not "
                             "translated, and the export leaves it out (the workbook library "
                             "cannot keep it)",
                             "{n} text boxes or shapes with text drawn on the sheets are not "
                             "translated, and the export leaves them out (the workbook library "
                             "cannot keep them)", boxes).format(n=boxes))
    if not book.worksheets:
        raise DocumentError(_("{name}: the workbook has no worksheet to translate").format(
            name=name))
    return book, list(dict.fromkeys(said))


def _drawn_text(data: bytes) -> int:
    """How many shapes drawn on the sheets hold text (openpyxl drops them)."""
    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for part in zf.namelist():
            if part.startswith("xl/drawings/") and part.endswith(".xml"):
                root = etree.fromstring(zf.read(part), PARSER)
                count += sum(1 for sp in root.iter(f"{{{XDR}}}sp")
                             if "".join(t.text or "" for t in sp.iter(f"{{{A}}}t")).strip())
    return count


def _has_text(value: str) -> bool:
    return any(ch.isalpha() for ch in value)


def _cells(book: Any) -> Iterator[tuple[str, Any, Any]]:
    """(block id, sheet, cell) for each text cell, sheet by sheet, row by row."""
    for number, sheet in enumerate(book.worksheets, 1):
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type != "s" or value is None:
                    continue
                if _has_text(str(value)):
                    yield f"{number}!{cell.coordinate}", sheet, cell


def _font_key(font: Any) -> str:
    return repr(sorted((k, repr(v)) for k, v in vars(font).items())) if font else ""


def _parts(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, CellRichText):
        return [(p.text, p.font) if isinstance(p, TextBlock) else (str(p), None)
                for p in value]
    return [(str(value), None)]


def _base(parts: list[tuple[str, Any]]) -> str:
    weight: Counter[str] = Counter()
    for text, font in parts:
        weight[_font_key(font)] += len(text)
    return weight.most_common(1)[0][0] if weight else ""


def _tagged(value: Any) -> str:
    parts = _parts(value)
    base = _base(parts)
    out = []
    number = 0
    for text, font in parts:
        if _font_key(font) == base or not text.strip():
            out.append(text)
        else:
            number += 1
            out.append(f"⟨{number}⟩{text}⟨/{number}⟩")
    return "".join(out)


def _rebuilt(value: Any, target: str) -> Any:
    parts = _parts(value)
    base = _base(parts)
    fonts: dict[int, Any] = {}
    plain = None
    number = 0
    for text, font in parts:
        if _font_key(font) == base or not text.strip():
            plain = font if plain is None else plain
        else:
            number += 1
            fonts[number] = font
    runs: list[Any] = []
    for text, open_tags in pieces(target):
        if not text:
            continue
        numbers = [n for n in open_tags if n in fonts]
        font = fonts[numbers[-1]] if numbers else plain
        runs.append(TextBlock(font, text) if font is not None else text)
    if all(isinstance(r, str) for r in runs):
        return "".join(runs)
    return CellRichText(runs)


def _not_translated(book: Any) -> list[str]:
    said = []
    comments = formulas = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                comments += cell.comment is not None
                formulas += cell.data_type == "f" and any(
                    _has_text(q) for q in QUOTED.findall(str(cell.value)))
    if comments:
        said.append(ngettext("{n} cell comment is not translated",
                             "{n} cell comments are not translated", comments).format(n=comments))
    if formulas:
        said.append(ngettext("{n} formula writes text in quotes (=IF(…;\"Yes\";…)) that is not "
                             "translated",
                             "{n} formulas write text in quotes (=IF(…;\"Yes\";…)) that is not "
                             "translated", formulas).format(n=formulas))
    prompts = sum(1 for sheet in book.worksheets for rule in sheet.data_validations.dataValidation
                  if any(_has_text(t or "") for t in (rule.promptTitle, rule.prompt,
                                                      rule.errorTitle, rule.error)))
    if prompts:
        said.append(ngettext("{n} input message or error alert (data validation) is not "
                             "translated",
                             "{n} input messages or error alerts (data validation) are not "
                             "translated", prompts).format(n=prompts))
    named = [s.title for s in book.worksheets if _has_text(s.title)
             and not (s.title.startswith(DEFAULT_SHEET) and s.title[len(DEFAULT_SHEET):].isdigit())]
    if named:
        shown = ", ".join(named[:SHOWN_NAMES])
        if len(named) > SHOWN_NAMES:
            shown = _("{names} and {n} more").format(names=shown, n=len(named) - SHOWN_NAMES)
        said.append(_("sheet names are not translated (formulas and links refer to them): "
                      "{names}").format(names=shown))
    for sheet in book.worksheets:
        heads = [getattr(getattr(hf, part), "text", None)
                 for hf in (sheet.oddHeader, sheet.oddFooter, sheet.evenHeader, sheet.evenFooter,
                            sheet.firstHeader, sheet.firstFooter)
                 for part in ("left", "center", "right")]
        if any(h and _has_text(h) for h in heads):
            said.append(_("sheet {sheet}: the printed header and footer are not "
                          "translated").format(sheet=sheet.title))
        charts = len(getattr(sheet, "_charts", []))
        if charts:
            said.append(ngettext("sheet {sheet}: {n} chart is not translated (its titles and "
                                 "labels stay as they are)",
                                 "sheet {sheet}: {n} charts are not translated (their titles "
                                 "and labels stay as they are)", charts).format(
                                     sheet=sheet.title, n=charts))
    if book.chartsheets:
        said.append(ngettext("{n} chart sheet is not translated",
                             "{n} chart sheets are not translated",
                             len(book.chartsheets)).format(n=len(book.chartsheets)))
    return said


class Xlsx:
    name = "xlsx"
    extensions = (".xlsx",)
    label = N_("Excel workbooks")

    def sniff(self, content: Content) -> bool:
        return content.has_part("xl/workbook.xml")

    def load(self, data: bytes, name: str) -> Imported:
        book, said = _open(data, name)
        blocks = []
        try:
            for bid, sheet, cell in _cells(book):
                blocks.append(Block(bid, _tagged(cell.value), "cell", {"sheet": sheet.title}))
                if len(blocks) > MAX_CELLS:
                    raise DocumentError(_("{name}: more than {limit:,} text cells: a data set, "
                                          "not a workbook to translate cell by cell").format(
                                              name=name, limit=MAX_CELLS))
            said = said + _not_translated(book)
        except (KeyError, ValueError, AttributeError, TypeError, IndexError) as exc:
            raise DocumentError(_("{name}: a part of the workbook is damaged ({exc})").format(
                name=name, exc=one_line(exc))) from exc
        return Imported(self.name, blocks, notes=said)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        book, _said = _open(data, name)
        lang = languages.get(target_lang)
        try:
            for bid, _sheet, cell in list(_cells(book)):
                if bid not in targets:
                    continue
                cell.value = _rebuilt(cell.value, targets[bid])
                cell.data_type = "s"  # a target starting with "=" is text, not a formula
                if lang.is_rtl:
                    alignment = copy.copy(cell.alignment)
                    alignment.readingOrder = RTL_READING_ORDER
                    cell.alignment = alignment
            if lang.is_rtl:
                for sheet in book.worksheets:
                    sheet.sheet_view.rightToLeft = True
            out = io.BytesIO()
            book.save(out)
        except (KeyError, ValueError, AttributeError, TypeError, IndexError) as exc:
            raise DocumentError(_("{name}: a part of the workbook is damaged ({exc})").format(
                name=name, exc=one_line(exc))) from exc
        return out.getvalue()
