"""The Azure ML target: the same steps and graph, run by Azure ML through azure-ai-ml (SDK v2).

Every module here builds SDK entities from the project's single descriptions: the training
graph (:data:`~reference_impl.pipeline.graph.TRAINING_PIPELINE`), the environment files
(:mod:`reference_impl.config`) and the project's pinned dependencies. The modules import
``azure.ai.ml`` at import time, so only the ``--target azureml`` code paths import them,
inside the command handlers; ``python -m reference_impl --help`` and the local commands stay
fast.
"""

import logging

# azure-ai-ml logs "Class X: This is an experimental class" on stderr the first time it
# builds any class it marks experimental, including its own schema classes when it loads or
# writes an entity (AutoDeleteSetting, IntellectualProperty) and the data collector of the
# online deployment, which Azure ML documents as generally available. Nothing a user of
# these commands does can change it, so the commands keep stderr for their own messages.
logging.getLogger("azure.ai.ml._utils._experimental").setLevel(logging.ERROR)
