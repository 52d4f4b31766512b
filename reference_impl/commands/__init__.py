"""Sub-commands of ``python -m reference_impl``, one module each."""
