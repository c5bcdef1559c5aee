"""What the configuration names, looked at before any card is: its card folders and its rules.

A mistake here is the author's in one place, the configuration file and one of its keys, and
is reported there; left alone, a misspelt root was checked as one missing card, and a rule
code misspelt in the file was blamed on the file even when the command line held it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cardlint.config import ConfigError, LoadedConfig
from cardlint.paths import display_path
from cardlint.text import did_you_mean, quote


def card_roots(loaded: LoadedConfig) -> list[Path]:
    """The configured roots, else `cards/` when it exists, else the project root."""
    if loaded.settings.roots:
        return [loaded.root / r for r in loaded.settings.roots]
    default = loaded.root / "cards"
    return [default] if default.is_dir() else [loaded.root]


def require_roots(loaded: LoadedConfig, cwd: Path) -> None:
    """Each configured root exists, or a ConfigError names the key and the nearest folder."""
    for root in loaded.settings.roots:
        folder = loaded.root / root
        if folder.exists() or loaded.path is None:
            continue
        near = nearest_name(folder)
        guess = f" (did you mean {quote((Path(root).parent / near).as_posix())}?)" if near else ""
        shown = display_path(loaded.path, cwd)
        raise ConfigError(f"{shown}: roots: no folder {quote(root)}{guess}")


def nearest_name(missing: Path) -> str | None:
    """The name beside a missing file or folder that is nearest to its own, if one is near."""
    try:
        names = [p.name for p in missing.parent.iterdir()]
    except OSError:
        return None
    return did_you_mean(missing.name, names)


def configured_selectors(loaded: LoadedConfig, cwd: Path) -> dict[str, Sequence[str]]:
    """The file's rule selectors, each list under the file and key that holds it."""
    if loaded.path is None:
        return {}
    shown = display_path(loaded.path, cwd)
    settings = loaded.settings
    return {
        f"{shown}: select": settings.select,
        f"{shown}: extend-select": settings.extend_select,
        f"{shown}: ignore": settings.ignore,
        f"{shown}: severity": list(settings.severity),
        **{
            f"{shown}: per-file-ignores: {quote(glob)}": codes
            for glob, codes in settings.per_file_ignores.items()
        },
    }
