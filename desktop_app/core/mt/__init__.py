"""Offline machine translation on CTranslate2: Argos packages, NLLB-200 and MADLAD-400
(one back-end module each, listed in ``registry.py``), the catalog, downloads and routing."""
