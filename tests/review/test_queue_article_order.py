"""The queue's article filter lists article numbers in numeric order, not as text."""

from __future__ import annotations

from talqy.review.group_queries import insert_group
from talqy.review.permissions import Actor, Role
from talqy.review.queue import article_order, review_queue
from talqy.review.queue_filters import QueueFilter
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database


def test_article_order_is_numeric() -> None:
    numbers = ["10", "2", "", "20", "1", "12-2", "12-1", "3а", "3", "11"]
    assert sorted(numbers, key=article_order) == [
        "", "1", "2", "3", "3а", "10", "11", "12-1", "12-2", "20",
    ]  # fmt: skip


def test_queue_counts_articles_in_numeric_order(db: Database) -> None:
    target = create_consultation(db, slug="c", title="C")
    with db.engine.begin() as conn:
        for index, number in enumerate(["10", "2", "20", "1", "2", None]):
            insert_group(conn, consultation_id=target.id, key=f"g{index}", article_number=number)
    actor = Actor(user_id=1, username="s", role=Role.SECRETARIAT, consultation_id=target.id)
    queue = review_queue(db, actor=actor, where=QueueFilter())
    assert list(queue.by_article.items()) == [("", 1), ("1", 1), ("2", 2), ("10", 1), ("20", 1)]
