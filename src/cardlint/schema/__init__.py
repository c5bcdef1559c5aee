"""Card schemas: standard JSON Schema for the front matter, plus the `x-cardlint` extension.

- `card_schema`: `CardSchema` and `load_schema`: fields, sections, titles, reference fields.
- `files`: a schema's files: the schema and what its `$ref`s reach, read safely.
- `fast_validity`: a compiled yes-or-no "does this front matter satisfy the schema?".
- `issues`: jsonschema's errors as plain-language issues, anchored at a key or item.
- `guidance`: what a schema says about a value (`description`, `examples`), for messages.
- `heading_template`: heading templates such as `什么是{concept_name_zh}？`.
- `ecma`: jsonschema keywords as ECMA-262 reads them (`pattern`), linear `uniqueItems`.
"""
