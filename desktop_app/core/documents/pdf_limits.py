"""Bounded work for every PDF: limits checked while pdfminer parses, never after.

A small PDF can unpack into gigabytes (a Flate stream of spaces) or ask for hours of
layout work (hundreds of thousands of text objects on one page). Every count that costs
memory or time has a limit per page and per document, charged the moment the work is
done: bytes each stream decompresses to (Flate and LZW are decompressed in chunks and
stopped at the limit, so the gigabytes are never made), operators and operands the
content streams hold, text objects, characters, and a time limit for the whole file. A
file over a limit is refused with one line naming the limit and how to split the file.

pdfminer has no hook for its stream decoders: ``install()`` replaces the three names
``pdfminer.pdftypes`` decodes with (``zlib``, ``decompress_corrupted``, ``lzwdecode``) by
bounded versions that behave exactly as before when no ``Budget`` is active (a context
variable, so threads and other callers are not affected). The interpreter and the device
are subclasses that charge the budget as they work.
"""

from __future__ import annotations

import contextlib
import time
import zlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.i18n import _

MB = 1024 * 1024
CHUNK = 1 * MB


@dataclass(frozen=True, slots=True)
class Limits:
    stream_bytes: int = 32 * MB  # one stream, decompressed
    document_bytes: int = 128 * MB  # every stream of the file, decompressed
    page_operations: int = 500_000  # operands and operators of one page's content
    document_operations: int = 4_000_000  # about a minute of pdfminer on a slow machine
    page_text_objects: int = 50_000  # BT ... ET
    document_text_objects: int = 2_000_000
    page_chars: int = 30_000
    page_lines: int = 5_000  # pdfminer groups a page's lines into boxes in quadratic time
    document_chars: int = 5_000_000
    seconds: float = 120.0


LIMITS = Limits()


class PdfLimitError(DocumentError):
    """A PDF over one of the limits: the message names it and says how to split the file."""


