"""The Azure ML target: the same steps and graph, run by Azure ML through azure-ai-ml (SDK v2).

Every module here builds SDK entities from the project's single descriptions: the training
graph (:data:`~reference_impl.pipeline.graph.TRAINING_PIPELINE`), the environment files
(:mod:`reference_impl.config`) and the project's pinned dependencies. The modules import
``azure.ai.ml`` at import time, so only the ``--target azureml`` code paths import them,
inside the command handlers; ``python -m reference_impl --help`` and the local commands stay
fast.
"""
