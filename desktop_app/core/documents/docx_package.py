"""A Word package from a user, checked (see :mod:`package`) before python-docx parses
any of it."""

from __future__ import annotations

import io
import zipfile
import zlib

import docx

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.package import check_zip
from desktop_app.core.errors import one_line
from desktop_app.core.i18n import N_, _

WORD = N_("a Word document")
RESAVE_WORD = N_("File > Save As > Word Document (.docx)")


def check_package(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse, with one line, a package that is too big, lies, declares entities, is not
    a Word document, or is Strict Open XML."""
    check_zip(zf, name, "word/document.xml", _(WORD), _(RESAVE_WORD))


def open_package(data: bytes, name: str) -> docx.document.Document:
    """The checked package, opened by python-docx; one line if it cannot be."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_package(zf, name)
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError) as exc:
        raise DocumentError(_("{name}: cannot be read as {kind} (damaged zip: {exc})").format(
            name=name, kind=_(WORD), exc=one_line(exc))) from exc
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise DocumentError(_("{name}: cannot open the Word document ({exc})").format(
            name=name, exc=one_line(exc))) from exc
