"""The demo collection in ../shared/corpus ingests completely, with the manifest's metadata, every time."""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.ingest import ingest_folder
from corpus.models import IngestReport, Source
from corpus.normalize import canonicalize

pytestmark = pytest.mark.integration

MAX_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def demo(shared_dir: Path) -> tuple[IngestReport, float]:
    started = time.perf_counter()
    report = ingest_folder(shared_dir / "corpus" / "sources", max_bytes=MAX_BYTES)
    return report, time.perf_counter() - started


def by_file(report: IngestReport) -> dict[str, Source]:
    return {s.path: s for s in report.sources}


def test_all_51_sources_ingest_without_failures(
    demo: tuple[IngestReport, float], record_property: Callable[[str, object], None]
) -> None:
    report, seconds = demo
    record_property("ingest_seconds", round(seconds, 3))
    assert report.failures == []
    assert report.warnings == []
    assert len(report.sources) == 51
    assert len({s.id for s in report.sources}) == 51
    assert seconds < 30, f"ingesting the demo collection took {seconds:.1f} s"


def test_metadata_comes_from_the_manifest(demo: tuple[IngestReport, float], shared_dir: Path) -> None:
    sources = by_file(demo[0])
    with (shared_dir / "corpus" / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    assert set(rows) == set(sources)
    for name, row in rows.items():
        meta = sources[name].meta
        assert meta.title == row["title"]
        assert meta.publisher == (row["publisher_or_author"] or None)
        assert meta.date == (row["date"] or None)
        assert meta.url == (row["source_url"] or None)
        assert meta.license == (row["license"] or None)
        assert meta.language == row["language"]
    refugee = sources["kr_law_refugee_act.txt"].meta
    assert refugee.title.startswith("난민법 (Refugee Act, Republic of Korea)")
    assert (refugee.language, refugee.date) == ("ko", "2016-12-20")
    assert sources["cn_law_criminal_law.txt"].meta.date is None
    assert sources["usdos_2024_country_report_human_rights_china.txt"].meta.date == "2025"
    assert sources["cia_world_factbook_2014_china.txt"].meta.publisher == "U.S. Central Intelligence Agency"


def test_script_detection_agrees_with_the_manifest(demo: tuple[IngestReport, float]) -> None:
    from corpus.script import detect_language

    for source in demo[0].sources:
        assert detect_language(source.text) == source.meta.language, source.path


def test_texts_are_canonical_and_the_wrapped_report_is_unwrapped(demo: tuple[IngestReport, float]) -> None:
    sources = by_file(demo[0])
    for source in sources.values():
        assert canonicalize(source.text) == source.text, source.path
        assert source.paragraphs and source.paragraphs[-1][1] == len(source.text)
    report = sources["usdos_2023_country_report_human_rights_north_korea.txt"].text
    assert (
        "There were no significant changes in the human rights situation in the Democratic People’s "
        "Republic of Korea during the year. The country began to ease"
    ) in report
    assert len(sources["usdos_2023_country_report_human_rights_north_korea.txt"].paragraphs) > 100
    law = sources["kr_law_refugee_act.txt"].text
    assert "제1조 (목적)\n\n이 법은" in law  # law articles keep their line structure


def test_ingestion_is_deterministic(demo: tuple[IngestReport, float], shared_dir: Path) -> None:
    again = ingest_folder(shared_dir / "corpus" / "sources", max_bytes=MAX_BYTES)
    assert again == demo[0]
