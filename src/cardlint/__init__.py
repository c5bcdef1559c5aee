"""cardlint: validate and lint Markdown concept cards."""

__version__ = "0.1.0"
