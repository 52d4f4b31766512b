"""Examples of docs/technology/monitoring.md."""
