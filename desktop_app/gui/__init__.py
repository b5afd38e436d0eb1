"""Tarjuman's PySide6 GUI: it calls the core and holds no business logic."""
