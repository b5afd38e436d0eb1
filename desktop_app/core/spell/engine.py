"""The Hunspell engine: chunspell, a maintained binding that ships libhunspell in its wheel.

Measured against spylls (pure Python) on a 50,000-word Persian dictionary: load 0.19 s
against 2.1 s, a lookup 2.4 µs against 18 µs, suggestions 0.28 s against 0.74 s.
"""

from __future__ import annotations

import codecs
import ctypes
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _


class Engine(Protocol):
    def spell(self, word: str) -> bool: ...

    def suggest(self, word: str) -> tuple[str, ...]: ...


def load(dic: Path) -> Engine:
    """One engine per dictionary file (and version of it) and process."""
    try:
        stamp = dic.stat().st_mtime_ns
    except OSError as exc:
        raise InputError(_("no such file: {path}").format(path=dic)) from exc
    return _load(str(dic), stamp)


@lru_cache(maxsize=4)
def _load(path: str, stamp: int) -> Engine:
    dic = Path(path)
    try:
        engine = _native(dic)
        if engine is None:  # no libhunspell to call directly: chunspell's own wrapper
            import hunspell

            engine = hunspell.Hunspell(dic.stem, hunspell_data_dir=str(dic.parent))
        engine.spell("test")
        engine.spell("کتاب")  # a dictionary whose encoding cannot hold Arabic letters fails here
    except Exception as exc:
        raise InputError(_("{name}: Hunspell cannot read this dictionary ({error})").format(
            name=dic.name, error=exc)) from exc
    return engine


class _Native:
    """libhunspell (the copy chunspell ships) called through ctypes, which lets go of the
    interpreter lock during each call. chunspell's wrapper keeps it while a dictionary
    loads: 1.5 s for the 7 MB Persian dictionary of Debian's myspell-fa, during which the
    window's thread could not run although the load was a background job's."""

    def __init__(self, lib: Any, dic: Path):
        self._lib = lib
        aff = dic.with_suffix(".aff")
        if not aff.is_file():
            raise InputError(_("no such file: {path}").format(path=aff))
        self._handle = lib.Hunspell_create(os.fsencode(aff), os.fsencode(dic))
        if not self._handle:
            raise MemoryError
        raw = lib.Hunspell_get_dic_encoding(self._handle) or b"ISO8859-1"
        encoding = raw.decode("ascii", "replace").strip()
        try:
            codecs.lookup(encoding)
        except LookupError:
            encoding = {"microsoft-cp1251": "cp1251", "ISCII-DEVANAGARI": "iso8859-1"}.get(
                encoding, "iso8859-1")
        self._encoding = encoding

    def spell(self, word: str) -> bool:
        return bool(self._lib.Hunspell_spell(self._handle, word.encode(self._encoding)))

    def suggest(self, word: str) -> tuple[str, ...]:
        found = ctypes.POINTER(ctypes.c_char_p)()
        n = self._lib.Hunspell_suggest(self._handle, ctypes.byref(found),
                                       word.encode(self._encoding))
        try:
            return tuple(found[i].decode(self._encoding, "replace") for i in range(n))
        finally:
            if n > 0:
                self._lib.Hunspell_free_list(self._handle, ctypes.byref(found), n)

    def __del__(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            self._lib.Hunspell_destroy(handle)


@lru_cache(maxsize=1)
def _library() -> Any:
    """chunspell's libhunspell, its C functions declared; None where it is not found."""
    try:
        import hunspell
    except ImportError:
        return None
    folder = Path(hunspell.__file__).parent
    for candidate in sorted(folder.glob("libhunspell*")) + sorted(folder.glob("hunspell*.dll")):
        try:
            lib = ctypes.CDLL(str(candidate))
            lib.Hunspell_create.restype = ctypes.c_void_p
        except (OSError, AttributeError):
            continue
        handle, text = ctypes.c_void_p, ctypes.c_char_p
        lib.Hunspell_create.argtypes = [text, text]
        lib.Hunspell_destroy.argtypes = [handle]
        lib.Hunspell_destroy.restype = None
        lib.Hunspell_get_dic_encoding.argtypes = [handle]
        lib.Hunspell_get_dic_encoding.restype = text
        lib.Hunspell_spell.argtypes = [handle, text]
        lib.Hunspell_spell.restype = ctypes.c_int
        lib.Hunspell_suggest.argtypes = [handle, ctypes.POINTER(ctypes.POINTER(text)), text]
        lib.Hunspell_suggest.restype = ctypes.c_int
        lib.Hunspell_free_list.argtypes = [handle, ctypes.POINTER(ctypes.POINTER(text)),
                                           ctypes.c_int]
        lib.Hunspell_free_list.restype = None
        return lib
    return None


def _native(dic: Path) -> Engine | None:
    lib = _library()
    return _Native(lib, dic) if lib is not None else None
