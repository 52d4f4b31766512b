"""Scoring: the online entry script, the batch driver, and the request contract they share."""
