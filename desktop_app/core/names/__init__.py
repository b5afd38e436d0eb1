"""Names: extraction, transliteration and consistency of names across a project."""
