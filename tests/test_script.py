"""Script-based language detection and language tags."""

from __future__ import annotations

import pytest

from corpus.script import conflicts, detect_language, normalize_language, sentence_script


@pytest.mark.parametrize(
    ("text", "language", "splitter"),
    [
        ("The Refugee Convention defines who is a refugee.", "en", "latin"),
        ("난민법은 난민의 지위와 처우를 정한다.", "ko", "ko"),
        ("大韓民國 憲法 第1條 대한민국은 민주공화국이다.", "ko", "ko"),  # Hanja with Hangul is still Korean
        ("中华人民共和国国籍法", "zh", "zh"),
        ("難民条約は難民の地位を定めている。", "ja", "zh"),  # Japanese is cut at CJK sentence marks
        ("탈북민 김모 씨는 태국에 있는 UNHCR (유엔난민기구) Bangkok office 사무소를 찾았다.", "ko", "ko"),
        ("한국어 문장에 English 단어가 조금 있다.", "ko", "ko"),
        ("The law 中华人民共和国刑法 was amended many times over the following decades.", "en", "latin"),
        ("The capital is 北京 (Beijing), a large city with many people.", "en", "latin"),
        ("Конвенция о статусе беженцев", "und", "latin"),
        ("12345 -- 67.89", "und", "latin"),
        ("", "und", "latin"),
    ],
)
def test_language_and_sentence_splitter_of_a_text(text: str, language: str, splitter: str) -> None:
    assert detect_language(text) == language
    assert sentence_script(text) == splitter


def test_normalize_language() -> None:
    assert normalize_language("ko-KR") == "ko"
    assert normalize_language(" EN_us ") == "en"
    assert normalize_language("zh") == "zh"
    assert normalize_language("") is None
    assert normalize_language("english please") is None
    assert normalize_language(None) is None


def test_conflicts_only_when_the_script_rules_the_language_out() -> None:
    assert conflicts("en", "ko")
    assert conflicts("ko", "en")
    assert conflicts("fr", "zh")
    assert not conflicts("fr", "en")  # Latin script fits French
    assert not conflicts("ja", "zh")  # both written with Han
    assert not conflicts("ru", "und")
