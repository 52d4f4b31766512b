"""Run the Azure ML training pipeline on this machine the way the service would run it.

Each component of the generated pipeline job runs its own command line, with Azure ML's
placeholders filled in, inside a virtual environment built from the job environment's pins,
and logs to a stand-in of the workspace's MLflow tracking service that answers only the
endpoints the service serves. A step that would fail in the job fails here.
"""
