"""The training pipeline: one description of its steps (:mod:`.graph`) and a local runner."""
