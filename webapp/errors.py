"""What can go wrong in a request, as exceptions carrying an HTTP status and a plain sentence."""

from __future__ import annotations

__all__ = ["AppError", "Conflict", "Forbidden", "NotFound", "BadInput"]


class AppError(Exception):
    """A problem the user can act on; views turn it into a 4xx answer with this message."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInput(AppError):
    """The request is missing something or has a value that makes no sense."""

    status = 400


class Forbidden(AppError):
    """The request may not do this (missing CSRF token, not logged in)."""

    status = 403


class NotFound(AppError):
    """The card or review asked for does not exist."""

    status = 404


class Conflict(AppError):
    """The card changed since the page was shown, or there is nothing to undo."""

    status = 409
