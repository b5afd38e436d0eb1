"""Register the bundled Noto Sans Arabic so Dari and Pashto render with no system font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase


def arabic_font_file() -> Path:
    import fontpkg_noto_sans_arabic

    files = sorted((fontpkg_noto_sans_arabic.ROOT / "files").glob("*.ttf"))
    return Path(files[0])


def register_arabic_font() -> str:
    """Add the font to Qt's database; return its family name ('' if it could not load)."""
    font_id = QFontDatabase.addApplicationFont(str(arabic_font_file()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else ""
