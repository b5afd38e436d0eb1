"""Offline machine translation: Argos packages and NLLB-200, both run on CTranslate2."""
