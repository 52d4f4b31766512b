"""Helpers of the site's build hooks (``docs/hooks/``) that more than one hook needs."""
