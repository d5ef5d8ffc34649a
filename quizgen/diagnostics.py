"""Problems found in notes, reported with file, line and a plain sentence."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

__all__ = ["Diagnostic", "Severity"]


class Severity(StrEnum):
    """How bad a problem is: errors make `quizgen check` exit 1."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one note, at one line (1-based; 0 when the whole file is concerned)."""

    path: str
    line: int
    code: str
    message: str
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity.value}: {self.message} [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Diagnostic:
        """Inverse of `to_dict`."""
        return cls(
            path=data["path"],
            line=int(data["line"]),
            code=data["code"],
            message=data["message"],
            severity=Severity(data["severity"]),
        )
