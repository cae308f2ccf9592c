"""The kind of answer a question asks for, and whether a passage can give it.

A count or amount question ("how many", "how much", "what percentage", "몇 명", "얼마", "多少") is
answered by a figure: a passage holding none cannot answer it, however close its words are ("How
many doctors resigned?" is not answered by "the trainee doctors resigned en masse"). A date question
("when", "in what year", "언제", "몇 년에") is answered by a date. This is the expected answer type of
question answering (Li and Roth, "Learning question classifiers", COLING 2002: NUM:count,
NUM:money, NUM:perc, NUM:date), kept to the two types a passage's text shows plainly.

What does not count as a figure: an article, section or paragraph number ("Article 12", "제9조",
"第八十条", "§ 7801"), a list or footnote marker ("1.", "(2)", "[147]"), a year or a date ("1946",
"July 30", "2021.4.20"). What does: other digits, a percentage, number words ("ten experts",
"hundreds of", "두 명", "수천 명", "三年以下").
"""

from __future__ import annotations

import re
from typing import Literal

AnswerType = Literal["a figure", "a date"]

_COUNT_QUESTION = re.compile(
    r"\bhow\s+(?:many|much)\b"
    r"|\bwhat\s+(?:share|percentage|proportion|fraction|number|amount)\b"
    r"|몇\s*(?:명|개(?!월)|건|곳|퍼센트|프로|%|배|차례|번|회|가지|개국|나라|원|달러|세대|가구)"
    r"|얼마(?!\s*(?:나\s*)?(?:오래|동안|간|만|전|후|뒤|나\s*자주))"
    r"|多少|几(?:个|名|人|次|家|所|倍|成)",
    re.IGNORECASE,
)
_DATE_QUESTION = re.compile(
    r"\b(?:what|which)\s+year\b|\bwhat\s+date\b|몇\s*년(?:도)?에|哪一?年",
    re.IGNORECASE,
)

# A reference to a provision, a list or footnote marker, a date: digits that are not a figure.
_NOT_FIGURE = re.compile(
    r"(?:(?:\b(?:Articles?|Art\.|Sections?|Sec\.|paragraphs?|para\.|subsections?|Chapter|Part|Title|Rule|"
    r"Annex|Protocol|No\.|Nos\.|Resolution|U\.S\.C\.)|§+)\s*\(?\d[\d.()a-zA-Z-]*"
    r"|제\s*\d+\s*(?:조(?:의\s*\d+)?|항|호|장|절|관|편)"
    r"|\d+\s*(?:조(?:의\s*\d+)?|항|호)(?![가-힣])"
    r"|第\s*[0-9一二三四五六七八九十百千零〇两]+\s*[条款项章节编]"
    r"|(?:^|\n)\s*\(?\d{1,3}[.)]|\b\d{1,2}\.\s+(?=[가-힣])"
    r"|\(\d{1,3}\)|\[\d+\]"
    r"|\b\d{4}\s*[.-]\s*\d{1,2}\s*[.-]\s*\d{1,2}\b"
    r"|\b(?:1[6-9]|20)\d\d(?!\d|,\d|\s*(?:%|percent|명|건|개|곳|원|people|persons))"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b"
    r"|\d{1,2}\s*월\s*\d{1,2}\s*일|\d{1,2}\s*月\s*\d{1,2}\s*日)",
    re.IGNORECASE,
)
_FIGURE = re.compile(
    r"\d"
    r"|%|\bper\s*cent\b|\bpercent"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|twice|half)\b"
    r"|(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|수십|수백|수천|수만)\s*(?:명|개|곳|건|번|차례|가지|해|달|배)"
    r"|[一二三四五六七八九十百千万亿两]+\s*(?:人|名|个|次|年|月|日|天|元|倍|岁|万|亿|以上|以下)",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\d{1,2}\s*[월月]",
    re.IGNORECASE,
)


def asked_type(question: str) -> AnswerType | None:
    """The answer type a question asks for: "a figure" for a count or amount, "a date" for a time
    ("when", "in what year"), None for any other question. A question asking both ("how many, and
    when?") asks for a figure."""
    if _COUNT_QUESTION.search(question):
        return "a figure"
    if _DATE_QUESTION.search(question):
        return "a date"
    return None


def holds_type(text: str, kind: str) -> bool:
    """Whether a passage's text holds an answer of the `kind` (an `AnswerType`; see the module docstring)."""
    if kind == "a date":
        return _DATE.search(text) is not None
    return _FIGURE.search(_NOT_FIGURE.sub(" ", text)) is not None
