"""PDF in (text layer only), a Word document out.

pdfminer.six (MIT, pure Python) reads each text line with its position, size and font;
this module rebuilds what a translator needs from those lines:

- running headers, footers and page numbers (the same line, digits aside, at the top or
  bottom of most pages) are dropped;
- two-column pages are read left column first, then right; a full-width line (a title)
  splits the page into bands;
- lines become paragraphs by their spacing, indentation and size; a paragraph goes on
  across a column or page break when it has not ended (no closing punctuation and the
  next line starts in lower case); a hyphen at a line end before a lower-case letter is
  joined ("humani-" + "tarian" = "humanitarian");
- larger or bold short lines are headings (h1, h2... by size), lines starting with a
  bullet or a number are list items (the marker is kept aside, not translated);
- tables drawn with ruled cells become one block per cell, rebuilt as a Word table.

A PDF without a text layer (a scan) is refused with one line: it needs OCR first.
Export writes a new .docx (PDF output is not produced): headings, paragraphs, lists and
tables in reading order, right-to-left for Dari and Pashto.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import docx

from desktop_app.core import languages
from desktop_app.core.documents import pdf_limits
from desktop_app.core.documents.base import Block, Content, DocumentError, Imported, strip_tags
from desktop_app.core.documents.docx import mark_paragraph, mark_table
from desktop_app.core.i18n import N_, _

if TYPE_CHECKING:
    from pdfminer.layout import LTPage, LTTextLine

MAX_PAGES = 2000
MAX_RULES = 5000  # drawn lines on a page beyond which no ruled table is looked for
EDGE = 0.09  # the top and bottom share of a page where running headers and footers live
BULLETS = "\uf0b7\uf0a7•●▪◦‣∙·-–*"
_NUMBERED = re.compile(r"^(\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_PAGE_NUMBER = re.compile(r"^(page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(\s*(/|of)\s*\d{1,4})?$",
                          re.IGNORECASE)
_ENDS = ".!?:;\"”’)»؟۔"
_WORD = re.compile(r"\w+(?:-\w+)*")


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Cell:
    table: int
    row: int
    col: int
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[tuple[float, float, float, float]]  # (x0, top, x1, bottom) of drawn lines


def _line(obj: LTTextLine, page: LTPage, number: int) -> Line | None:
    from pdfminer.layout import LTChar

    text = " ".join(obj.get_text().split())
    if not text:
        return None
    chars = [c for c in obj if isinstance(c, LTChar)]
    sizes = Counter(round(c.size, 1) for c in chars)
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    bold = bool(chars) and all("bold" in c.fontname.lower() for c in chars if c.get_text()
                               .strip())
    return Line(text, obj.x0, obj.x1, page.height - obj.y1, page.height - obj.y0, size,
                bold, number)


def _walk(container: object) -> Iterator[object]:
    from pdfminer.layout import LTFigure, LTTextContainer, LTTextLine

    for obj in container:  # type: ignore[attr-defined]
        yield obj
        if isinstance(obj, LTFigure | LTTextContainer) and not isinstance(obj, LTTextLine):
            yield from _walk(obj)


def _pages(data: bytes, name: str) -> list[_Page]:
    # pdfminer is imported on first use: the CLI starts faster without it
    from pdfminer.layout import LAParams, LTCurve, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[_Page] = []
    try:
        with pdf_limits.budget(name) as active:
            # boxes_flow=None: no hierarchical grouping of boxes (quadratic in their number);
            # reading order is rebuilt from the lines here
            # all_texts: text drawn by form XObjects is text too (else silently dropped)
            layout = LAParams(boxes_flow=None, all_texts=True)
            for number, page in enumerate(pdf_limits.extract_pages(data, active, layout), 1):
                if number > MAX_PAGES:
                    raise DocumentError(_("{name} has more than {n} pages").format(
                        name=name, n=MAX_PAGES))
                lines, rules = [], []
                for obj in _walk(page):
                    if isinstance(obj, LTTextLine):
                        line = _line(obj, page, number)
                        if line is not None:
                            lines.append(line)
                    elif isinstance(obj, LTCurve):  # LTLine and LTRect are curves too
                        x0, y0, x1, y1 = obj.bbox
                        rules.append((x0, page.height - y1, x1, page.height - y0))
                pages.append(_Page(number, page.width, page.height, lines, rules))
    except DocumentError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DocumentError(_("{name} is protected by a password: open it in a PDF reader, "
                              "save a copy without the password (or ask the client for one), "
                              "and import that copy").format(name=name)) from exc
    except Exception as exc:  # pdfminer raises many kinds for broken or locked files
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise DocumentError(_("{name}: not a readable PDF ({error})").format(
            name=name, error=detail)) from exc
    if not pages:
        raise DocumentError(_("{name}: not a readable PDF ({error})").format(
            name=name, error="no pages"))
    if not any(p.lines for p in pages):
        raise DocumentError(_("{name} has no text layer (a scanned document?): run it "
                              "through OCR first").format(name=name))
    return pages


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _drop_running(pages: list[_Page]) -> None:
    """Remove headers, footers and page numbers: edge lines that repeat, digits aside,
    on at least half of the pages (two at least), and lone page numbers, when they stand
    apart from the text (a body line that happens to look alike, "Paragraph 6 reports" at
    the top of one page and "Paragraph 16 reports" on the next, or a number in a table at
    the foot of a page, is followed or flanked by its neighbours and stays)."""
    edge_keys: Counter[str] = Counter()
    for page in pages:
        keys = {_key(ln.text) for ln in page.lines if _at_edge(ln, page)}
        edge_keys.update(keys)
    need = max(2, (len(pages) + 1) // 2)
    for page in pages:
        running = [ln for ln in page.lines if _at_edge(ln, page) and (
            edge_keys[_key(ln.text)] >= need or _PAGE_NUMBER.match(ln.text))]
        ids = {id(ln) for ln in running}
        body = [ln for ln in page.lines if id(ln) not in ids]
        dropped = {id(ln) for ln in running if _apart(ln, body, page)}
        page.lines = [ln for ln in page.lines if id(ln) not in dropped]


def _apart(line: Line, body: list[Line], page: _Page) -> bool:
    """Whether ``line`` stands apart from the body text toward the page's middle."""
    slack = line.height * 0.8
    if line.top < page.height / 2:  # a header: the first body line below it
        below = [ln.top for ln in body if ln.top > line.top - line.height / 2]
        return not below or min(below) - line.bottom > slack
    above = [ln.bottom for ln in body if ln.bottom < line.bottom + line.height / 2]
    return not above or line.top - max(above) > slack


