"""Quality checks: the checks themselves (:mod:`.checks`, :mod:`.more`), QA profiles with
severities (:mod:`.profiles`), a project's QA with ignored findings and the delivery
gates (:mod:`.review`), and the reviewer's report (:mod:`.report`)."""

from desktop_app.core.qa.checks import (
    ALL_CHECKS,
    BIDI,
    CLASSIC,
    DATE,
    EMPTY,
    IDENTICAL,
    INCONSISTENT_SOURCE,
    INCONSISTENT_TARGET,
    LOW_CONFIDENCE,
    NAMES,
    NUMBERS,
    PAIRS,
    PUNCTUATION,
    QUOTES,
    REGEX,
    SPACES,
    SPELLING,
    TAGS,
    WORD_LIST,
    Pair,
    check,
    check_pair,
    numbers,
    spelling,
)
from desktop_app.core.qa.more import EDGES, END_PUNCTUATION, LENGTH, REPEATED, URLS, Limits

__all__ = ["ALL_CHECKS", "BIDI", "CLASSIC", "DATE", "EDGES", "EMPTY", "END_PUNCTUATION",
           "IDENTICAL", "INCONSISTENT_SOURCE", "INCONSISTENT_TARGET", "LENGTH", "LOW_CONFIDENCE",
           "NAMES", "NUMBERS",
           "PAIRS", "PUNCTUATION", "QUOTES", "REGEX", "REPEATED", "SPACES", "SPELLING", "TAGS",
           "URLS", "WORD_LIST", "Limits", "Pair", "check", "check_pair", "numbers", "spelling"]
