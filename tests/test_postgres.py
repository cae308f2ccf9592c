"""The PostgreSQL backend under the builder: incremental updates, versions, pruning, the writer lock,
kill -9 of a build, HNSW search, and a database that cannot be reached. A real server (the suite's)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import psycopg
import pytest

from corpus.errors import BackendUnavailable, IndexNotBuilt, RebuildInProgress, SnapshotCorrupt
from index import SourceDir, update_index
from index.engine import GroundIndex
from index.postgres import PostgresCatalog
from index.types import Filters, Query
from tests.fakes import FakeEmbedder
from tests.helpers import TINY, prepare, publish, text_source, write_corpus

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def catalog(pg_url: str, pg_schema: str) -> Iterator[PostgresCatalog]:
    cat = PostgresCatalog(pg_url, schema=pg_schema, prune_grace=0)
    yield cat
    cat.close()


def build(catalog: PostgresCatalog, src: Path, emb: FakeEmbedder, **kw: object) -> object:
    return update_index(
        catalog=catalog,
        inputs=[SourceDir(src)],
        embedder=emb,
        max_bytes=10 * 2**20,
        **kw,  # type: ignore[arg-type]
    )


def count(catalog: PostgresCatalog, table: str) -> int:
    with catalog.db.connection() as conn:
        row = conn.execute(psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(table)))
        return int(row.fetchone()[0])  # type: ignore[index]


def test_open_before_any_build_says_so(catalog: PostgresCatalog) -> None:
    with pytest.raises(IndexNotBuilt, match="groundqa index"):
        catalog.open()
    assert catalog.current_version() is None


def test_incremental_updates_share_unchanged_rows_and_embed_only_new_text(
    catalog: PostgresCatalog, tmp_path: Path
) -> None:
    src = write_corpus(tmp_path / "src")
    emb = FakeEmbedder()
    first = update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=emb, max_bytes=2**24)
    assert first.version == "000001" and len(first.added) == len(TINY)
    rows_after_first = count(catalog, "passages")

    again = update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=FakeEmbedder(), max_bytes=2**24)
    assert not again.published and again.unchanged == len(TINY)

    (src / "new.txt").write_text("A new report.\n\nSmugglers crossed the Tumen river at night.", "utf-8")
    emb2 = FakeEmbedder()
    second = update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=emb2, max_bytes=2**24)
    idx = GroundIndex(catalog.open(), emb2)
    new_passages = idx.passages_of(second.added[0])
    assert second.version == "000002" and catalog.current_version() == "000002"
    assert second.embedded == len(new_passages) == len(emb2.encoded)
    assert second.reused == idx.info.passages - len(new_passages)
    # unchanged sources are carried by reference: only the new source's passages were written
    assert count(catalog, "passages") == rows_after_first + len(new_passages)
    for rec in idx.sources():
        text = idx.source(rec.id).text
        assert all(text[p.char_start : p.char_end] == p.text for p in idx.passages_of(rec.id))

    # the embedding cache is shared: a full rebuild with the same model embeds nothing new... except
    # that --full skips the cache by definition; an incremental change after a removal reuses it
    (src / "refugees.txt").unlink()
    third = update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=FakeEmbedder(), max_bytes=2**24)
    assert third.removed and third.embedded == 0
    answer = GroundIndex(catalog.open(), emb2).search(Query("expel or return a refugee", k=10))
    assert all(h.source.id not in third.removed for h in answer.hits + answer.related)


def test_prune_keeps_the_newest_versions_and_drops_rows_no_version_uses(
    catalog: PostgresCatalog, tmp_path: Path
) -> None:
    src = write_corpus(tmp_path / "src")
    emb = FakeEmbedder()
    update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=emb, max_bytes=2**24, keep=2)
    for i in range(3):
        (src / "changing.txt").write_text(f"Edition {i}\n\nThe river froze in winter number {i}.", "utf-8")
        update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=emb, max_bytes=2**24, keep=2)
    with catalog.db.connection() as conn:
        versions = [r[0] for r in conn.execute("SELECT id FROM versions ORDER BY id").fetchall()]
        editions = conn.execute("SELECT count(*) FROM sources WHERE path = 'changing.txt'").fetchone()
    assert versions == [3, 4] and catalog.current_version() == "000004"
    assert editions == (2,)  # the editions of versions 3 and 4; those of 1 and 2 are gone
    assert count(catalog, "sources") == len(TINY) + 2
    assert count(catalog, "postings") > 0


def test_a_second_writer_gets_rebuild_in_progress_naming_the_job(catalog: PostgresCatalog) -> None:
    other = PostgresCatalog(catalog.db.url, schema=catalog.schema)
    with catalog.lock("job-one"):
        with pytest.raises(RebuildInProgress, match="job-one") as info, other.lock("job-two"):
            pass
        assert info.value.job_id == "job-one"
    with other.lock("job-two"):  # released
        pass
    other.close()


KILLED_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from index import SourceDir, update_index
    from index.postgres import PostgresCatalog
    from index.postgres import writer
    from tests.fakes import FakeEmbedder

    original = writer.PostgresWriter._index_languages
    def hang(self):
        original(self)          # everything is written; the commit would come next
        print("reached", flush=True)
        time.sleep(120)
    writer.PostgresWriter._index_languages = hang
    catalog = PostgresCatalog(sys.argv[1], schema=sys.argv[2])
    update_index(catalog=catalog, inputs=[SourceDir(Path(sys.argv[3]))], embedder=FakeEmbedder(),
                 max_bytes=10**7, job_id="doomed-job")
    """
)