def _at_edge(line: Line, page: _Page) -> bool:
    return line.bottom < page.height * EDGE * 1.5 or line.top > page.height * (1 - EDGE * 1.5)


# -- tables: text inside ruled cells -------------------------------------------------------


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def _tables(page: _Page, first_id: int) -> tuple[list[Cell], list[Box]]:
    """Cells of the ruled tables of a page and the boxes they cover. A page of more than
    MAX_RULES drawn lines is a drawing (a map, a chart): its text is read as paragraphs,
    and the table search, which compares rules with rules, is not run."""
    if len(page.rules) > MAX_RULES:
        return [], []
    horizontal = sorted({round(t, 0) for x0, t, x1, b in page.rules
                         if b - t < 2 and x1 - x0 > 20})
    vertical = [(x0, t, b) for x0, t, x1, b in page.rules if x1 - x0 < 2 and b - t > 5]
    if len(horizontal) < 2 or len(vertical) < 2:
        return [], []
    # group horizontal rules into tables: consecutive rules joined by vertical ones
    spans: list[list[float]] = []
    for y in horizontal:
        if spans and any(t <= spans[-1][-1] + 1 and b >= y - 1 for _x, t, b in vertical):
            spans[-1].append(y)
        else:
            spans.append([y])
    cells: list[Cell] = []
    covered: list[Box] = []
    table_id = first_id
    for rows in (s for s in spans if len(s) >= 2):
        top, bottom = rows[0], rows[-1]
        xs = sorted({round(x, 0) for x, t, b in vertical if t <= top + 2 and b >= top + 1
                     or t >= top - 1 and b <= bottom + 1})
        if len(xs) < 2:
            continue
        by_cell: dict[tuple[int, int], Cell] = {}
        for line in page.lines:
            mid_y, mid_x = (line.top + line.bottom) / 2, (line.x0 + line.x1) / 2
            if not (top < mid_y < bottom and xs[0] < mid_x < xs[-1]):
                continue
            r = sum(1 for y in rows if y < mid_y) - 1
            c = max(0, sum(1 for x in xs if x < line.x0 + 1) - 1)
            c = min(c, len(xs) - 2) if mid_x > xs[0] else 0
            by_cell.setdefault((r, c), Cell(table_id, r, c)).lines.append(line)
        if by_cell:
            cells.extend(by_cell[k] for k in sorted(by_cell))
            covered.append((xs[0], top, xs[-1], bottom))
            table_id += 1
    return cells, covered


