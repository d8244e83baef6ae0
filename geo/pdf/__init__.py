"""Printable PDFs: fonts for every script, and the per-language help handout."""
