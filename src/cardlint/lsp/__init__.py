"""`cardlint lsp`: a language server for concept cards, built on pygls.

`positions` converts between cardlint's and the client's positions, `slots` finds the
reference-field item under the cursor, `projects` lints open documents against the on-disk
corpus, `features` turns results into LSP values and `server` wires them to the protocol.
Only `server` imports pygls; the others use its protocol types (lsprotocol) at most, so they
can be tested without a client.
"""
