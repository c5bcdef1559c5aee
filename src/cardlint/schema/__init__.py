"""Card schemas: standard JSON Schema for the front matter, plus the `x-cardlint` extension.

- `card_schema`: `CardSchema` and `load_schema`: the `x-cardlint` extension's fields, titles,
  reference fields.
- `sections`: the extension's sections: headings, `required`, `when`, `level`, body constraints.
- `card_types`: the run's card types, and which one (which schema) a card is of.
- `ids`: ids of any scalar, file-name templates, reference fields.
- `check_extension`, `meta`: `x-cardlint` inside subschemas; the meta-schema for the extension.
- `files`: a schema's files: the schema and what its `$ref`s reach, read safely.
- `fast_validity`: a compiled yes-or-no "does this front matter satisfy the schema?".
- `issues`: jsonschema's errors as plain-language issues, anchored at a key or item.
- `guidance`: what a schema says about a value (`description`, `examples`), for messages.
- `heading_template`: heading templates such as `什么是{concept_name_zh}？`.
- `ecma`: jsonschema keywords as ECMA-262 reads them (`pattern`), linear `uniqueItems`.
"""
