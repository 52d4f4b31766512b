"""Guidance that is a decision, kept as data files with small typed loaders.

Pages render their tables from these modules, and tests check the data for consistency,
so the site and the code that uses the same decisions cannot drift apart.
"""
