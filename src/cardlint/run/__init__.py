"""Stage 4, run: load -> index -> rules, both passes side by side, into a `Report`.

- `engine`: `Job` and `run`: the whole run, and what it loaded (`Loaded`).
- `card_pass`: the rules that read one card: findings, index entry, suppressions.
- `rule_calls`: calling rules over many cards, a crash or a flood of findings contained.
- `corpus_pass`: the rules that read the whole index, and suppression bookkeeping.
- `workers`: the card pass over many cards, from the cache or in worker processes.
- `record`: one card's results as plain values (the cache's rows, the workers' replies).
- `result_cache`: which cards' results are reused, by content.
- `gc_tuning`: how a run uses the garbage collector.
"""
