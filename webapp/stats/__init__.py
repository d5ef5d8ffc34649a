"""Statistics: reviews per day, retention, the due forecast, mastery per deck and note."""
