"""Stage 3, index: the corpus as cross-card rules see it.

- `entry`: one card as the index sees it: id, names, references, facts (`Entry`).
- `corpus_index`: every card's entry, with the lookups cross-card rules need (`CorpusIndex`).
- `deferred`: a value made on first use, for what a warm run rarely reads.
- `mentions`: where a card's prose names another card.
- `agreement`: whether the cards' facts agree, answered once per index;
  `agreement_tables` holds the answer, `agreement_build` finds it,
  `agreement_memo` keeps it between runs, and `agree_concepts`, `agree_timeline`,
  `agree_works` each match one kind of fact across cards.
"""
