"""Examples embedded in the site."""
