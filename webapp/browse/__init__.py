"""The card browser: search cards, suspend and unsuspend them, read a card's history."""
