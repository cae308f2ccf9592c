"""The lexical analyzer: English stems and stop words, numbers, Korean morphemes, CJK bigrams."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from index.analyzer import ANALYZER_VERSION, STOP_WORDS, analyze, analyze_many, stem_words

ROOT = Path(__file__).resolve().parents[1]


def test_english_stems_and_lowercase() -> None:
    assert analyze("Running dogs") == ["run", "dog"]
    assert analyze("repatriated") == analyze("Repatriation") == ["repatri"]
    assert analyze("CHINA china China") == ["china"] * 3


def test_an_irregular_plural_is_read_as_its_singular() -> None:
    # Snowball leaves "women" whole: a question about a woman never met a passage about women
    assert analyze("women") == analyze("woman") == ["woman"]
    assert analyze("Children and men") == analyze("child and man") == ["child", "man"]
    assert analyze("policewomen") == analyze("policewoman")
    # in a hyphenated compound too, and as `stem_words` gives the word lists' keys
    assert "woman-led" in analyze("women-led groups")
    assert analyze("women's rights") == analyze("rights of women")[::-1] == ["woman", "right"]
    assert stem_words(["women", "children", "refugees"]) == ["woman", "child", "refuge"]
    # forms that are also other words are left to the stemmer ("he lives", "she leaves")
    assert analyze("lives") == ["live"] and analyze("leaves") == ["leav"]


def test_stop_words_dropped() -> None:
    assert analyze("What is the role of the United Nations?") == ["role", "unit", "nation"]
    assert {"the", "of", "what", "is"} <= STOP_WORDS


def test_numbers() -> None:
    assert analyze("2,000 people") == ["2000", "peopl"]
    assert analyze("2000") == analyze("2,000")
    assert analyze("1,234,567.5") == ["1234567.5"]
    assert analyze("3.5 percent") == ["3.5", "percent"]
    assert analyze("in 2020.") == ["2020"]  # a sentence's full stop is not a decimal point
    assert analyze("A320 and COVID-19") == ["a320", "covid", "covid-19", "19"]


def test_apostrophes_and_unicode() -> None:
    assert analyze("the defector’s story") == analyze("the defector's story") == ["defector", "stori"]
    assert analyze("ＡＢＣ １２３") == ["abc", "123"]  # NFKC folds full-width forms
    assert analyze("café") == analyze("cafe") == ["cafe"]  # Latin diacritics folded
    assert analyze("") == []
    assert analyze("  ,;!  ") == []


def test_latin_diacritics_are_folded_as_an_english_keyboard_writes_them() -> None:
    # "Volker Turk", "Salmon", "Hamhung": a user without the accents still finds the report's name
    assert analyze("Volker Türk") == analyze("Volker Turk") == ["volker", "turk"]
    assert analyze("Elizabeth Salmón") == analyze("elizabeth salmon")
    assert analyze("Hamhŭng and Chosŏn") == analyze("Hamhung and Choson") == ["hamhung", "choson"]
    assert analyze("Hammarskjöld") == analyze("Hammarskjold")
    # in a hyphenated compound's term too
    assert "cote-ivoir" in analyze("Côte-Ivoire")
    # letters that are no letter with a mark stay; other scripts keep their marks
    assert analyze("Kjærum") == ["kjærum"]
    assert analyze("Straße") == ["straße"]
    assert analyze("ё") == ["ё"]
    assert analyze("탈북민 强制") == ["탈북민", "强制"]


def test_korean_morphemes() -> None:
    assert analyze("탈북민 강제송환") == ["탈북민", "강제", "송환"]
    terms = analyze("탈북민들은 중국에서 강제송환된 뒤 구금됐다고 증언했다")
    assert {"탈북민", "중국", "강제", "송환", "구금", "증언"} <= set(terms)
    assert not {"들", "은", "에서", "다"} & set(terms)  # particles and endings dropped


def test_a_korean_prefix_stays_with_its_word() -> None:
    # 무 (without), 불 (not), 비 (non-): the word without its prefix means its opposite, as
    # "nationality" for "stateless"
    assert analyze("무국적자") == ["무국적자"]
    assert analyze("난민불인정결정") == ["난민", "불인정", "결정"]
    assert analyze("비인도적인 처우") == ["비인도", "처우"]
    assert analyze("비정부기구") == ["비정부", "기구"]
    assert "인정" not in analyze("난민 불인정 결정") and "인정" in analyze("난민 인정 결정")
    # a prefix-like syllable that is part of the word, or one standing apart, is not joined
    assert analyze("무료 비자") == ["무료", "비자"]
    assert analyze("비 정부") == ["정부"]
    # a prefix that does not negate leaves its word as it was: 재정착 (resettlement) is found as 정착
    assert analyze("재정착 지원") == ["정착", "지원"]
    assert analyze("구소련") == ["소련"]


def test_a_pronoun_contraction_inside_a_word_is_read_again() -> None:
    # Kiwi alone reads "난민법 제18조" as 나 + ᆫ + 민법 ("I, the Civil Act"): the Refugee Act would be
    # searched as the Civil Act
    assert analyze("난민법 제18조") == ["난민", "법", "18"]
    assert analyze("난민법상 난민") == ["난민", "법", "난민"]
    assert analyze("난민법에 따르면") == ["난민", "법", "따르"]  # read right either way
    # a contraction standing as its own word is a real one: the pronoun and particle are no terms
    assert analyze("전 학생이에요") == ["학생"]
    assert analyze("날 도와줘") == ["도와주"]
    texts = ["난민법 제8조", "전 학생", "난민법 제8조"]
    assert analyze_many(texts) == [["난민", "법", "8"], ["학생"], ["난민", "법", "8"]]


def test_mixed_scripts_keep_text_order() -> None:
    terms = analyze("2020년 UN 보고서는 2,000명의 탈북민을 다뤘다")
    assert terms[:4] == ["2020", "un", "보고서", "2000"]
    assert "탈북민" in terms


def test_cjk_bigrams() -> None:
    assert analyze("人民共和国") == ["人民", "民共", "共和", "和国"]
    assert analyze("于") == ["于"]
    assert analyze("中文 text") == ["中文", "text"]
    assert analyze("日本語のテキスト")[:2] == ["日本", "本語"]


def test_a_bracketed_alternative_indexes_both_words() -> None:
    # 国（边）境 is written for 国境 and 边境: a question's 边境 (border) must find it
    terms = analyze("偷越国（边）境的")
    assert {"国境", "边境", "越边"} <= set(terms)
    assert set(analyze("偷越边境")) <= set(terms) and set(analyze("偷越国境")) <= set(terms)
    assert {"国外", "境外"} <= set(analyze("在国（境）外"))
    assert {"国境", "边境"} <= set(analyze("国(边)境"))  # ASCII brackets too
    # a list number, a longer remark or a bracket beside other script is not an alternative
    assert analyze("（一）拐卖") == ["一", "拐卖"]
    assert "六项" not in analyze("第一款第（六）项规定的") and "女于" not in analyze("被害人王某（女）于")
    assert "国以" not in analyze("中华人民共和国（以下简称中国）")
    assert analyze("Act (A) text") == ["act", "text"]


def test_batch_equals_single() -> None:
    texts = ["The dogs ran.", "탈북민 강제송환", "", "中文 and English 2,000", "송환 report"]
    assert analyze_many(texts) == [analyze(t) for t in texts]
    assert analyze_many([]) == []


def test_version_is_named() -> None:
    assert ANALYZER_VERSION


def test_kiwi_not_loaded_for_english() -> None:
    code = (
        "import sys\n"
        "from index.analyzer import analyze, analyze_many\n"
        "from corpus.kiwi import kiwi_loaded\n"
        "from index.evidence import evidence_terms\n"
        "from index.instruments import instrument_terms, kind_senses\n"
        "assert analyze('North Korean defectors 2,000 中文') and analyze_many(['plain English'])\n"
        "assert '법' in instrument_terms() and kind_senses() and evidence_terms(['act'], True)\n"
        "assert not kiwi_loaded(), 'Kiwi was built for text without Hangul'\n"
        "assert 'kiwipiepy' not in sys.modules, 'kiwipiepy was imported for text without Hangul'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
