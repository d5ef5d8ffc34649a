"""One blueprint per feature: review pages, the JSON API, accounts, and the served site."""
