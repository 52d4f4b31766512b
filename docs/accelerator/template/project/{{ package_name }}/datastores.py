"""The lake's datastores: the names ``infra/`` creates.

The configuration and the Azure ML data inputs share them. A plain module, so that
``--help``, which lists what ``--data`` takes, imports no pydantic.
"""

from __future__ import annotations

LAKE_DATASTORES = ("raw", "curated", "predictions")
"""Identity-based datastores over the data lake (created by ``infra/``: bicep and terraform);
the environment files list them under ``data.datastores``."""