# -- reading order ---------------------------------------------------------------------------


def _columns(lines: list[Line], page: _Page) -> list[list[Line]]:
    """The lines of a page in reading order, as runs that flow (a column, a band)."""
    mid = page.width / 2
    left = [ln for ln in lines if ln.x1 <= mid + 4]
    right = [ln for ln in lines if ln.x0 >= mid - 4]
    if len(left) < 3 or len(right) < 3:
        return [sorted(lines, key=lambda ln: (ln.top, ln.x0))]
    runs: list[list[Line]] = []
    band: list[Line] = []

    def close_band() -> None:
        if band:
            runs.append(sorted((ln for ln in band if ln.x1 <= mid + 4), key=lambda ln: ln.top))
            runs.append(sorted((ln for ln in band if ln.x1 > mid + 4), key=lambda ln: ln.top))
            band.clear()

    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if line.x0 < mid - 4 < mid + 4 < line.x1:  # full width: a title across both columns
            close_band()
            runs.append([line])
        else:
            band.append(line)
    close_band()
    return [r for r in runs if r]


# -- paragraphs ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Para:
    lines: list[Line]
    kind: str = "p"  # p, li, h (level set at the end), title
    marker: str = ""
    vocabulary: frozenset[str] = frozenset()  # the document's words, hyphenated ones too

    @property
    def text(self) -> str:
        out = ""
        for line in self.lines:
            text = line.text
            if not out:
                out = text
            elif re.search(r"\w-$", out[-2:]) and text[:1].islower():  # the end only: linear
                out = out[:-1] + text if self._joined(out, text) else out + text
            else:
                out += " " + text
        return out

    def _joined(self, before: str, after: str) -> bool:
        """Whether a hyphen at a line end only split a word ("humani-" + "tarian"), by the
        document's own words: a hyphenated word it writes elsewhere keeps its hyphen, a
        joined word it writes elsewhere is joined; failing both, two words the document
        uses ("battle-" + "hardened") keep the hyphen and a fragment ("ambas-") is joined.
        """
        head = _WORD.findall(before[-200:-1])[-1].lower()
        tail = _WORD.match(after)
        if tail is None:
            return False
        rest = tail.group(0).lower()
        words = self.vocabulary
        if f"{head}-{rest}" in words:
            return False
        if f"{head}{rest}" in words:
            return True
        last, first = head.rsplit("-", 1)[-1], rest.split("-", 1)[0]
        return not (len(last) > 2 and len(first) > 2 and last in words and first in words)


def _marker(text: str) -> str:
    if text[:1] in BULLETS and text[1:2] == " ":
        return text[:1]
    m = _NUMBERED.match(text)
    return m.group(1) if m else ""


def _paragraphs(runs: list[list[Line]], items: list[_Para | Cell],
                tables: dict[str, list[Cell]]) -> None:
    """Append the paragraphs of ``runs`` to ``items``; the first line of a run (a new
    column or page) goes on with the last paragraph when its sentence is unfinished.
    A table stands in the flow as one placeholder line, where its cells go."""
    for run in map(_bullets_joined, runs):
        spacing = _spacing(run)
        left = min((ln.x0 for ln in run), default=0.0)
        prev: Line | None = None
        for line in run:
            if line.text in tables:
                _continue_table(items, tables[line.text], first_in_run=prev is None)
                items.extend(tables[line.text])
                prev = None
                continue
            marker = _marker(line.text)
            current = items[-1] if items and isinstance(items[-1], _Para) else None
            if current is None or marker:
                starts = True
            elif prev is None:
                last = current.lines[-1]
                starts = (bool(current.marker) or last.text[-1:] in _ENDS
                          or not line.text[:1].islower() or abs(line.size - last.size) > 0.6)
            else:
                # the line spacing inside a paragraph, for this line's size
                step = max(spacing * prev.size, prev.height * 1.15)
                starts = (abs(line.size - prev.size) > 0.6 or line.top - prev.top > step * 1.3
                          or (line.x0 > prev.x0 + 8 and not current.marker)  # first-line indent
                          or (bool(current.marker) and line.x0 <= left + 2))
            if starts:
                items.append(_Para([line], "li" if marker else "p", marker))
            else:
                assert current is not None
                current.lines.append(line)
            prev = line