def test_kill_9_of_a_build_leaves_the_previous_version_serving_and_no_debris(
    catalog: PostgresCatalog, tmp_path: Path
) -> None:
    src = write_corpus(tmp_path / "src")
    emb = FakeEmbedder()
    update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=emb, max_bytes=2**24)
    sources_before, passages_before = count(catalog, "sources"), count(catalog, "passages")
    (src / "late.txt").write_text("Late news\n\nA ferry crossed the river at dawn.", "utf-8")

    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, catalog.db.url, catalog.schema, str(src)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == b"reached"
        with pytest.raises(RebuildInProgress, match="doomed-job"), catalog.lock("probe"):
            pass
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        proc.stdout.close()

    assert catalog.current_version() == "000001"
    idx = GroundIndex(catalog.open(), emb)
    assert "late.txt" not in {r.path for r in idx.sources()}
    assert count(catalog, "sources") == sources_before and count(catalog, "passages") == passages_before
    deadline = time.monotonic() + 10  # the server ends the killed sessions (and their lock) as it notices
    while True:
        try:
            with catalog.lock("after"):
                break
        except RebuildInProgress:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    report = update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=emb, max_bytes=2**24)
    assert report.published and catalog.current_version() == report.version
    assert "late.txt" in {r.path for r in catalog.open().sources()}


def test_hnsw_search_finds_what_exact_search_finds(pg_url: str, pg_schema: str) -> None:
    rng = np.random.default_rng(7)
    sources = [
        text_source(f"s{i:03d}", f"Document {i}\n\n" + " ".join(f"w{rng.integers(500)}" for _ in range(30)))
        for i in range(300)
    ]
    prepared = prepare(sources, FakeEmbedder())
    exact = PostgresCatalog(pg_url, schema=pg_schema)
    approx = PostgresCatalog(pg_url, schema=pg_schema, exact_max=0)  # every language via HNSW
    publish(approx, prepared)
    a, b = exact.open(), approx.open()
    with approx.db.connection() as conn, conn.transaction():
        conn.execute("SET LOCAL enable_seqscan = off")  # 300 rows: the planner would rather scan them
        plan = "\n".join(
            r[0]
            for r in conn.execute(
                "EXPLAIN SELECT passage FROM vectors_1 WHERE lang_id = 1"
                " ORDER BY embedding::halfvec(64) <#> %s::halfvec(64) LIMIT 5",
                ("[" + ",".join(["0.125"] * 64) + "]",),
            ).fetchall()
        )
    assert "vectors_1_hnsw_1" in plan
    emb = FakeEmbedder()
    recall = []
    for i in range(0, 300, 15):
        q = emb.encode_query(f"w{i} w{i + 1} w{i + 2}")
        want = [pid for pid, _ in a.dense_search(q, 10, Filters())]
        got = b.dense_search(q, 10, Filters())
        recall.append(len(set(want) & {pid for pid, _ in got}) / 10)
        scores = b.dense_scores(q, [pid for pid, _ in got])
        assert [s for _, s in got] == pytest.approx(scores, abs=1e-6)  # re-ranked with exact cosines
        filtered = b.dense_search(q, 5, Filters(source_ids=("s007", "s123")))
        assert {b.passages([pid])[0].passage.source_id for pid, _ in filtered} <= {"s007", "s123"}
        assert len(filtered) == min(5, sum(b.source_record(s).passage_count for s in ("s007", "s123")))
    assert float(np.mean(recall)) >= 0.95
    exact.close()
    approx.close()


