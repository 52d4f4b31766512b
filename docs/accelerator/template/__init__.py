"""The copier template of the reference project: its export, variants and identity mapping."""