def _continue_table(items: list[_Para | Cell], cells: list[Cell], *, first_in_run: bool) -> None:
    """A table that opens a column or page right after a table with as many columns is
    the same table going on: its cells take that table's number and the next rows."""
    last = items[-1] if items else None
    if not (first_in_run and cells and isinstance(last, Cell)):
        return
    before = [c for c in items if isinstance(c, Cell) and c.table == last.table]
    if max(c.col for c in before) != max(c.col for c in cells):
        return
    shift = last.row + 1 - min(c.row for c in cells)
    for cell in cells:
        cell.table, cell.row = last.table, cell.row + shift


def _spacing(run: list[Line]) -> float:
    """The usual distance from one line to the next in a run, as a multiple of the font
    size (so a two-line title in a larger size reads as one paragraph)."""
    steps = Counter(round((b.top - a.top) / a.size, 1) for a, b in zip(run, run[1:],
                                                                       strict=False)
                    if a.size and abs(a.size - b.size) < 0.6 and 0 < b.top - a.top
                    < 3 * max(a.height, 1))
    return float(steps.most_common(1)[0][0]) if steps else 1.4


def _bullets_joined(run: list[Line]) -> list[Line]:
    """A bullet the PDF drew apart from its text (its own line, left of it on the same
    row) is put back in front of that text."""
    out: list[Line] = []
    skip: set[int] = set()
    for k, line in enumerate(run):
        if k in skip:
            continue
        if len(line.text) == 1 and line.text in BULLETS:
            for j in (k + 1, k - 1):
                other = run[j] if 0 <= j < len(run) else None
                if (other is not None and j not in skip and other.x0 > line.x0
                        and abs(other.top - line.top) < max(line.height, other.height) * 0.6):
                    joined = Line(f"{line.text} {other.text}", line.x0, other.x1, other.top,
                                  other.bottom, other.size, other.bold, other.page)
                    if j < k:
                        out[-1] = joined
                    else:
                        out.append(joined)
                        skip.add(j)
                    break
            else:
                out.append(line)
            continue
        out.append(line)
    return out


def _is_heading(para: _Para, body: float) -> bool:
    text = para.text
    if len(text) > 200 or text[-1:] in ".,;":
        return False
    size = para.lines[0].size
    return size >= body * 1.15 or (all(ln.bold for ln in para.lines) and len(text) < 120)


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _vocabulary(pages: list[_Page]) -> frozenset[str]:
    """Every word the document writes whole (in a line, not split at its end)."""
    words: set[str] = set()
    for page in pages:
        split = False
        for line in page.lines:
            found = _WORD.findall(line.text.lower())
            if found and split:
                found.pop(0)  # "tarian" after "humani-": half a word
            split = line.text.endswith("-")
            if found and split:
                found.pop()
            words.update(found)
            words.update(part for word in found if "-" in word for part in word.split("-"))
    return frozenset(words)


def _mark_title(paras: list[_Para], body: float) -> None:
    """The paragraph in the largest size on page 1, when larger than the body text and
    short enough to be one, is the document's title."""
    first = [p for p in paras if p.lines[0].page == 1 and p.kind in ("p", "h")]
    if not first:
        return
    top = max(first, key=lambda p: p.lines[0].size)
    size = top.lines[0].size
    if size >= body * 1.15 and len(top.text) <= 200 and top.text[-1:] not in ".,;" and sum(
            1 for p in first if abs(p.lines[0].size - size) < 0.1) == 1:
        top.kind = "title"


