"""The cache folder, `.cardlint_cache/`, and the stores kept in it.

- `folder`: where the folder is, whether it may be trusted, checksummed documents in it.
- `table`: the result table on disk: columns, the rows changed since, local stamps.
- `facts_column`: the table's facts column, in a file of its own, read when first asked for.
- `stamps`: what a card file is known by: its stat stamp here, its digest anywhere.
- `validation_memo`: configurations and schemas validated before, by the digest of their bytes.

What a card's results are, and when they are reused, is the run's business: `run.result_cache`.
"""
