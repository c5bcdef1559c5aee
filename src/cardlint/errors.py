"""Errors every stage may raise, and the command line turns into exit 2 with one message."""

from __future__ import annotations


class UsageError(Exception):
    """A mistake in what was asked (options, configuration, paths), not in a card."""
