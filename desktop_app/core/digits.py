"""Digits as Afghan readers write them (۰–۹) and back: the ground floor under the UI
language, the catalogs and number formatting."""

from __future__ import annotations

_LATIN = "0123456789"
_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0..U+06F9, used in Afghanistan and Iran
_ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"  # U+0660..U+0669
_TO_NATIVE = str.maketrans(_LATIN, _PERSIAN_DIGITS)
_TO_LATIN = str.maketrans(_PERSIAN_DIGITS + _ARABIC_INDIC, _LATIN * 2)


def to_native_digits(text: str) -> str:
    """ASCII digits to Extended Arabic-Indic digits (۰–۹)."""
    return text.translate(_TO_NATIVE)


def to_latin_digits(text: str) -> str:
    """Extended Arabic-Indic (۰–۹) and Arabic-Indic (٠–٩) digits to ASCII."""
    return text.translate(_TO_LATIN)
