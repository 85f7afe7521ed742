"""Trakon: a calm terminal companion for self-regulation practice."""

__version__ = "0.1.0"
