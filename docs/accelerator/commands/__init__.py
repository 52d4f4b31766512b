"""Sub-commands of ``python -m accelerator``, one module each."""
