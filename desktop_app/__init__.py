"""Tarjuman: an offline translation workbench for Dari and Pashto."""

__version__ = "0.1.0"
APP_NAME = "Tarjuman"
