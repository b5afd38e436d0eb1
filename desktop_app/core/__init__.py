"""Tarjuman's core: no Qt import anywhere below here."""
