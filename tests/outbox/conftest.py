from __future__ import annotations

import pytest

from talqy.storage.database import Database
from tests.review.seed import World, build_world


@pytest.fixture
def world(db: Database) -> World:
    return build_world(db)