@dataclass(slots=True)
class Budget:
    name: str
    limits: Limits = LIMITS
    page: int = 0
    started: float = field(default_factory=time.monotonic)
    document_bytes: int = 0
    operations: int = 0
    text_objects: int = 0
    chars: int = 0
    page_operations: int = 0
    page_text_objects: int = 0
    page_chars: int = 0

    def new_page(self, number: int) -> None:
        self.page = number
        self.page_operations = self.page_text_objects = self.page_chars = 0

    def refuse(self, what: str) -> PdfLimitError:
        return PdfLimitError(_("{name}: {what}: refused before it could exhaust the machine. "
                               "If it is a real document, split it into smaller files (a PDF "
                               "editor's \"Extract pages\", or pdfseparate) or print it to a new "
                               "PDF, and import the parts").format(name=self.name, what=what))

    def where(self) -> str:
        return _("page {page}").format(page=self.page) if self.page else _("the file's "
                                                                            "structure")

    def charge_bytes(self, stream_total: int, added: int) -> None:
        self.document_bytes += added
        if stream_total > self.limits.stream_bytes:
            raise self.refuse(_("{where} has a stream that decompresses to more than {n} MB "
                                "(the limit for one stream)").format(
                where=self.where(), n=self.limits.stream_bytes // MB))
        if self.document_bytes > self.limits.document_bytes:
            raise self.refuse(_("its streams decompress to more than {n} MB (the limit for "
                                "one file)").format(n=self.limits.document_bytes // MB))

    def charge_operations(self, n: int = 1) -> None:
        self.operations += n
        self.page_operations += n
        if self.page_operations > self.limits.page_operations:
            raise self.refuse(_("{where} holds more than {n:,} drawing operations (the limit "
                                "for one page)").format(where=self.where(),
                                                        n=self.limits.page_operations))
        if self.operations > self.limits.document_operations:
            raise self.refuse(_("it holds more than {n:,} drawing operations (the limit for "
                                "one file)").format(n=self.limits.document_operations))
        if not self.operations % 4096:
            self.check_time()

    def charge_text_object(self) -> None:
        self.text_objects += 1
        self.page_text_objects += 1
        if self.page_text_objects > self.limits.page_text_objects:
            raise self.refuse(_("{where} holds more than {n:,} text objects (the limit for "
                                "one page)").format(where=self.where(),
                                                    n=self.limits.page_text_objects))
        if self.text_objects > self.limits.document_text_objects:
            raise self.refuse(_("it holds more than {n:,} text objects (the limit for one "
                                "file)").format(n=self.limits.document_text_objects))

    def charge_char(self) -> None:
        self.chars += 1
        self.page_chars += 1
        if self.page_chars > self.limits.page_chars:
            raise self.refuse(_("{where} holds more than {n:,} characters (the limit for one "
                                "page)").format(where=self.where(), n=self.limits.page_chars))
        if self.chars > self.limits.document_chars:
            raise self.refuse(_("it holds more than {n:,} characters (the limit for one "
                                "file)").format(n=self.limits.document_chars))

    def check_lines(self, n: int) -> None:
        if n > self.limits.page_lines:
            raise self.refuse(_("{where} holds more than {n:,} lines of text (the limit for "
                                "one page)").format(where=self.where(),
                                                    n=self.limits.page_lines))

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.limits.seconds:
            raise self.refuse(_("reading it took more than {n:.0f} seconds (the limit for "
                                "one file)").format(n=self.limits.seconds))


_ACTIVE: ContextVar[Budget | None] = ContextVar("tarjuman_pdf_budget", default=None)


@contextlib.contextmanager
def budget(name: str, limits: Limits = LIMITS) -> Iterator[Budget]:
    install()
    active = Budget(name, limits)
    token = _ACTIVE.set(active)
    try:
        yield active
    finally:
        _ACTIVE.reset(token)


# -- bounded decoders ------------------------------------------------------------------------


def _inflate(data: bytes, active: Budget, *, tolerate_bad_end: bool = False) -> bytes:
    """zlib.decompress in chunks, charged as it goes. A stream whose end is damaged is an
    error (as zlib.decompress), unless ``tolerate_bad_end`` (pdfminer's repair path)."""
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    total = 0
    rest = data
    try:
        while rest and not inflater.eof:
            chunk = inflater.decompress(rest, CHUNK)
            rest = inflater.unconsumed_tail
            total += len(chunk)
            active.charge_bytes(total, len(chunk))
            parts.append(chunk)
        tail = inflater.flush()
        total += len(tail)
        active.charge_bytes(total, len(tail))
        parts.append(tail)
    except zlib.error:
        if not tolerate_bad_end:
            raise
    if not inflater.eof and not tolerate_bad_end:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return b"".join(parts)


class _BoundedZlib:
    """Stands for the ``zlib`` module inside pdfminer.pdftypes."""

    error = zlib.error

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        active = _ACTIVE.get()
        if active is None or args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        return _inflate(data, active)


def _bounded_corrupted(original: Any) -> Any:
    def decompress_corrupted(data: bytes) -> bytes:
        active = _ACTIVE.get()
        if active is None:
            return bytes(original(data))
        return _inflate(data, active, tolerate_bad_end=True)
    return decompress_corrupted


def _bounded_lzw(original: Any) -> Any:
    def lzwdecode(data: bytes) -> bytes:
        from io import BytesIO

        from pdfminer.lzw import LZWDecoder

        active = _ACTIVE.get()
        if active is None:
            return bytes(original(data))
        parts, total = [], 0
        for chunk in LZWDecoder(BytesIO(data)).run():
            total += len(chunk)
            active.charge_bytes(total, len(chunk))
            parts.append(chunk)
        return b"".join(parts)
    return lzwdecode


def _bounded_runlength(original: Any) -> Any:
    def rldecode(data: bytes) -> bytes:
        out = bytes(original(data))  # at most 128 times its input, then charged
        active = _ACTIVE.get()
        if active is not None:
            active.charge_bytes(len(out), len(out))
        return out
    return rldecode


_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from pdfminer import pdftypes

    names = vars(pdftypes)  # the names PDFStream.decode looks up when it runs
    names.update(zlib=_BoundedZlib(),
                 decompress_corrupted=_bounded_corrupted(names["decompress_corrupted"]),
                 lzwdecode=_bounded_lzw(names["lzwdecode"]),
                 rldecode=_bounded_runlength(names["rldecode"]))
    _installed = True


# -- the interpreter and the device, charging as they work ------------------------------------


def extract_pages(data: bytes, active: Budget, laparams: Any) -> Iterator[Any]:
    """pdfminer's ``extract_pages``, every page charged to ``active``."""
    from io import BytesIO

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTFigure, LTPage, LTTextBox
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Interpreter(PDFPageInterpreter):
        def dup(self) -> PDFPageInterpreter:  # form XObjects: the same budget
            return Interpreter(self.rsrcmgr, self.device)

        def push(self, *objs: Any) -> None:  # every operand of the content
            active.charge_operations(len(objs))
            super().push(*objs)

        def pop(self, n: int) -> list[Any]:  # every operator that takes operands
            active.charge_operations()
            return super().pop(n)

        def do_BT(self) -> None:
            active.charge_text_object()
            super().do_BT()

        def do_q(self) -> None:
            active.charge_operations()
            super().do_q()

        def do_Q(self) -> None:
            active.charge_operations()
            super().do_Q()

    class Page(LTPage):
        def group_textlines(self, laparams: LAParams, lines: Any) -> Iterator[LTTextBox]:
            active.check_lines(len(lines))  # before the grouping, whose time is quadratic
            yield from super().group_textlines(laparams, lines)

    class Figure(LTFigure):  # a form XObject's text, grouped when all_texts is on
        def group_textlines(self, laparams: LAParams, lines: Any) -> Iterator[LTTextBox]:
            active.check_lines(len(lines))
            yield from super().group_textlines(laparams, lines)

    class Device(PDFPageAggregator):
        def begin_page(self, page: PDFPage, ctm: Any) -> None:
            super().begin_page(page, ctm)
            plain = self.cur_item
            assert isinstance(plain, LTPage)
            self.cur_item = Page(plain.pageid, plain.bbox, plain.rotate)

        def begin_figure(self, name: str, bbox: Any, matrix: Any) -> None:
            super().begin_figure(name, bbox, matrix)
            plain = self.cur_item
            assert isinstance(plain, LTFigure)
            figure = Figure.__new__(Figure)
            figure.__dict__.update(plain.__dict__)  # pdfminer's own figure, now bounded
            self.cur_item = figure

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            active.charge_char()
            return float(super().render_char(*args, **kwargs))

    manager = PDFResourceManager(caching=True)
    device = Device(manager, laparams=laparams)
    interpreter = Interpreter(manager, device)
    for number, page in enumerate(PDFPage.get_pages(BytesIO(data)), 1):
        active.new_page(number)
        interpreter.process_page(page)
        active.check_time()
        yield device.get_result()
    active.new_page(0)
