"""Storage, below every feature: the tables, the database, and the sync of card files."""
