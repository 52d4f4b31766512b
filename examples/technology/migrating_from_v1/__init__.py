"""Example: the SDK v2 equivalents of SDK v1 objects."""
