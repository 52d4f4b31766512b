"""Azure ML-Ops Accelerator reference implementation."""
