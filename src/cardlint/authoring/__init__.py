"""Commands that write cards for their author: `check --fix`, `rename`, `new`.

- `fix`: apply the rules' fixes, check again until nothing changes; or show the diff.
- `rename`: a card's id, its file name and every reference to it, at once.
- `new_card`: a new card from the schema, complete in structure.
- `loaded_corpus`: the corpus as these commands edit it: loaded through `run.engine`.
"""
