"""Data drift and data quality: compare a batch of production data with the training baseline."""
