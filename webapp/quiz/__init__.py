"""Quizzes: made from the card files, answered one question at a time, scored."""
