"""The glossary: term base, matching, MT enforcement, QA, TBX and CSV."""
