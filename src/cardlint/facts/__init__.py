"""Stage 2, facts: what rules read from one card, each computed once per card.

- `structure`: which headings are the title and the sections (those that apply to the card).
- `near_miss`, `edit_distance`: a required section written almost as the schema asks.
- `section_body`: a section's first paragraph and list items, for the schema's constraints.
- `dates`: `introduced` years, date fields, dated footer lines.
- `citations`, `citation_place`: which papers the citation field cites, and where.
- `bibliography`, `citation_match`: the references section's entries; cited vs listed.
- `suppressions`: inline `cardlint-disable` comments.
- `card_names`, `concept_keys`: a card's names as keys that match across cards.
- `timeline_names`: the concepts a card's timeline names, with their years.
- `comparable`: the facts another card may contradict, as the index keeps them.
- `columns`: every card's facts at once, as columns (the index's, the cache's).
"""
