"""Spell checking of Dari and Pashto targets: Hunspell dictionaries plus learned words."""
