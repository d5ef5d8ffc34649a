"""Reviewing: what comes next (the queue), recording a review and undoing it, FSRS."""
