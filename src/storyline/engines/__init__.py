"""Engines other than the default local one; each imports its framework only when it runs."""
