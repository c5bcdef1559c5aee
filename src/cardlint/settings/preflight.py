"""What the command line and the configuration name, looked at before any card is: card
folders, files, the schema and rules.

A mistake there is one line naming where it was written (an option, or the configuration
file and its key) and the nearest right name. Left alone, a misspelt root was checked as one
missing card, and a rule code misspelt on the command line was blamed on the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Literal

from cardlint.paths import display_path
from cardlint.settings.config import ConfigError, LoadedConfig
from cardlint.settings.selection import Selectable, SelectionError, resolve_selector
from cardlint.sources.readers import Reader, on_disk
from cardlint.text import did_you_mean, quote


def card_roots(loaded: LoadedConfig) -> list[Path]:
    """The configured roots, else `cards/` when it exists, else the project root."""
    if loaded.settings.roots:
        return [loaded.root / r for r in loaded.settings.roots]
    default = loaded.root / "cards"
    return [default] if default.is_dir() else [loaded.root]


def require_roots(loaded: LoadedConfig, cwd: Path) -> None:
    """Each configured root exists, or a ConfigError names the key and the nearest folder."""
    if loaded.path is None:
        return  # no file, no roots of its own
    for root in loaded.settings.roots:
        require_existing(
            loaded.root / root, root, "folder", f"{display_path(loaded.path, cwd)}: roots"
        )


Kind = Literal["file", "folder", "file or folder"]
_KINDS: dict[Kind, Callable[[Path], bool]] = {
    "file": Path.is_file,
    "folder": Path.is_dir,
    "file or folder": Path.exists,
}


def require_existing(path: Path, written: str, what: Kind, source: str | None = None) -> None:
    """Refuse a `path` that does not exist, as `written` in `source` (an option, or a file
    and key), with the name of that kind nearest to its own."""
    if path.exists() or path.is_symlink():
        return
    near = _nearest_name(path, _KINDS[what])
    guess = (
        f" (did you mean {quote((PurePath(written).parent / near).as_posix())}?)" if near else ""
    )
    where = f"{source}: " if source else ""
    raise ConfigError(f"{where}no {what} {quote(written)}{guess}")


def _nearest_name(missing: Path, kind: Callable[[Path], bool]) -> str | None:
    try:
        names = [p.name for p in missing.parent.iterdir() if kind(p)]
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


def require_known_rules(rules: Sequence[Selectable], sources: Mapping[str, Sequence[str]]) -> None:
    """Every selector names a rule, or a ConfigError names where it was written."""
    for where, selectors in sources.items():
        for selector in selectors:
            try:
                resolve_selector(selector, rules)
            except SelectionError as error:
                raise ConfigError(f"{where}: {error}") from None


def schema_path(option: Path | None, cwd: Path, loaded: LoadedConfig, read: Reader) -> Path:
    """The schema `--schema` or the configuration names (it must exist where the rules are
    read: `read`), else the bundled one."""
    if option is not None:
        path = cwd / option
        require_schema_file(path, str(option), "--schema", read)
        return path
    if loaded.path is not None and loaded.settings.schema_path is not None:
        path = loaded.root / loaded.settings.schema_path
        source = f"{display_path(loaded.path, cwd)}: schema"
        require_schema_file(path, loaded.settings.schema_path, source, read)
        return path
    from cardlint.schema.card_schema import default_schema_path

    return default_schema_path()


def require_schema_file(path: Path, written: str, source: str, read: Reader) -> None:
    if read is on_disk:
        require_existing(path, written, "file", source)
    elif read(path) is None:
        # Another revision's folder is not at hand to suggest a name from.
        raise ConfigError(f"{source}: no file {quote(written)}")


def no_cards(places: Sequence[Path], include: Sequence[str], cwd: Path) -> str:
    """What to say when no card was found where the command line or configuration looked."""
    where = ", ".join(display_path(p, cwd) + ("/" if p.is_dir() else "") for p in places)
    looked = ", ".join(include)
    return f"no cards found under {where} (files named {looked}); --allow-empty lets this pass"
