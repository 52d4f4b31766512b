"""Examples of docs/technology/deployment.md."""
