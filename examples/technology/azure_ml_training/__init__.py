"""Examples of docs/technology/azure-ml-training.md."""
