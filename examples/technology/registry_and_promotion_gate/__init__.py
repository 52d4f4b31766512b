"""Examples of docs/technology/registry-and-promotion-gate.md."""