def _levels(paras: list[_Para]) -> dict[float, int]:
    sizes = sorted({p.lines[0].size for p in paras if p.kind in ("h", "title")}, reverse=True)
    return {s: min(k + 1, 6) for k, s in enumerate(sizes)}


def read_blocks(data: bytes, name: str) -> list[Block]:
    pages = _pages(data, name)
    _drop_running(pages)
    body = _body_size(pages)
    items: list[_Para | Cell] = []
    tables = 0
    for page in pages:
        cells, covered = _tables(page, tables)
        tables += len({c.table for c in cells})
        free = [ln for ln in page.lines if not any(
            t < (ln.top + ln.bottom) / 2 < b and x0 < (ln.x0 + ln.x1) / 2 < x1
            for x0, t, x1, b in covered)]
        placed: dict[str, list[Cell]] = {}
        for k, (x0, t, x1, b) in enumerate(covered):
            key = f"\x00table{cells[0].table + k if cells else k}"
            placed[key] = [c for c in cells if c.table == (cells[0].table + k)]
            free.append(Line(key, x0, x1, t, b, 0.0, False, page.number))
        _paragraphs(_columns(free, page), items, placed)
    paras = [p for p in items if isinstance(p, _Para)]
    vocabulary = _vocabulary(pages)
    for para in paras:
        para.vocabulary = vocabulary
        if para.kind == "p" and _is_heading(para, body):
            para.kind = "h"
    _mark_title(paras, body)
    levels = _levels(paras)
    blocks: list[Block] = []
    for item in items:
        if isinstance(item, Cell):
            blocks.append(Block(f"b{len(blocks)}", _Para(item.lines, vocabulary=vocabulary).text,
                                "cell",
                                {"table": item.table, "row": item.row, "col": item.col}))
            continue
        text, meta = item.text, {}
        if item.marker:
            text = text[len(item.marker):].lstrip()
            meta["marker"] = item.marker
        kind = f"h{levels.get(item.lines[0].size, 1)}" if item.kind == "h" else item.kind
        blocks.append(Block(f"b{len(blocks)}", text, kind, meta))
    return blocks


class Pdf:
    name = "pdf"
    extensions = (".pdf",)
    label = N_("PDF documents")
    output_extensions = (".docx",)

    def sniff(self, content: Content) -> bool:
        return content.head.startswith(b"%PDF-")

    def load(self, data: bytes, name: str) -> Imported:
        return Imported(self.name, [b for b in read_blocks(data, name) if b.text.strip()])

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        lang = languages.get(target_lang)
        document = docx.Document()
        table: object = None
        table_id: object = None
        for block in self.load(data, name).blocks:
            text = strip_tags(targets.get(block.id, block.text))
            if block.kind == "cell":
                if block.meta["table"] != table_id:
                    table_id = block.meta["table"]
                    table = document.add_table(rows=0, cols=0)
                    table.style = "Table Grid"  # type: ignore[attr-defined]
                    if lang.is_rtl:  # columns run right to left
                        mark_table(table._tbl)  # type: ignore[attr-defined]
                _cell(table, int(block.meta["row"]), int(block.meta["col"]), text, lang)
                continue
            table_id = None
            if block.kind == "title":
                paragraph = document.add_heading(text, level=0)  # Word's "Title" style
            elif block.kind.startswith("h"):
                paragraph = document.add_heading(text, level=min(int(block.kind[1:]), 9))
            elif block.kind == "li":
                numbered = str(block.meta.get("marker", ""))[:1].isalnum()
                paragraph = document.add_paragraph(
                    text, style="List Number" if numbered else "List Bullet")
            else:
                paragraph = document.add_paragraph(text)
            mark_paragraph(paragraph._p, lang)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _cell(table: object, row: int, col: int, text: str, lang: languages.Language) -> None:
    while len(table.rows) <= row:  # type: ignore[attr-defined]
        table.add_row()  # type: ignore[attr-defined]
    while len(table.columns) <= col:  # type: ignore[attr-defined]
        table.add_column(docx.shared.Cm(3))  # type: ignore[attr-defined]
    cell = table.cell(row, col)  # type: ignore[attr-defined]
    cell.text = text
    for paragraph in cell.paragraphs:
        mark_paragraph(paragraph._p, lang)
