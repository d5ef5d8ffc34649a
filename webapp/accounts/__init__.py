"""Accounts (only when ACCOUNTS is on): register, log in, log out."""
