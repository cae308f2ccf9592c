"""Script-based language detection and language tags."""

from __future__ import annotations

import pytest

from corpus.script import conflicts, detect_language, normalize_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Refugee Convention defines who is a refugee.", "en"),
        ("난민법은 난민의 지위와 처우를 정한다.", "ko"),
        ("大韓民國 憲法 第1條 대한민국은 민주공화국이다.", "ko"),  # Hanja with Hangul is still Korean
        ("中华人民共和国国籍法", "zh"),
        ("難民条約は難民の地位を定めている。", "ja"),
        ("탈북민 김모 씨는 태국에 있는 UNHCR (유엔난민기구) Bangkok office 사무소를 찾았다.", "ko"),
        ("The law 中华人民共和国刑法 was amended many times over the following decades.", "en"),
        ("Конвенция о статусе беженцев", "und"),
        ("12345 -- 67.89", "und"),
        ("", "und"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


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
