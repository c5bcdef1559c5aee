"""The configuration's card types (`type-field`, `[tool.cardlint.types.NAME]`) -> `CardTypes`.

Each type's schema is loaded as the default one is; a schema whose reference fields name a
type the configuration does not have is refused here, with the file and the key, rather than
finding nothing to check on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cardlint.paths import display_path
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.card_types import DEFAULT, CardType, CardTypes
from cardlint.settings.config import ConfigError, LoadedConfig
from cardlint.settings.preflight import require_schema_file
from cardlint.sources.readers import Reader
from cardlint.text import did_you_mean, quote

LoadSchema = Callable[[Path], CardSchema]


def card_types(
    loaded: LoadedConfig, default: CardSchema, load: LoadSchema, cwd: Path, read: Reader
) -> CardTypes:
    settings = loaded.settings
    shown = display_path(loaded.path, cwd) if loaded.path is not None else "configuration"
    kinds = []
    for name, kind in settings.types.items():
        path = loaded.root / kind.schema_path
        require_schema_file(path, kind.schema_path, f"{shown}: types.{name}.schema", read)
        kinds.append(CardType(name, load(path), tuple(kind.files)))
    found = CardTypes(CardType(DEFAULT, default), tuple(kinds), settings.type_field, loaded.root)
    for each in found.every:
        _check_named_types(each.schema, found.names, cwd)
    return found


def _check_named_types(schema: CardSchema, names: tuple[str, ...], cwd: Path) -> None:
    for at, spec in enumerate(schema.extension.reference_fields):
        for named in spec.types or ():
            if named in names:
                continue
            where = f"{display_path(schema.path, cwd)}: x-cardlint.reference_fields[{at}].types"
            if not names:
                raise ConfigError(
                    f"{where}: names the card type {quote(named)}, but the configuration has "
                    "no card types; add [tool.cardlint.types.NAME] tables, or drop `types`"
                )
            close = did_you_mean(named, names)
            advice = f"did you mean {quote(close)}?" if close else "types: " + ", ".join(names)
            raise ConfigError(f"{where}: {quote(named)} is not a card type ({advice})")
