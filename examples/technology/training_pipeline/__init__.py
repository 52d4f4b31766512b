"""Examples of docs/technology/training-pipeline.md."""
