"""The hostile corpus: cards and file-system hazards that must never crash, hang or leak."""
