"""The report's figures against counts made independently from the seeded rows."""

from __future__ import annotations

from collections import Counter

import pytest

from talqy.errors import InvalidInput, NotFound
from talqy.intake.vocabulary import normalize_region
from talqy.reports import build_report
from talqy.storage.consultations import create_consultation
from talqy.storage.database import Database
from tests.reports.dataset import DECISIONS, GROUPS, PROPOSALS, SLUG, THEMES, seed


def _as_dict(counts: tuple) -> dict[str, int]:  # type: ignore[type-arg]
    return {c.key: c.count for c in counts}


def test_intake_breakdowns_match_the_rows(db: Database) -> None:
    seed(db)
    report = build_report(db, consultation=SLUG, language="ru")
    intake = report.intake
    assert intake.total == len(PROPOSALS)
    assert _as_dict(intake.by_channel) == Counter(p.channel for p in PROPOSALS)
    languages = Counter(p.language or p.detected for p in PROPOSALS)
    assert _as_dict(intake.by_language) == languages
    regions = Counter(normalize_region(p.region) or "" for p in PROPOSALS)
    assert _as_dict(intake.by_region) == regions and "almaty" in regions
    days = Counter(f"2026-02-{p.day or 12:02d}" for p in PROPOSALS)
    assert _as_dict(intake.by_day) == days
    assert [c.key for c in intake.by_day] == sorted(days)
    assert [c.count for c in intake.by_channel] == sorted(
        (c.count for c in intake.by_channel), reverse=True
    )
    assert {c.key: c.label for c in intake.by_language}["kk"] == "Казахский"
    assert {c.key: c.label for c in intake.by_region}[""] == "Не указан"
    assert {c.key: c.label for c in intake.by_region}["almaty"] == "г. Алматы"
    assert {c.key: c.label for c in intake.by_channel}["e-otinish"] == "eOtinish"
    assert sum(c.share for c in intake.by_channel) == pytest.approx(1.0, abs=1e-3)


def test_clusters_and_themes_come_from_the_latest_finished_run(db: Database) -> None:
    ids = seed(db)
    report = build_report(db, consultation=SLUG, language="en")
    assert report.run is not None and report.run.id == ids["run"]
    sizes = Counter(p.dup for p in PROPOSALS)
    duplicates = {k: n for k, n in sizes.items() if n >= 2}
    assert [(c.key, c.size) for c in report.duplicates.largest] == sorted(
        duplicates.items(), key=lambda kv: (-kv[1], kv[0])
    )
    assert report.duplicates.proposals == sum(duplicates.values())
    assert report.duplicates.share == round(sum(duplicates.values()) / len(PROPOSALS), 4)
    first = report.duplicates.largest[0]
    assert first.representative_id == ids["p0"] and first.text == PROPOSALS[0].text
    campaigns = Counter(p.campaign for p in PROPOSALS if p.campaign)
    assert [(c.key, c.size) for c in report.campaigns.largest] == list(campaigns.items())
    assert [(t.key, t.label, t.size) for t in report.themes] == [
        (key, labels[2], sum(p.theme == key for p in PROPOSALS)) for key, labels in THEMES.items()
    ]


def _published_current() -> dict[str, str]:
    live = {key for key, spec in GROUPS.items() if spec[3] is None}
    return {
        g: kind
        for g, kind, _a, published, current in DECISIONS
        if published and current and g in live
    }


def test_coverage_counts_proposals_groups_and_published_decisions(db: Database) -> None:
    seed(db)
    report = build_report(db, consultation=SLUG, language="kk")
    coverage = report.coverage
    assert (coverage.version, coverage.language) == ("v2", "kk")
    assert [s.section for s in coverage.sections] == ["I", "II"]
    assert coverage.sections[0].label == "I бөлім"
    per_article = Counter((GROUPS[p.group][0] if p.group else p.article) for p in PROPOSALS)
    live = {key: spec for key, spec in GROUPS.items() if spec[3] is None}
    decided = _published_current()
    cells = {a.number: a for s in coverage.sections for a in s.articles}
    assert list(cells) == ["1", "2", "3", "4", "5", "6"]
    for number, cell in cells.items():
        assert cell.proposals == per_article.get(number, 0), number
        assert cell.groups == sum(spec[0] == number for spec in live.values()), number
        expected = Counter(kind for g, kind in decided.items() if GROUPS[g][0] == number)
        assert {k: n for k, n in cell.decisions.items() if n} == expected, number
    assert coverage.outside_draft == per_article["99"]
    assert coverage.without_article == per_article[None]
    assert coverage.max_proposals == max(per_article[n] for n in cells if n in per_article)


def test_only_published_current_decisions_of_live_groups_count(db: Database) -> None:
    seed(db)
    report = build_report(db, consultation=SLUG, language="en")
    decided = _published_current()
    assert report.decisions.total == len(decided) == 2
    assert {c.key: c.count for c in report.decisions.by_kind if c.count} == Counter(
        decided.values()
    )
    rows = {row.group: row for row in report.systematization}
    assert set(rows) == {k for k, spec in GROUPS.items() if spec[3] is None}
    assert rows["G-C"].decision is None and rows["G-C"].reasoning == {}
    assert rows["G-A"].decision == "accepted" and rows["G-A"].decision_label == "Accepted"
    members = Counter(p.group for p in PROPOSALS if p.group)
    assert [r.members for r in report.systematization] == sorted(members.values(), reverse=True)
    assert report.decisions.proposals_covered == sum(members[g] for g in decided)
    assert rows["G-B"].text == PROPOSALS[4].text


def test_changes_link_changed_articles_to_published_decisions(db: Database) -> None:
    seed(db)
    report = build_report(db, consultation=SLUG, language="ru")
    changes = report.changes
    assert changes is not None
    assert (changes.old_version, changes.new_version, changes.language) == ("v1", "v2", "kk")
    assert changes.counts["modified"] == 2 and changes.counts["added"] == 1
    assert changes.articles_changed == 3
    assert 0 < changes.changed_share < 1
    linked = {a.new_number: [d.group for d in a.decisions] for a in changes.articles}
    assert linked == {"2": ["G-A"], "4": ["G-B"], "6": ["G-B"]}
    statuses = {a.new_number: a.label for a in changes.articles}
    assert statuses["6"] == "Добавлена"
    ref = changes.articles[0].decisions[0]
    assert ref.kind == "accepted" and ref.reasoning == "Обоснование G-A"


def test_one_version_means_no_change_statistics(db: Database) -> None:
    seed(db, with_versions=False)
    report = build_report(db, consultation=SLUG, language="kk")
    assert report.changes is None
    assert report.coverage.version == "v1"


def test_empty_consultation_gives_zeros(db: Database) -> None:
    create_consultation(db, slug="empty", title="Бос")
    report = build_report(db, consultation="empty", language="kk")
    assert report.intake.total == 0 and report.intake.by_channel == ()
    assert report.duplicates.count == 0 and report.campaigns.largest == ()
    assert report.themes == () and report.systematization == ()
    assert report.coverage.sections == () and report.coverage.version is None
    assert report.decisions.total == 0 and report.decisions.share_covered == 0.0
    assert report.changes is None and report.run is None and report.as_of is None
    assert report.to_dict()["intake"]["total"] == 0


def test_unknown_consultation_and_language_are_refused(db: Database) -> None:
    with pytest.raises(NotFound):
        build_report(db, consultation="nope")
    create_consultation(db, slug="empty", title="Бос")
    with pytest.raises(InvalidInput):
        build_report(db, consultation="empty", language="de")
