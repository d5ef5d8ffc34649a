"""Reviews per learner and quarter hour, kept in step with the review log for the statistics."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Engine,
    Table,
    and_,
    case,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import ReviewCount, ReviewRow

__all__ = [
    "BUCKET_MS",
    "count_review",
    "ensure_counts",
    "rebuild_counts",
    "uncount_review",
]

BUCKET_MS = 900_000
"""A quarter hour: every time zone is a whole number of them away from UTC."""


def _values(review: ReviewRow) -> dict[str, int]:
    return _counted(review.state_before, review.rating)


def _counted(state_before: int, rating: int) -> dict[str, int]:
    in_review = state_before == 2
    return {"reviews": 1, "passed": int(in_review and rating > 1), "in_review": int(in_review)}


@lru_cache(maxsize=4)
def _upsert(dialect: str) -> Any:
    table = ReviewCount.__table__
    assert isinstance(table, Table)
    maker = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = maker(table)
    added = {
        name: table.c[name] + stmt.excluded[name] for name in ("reviews", "passed", "in_review")
    }
    return stmt.on_conflict_do_update(index_elements=["learner_id", "bucket"], set_=added)


def count_review(session: Session, review: ReviewRow) -> None:
    """Add a new review to its quarter hour (inside the review's own transaction)."""
    row = {"learner_id": review.learner_id, "bucket": review.reviewed_ms // BUCKET_MS}
    dialect = session.get_bind().dialect.name
    session.execute(_upsert(dialect), [dict(row, **_values(review))])


def uncount_review(session: Session, review: ReviewRow) -> None:
    """Take an undone review out of its quarter hour."""
    values = _values(review)
    counts = ReviewCount
    session.execute(
        update(counts)
        .where(
            counts.learner_id == review.learner_id,
            counts.bucket == review.reviewed_ms // BUCKET_MS,
        )
        .values(
            reviews=counts.reviews - values["reviews"],
            passed=counts.passed - values["passed"],
            in_review=counts.in_review - values["in_review"],
        ),
        execution_options={"synchronize_session": False},
    )


def rebuild_counts(session: Session) -> None:
    """Count every review not undone again, from the review log (in the caller's transaction)."""
    review = ReviewRow
    bucket = review.reviewed_ms.op("/")(literal_column(str(BUCKET_MS)))  # integer division
    in_review = review.state_before == 2
    grouped = (
        select(
            review.learner_id,
            bucket,
            func.count(),
            func.sum(case((and_(in_review, review.rating > 1), 1), else_=0)),
            func.sum(case((in_review, 1), else_=0)),
        )
        .where(review.undone_ms.is_(None))
        .group_by(review.learner_id, bucket)
    )
    session.execute(delete(ReviewCount))
    columns = ["learner_id", "bucket", "reviews", "passed", "in_review"]
    session.execute(insert(ReviewCount).from_select(columns, grouped))


def ensure_counts(engine: Engine) -> None:
    """Fill the counts from the log when they are empty but reviews exist (an older database)."""
    with Session(engine) as session:
        if session.scalar(select(ReviewCount.bucket).limit(1)) is not None:
            return
        if session.scalar(select(ReviewRow.id).limit(1)) is None:
            return
    with Session(engine) as session, session.begin():
        session.connection(execution_options={"quizgen_write": True})
        rebuild_counts(session)