def test_dates_publishers_and_languages_filter_in_sql(catalog: PostgresCatalog) -> None:
    prepared = prepare(
        [
            text_source("a", "Alpha\n\nThe border was closed.", publisher="Straße Verlag", date="2020-06"),
            text_source("b", "Beta\n\nThe border was opened.", publisher="UN", date="2021"),
            text_source("c", "Gamma\n\n국경이 닫혔다.", language="ko"),
        ],
        FakeEmbedder(),
    )
    publish(catalog, prepared)
    backend = catalog.open()
    q = FakeEmbedder().encode_query("border")

    def found(filters: Filters) -> set[str]:
        hits = backend.dense_search(q, 10, filters)
        return {backend.passages([pid])[0].passage.source_id for pid, _ in hits}

    assert found(Filters(publishers=("STRASSE VERLAG",))) == {"a"}  # casefolded, as Filters.admits does
    assert found(Filters(publishers=("straße verlag",))) == {"a"}
    assert found(Filters(date_from="2020-07")) == {"b"}
    assert found(Filters(date_to="2020-06-15")) == {"a"}
    assert found(Filters(languages=("KO",))) == {"c"}
    assert found(Filters(date_from="2019")) == {"a", "b"}  # undated sources fail any date bound
    for f in (Filters(publishers=("un",)), Filters(date_to="2020")):
        meta = {r.id: r.meta for r in backend.sources()}
        assert found(f) == {sid for sid, m in meta.items() if f.admits(m, sid)}


def test_schema_of_another_version_is_refused(catalog: PostgresCatalog, tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "src")
    update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=FakeEmbedder(), max_bytes=2**24)
    with catalog.db.connection() as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    with pytest.raises(SnapshotCorrupt, match="another version of groundqa"):
        catalog.open()


def test_unreachable_database_is_backend_unavailable_without_paths(tmp_path: Path) -> None:
    catalog = PostgresCatalog(f"postgresql://postgres@/postgres?host={tmp_path}&connect_timeout=2")
    for call in (catalog.open, catalog.current_version):
        with pytest.raises(BackendUnavailable) as info:
            call()
        assert "cannot connect" in info.value.message and str(tmp_path) not in info.value.message


def test_a_version_just_superseded_keeps_answering_through_the_grace_period(
    pg_url: str, pg_schema: str, tmp_path: Path
) -> None:
    """A replica opened version 1; two quick rebuilds publish 2 and 3 (keep=2): version 1 is past
    `keep` but was superseded a moment ago, so its rows stay until the replica has moved on."""
    catalog = PostgresCatalog(pg_url, schema=pg_schema)  # the default grace
    src = write_corpus(tmp_path / "src")
    emb = FakeEmbedder()
    update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=emb, max_bytes=2**24, keep=2)
    held = GroundIndex(catalog.open(), emb)
    before = held.search(Query("Who was detained in China?"))
    for i in range(2):
        (src / "quick.txt").write_text(f"Quick {i}\n\nA note number {i} about the river crossing.", "utf-8")
        update_index(catalog=catalog, inputs=[SourceDir(src)], embedder=emb, max_bytes=2**24, keep=2)
    assert catalog.current_version() == "000003"
    after = held.search(Query("Who was detained in China?"))
    shown = [h.passage.id for h in before.hits + before.related]
    assert shown and [h.passage.id for h in after.hits + after.related] == shown
    assert held.source((before.hits + before.related)[0].source.id).text
    with catalog.db.connection() as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM versions ORDER BY id").fetchall()] == [1, 2, 3]
    catalog.close()


def test_uploads_accepted_before_a_newer_rule_still_build(tmp_path: Path) -> None:
    """A database's uploads are written out for each build by replaying them: a rule added since (no
    whitespace-only text) must not refuse what was accepted then, or every rebuild would fail."""
    from index.postgres.uploads import StoredUpload
    from service.db_uploads import DatabaseUploads

    class Rows:
        def live(self) -> list[StoredUpload]:
            return [StoredUpload("ok.txt", b"real text", {}), StoredUpload("blank.txt", b"\n  \n", {})]

    (tmp_path / "src").mkdir()
    uploads = DatabaseUploads(Rows(), tmp_path / "src", tmp_path / "mirror", tmp_path / "trash", 1 << 20)  # type: ignore[arg-type]
    uploads.dirs()
    assert sorted(p.name for p in (tmp_path / "mirror").iterdir() if p.suffix == ".txt") == [
        "blank.txt",
        "ok.txt",
    ]
