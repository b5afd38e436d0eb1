import pytest

from desktop_app.core import languages
from desktop_app.core.errors import UnknownLanguageError


@pytest.mark.parametrize("alias", ["dari", "prs", "fa-AF", "fa_AF", "DARI", " prs_Arab "])
def test_dari_aliases(alias: str) -> None:
    assert languages.get(alias) is languages.DARI


@pytest.mark.parametrize("alias", ["pashto", "ps", "pbt", "pbt_Arab", "Pashto"])
def test_pashto_aliases(alias: str) -> None:
    assert languages.get(alias) is languages.PASHTO


@pytest.mark.parametrize(("alias", "lang"), [("persian", languages.PERSIAN),
                                             ("fa", languages.PERSIAN),
                                             ("en", languages.ENGLISH),
                                             ("english", languages.ENGLISH)])
def test_other_aliases(alias: str, lang: languages.Language) -> None:
    assert languages.get(alias) is lang


def test_unknown_code_lists_supported() -> None:
    with pytest.raises(UnknownLanguageError) as err:
        languages.get("klingon")
    message = str(err.value)
    assert "klingon" in message and "prs (Dari)" in message and "ps (Pashto)" in message


def test_babel_names_and_direction() -> None:
    assert languages.DARI.native_name == "دری"
    assert languages.PASHTO.native_name == "پښتو"
    assert languages.DARI.direction == languages.PASHTO.direction == "rtl"
    assert languages.ENGLISH.direction == "ltr"
    assert languages.DARI.display_name("en") == "Dari"


def test_names_follow_ui_language() -> None:
    assert languages.PASHTO.display_name() == "Pashto"
    languages.set_ui_language("dari")
    try:
        assert languages.PASHTO.display_name() == "پشتو"
        assert languages.ENGLISH.display_name() == "انگلیسی"
    finally:
        languages.set_ui_language("en")
    with pytest.raises(UnknownLanguageError):
        languages.set_ui_language("persian")


def test_digits_both_ways() -> None:
    assert languages.to_native_digits("800,000 in 1996") == "۸۰۰,۰۰۰ in ۱۹۹۶"
    assert languages.to_latin_digits("۸۰۰٬۰۰۰ و ٢٠٠١") == "800٬000 و 2001"
    assert languages.to_latin_digits(languages.to_native_digits("0123456789")) == "0123456789"


def test_format_number_uses_native_digits_for_dari() -> None:
    assert languages.format_number(800000, "dari") == "۸۰۰٬۰۰۰"
    assert languages.format_number(800000, "en") == "800,000"
