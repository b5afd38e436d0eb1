"""Sentence alignment of a document and its translation (see galechurch, document)."""
