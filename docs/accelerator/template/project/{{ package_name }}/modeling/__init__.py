"""The model: scikit-learn pipeline, its MLflow packaging, metrics and evaluation plots."""
