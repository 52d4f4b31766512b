"""Examples of docs/reference-implementation/adapt-your-data-and-model.md."""
