"""The kind of answer a question asks for, and whether a passage can give it.

A count, amount or duration question ("how many", "how much", "what percentage", "how long",
"몇 명", "얼마", "얼마 동안", "多少") is answered by a figure: a passage holding none cannot answer
it, however close its words are ("How many doctors resigned?" is not answered by "the trainee
doctors resigned en masse"). A question for a year ("in what year", "몇 년에") is answered by a
date; not "when" or "언제", which as often ask for a condition or a deadline ("When does trafficking
carry ten years?", "언제까지"). This is the expected answer type of question answering (Li and Roth,
"Learning question classifiers", COLING 2002: NUM:count, NUM:money, NUM:perc, NUM:period, NUM:date),
kept to the types a passage's text shows plainly. A count of things ("how many people", "몇 곳") is
not answered by a duration or an age ("3년 이내", "180 days", "as young as 10"): it asks for "a
count". A length of time ("how many years", "임기는 몇 년", "얼마 동안": NUM:period) asks for "a
duration", a number with a unit of time ("3년", "five-year terms", 三年); a sum of money ("hourly
minimum wage", "예산은 얼마": NUM:money) for "an amount" in a currency ("$150 million", "3천만원",
五千元), not a head count ("15명 이하의 위원"); a part, change or multiple of one ("how much of the
budget", "몇 배") for a figure.
How often something happens ("how often", "1년에 몇 번", "수립 주기") asks for "a frequency": a rate or
an interval ("every 180 days", "3개월마다", "annually", "연 2회", "regularly"), not another number.

What does not count as a figure: an article, section or paragraph number ("Article 12", "제9조",
"第八十条", "§ 7801"), a list or footnote marker ("1.", "(2)", "[147]"), a year or a date ("1946",
"July 30", "2021.4.20", "10월 12일"). What does: other digits, a percentage, number words ("ten
experts", "hundreds of", "두 명", "수천 명", "三年以下"). Each candidate figure's surroundings are read
only until one is found (a regular expression over the whole passage cost ~4 ms a passage).

Nor does a number the question states itself ("Of the 42 missing, how many were abducted?" is not
answered by "42 went missing").

`web.figures` reads quantities for display (their kinds and units, for the figures grid of the
passages shown); this is the yes-or-no the eligibility of every candidate needs, ~60 times cheaper
(0.3 against 18 ms for 30 State Department passages). The two agree on what is no figure; they are
apart because the grid's reading is too slow for every candidate of every count question.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from typing import Literal

from corpus.script import has_hangul
from index.instruments import korean_countries, places_in


def _led(first: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled behind a lookahead `first` that admits every character one of its matches
    can start with (a class; for letters that only start a branch led by `\\b`, `\\b[...]`): the same
    matches, found 1.5-3x faster over a passage. Python's `re` skips ahead by itself only to where a
    pattern's leading literal or class stands; before an alternation of words led by `\\b` it tries
    every branch at every position, and the lookahead turns most positions away first.
    (tests/test_answer_type.py checks each lookahead against the characters, and boundaries, the
    pattern's branches can start with.)"""
    return re.compile(f"(?={first})(?:{pattern})", flags)


AnswerType = Literal[
    "a figure",
    "a count",
    "a duration",
    "an amount",
    "an amount, not a fine",
    "a percentage",
    "a date",
    "a frequency",
    "a sentence",
    "a birth",
    "a penalty",
    "a phone number or e-mail address",
    "a document or case number",
    "a place",
]

# A question for when or where a person was born ("When was Kim Jong-un born?", "Where was he born?",
# "김정은 위원장은 몇 년생이에요?", "언제 태어났나요?", "출생연도") asks for "a birth": a passage telling one
# ("born 8 January 1984", "출생", "태어났다", 出生), not another date or place of the person's life ("chief
# of state: KIM Jong Un (since 17 December 2011)"). Not a question about children born somewhere ("Is a
# child born in China to a North Korean mother a Chinese national?", "출생등록은 언제까지").
_BIRTH_QUESTION = re.compile(
    # (not "When is a child born in China considered a Chinese national?": a person's birth is past)
    r"\b(?:when|where|what\s+year|which\s+year)\s+(?:was|were)\s+[^?,;]{1,60}?\s+born"
    r"(?=\s*(?:[?？,.]|$|and\b|in\s+(?:what|which)\b))"
    r"|(?:'s|’s|\bwhat\s+(?:is|was)\s+(?:the\s+|his\s+|her\s+)?)\s*(?:date|year|place)\s+of\s+birth\b"
    r"(?!\s+(?:requirement|registration|certificate|rule|principle))"
    r"|(?:'s|’s)\s+(?:birth\s*(?:year|date|place)|birthday|birthplace)\b|\bwhen\s+is\s+[^?,;]{1,40}?(?:'s|’s)\s+birthday\b"
    r"|몇\s*년\s*생|언제\s*태어났|어디서\s*태어났"
    # (asked for: "출생지는?", "태어난 해가 언제예요"; not "출생지 원칙", "태어난 날부터 며칠 안에")
    r"|(?:태어난\s*(?:해|년도|연도|곳|날)|출생\s*(?:연도|년도|일|지)|생년월일)(?:[은는이가을를]|도)?\s*"
    r"(?:[?？.]|$|언제|어디|몇|알려|뭐|무엇)"
    r"|哪一?年出生|出生于哪",
    re.IGNORECASE,
)
# (in any case: "Born in Pyongyang in 1984, ..."; a lifespan "(1912–1994)"; "1984년생", "탄생 110주년")
_BIRTH = _led(
    r"[bB(출태생탄出生诞\d]",
    r"(?i:\bborn\b|\bbirth(?:day|place|s)?\b|\(b\.\s?\d)"
    r"|\((?:1[6-9]|20)\d\d\s*[–-]\s*(?:(?:1[6-9]|20)\d\d)?\)"
    r"|\d{4}\s*년생|출생|태어|생년|탄생|出生|生于|诞生",
)

# A question for the sentence or verdict a court gave ("What prison sentence did a Chinese court give
# pastor Jin Mingri?", "What verdict did the ICC reach?", "Which court convicted them?", "몇 년 형을
# 선고받았나요?") asks for "a sentence": a passage telling one ("sentenced to seven years", "convicted",
# "징역 5년을 선고", "判处"). Not the penalty a law sets ("What prison term does the law set?", asked
# in the present), which a law's own words give ("shall be punished by", "처한다").
_SENTENCE_QUESTION = re.compile(
    r"\bwhat\s+(?:prison\s+|jail\s+)?(?:sentences?|verdicts?)\s+(?:did|was|were|had)\b"
    r"|\bwhich\s+court\s+(?:convicted|sentenced|tried|acquitted)\b"
    r"|(?<![가-힣])(?:형량|판결|형(?=[을이은는]?(?![가-힣])))[^?]{0,12}?(?:선고\s*받았|선고받|선고했|선고됐|내렸)",
    re.IGNORECASE,
)
_SENTENCING = re.compile(
    r"\b(?:sentenc\w*|convict\w*|verdicts?|acquitt\w*|guilty|imprison\w*|jailed)\b"
    r"|\byears?\s+(?:of\s+(?:hard\s+)?labou?r|in\s+prison)\b"
    r"|선고|판결|징역|금고|교화형|判处|判决|有期徒刑|无期徒刑|死刑|拘役",
    re.IGNORECASE,
)

# A question for the penalty a law sets or an act brings ("What fine does Article 78 impose on ...?",
# "What prison term can a member face for ...?", "max prison sentence under ...", "How is X punished?",
# "어떤 처벌을 받나요?", "처벌은 어떻게 돼?", "몇 년형이에요?", 什么处罚) asks for "a penalty": a passage
# telling one ("shall be punished by imprisonment", "a fine of", "sent to a labor camp", "징역", "벌금에
# 처한다", "처벌", 罚款, 拘留, 有期徒刑), not any other provision of the law it names (China's Nationality
# Law sets no penalty, and "What penalty does China's 1980 Nationality Law set for ...?" was answered by its
# articles on applications). A sum asked ("벌금은 얼마", "how much is the fine") is an amount first
# (`_asks_money`); a sentence a court gave, "a sentence" (`_SENTENCE_QUESTION`).
_PENALTY_QUESTION = re.compile(
    r"\bwhat\s+(?:(?:is|are|was|were)\s+the\s+)?(?:(?:kind|type|sort)s?\s+of\s+)?"
    r"(?:(?:maximum|minimum|max|min|possible|usual)\s+)?"
    r"(?:penalt(?:y|ies)|punishments?|fines?|prison\s+(?:terms?|sentences?)|jail\s+terms?|sanctions?)\b"
    r"(?!['’]|\s+(?:print|line))|\bwhat\s+(?:are|is|were)\s+the\s+consequences?\s+for\b"
    r"|\b(?:max(?:imum)?|min(?:imum)?)\s+(?:prison\s+|jail\s+)?(?:penalty|sentence|term|fine)\b"
    r"|\bhow\s+(?:is|are|was|were|will|would|can|could|may)\s+[^?]{1,60}?\bpunished\b"
    r"|처벌[은는이을]?\s*(?:어떻게|어떤|뭐|무엇)|처벌\s*수위|(?:어떤|무슨)\s*(?:처벌|벌(?!이)|형벌|제재)"
    r"|형량[은는이]?\s*(?:어떻게|얼마|몇|[?？]|$)"
    r"|몇\s*년\s*형|什么(?:处罚|刑罚)|如何处罚",
    re.IGNORECASE,
)
_PENALTY = re.compile(
    r"\b(?:punish\w*|imprison\w*|fine[sd]?|penalt(?:y|ies)|sentenc\w*|prison|jail\w*|execut(?:ed|ion)|"
    r"labou?r\s+camps?|(?:hard|forced|correctional[”\"’]?)\s+labou?r|labou?r\s+correction|death\s+penalty|detention|"
    r"re-?education|sanction\w*|detain\w*|prosecut\w*|convict\w*|arrest\w*|deport\w*)\b"
    r"|징역|벌금|금고|과태료|처벌|처한다|처할|교화|사형|구류|노동단련|罚款|罚金|拘留|拘役|徒刑|处罚|死刑|管制|劳动教养",
    re.IGNORECASE,
)

# A question for a telephone number or an e-mail address ("What's the phone number of the Hana
# Foundation's hotline?", "상담 콜센터 전화번호가 몇 번이에요?", "긴급 연락처 좀 알려주세요", "电话号码是
# 多少") asks for "a phone number or e-mail address": a passage writing one ("1577-6635", "+82 2 2100
# 5114", "help@example.org"). Laws and reports name the hotlines and offices they set up, not how to
# reach them, so a passage about the hotline is no answer. Only a question asking for one: not one
# about phones ("threatening phone calls", "How many phone numbers were blocked?"), nor one naming a
# number as what a law lets someone ask for or give ("전화번호 제공을 요청할 수 있나요?", "What penalty
# applies for disclosing a victim's contact details?").
_CONTACT = (
    r"(?:(?:tele)?phone|hotline|helpline|fax|contact|emergency|call[\s-]*cent(?:er|re)|contact[\s-]*cent(?:er|re))"
    r"\s+(?:numbers?|no\.)"
    r"|e-?mail(?:\s+address(?:es)?)?|contact\s+details"
)
_PHONE_QUESTION = re.compile(
    # "what is / what's / give me / tell me / do you have ... the <contact>", "<contact> for/of ..."
    r"\b(?:what(?:['’]s|\s+is|\s+are|\s+was)|give\s+me|tell\s+me|send\s+me|do\s+you\s+(?:have|know))"
    r"\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+|his\s+|her\s+)?(?:[\w'’-]+\s+){0,6}?"
    r"(?:" + _CONTACT + r")(?!\w)"
    r"|\b(?:(?:tele)?phone|hotline|helpline|fax|emergency|contact)\s+(?:numbers?|no\.)\s+(?:for|of|to)\b"
    r"|\b(?:what|which)\s+(?:number|numbers)\s+(?:do|does|can|should|to)\s+[^?]{0,40}?\bcall\b"
    r"|\bthe\s+number\s+(?:for|of)\s+(?:the\s+)?[^?]{0,50}?"
    r"(?:hotline|helpline|call\s*cent(?:er|re)|contact\s*cent(?:er|re)|office|embassy|consulate|foundation)\b"
    # Korean: the number or contact, a particle, and how it is asked ("몇 번", "어떻게 돼요", "알려 주세요")
    r"|(?:전화\s*번호|연락처|연락\s*번호|상담\s*전화|콜\s*센터(?:\s*(?:번호|전화))?|긴급\s*번호|이메일(?:\s*주소)?"
    r"|팩스\s*번호)\s*(?:가|는|이|은|를|을|좀|도)?\s*"
    r"(?:몇\s*번|어떻게|뭐|무엇|알려|알\s*수|있(?:나|어|을까|습니까)|있는지|궁금|좀)"
    # Chinese: 电话号码是多少, 联系方式是什么
    r"|(?:电话(?:号码)?|联系(?:电话|方式)|电子邮件(?:地址)?|邮箱(?:地址)?|传真号码)\s*(?:是)?\s*(?:多少|什么|几)",
    re.IGNORECASE,
)
_PHONE = re.compile(
    # a number in groups ending in four digits ("1577-6635", "02-2100-5114", "(202) 939-5600", "+82 2
    # 2100 5114"), or an e-mail address; `_phone_in` turns away spans of years and dates
    r"(?<![\w,-])(?:\+\d{1,3}[\s-]?)?(?:\(\d{1,4}\)\s?)?\d{1,4}(?:[\s-]\d{1,4}){0,2}[\s-]\d{4}(?![\w,-])"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
)
# A number a label calls a telephone's ("Tel: 1366", "국번없이 1345", "☎ 112"), however short
_LABELLED_PHONE = re.compile(
    r"(?:\btel(?:ephone)?|\bphone|\bfax|\bcall|전화|국번\s*없이|☎)\W{0,3}(?:\+?\d[\d\s-]{1,16}\d|\d{3,4})(?!\d)",
    re.IGNORECASE,
)
# What a group of numbers after it is not: a page range, a law's or a paragraph's number, a section
_NOT_PHONE_BEFORE = re.compile(
    r"(?:\bpp?\.|\bNo\.|\bsections?|§|U\.?S\.?C\.?|\bparagraphs?|\bArticles?|\bLaw|\bAct)\s*$", re.IGNORECASE
)


def _phone_in(text: str) -> bool:
    """Whether `text` writes a telephone number or an e-mail address (`_PHONE`, `_LABELLED_PHONE`): not
    a span of years ("2021-2023", "918-1392", "1392-1910": two groups, each under 2100), a date
    ("14-07-2023": a year after two short groups), nor numbers after "pp.", "No.", "section", "§"."""
    if _LABELLED_PHONE.search(text):
        return True
    for m in _PHONE.finditer(text):
        found = m.group()
        if "@" in found:
            return True
        groups = re.findall(r"\d+", found)
        if len(groups) == 2 and not found.startswith(("+", "(")) and all(int(g) < 2100 for g in groups):
            continue
        if len(groups) == 3 and len(groups[0]) <= 2 and len(groups[1]) <= 2 and 1800 <= int(groups[2]) < 2100:
            continue
        if _NOT_PHONE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue
        return True
    return False


# A question for a document's symbol or a court case's number ("What's the UN document symbol of that
# resolution?", "그 결의의 공식 문서 번호는 무엇인가요?", "대법원 판례 번호가 뭐예요?", "사건번호까지 알려
# 주세요") asks for "a document or case number": a passage writing one (a UN symbol, "A/RES/78/218",
# "CEDAW/C/CHN/CO/9"; a Korean court's case number, "2012두12345", "96누1221"; "Case No. 12"). Reports
# and laws name resolutions and rulings far more often than they cite them so; a resolution's number as
# its name ("결의 번호", "Resolution 1992/54") is not asked here.
_DOCUMENT_NUMBER_QUESTION = re.compile(
    r"\b(?:document|UN)\s+(?:symbols?|numbers?)\b"
    r"|\b(?:case|docket|file)\s+(?:numbers?|no\.)|문서\s*번호|사건\s*번호|판례\s*번호|판결\s*번호|文号|案号",
    re.IGNORECASE,
)
_DOCUMENT_NUMBER = re.compile(
    # a UN document symbol: a body's letters, then parts joined by slashes, one of them a number
    r"\b(?:A|E|S|ST|CCPR|CAT|CRC|CEDAW|CERD|CMW|CED|CRPD|HRC|E/CN\.4)(?:/[A-Z0-9.]+)*/\d[\w.]*\b"
    # a Korean court's case number: the year, the kind of case, its number
    r"|(?<![\d가-힣])(?:19|20)?\d{2}\s?(?:두|도|다|누|구합|구단|가합|가단|나|마|노|고단|고합|므|스|허)\s?\d{3,6}(?![\d가-힣])"
    r"|(?<![\d가-힣])(?:19|20)?\d{2}\s?헌[가마바라사아]\s?\d{1,6}(?!\d)"
    # a Chinese document number ("法释〔2016〕28号")
    r"|〔\d{4}〕\s*\d+\s*号"
    r"|\b(?i:case|docket|application)\s+(?i:no)\.?\s*\d"
)


# A question for where a body or a place is ("Where is Hanawon located?", "In which city is the court
# based?", "하나원은 어느 지역에 있나요?", "본부는 어디에 있나요?", "소재지가 어디예요?") asks for "a
# place": a passage naming one, a country (`places_in`; in Korean text, a country in a locative,
# "중국에서", not inside a name such as 북한인권재단), a place after "in" or "at" ("at The Hague",
# "based in San José") or a Korean province or metropolitan city ("경기도", "서울에"). A law that sets a
# body up says who runs it, not where it stands. Where a text says something asks no place
# (`_NOT_A_PLACE_ASKED`: "그런 규정이 어디에 있나요?", "Where is the relevant article located?").
_PLACE_QUESTION = re.compile(
    r"\bwhere\s+(?:is|are|was|were)\b[^?]{0,80}?\b(?:located|based|headquartered|situated|seated)\b"
    r"|\bin\s+(?:which|what)\s+(?:city|country|province|town|region|county)\s+(?:is|are|was|were)\b[^?]{0,60}?"
    r"\b(?:located|based|headquartered|situated)\b"
    r"|\bwhere\s+(?:is|are)\s+(?:the\s+)?[^?]{0,60}?\b(?:headquarters|seat)\b"
    r"|어느\s*(?:지역|도시|나라|지방|동네)에\s*(?:있|위치)|(?<![가-힣])어디에\s*(?:있(?:나요|어요|어|습니까|죠|는지|는데)|위치)"
    r"|(?:소재지|위치)(?:가|는|한\s*곳은)?\s*(?:어디|어느)",
    re.IGNORECASE,
)
_NOT_A_PLACE_ASKED = re.compile(
    r"(?:규정|조항|조문|내용|근거|자료|통계|정보|기록|말|얘기|설명|언급|답|출처|문서|원문|전문|정의|기준|책임|원인|이유|"
    r"차이|핵심|문제|양식|서류|제\s*\d+\s*조)[이가은는도]?\s*(?:\S+\s+)?어디"
    r"|\bwhere\s+(?:is|are)\s+(?:the\s+|that\s+|this\s+|its\s+)?(?:[\w-]+\s+){0,2}(?:provisions?|articles?|sections?|"
    r"clauses?|definitions?|principles?|rules?|information|data|texts?|problems?|burden|penalt(?:y|ies))\b",
    re.IGNORECASE,
)
_PLACE_EN = re.compile(
    r"\b(?:in|at|near|based\s+in|located\s+in|headquartered\s+in)\s+(?:the\s+)?"
    # (not a provision, a month, a body, an instrument or a phrase: "in Article 5", "in March", "in the
    # Rules", "in the Assembly", "in Accordance with"; nor a person's, "in Kim Jong Un's speech")
    r"(?!(?:Articles?|Sections?|Chapters?|Parts?|Paragraphs?|Annex|Schedule|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Accordance|Addition|Particular|Order|"
    r"Force|Case|Rules?|Persons?|States?|Party|Parties|Charter|Conventions?|Covenants?|Statute|Courts?|"
    r"Assembly|Committees?|Conference|Reports?|Department|Ministry|Law|Acts?|English|Korean|Chinese|"
    r"Congress|Council|Commission|Office|Government|Protocol|Public|Population|Earth|Human|Washington\s+Post)\b)"
    r"(?:[A-Z][a-zà-ÿ]++(?:[\s-][A-Z][a-zà-ÿ]++)*+)(?=[\s,.;:)]|$)(?!['’]s)"
)


@functools.cache
def _place_ko() -> re.Pattern[str]:
    """A place in Korean text (built on first use, from the two Koreas and the other countries' Korean
    names, `korean_countries`, longest first)."""
    countries = "|".join(
        sorted({*korean_countries(), "북한", "남한", "한국", "대한민국"}, key=len, reverse=True)
    )
    return re.compile(
        # a country in a locative ("중국에서", "북한 내", "한국으로"), not in a name (북한인권재단, 한국어)
        rf"(?<![가-힣])(?:{countries})(?:에서|에|으로|로|\s*(?:안|내|밖|국내|국외)(?![가-힣]))"
        # a province or a metropolitan city, alone or before its particle ("서울에", "경기도의")
        r"|(?<![가-힣])(?:(?:서울|부산|대구|인천|광주|대전|울산|세종|제주|평양|헤이그|제네바|뉴욕|베이징|선양|단둥|옌지|연길|"
        r"방콕)(?:특별시|광역시|특별자치시|특별자치도|직할시|시)?"
        # (a province with its 도: 경기 alone is "the economy")
        r"|(?:경기|강원|충청북|충청남|전라북|전라남|경상북|경상남|충북|충남|전북|전남|경북|경남)도)"
        r"(?=에서|에|의|으로|로|은|는|이|가|(?![가-힣]))"
    )


# How often something happens ("How often must the plan be drawn up?", "1년에 몇 번 회의를 여나요?",
# "수립 주기", "얼마나 자주", "몇 년에 한 번씩"): answered by a rate or an interval ("every 180 days",
# "3개월마다", "annually", "연 2회", "regularly"), not by any other number ("15인 이내의 위원"); not "How
# many times can a worker change jobs?" (a count of times over no period)
_FREQUENCY_QUESTION = re.compile(
    r"\bhow\s+(?:often|frequently|regularly)\b|\bat\s+what\s+intervals?\b|\bwhat\s+is\s+the\s+frequency\b"
    r"|\bhow\s+many\s+times\s+(?:a|an|per|each|every|in\s+a)\s+(?:year|month|week|day|quarter)\b"
    r"|얼마나\s*자주|몇\s*(?:년|개월|달|주|일)\s*(?:마다|주기|에\s*(?:한|1)\s*(?:번|회|차례))|(?:^|\s)주기(?:는|가)?\s*(?:[?？.]|$|얼마|어떻게|어떤|몇)"
    # not in a year named ("2021년에 몇 번", "2023년 한 해 동안 몇 차례": how many times that year)
    r"|(?:(?<![\d년])1년|(?<!\d)일\s*년|(?<!년)(?<!년\s)한\s*해|매년|(?<!\d)연간?|(?<!\d)1개월|한\s*달|매월|"
    r"(?<!\d)1주일?|한\s*주|매주|분기|반기|하루)\s*(?:에|마다|동안)?\s*몇\s*(?:번|회|차례)"
    r"|多久[^?？]{0,12}一次|[一每](?:年|月|周|星期)[^?？]{0,12}几次",
    re.IGNORECASE,
)
# A rate or an interval, in English, Korean (words standing alone: not 정기 of 행정기관, 분기 of
# 구분기준, 반기 of 위반기간, 매일 of 판매일; 마다 after a unit of time, not "연장할 때마다") or Chinese
_FREQUENCY = _led(
    r"[A-Za-z\d매분반연년월개달주일시회정수자종때가상每定经不]",
    r"\b(?:every|each)\s+(?:[\w-]+\s+){0,2}?(?:years?|months?|weeks?|days?|quarters?|sessions?|mornings?|"
    r"evenings?|nights?|weekends?|(?:mon|tues|wednes|thurs|fri|satur|sun)days?)\b"
    r"|\bon\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days\b"
    r"|\b(?:annual(?:ly)?|biannual(?:ly)?|biennial(?:ly)?|semi-?annual(?:ly)?|monthly|bimonthly|weekly|biweekly|"
    r"fortnightly|nightly|hourly|quarterly|yearly)\b|\b(?-i:daily)\b(?!\s+NK)"
    r"|\b(?:once|twice|thrice|(?:[a-z]+|\d+)\s+times)\s+(?:a|an|per|each|every)\s+(?:year|month|week|day|quarter|"
    r"annum)\b|\bper\s+annum\b|\bat\s+(?:[\w-]+\s+)?(?:yearly|monthly|weekly|regular|\w+-(?:year|month|week|day))\s+"
    r"intervals\b|\bintervals\s+of\b|\bwhenever\b"
    r"|\b(?:regularly|routinely|frequently|periodically|repeatedly|seldom|occasionally)\b(?!\s+constituted)"
    r"|(?:년|개월|달|주|일|분기|반기|회계연도|시간)\s*마다|(?<![가-힣])매\s*(?:년|월|주|일|분기|반기|회계연도)"
    r"|(?<![가-힣])(?:분기|반기)|(?<![가-힣])(?:연|월|주)\s*\d+\s*회|(?:년|달|월|주)에\s*(?:\d+|한|두|세|네)\s*(?:번|회|차례)"
    r"|\d+\s*(?:년|개월|주|일)\s*주기|(?<![가-힣])(?:정기|수시로|주기적|종종|때때로|가끔|상시)|(?<![가-힣])자주(?![적성권])"
    r"|每(?:年|月|周|季|半年|隔|日|天|星期|\d|[一二三四五六七八九十两])|(?<![规确固])定期(?!限)|经常|不定期",
    re.IGNORECASE,
)

# The words of a provision or an instrument: "Number of the article on torture?" asks no count (also
# `index.question._FRAMING`: nor are its words framing there)
PROVISION_WORDS = r"(?:articles?|sections?|paragraphs?|acts?|laws?|cases?|provisions?|chapters?|clauses?)\b"
# A Korean question in keywords ending with the number of things it asks ("2023년 탈북민 입국자 수는?",
# "위원 수는?", "단어 수는?")
_KO_NUMBER_OF = (
    r"(?:(?<=[가-힣])\s+(?:수|숫자|인원수?)|(?:인원|위원|단어|회원|인구)수|숫자)(?:는|가|은|이)?\s*[?？]*\s*$"
)
# A sum asked by its unit ("몇 원", "몇 만 원", "몇 천만 원", "몇 달러")
_KO_SUM_UNIT = r"몇\s*(?:(?:십|백|천)\s*)?(?:(?:만|억)\s*)?(?:원|달러)"
# A length of time asked by its unit, whatever else follows ("몇 주 과정인가요", "몇 시간 걸려요", "몇
# 달까지", "몇 주예요"; not "몇 주년", "몇 달째", an anniversary or an ordinal, nor "몇 달 전에", "몇 주에서",
# "몇 달러": a time, a state, dollars) or as years passed or to live ("몇 년이 지나야", "몇 년 살아야",
# "몇 년까지", "몇 년제"; not "몇 년이에요", "몇 년 몇 월", "몇 년쯤에": a year; nor "몇 년 살다 돌아온
# 분": a story the question tells)
_KO_LENGTH_OF_TIME = (
    r"몇\s*(?:개월|달(?!러)|주|시간)(?!\s*(?:째|차|년|마다|전|후|뒤|에서|가))"
    r"|몇\s*년\s*(?:이\s*)?(?:지나|넘|까지|이나|살(?:아야|면)|만이|씩|(?:정도|쯤)(?!\s*에)|"
    r"제(?=[인이예야입?？\s]|$))"
)
# The lengths of time the typing knew when the stored answer models were fitted ("몇 개월이에요", "임기는
# 몇 년인가요", "몇 년 이내"; `_KO_LENGTH_OF_TIME` came after: `profiled_type`)
_KO_FITTED_LENGTH = (
    r"몇\s*(?:개월|달|주|일|시간)\s*(?:이(?:에요|예요|죠|야|었|였|나|며|고|지)?|인|입니|짜리)"
    r"|(?<![가-힣])(?:임기|기간|형기|징역|금고|복무|체류|거주|보호)[은는이가도의]?\s*(?:(?!해)[가-힣]+\s+)?"
    r"몇\s*년(?!\s*(?:에|도|째|생))"
    r"|몇\s*(?:년|개월|달|주|일|시간)\s*(?:간|동안|이내|안에|만에|이하|이상|미만|초과|의\s*(?:징역|금고|형))"
)
_COUNT_QUESTION = re.compile(
    r"\bhow\s+many\b"
    # a question in keywords that starts with the figure it asks ("total number of North Korean
    # defectors living in South Korea today?", "Number of refugees recognised in 2024")
    r"|^\W*(?:the\s+)?(?:(?:total|overall|exact|approximate|estimated|annual|current)\s+)?"
    r"(?:numbers?|amounts?)\s+of\b(?!\s+(?:time|attention|effort|work)\b)"
    rf"(?!\s+(?:the\s+)?{PROVISION_WORDS})"  # (not "Number of the article on torture?")
    r"|\bhow\s+much\s+(?!(?:do|does|did|has|have|had|will|would|can|could|should)\b)[a-z]"
    # the size of a body or a thing ("How big is the CEDAW Committee?", "How large is the Council?")
    r"|\bhow\s+(?:big|large)\s+(?:is|are|was|were|has|have|had|will|would|can|could|should)\b"
    # (not a quality: "How big is the risk of refoulement?", "How large is the penalty?")
    r"(?!\s+(?:(?:the|a|an|its|their|this|that)\s+)?(?:risks?|problems?|roles?|impacts?|threats?|concerns?|"
    r"issues?|dangers?|differences?|penalt(?:y|ies)|punishments?|influence|effects?|gaps?)\b)"
    r"|\bwhat\s+(?:(?:exact|precise|total)\s+)?(?:share|percentage|proportion|fraction|number|amount)\b"
    # the figure named with its qualifier as what is asked ("What is the exact amount in won of ...?",
    # "What was the total number of ...?"); not bare ("What is the number of the article ...?", "the
    # amount of protection", "the number one cause": "what number" itself is read above)
    r"|\b(?:what|which)(?:\s+(?:is|was|are|were)|['’]s)\s+the\s+(?:(?:exact|total|precise|overall|combined|"
    r"average|annual|monthly|maximum|minimum|estimated|approximate|official|current|reported|actual)\s+)"
    r"{1,2}(?:amounts?|numbers?|percentages?|shares?|proportions?)\b(?!\s+of\s+(?:time|attention|effort|work)\b)"
    # a measure: an age, a pay, a size ("What is the legal minimum age for marriage?", "what monthly
    # salary", "how wide"); not "What do the fees cover?", "How large a role ...?"
    r"|\b(?:what|which)\s+(?:(?:is|was|are|were)\s+(?:the|their|its)\s+)?(?:(?:legal|minimum|maximum|"
    r"average|official|retirement|voting|marriageable|monthly|annual|yearly|daily|weekly|hourly)\s+){0,2}"
    r"(?:age|population|width|length|height|depth)\b(?!\s+(?:groups?|limits?\s+(?:on|for)\b))"
    r"|\b(?:what|which)\s+(?:(?:is|was|are|were)\s+(?:the|their|its|(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}"
    r"['’]s)\s+)?(?:(?:legal|minimum|maximum|average|monthly|annual|yearly|daily|weekly|hourly|actual|current)\s+){1,3}"
    r"(?:salary|salaries|wages?|fees?|price)\b(?!\s+(?:laws?|acts?|system|polic(?:y|ies)|rules?|gaps?|council|"
    r"commission|increases?|rises?))"
    # a sum named as what is asked ("What was the Ministry of Unification's 2024 budget for ...?", "What's
    # the fine for ...?", "What are the visa fees?"): the sum ends the question or a preposition follows
    # it; not "What is the budget process?", "the fine print", "the fee waiver", "What is the budget for?"
    r"|\b(?:what|which)(?:\s+(?:is|was|are|were)|['’]s)\s+(?:the|their|its|(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}"
    r"['’]s)\s+(?:[\w-]+\s+){0,2}?(?:budgets?|salar(?:y|ies)|wages?|fees?|prices?|costs?|fines?)"
    r"(?=\s*[?.]?\s*$|\s+(?:of|in(?!\s+(?:lives|human|terms)\b)|per|at|under|paid|charged|imposed|levied|"
    r"for(?!\s*[?.]?\s*$))\b)"
    r"|\bat\s+what\s+age\b|\bhow\s+(?:old|wide|tall)\b"
    # a length of time asked as "몇 개월이에요", "임기는 몇 년인가요" (not "몇 년에": a year; nor "해는 몇
    # 년인가요": a year)
    r"|" + _KO_FITTED_LENGTH + r"|" + _KO_LENGTH_OF_TIME + r"|몇\s*(?:살|세(?!대))"
    r"|몇\s*(?:명|개(?!월)|건|곳|퍼센트|프로|%|배|차례|번(?!째)|회|가지|개국|나라|세대|가구|쪽(?!에)|페이지(?!에))"
    + r"|"
    + _KO_SUM_UNIT
    + r"|얼마(?!\s*(?:나|동안|간|만|전|후|뒤))"
    r"|얼마나\s*(?:많|적|되|받|주|드|들|지급|벌|내|쓰|써|늘|줄|(?:오래\s*)?걸(?:리|려|릴|립|렸))"
    r"|多少|几(?:个|名|人|次|家|所|倍|成)|多久|几年"
    r"|\bhow\s+long\b|얼마\s*(?:나\s*)?(?:동안|오래|오랫)|며칠|" + _KO_NUMBER_OF,
    re.IGNORECASE,
)
# A count of things ("how many people", "몇 곳"), not of time ("how many years", "몇 년"): a duration
# ("3년 이내", "180 days") or an age is no answer to it
_COUNT_ONLY = re.compile(
    r"\bhow\s+many\s+(?!(?:\w+\s+)?(?:years?|months?|weeks?|days?|hours?|decades?|times?)\b)"
    # a question in keywords that starts with the number of things it asks (`_COUNT_QUESTION`)
    r"|^\W*(?:the\s+)?(?:(?:total|overall|exact|approximate|estimated|annual|current)\s+)?numbers?\s+of\s+"
    r"(?!(?:\w+\s+)?(?:years?|months?|weeks?|days?|hours?|decades?|times?)\b)"
    rf"(?!(?:the\s+)?{PROVISION_WORDS})"
    # (pages too, "보고서는 몇 쪽짜리예요?"; not the page a thing is on, "몇 쪽에 나와요?")
    r"|몇\s*(?:명|개(?!월)|건|곳|가지|개국|나라|세대|가구|쪽(?!에)|페이지(?!에))"
    r"|" + _KO_NUMBER_OF,
    re.IGNORECASE,
)
# A length of time ("how many years", "몇 년인가요", "임기는 몇 년", "얼마 동안"): answered by a duration
# ("3년", "five years", 三年), not by another number
_DURATION_QUESTION = re.compile(
    r"\bhow\s+many\s+(?:more\s+)?(?:years?|months?|weeks?|days?|hours?|decades?)\b|\bfor\s+how\s+long\b"
    r"|"
    + _KO_LENGTH_OF_TIME
    + r"|몇\s*(?:개월|달|주|일|시간)\s*(?:이(?:에요|예요|죠|야|었|였|나|며|고|지)?|인|입니|짜리|간|동안|이내|"
    r"안에|만에|이하|이상|미만|초과|의\s*(?:징역|금고|형))"
    r"|몇\s*년\s*(?:짜리|간|동안|이내|안에|만에|이하|이상|미만|초과|의\s*(?:징역|금고|형))"
    # "몇 년인가요?" asks a year as often as a term ("탈퇴한 해는 몇 년인가요?"): a term only after
    # a word for one ("임기는 몇 년인가요?")
    r"|(?<![가-힣])(?:임기|기간|형기|징역|금고|복무|체류|거주|보호)[은는이가도의]?\s*(?:(?!해)[가-힣]+\s+)?"
    r"몇\s*년(?!\s*(?:에|도|째|생))"
    r"|얼마\s*(?:나\s*)?(?:동안|오래|오랫)|며칠|多久|几年|\bhow\s+much\s+time\b"
    r"|얼마나\s*(?:오래\s*)?걸(?:리|려|릴|립|렸)|\bhow\s+long\s+(?:does|did|do|will|would|should|can|could)\b[^?.]*\btakes?\b",
    re.IGNORECASE,
)
# A sum of money ("What is South Korea's hourly minimum wage?", "예산은 얼마인가요?", "How much does a
# broker charge?"): answered by an amount in a currency, not by a head count or a duration
_MONEY_WORDS = re.compile(
    r"\b(?:wages?|salar(?:y|ies)|fees?|prices?|budgets?|costs?|fines?|allowances?|compensation|rewards?|"
    r"grants?|subsid(?:y|ies)|payments?|charges?|charged?|pay|paid|money|income|earnings|bribes?|ransom)\b"
    r"|예산|비용|금액|임금|월급|급여|(?<!다)수당|생계비|보상금|포상금|지원금|위로금|벌금|과태료|정착금|기본금|가격|요금|보수|"
    r"연봉|돈|수익|뇌물|몸값|수수료|보증금|장학금|상납금|(?<!가택)(?<!가택 )연금|등록금|학비|임대료|"
    r"월세|사례비|" + _KO_SUM_UNIT,
    re.IGNORECASE,
)
# A fine asked for: a sum a statute imposes as a penalty answers it; asked for another sum (a grant, a
# reward, a budget: "피해위로금은 1인당 얼마인가요?"), a penalty does not ("5천만원 이하의 벌금",
# "处五千元以上二万元以下罚款", "a fine of up to $2,000")
_FINE_WORDS = re.compile(
    r"\b(?:fines?|fined|penalt(?:y|ies)|punish\w*|sanctions?)\b|벌금|과태료|벌칙|처벌|罚款|罚金|处罚",
    re.IGNORECASE,
)
_NOT_FINE_SUMS = re.compile(
    r"\b(?:grants?|rewards?|wages?|salar(?:y|ies)|budgets?|allowances?|compensation|subsid(?:y|ies)|"
    r"income|earnings|revenues?|pensions?|bonus(?:es)?|stipends?|fees?|prices?|costs?|bribes?|ransom)\b"
    r"|위로금|포상금|보로금|지원금|정착금|기본금|가산금|장려금|보상금|임금|월급|급여|연봉|예산|생계비|(?<!다)수당|수익|"
    r"비용|요금|가격|뇌물|몸값|수수료|보증금|장학금|상납금|(?<!가택)(?<!가택 )연금|등록금|학비|"
    r"임대료|월세|사례비",
    re.IGNORECASE,
)
# a penalty right after the sum, within its clause ("5천만원 이하의 벌금", "五千元以上二万元以下罚款"; not
# "700만원, 벌금 부과 대상 아님": a comma, 과/와/및 end the clause)
_FINE_AFTER = re.compile(
    r"[^,.;。；\n과와및]{0,14}?(?:벌금|과태료|과징금|범칙금|罚款|罚金)|\s*(?:in\s+)?fines?\b",
    re.IGNORECASE,
)
_FINE_BEFORE = re.compile(
    r"(?:\bfined?(?:\s+(?:up\s+to|not\s+exceeding|of\s+up\s+to))?|\bfines?\s+(?:of\s+)?(?:up\s+to\s+|between\s+|"
    r"from\s+|not\s+exceeding\s+|of\s+no\s+more\s+than\s+)?|\bpenalt(?:y|ies)\s+of\s+(?:up\s+to\s+)?|"
    r"(?:벌금|과태료|과징금|범칙금)(?:은|을|으로|이)?|罚款|罚金|并处|处)\s*(?:[$₩¥€£]|KRW|USD|RMB)?\s*"
    # the upper end of a range ("fines of between 1,000 and 5,000 yuan")
    r"(?:[\d,.]+\s*(?:and|to|-|–|~)\s*(?:[$₩¥€£]|KRW|USD|RMB)?\s*)?$",
    re.IGNORECASE,
)
# a Chinese penalty clause before the sum ("对个人处每非法介绍一人五千元")
_ZH_FINE_BEFORE = re.compile(r"(?:处|罚款|罚金)[^，。；,;]{0,10}$")
_NUMERALS = frozenset("0123456789,.一二三四五六七八九十百千万亿两")
# a share of a sum is a figure, not an amount ("몇 퍼센트 수준인가요?", "what percentage of the budget")
_SHARE_QUESTION = re.compile(
    r"퍼센트|프로|비율|%|몇\s*배|\b(?:percent(?:age)?|share|proportion|fraction|ratio|gap|difference|times)\b"
    r"|\bhow\s+much\s+of\b|\b(?:grow|grew|grown|increase[ds]?|rise|rose|risen|fall|fell|fallen|drop(?:ped)?|"
    r"decline[ds]?|change[ds]?|cut)\b|늘었|줄었|올랐|내렸|증가|감소",
    re.IGNORECASE,
)
# A share asked as a percentage ("What percentage of ...", "what share of the seats", "몇 퍼센트", "여성
# 비율은 얼마", "인정률은 어느 정도", "unemployment rate"): answered by a percentage or a fraction, not by a
# head count ("42 defectors"). Only rates that are shares by definition (not "birth rate": per 1,000,
# nor "exchange rate")
_PERCENT_RATES = (
    r"recognition|unemployment|employment|participation|literacy|approval|enrol?ment|acceptance|turnout|"
    r"poverty|conviction|vaccination|response|graduation|attendance|acquittal"
)
# Any other rate asked for: a figure, a share or so many per thousand ("What is the suicide rate among
# ...?", "the infant mortality rate", "탈북민 취업률은 요즘 얼마나 돼요?"), the rate the noun the question
# asks for (three words before it at most: not "What is the policy on minimum wage rates?", "What's behind
# the plummeting birth rates?"); not 법률, 규율, 자율, 조율, 효율 ("law", "rule", "autonomy", ...)
_RATE_QUESTION = re.compile(
    r"\bwhat(?:'s|’s|\s+(?:is|was|are|were))\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}?rates?\b"
    r"|[가-힣](?<![법규자조효선운])[률율][은는이가]?\s*(?:(?:요즘|현재|지금|최근|대략|보통|평균|실제로?)\s*)*"
    r"(?:얼마|어느\s*정도|몇)",
    re.IGNORECASE,
)
# An amount asked as the sum itself: in a currency ("in won", "(원)", "몇 만 원", "원화로"), exactly
# ("정확히", "exact amount", "actual monthly minimum wage"), or as actually paid ("실제로 얼마")
_WRITTEN_SUM = re.compile(
    r"\bin\s+(?:won|(?:US\s+)?dollars|yuan|renminbi)\b|\((?:원|won)\)|원화로|정확히|실제로|\bexact(?:ly)?\b"
    r"|\bactual\b|" + _KO_SUM_UNIT,
    re.IGNORECASE,
)
_PERCENTAGE_QUESTION = re.compile(
    r"\b(?:what|which)\s+(?:(?:is|was|are|were)\s+(?:the\s+)?)?(?:percentage|percent|share|proportion|"
    r"fraction)\b|\bhow\s+many\s+percent|\bwhat\s+per\s?cent\b"
    r"|\bhow\s+(?:large|big|high)\s+(?:a\s+)?(?:share|proportion|percentage)\b"
    # a rate asked for ("What is the unemployment rate of ...?"; not "Why is the unemployment rate so
    # high?", "How is the recognition rate calculated?")
    rf"|\bwhat(?:'s|’s|\s+(?:is|was|are|were))\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){{0,4}}?"
    rf"(?:{_PERCENT_RATES})\s+(?:rates?|turnout)\b|\bvoter\s+turnout\s*\??\s*$"
    r"|몇\s*(?:퍼센트|프로|%)|백분율"
    r"|(?:비율|비중|점유율|인정률|실업률|고용률|취업률|진학률|투표율|참여율|참가율|문해율|빈곤율|승인율|합격률|지지율|"
    r"찬성률|검거율|기소율|유죄율|졸업률|출석률|접종률)[은는이가]?\s*(?:얼마|어느\s*정도|몇|어떻게\s*(?:되|돼))"
    r"|百分之几|多少百分比|(?:比例|比率|比重)[是为]?多少",
    re.IGNORECASE,
)
# What answers it: a number with a percent sign or word, a fraction ("3분의 1", "one-third", "half of",
# "one in five", 百分之二十, 三成)
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})"
_PERCENTAGE = _led(
    r"[\d일이삼사오육칠팔구십백천절百]|\b[PpAaNnRrOoUuMmLlFfEeJjHhTtSs]",
    r"\d+(?:[.,]\d+)*\s*(?:%|％|per\s?cent\b|퍼센트|프로(?![가-힣]))|\bpercent(?:age)?\s+points?\b"
    # a Korean fraction ("3분의 1", "삼분의 일"; not "부분의 이해"), half (절반; not 일반), "10명 중 7명"
    r"|(?<![가-힣])(?:\d+|[일이삼사오육칠팔구십백천]+)\s*분의\s*(?:\d+|[일이삼사오육칠팔구십]+)|절반|\d+\s*명\s*중\s*\d+\s*명"
    r"|百分之"
    # "about half", "half of the", "one-third", "a quarter of", "seven in ten", "7 of every 10"; not "the
    # second half of 2019", "a third country", "84 in 2021"
    r"|\b(?:about|nearly|almost|roughly|around|over|under|more\s+than|less\s+than|fewer\s+than|at\s+least|"
    r"exactly|only|just)\s+half\b|(?<!first\s)(?<!second\s)\bhalf\s+(?:of\s+)?(?:the|all|them|those|its|their|these)\b"
    r"|\b(?:one|two|three)-(?:thirds?|quarters?|fifths?|tenths?)\b"
    r"|\b(?:a|one|two|three)\s+(?:thirds?|quarters?|fifths?|tenths?)\s+of\b"
    rf"|\b{_SMALL}\s+(?:in|out\s+of|of\s+every)\s+(?:every\s+)?{_SMALL}\b(?!\s*(?:years?|months?|days?))",
    re.IGNORECASE,
)
# A unit of time after a number ("3년", "180 days", 三年, "6개월"; not 2024년도, 3주년, 1일반)
_TIME_UNITS = (
    r"-?\s*(?:years?|months?|weeks?|days?|hours?|decades?)\b|년(?!도|대)|개월|달(?!러)|주(?:일|간)?(?!년|택)|"
    r"일(?!반|부|정|자|치|단|련|시|본|대)|시간|年|个月|日|天|小时"
)
# ... or of age: what no count is ("3년 이내", "16세")
_DURATION_AFTER = re.compile(rf"\s*(?:{_TIME_UNITS}|세(?![가-힣])|살|岁)", re.IGNORECASE)
# An age before its figure ("children as young as 10", "aged 15", "under the age of 18", "between the
# ages of 10 and 15"): no count of people
_AGE_BEFORE = re.compile(
    r"\b(?:[Aa]s\s+(?:young|old)\s+as|[Aa]ged(?:\s+(?:between\s+)?\d+\s*(?:and|to|-|–))?|"
    r"(?:age|ages)(?:\s+of)?(?:\s+(?:between\s+)?\d+\s*(?:and|to|-|–))?)\s*$"
)
# A number of times that is a rate or a multiple ("meets three times a year", "2 times the minimum wage"):
# no count of things (a count of times over no period, "was arrested three times", still is one)
_RATE_AFTER = re.compile(
    r"\s*times\s+(?:(?:a|an|per|each|every)\s+(?:year|month|week|day|quarter|decade)\b"
    r"|(?:as|higher|more|larger|greater|lower|less|smaller)\b"
    r"|(?:the|their|his|her|its)\s+(?:[\w-]+\s+)?(?:wages?|salar(?:y|ies)|amounts?|sizes?|numbers?|rates?|levels?"
    r"|prices?|averages?|incomes?|earnings|pay)\b)",
    re.IGNORECASE,
)
_DURATION_WORD_END = re.compile(r"(?:年|日|天|岁|hours?|days?|weeks?|months?|years?|decades?|해|달)$")
# "How much does a broker charge?" asks an amount; "How much does consent matter?" does not.
_HOW_MUCH_VERB = re.compile(r"\bhow\s+much\b", re.IGNORECASE)
# A quantity question asking a length of time or a measure, never a sum ("How long is paid leave?")
# a sum asked as such ("얼마씩", "how much"; not "얼마나 오래", "how much time")
_SUM_ASKED = re.compile(r"얼마(?!\s*(?:나|동안|간|만|전|후|뒤))|\bhow\s+much\b(?!\s+time)", re.IGNORECASE)
_NO_SUM = re.compile(
    r"\bhow\s+(?:long|old|far|often|tall|wide|high|deep)\b|얼마\s*(?:나\s*)?(?:동안|오래)|몇\s*(?:살|세(?!대))",
    re.IGNORECASE,
)
_AMOUNT_WORDS = re.compile(
    r"\b(?:cost|costs|pay|paid|pays|charge|charges|charged|fine|fined|earn|earns|earned|receive|receives|"
    r"received|get|gets|spend|spends|spent|worth|budget|allowance|compensation|money|dollars|won|yuan)\b",
    re.IGNORECASE,
)
_DATE_QUESTION = re.compile(
    # (not "몇 년에 한 번씩": how often)
    r"\b(?:what|which)\s+year\b|\bwhat\s+date\b|몇\s*년(?:도)?에(?!\s*(?:한|1)\s*(?:번|회|차례))|哪一?年",
    re.IGNORECASE,
)
# A day of the year asked in Korean: 며칠 after "every year" or a month ("'북한이탈주민의 날'은 매년
# 며칠인가요?", "몇 월 며칠에 ..."), a date; elsewhere 며칠 is a number of days ("며칠 안에", "최대 며칠까지")
_KO_DAY_OF_YEAR = re.compile(
    # asked as what it is ("며칠인가요", "며칠이에요", "며칠에 ...", a day's "매년 며칠로 정해져"), not how
    # many ("매년 며칠의 휴가", "매년 며칠 일해요", "며칠 동안", a leave's "매년 며칠로 정해져"); a day of
    # the month ("매월 며칠") is no date a passage's month holds
    r"(?:(?<![가-힣])(?:매년|매해|해마다)|몇\s*월)\s*며칠"
    r"(?=\s*(?:인|이[에었였예야죠]|입니|이던|에(?![가-힣])|[?？.]|$))"
    r"|(?:날|기념일)(?:은|는|이|가)?\s.*?(?:매년|매해|해마다)\s*며칠(?=로(?![가-힣]))"
    # a named day as the question's topic, asked what it is: "탈북민의 날이 법으로 따로 정해져 있다던데
    # 며칠이야?" (not "입국한 날부터 며칠 안에", "그날이 며칠 걸려", nor "체류할 수 있는 날은 며칠인가요?")
    r"|(?:의\s*날|기념일|날짜|일자)(?:은|는|이|가)(?![가-힣])[^?？]*?며칠(?=\s*(?:인|이[에었였예야죠]|입니|[?？.]|$))"
)
# "When did ...?", "When was ... adopted?": a past event asks for its time (a date); "When does
# trafficking carry ten years?" asks for a condition, and stays untyped
_PAST_WHEN = re.compile(r"(?<!since\s)\bwhen\s+(?:exactly\s+)?(?:did|was|were)\b", re.IGNORECASE)
# 언제 asking a time, not 언제까지 (a deadline), 언제부터 (since when), 언제나/언제든지 (always, any time),
# 언제라도, 언제쯤
_KO_WHEN = re.compile(r"언제(?!\s*(?:까지|부터|나|든|라도|쯤))")
_SENTENCE_END = re.compile(r"[?？.!。]")

# What may be a figure: digits (with their separators), a percentage, a number word. The digits are
# read first, one by one (`_not_a_figure`); the other kinds are a figure wherever they stand, so each
# of their families is only looked for: four searches take half the time of one alternation tried at
# every position of the passage (none of them matches a digit, a "." or a ",", so none hides in
# or behind digits). The Chinese and Korean families are looked for only in a passage holding a
# character each of their matches holds (a Chinese numeral, a Hangul syllable): a search for one
# character takes ~5 us, theirs 20-60 us over an English passage.
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_FIGURE_WORDS: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...] = (
    (None, re.compile(r"%|퍼센트")),
    # a vote's threshold: "재적의원 과반수의 찬성", "by a two-thirds majority", "a majority of the members
    # present and voting", 过半数通过 (not "the majority of trafficking occurs within China", nor a
    # "Majority Leader", nor "the age of majority")
    (
        None,
        re.compile(
            r"(?<![가-힣])과반수?(?:의)?\s*(?:찬성|출석|득표|동의|이상)|过半数(?:通过|同意|赞成)"
            r"|\b(?:by|with|of)\s+an?\s+(?:(?:simple|absolute|qualified|two-thirds|three-fourths|three-quarters)\s+)?"
            r"majority\b|\bmajority\s+of\s+(?:the\s+)?(?:(?:its|their)\s+)?(?:members|votes|judges|States\s+Parties"
            r"|representatives|those\s+present|the\s+members)\b"
        ),
    ),
    (
        re.compile(r"[一二三四五六七八九十百千万亿两]"),
        re.compile(
            r"(?<![第0-9一二三四五六七八九十百千万亿两])[一二三四五六七八九十百千万亿两]+\s*"
            r"(?:人|名|个|次|年|日|天|元|倍|周?岁|万|亿|以上|以下)"
        ),
    ),
    (
        None,
        _led(
            r"[pPtTfFsSeEnNhHmMbBdDoOaA]",
            r"\bper\s?cent\b|\bpercent"
            r"|\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|"
            r"(?:[Tt]hir|[Ff]our|[Ff]if|[Ss]ix|[Ss]even|[Ee]igh|[Nn]ine)teen|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|"
            r"[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety|[Hh]undreds?|[Tt]housands?|[Mm]illions?|[Bb]illions?|"
            r"[Dd]ozens?|[Tt]wice|[Hh]alf(?![-\u2010\u2011][A-Za-z]))\b"
            r"|\b[Oo]nly one\b|\b(?:[Oo]ne|an?)\s+(?:hour|day|week|month|year|decade)s?\b",
        ),
    ),
    # how many states must join a treaty before it binds: "the deposit of the twentieth instrument of
    # ratification or accession" (the treaties' entry-into-force articles), "the sixtieth instrument"
    (
        re.compile(r"(?i:instrument)"),
        re.compile(
            r"(?i:\b(?:[a-z]+-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
            r"|twelfth|[a-z]+teenth|[a-z]+tieth)\s+instrument\s+of\s+(?:ratification|accession))"
        ),
    ),
    (
        re.compile(r"[가-힣]"),
        re.compile(
            r"(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|수십|수백|수천|수만)\s*(?:명|개|곳|건|번|차례|가지|해|달|배)"
            r"|(?:[일이삼사오육칠팔구]?[십백천만억])+\s*(?:명|개|곳|건|원|퍼센트|달러)"
        ),
    ),
)
# Digits that are not a figure: a provision's or a list item's number, a footnote, a year, a date.
_PROVISION_BEFORE = _led(
    r"[AaSsPpCcTtRrNnU§제第조条]",
    r"(?:(?:\b(?:[Aa]rticles?|[Aa]rt\.|[Ss]ections?|[Ss]ec\.|[Pp]aragraphs?|[Pp]ara\.|[Ss]ubsections?|"
    r"[Cc]hapter|[Pp]art|[Tt]itle|[Rr]ule|[Aa]nnex|[Pp]rotocol|[Nn]os?\.|[Rr]esolution|U\.S\.C\.|[Tt]ier)"
    r"|§+|제|第)\s*\(?(?:\d+[A-Za-z]?(?:\(\d+\))?\s*(?:,|and|or|to|through|-|–)\s*)*"
    r"|조의\s*|条之)$",
)
_PROVISION_AFTER = re.compile(r"\s*(?:조|항|호|장|절|条|款|项|章|节|U\.S\.C\.)")
_LINE_START = re.compile(r"(?:^|\n)[ \t(]*$")
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_DAY_BEFORE = _led(r"[JFMASOND]", rf"\b(?:{_MONTHS})\s+$")
_DAY_AFTER = re.compile(rf"\s+(?:{_MONTHS})(?![A-Za-z])")
# a year followed by what it counts is a figure after all ("2023 people")
_COUNTED_AFTER = re.compile(
    r"\s*(?:%|percent|per cent|명|건|개|곳|원|달러|people|persons|individuals|defectors|refugees|women|men|"
    r"children|cases|workers|escapees|prisoners|victims|detainees|won|dollars|yuan)\b"
)
_YEAR_RANGE_BEFORE = re.compile(r"(?:1[6-9]|20)\d\d\s*[-–]\s*$")
# a date written in digits around the token ("2021.4.20", "2021. 4. 20.", "2021-04-20")
_DATE_PARTS = re.compile(r"\d{4}\s*[.-]\s*\d{1,2}\s*[.-]\s*\d{1,2}")
_MONTH_DAY_AFTER = re.compile(r"\s*(?:월|月|日)|\s*일")


# A word and a hyphen just before a number make it part of a name ("COVID-19", "G-20", "F-16", or with
# a Unicode hyphen, "COVID‑19"); a number before the hyphen ("15-49") is a span's
_NAMED_BEFORE = re.compile(r"(?<![\w\-\u2010\u2011])[A-Za-z]+[\-\u2010\u2011]$")


def _not_a_figure(text: str, start: int, end: int) -> bool:
    """Whether the digits at text[start:end] are a provision's, list item's or footnote's number, a
    year or a date rather than a figure."""
    token = text[start:end]
    before, after = text[max(0, start - 32) : start], text[end : end + 14]
    if _PROVISION_BEFORE.search(before) or _PROVISION_AFTER.match(after):
        return True
    if (before.endswith("[") and after.startswith("]")) or (before.endswith("(") and after.startswith(")")):
        return True
    if after[:1] in (".", ")") and len(token) <= 3 and _LINE_START.search(before):
        return True
    if after.startswith(". ") and len(token) <= 2 and "\uac00" <= after[2:3] <= "\ud7a3":
        return True  # "1. 북한주민의 ..." run into one line
    if _DAY_BEFORE.search(before) or _DAY_AFTER.match(after):
        return True
    if _NAMED_BEFORE.search(before):
        return True  # a name's number: COVID-19, G-20, F-16
    around = text[max(0, start - 12) : end + 12]
    if any(m.start() <= start - max(0, start - 12) < m.end() for m in _DATE_PARTS.finditer(around)):
        return True
    if (
        token.isdigit()
        and len(token) <= 2
        and _MONTH_DAY_AFTER.match(after)
        and ("월" in after[:3] or "月" in after[:2] or "월" in before[-4:] or "月" in before[-4:])
    ):
        return True  # 10월 12일, 10月
    if token.isdigit() and len(token) <= 2 and _YEAR_RANGE_BEFORE.search(before):
        return True  # the end of a span of years: 2023-24, 1950-53
    year = token.isdigit() and len(token) == 4 and 1600 <= int(token) <= 2099
    return year and not _COUNTED_AFTER.match(after)


# What answers a duration question: a number (digits, words, Han or Hangul numerals) and a unit of time
_TIME_UNIT_AFTER = re.compile(rf"\s*(?:{_TIME_UNITS})", re.IGNORECASE)
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a|an|"
    r"several|few|many|half\s+a)"
)
_TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|decades?)"
_DURATION_WORDS = _led(
    r"[\dOoTtFfSsEeNnHhAaMm한두세네다여일아열반이삼사오육칠팔구십주흘보나一二三四五六七八九十百两半]",
    rf"\b{_NUMBER_WORD}(?:[\s-]+(?:and\s+a\s+half|more|additional|consecutive|full))?[\s-]+{_TIME_UNIT}\b"
    rf"|\b\d+(?:\.\d+)?-{_TIME_UNIT}\b|\bfortnight\b"
    r"|(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:해|달)|반\s*년|(?:일|이|삼|사|오|육|칠|팔|구|십)\s*(?:년|개월)(?![가-힣])"
    r"|일주일|열흘|사흘|나흘|보름|[一二三四五六七八九十百两半]+\s*(?:年|个月|日|天|小时)",
    re.IGNORECASE,
)
# A sum written as a multiple or a fraction of another ("월최저임금액의 100배", "three times the monthly
# wage")
_MULTIPLE_SUM = (
    r"(?:액|금|임금|\))의\s*\d+\s*배|\d+\s*배\s*(?:상당|에\s*(?:상당|해당)하는\s*금액)|"
    r"(?:액|금|임금|금품)의\s*\d*\s*천?\s*분의\s*\d+|분의\s*\d+\s*(?:에\s*(?:상당|해당)하는\s*금액|상당액)|"
    r"\d\s*times\s+(?:(?:their|the|his|her|a|its)\s+)?(?:(?:monthly|annual|yearly|daily|average|minimum|basic)\s+)?"
    r"(?:salar(?:y|ies)|wages?|income|pay)\b"
)
# What answers an amount question: a currency sign, code or word by a number, or a multiple of a sum
# ("월최저임금액의 100배")
_MONEY = _led(
    r"[$₩¥€£\d一二三四五六七八九十百千万亿两일이삼사오육칠팔구십백천액금임)분]|\b[UuKkEeRrCcJjOoTtFfSsNnHhAaMm]",
    r"[$₩¥€£]\s*\d|\d\s*(?:[$₩¥€£]|(?:(?:thousand|million|billion|trillion)\s+)?(?:US\s+)?(?:dollars?|won|yuan|"
    r"euros?|renminbi|RMB|KPW|KRW|USD)\b)|\b(?:US|U\.S\.)\$|"
    r"\d\s*(?:천|만|억|조)?\s*(?:천|만|억)?\s*(?:원(?!칙|인|장|회|고|래|자|리|형|본|문|조|소)|달러|위안|유로|엔)|"
    r"\b(?:KRW|USD|EUR|RMB|CNY|KPW|JPY)\s*\d|"
    r"\d\s*(?:(?:thousand|million|billion)\s+)?(?:North\s+Korean|South\s+Korean|Korean|U\.S\.|American|Chinese|"
    r"Japanese)\s+(?:dollars?|won|yuan|yen)\b|\d\s*yen\b|"
    rf"\b{_NUMBER_WORD}\s+(?:(?:hundred|thousand|million|billion)\s+)?(?:U\.S\.\s+)?(?:dollars|won|yuan|euros|yen)\b|"
    r"[\d一二三四五六七八九十百千万亿两]\s*(?:万|亿)?\s*元|(?:[일이삼사오육칠팔구십백천]+만|\d+만)\s*원|"
    # a Korean statute's sum as a multiple or a fraction of another: "월최저임금액(...)의 200배 상당액",
    # "임금의 2분의 1", "기본연금액의 1천분의 250에 해당하는 금액"
    + _MULTIPLE_SUM,
    re.IGNORECASE,
)
# (the multiples alone, to tell a sum written in a currency from them: `tells_written_sum`)
_MULTIPLE = re.compile(_MULTIPLE_SUM, re.IGNORECASE)


# a month name only capitalised ("may apply" and "march" are no dates)
_DATE = _led(
    r"[\dJFMASOND]",
    r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|\d{1,2}\s*[월月]",
)


# A question for the person who holds or held a post: its first, current or former holder, who held it,
# or who replaced, succeeded or founded someone or something (nineteen sets' fit halves and audit 20's,
# 2026-12-05: "who held", 누가 맡았 and 누구였 refused two unanswerable questions more, nothing lost;
# 누가 맡고 있 with 지금, 현재 or 이름, who holds it now, one more on the thirty-five sets' fit halves,
# 2026-12-06).
# Not "Who appoints the chair?" or "Who heads the council?", which a law answers with a post ("the
# Minister of Unification").
_OFFICE_HOLDER_EN = re.compile(
    r"^\W*who\s+(?:is|was)\b[^?]{0,60}?\b(?:first|current|present|inaugural|founding)\b"
    r"|^\W*who\s+(?:replaced|succeeded|preceded|founded)\b"
    r"|^\W*who\s+(?:holds|held|heads|chairs|leads)\b[^?]{0,60}?\b(?:now|currently|today|at\s+present)\b"
    r"|^\W*who\s+(?:now|currently|presently)\s+(?:holds|heads|chairs|leads|runs|serves\s+as)\b"
    # a post named, then now: "Who is the UN special rapporteur on torture right now?"
    r"|^\W*who\s+is\s+the\b[^?]{0,50}?\b(?:rapporteur|envoy|chair(?:man|person|woman)?|president|minister|"
    r"director|ambassador|commissioner|secretary|judge|head)\b"
    # (no clause between: not "Who is the minister that the Act now requires to report?")
    r"(?:(?!\b(?:that|who|whom|which|under|by|whose)\b)[^?]){0,40}?\b(?:right\s+now|now|currently|today|"
    r"at\s+present)\b"
    r"|^\W*who\s+was\s+(?:appointed|elected|named)\b"
    r"|^\W*who\s+held\b"
    # the holder of a post the thread names: "Who's in that job right now?"
    r"|^\W*who(?:'s|’s|\s+is)\s+(?:in|holding|filling)\s+"
    r"(?:(?:that|this)\s+(?:job|post|position|role|office|seat)|the\s+(?:post|position))\b",
    re.IGNORECASE,
)
_POSTS_KO = r"장관|위원장|이사장|대사|보고관|대통령|총장|센터장|대표|의장|회장|소장|원장|특사|임명된\s*사람"
_OFFICE_HOLDER_KO = re.compile(
    rf"(?:초대|처음|최초|현재|지금|역대|후임|전임|(?<![가-힣])현(?=\s)(?!\s*(?:규정|법|제도|행|재)))[^?]{{0,30}}?(?:{_POSTS_KO})[^?]{{0,10}}?누(?:구|가(?!\s*(?:임명|위촉|선출|추천|정하|되|맡게)))"
    rf"|(?:{_POSTS_KO})[^?]{{0,10}}?(?:누구였|누가\s*맡았)"
    # the post first, then now: "북한인권재단 이사장 지금 누구야?"
    rf"|(?:{_POSTS_KO})(?![국관단])[^?]{{0,6}}?(?:현재|지금)\s*누(?:구|가)"
    # now, then whoever holds the post: "지금 그 위원장을 맡고 있는 사람은 누구인가요?", "지금 그 자리에
    # 임명되어 있는 사람은 누구인가요?"
    # (the post or the place named: not "지금 신변보호를 맡고 있는 사람은 누구인가요?", a law's post)
    rf"|(?:현재|지금)[^?]{{0,30}}?(?:{_POSTS_KO}|자리|직)[^?]{{0,8}}?(?:맡고|임명되어|위촉되어|재임하고)\s*있는\s*"
    r"(?:사람|분)(?:[은는이가]?\s*누구|의\s*이름)"
    # the name of the post's holder, the post a word of its own: "서울사무소 소장 이름이 뭐예요?" (not
    # "회의장 이름이 뭐예요?", a room)
    rf"|(?<![가-힣])(?:{_POSTS_KO})(?![국관단])\s*(?:의\s*)?이름[은는이]?\s*(?:뭐|무엇)"
)
# who holds it now, said as such: "센터장은 지금 누가 맡고 있어? 이름 알려줘" (not "위원장은 누가 맡고
# 있나요?", which a law answers with a post: "위원장은 교육부장관이 되고"; nor 대사관, 의장국)
_HOLDING_NOW_KO = re.compile(rf"(?:{_POSTS_KO})(?![국관단])[^?]{{0,10}}?누가\s*맡고\s*있")
_NOW_KO = re.compile(r"현재|지금|이름")


def asks_office_holder(question: str) -> bool:
    """Whether the question asks who holds or held a post ("Who is the current UN Special
    Rapporteur?", "Who replaced Salmón?", "Who held the post before Salmón?", "북한인권재단의 초대
    이사장은 누구인가?", "초대 이사장은 누가 맡았나요?", "위원장은 누구였어?", "지금 통일부 장관이
    누구예요?"): a name, which no law or treaty gives (they say how a post is filled, never by whom).
    Questions about who fills a post by law ("Who appoints the chair?", "위원장은 누가 되나요?", "초대
    위원장은 누가 임명하나요?") are not such questions."""
    return bool(
        _OFFICE_HOLDER_EN.search(question)
        or _OFFICE_HOLDER_KO.search(question)
        or (_HOLDING_NOW_KO.search(question) and _NOW_KO.search(question))
    )


# A count question for a part of a figure it gives: "How many of the 23 hospitals ...?", "Of the 283
# forced returns ..., how many ...?", "Among 1,170 detainees, how many ...?", "1,170명 가운데 ... 몇 명",
# "600여 명 중 여성은 몇 명". The figure is a written number (not part of a decimal, not "3만"), not a
# year alone in English ("How many of the 1951 signatories ...?"); a ratio ("10명 중 8명") asks none.
_FIGURE = r"(?<![\d.,])(?P<figure>\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d|\s*만)"
_ABOUT = r"(?:(?:about|some|nearly|roughly|around|approximately|up\s+to|over|almost|more\s+than)\s+)?"
_PART_OF_EN = (
    re.compile(
        rf"\bhow\s+many\s+(?:of|out\s+of|among)\s+(?:(?:the|those|these)\s+)?{_ABOUT}{_FIGURE}", re.IGNORECASE
    ),
    re.compile(
        rf"(?:^|[.;:,]\s*)(?:of|among|out\s+of)\s+(?:(?:the|those|these)\s+)?{_ABOUT}{_FIGURE}[^?]*?,?\s*"
        r"how\s+many\b",
        re.IGNORECASE,
    ),
)
_PART_OF_KO = re.compile(
    rf"{_FIGURE}\s*여?\s*(?P<unit>명|건|곳|개|가구|척|개국)?\s*(?:가운데서?|중에서|중에|중)(?![가-힣])"
    r"(?![^?]*?\d+\s*(?:명|건|곳|개|가구|척|개국))[^?]*?몇"
)
_YEAR_ALONE = re.compile(r"(?:1[6-9]|20)\d\d")


def asks_part_of(question: str) -> str:
    """The figure (as written, "1,170") a count question asks a part of: "Of the 283 forced returns
    analysed by Safeguard Defenders, how many were from Thailand?", "How many of the 23 psychiatric
    hospitals ... are in Xinjiang?", "1,170명 가운데 지린성 시설에 갇힌 사람은 몇 명인가요?"; "" for
    any other question (an English year alone is no such figure). Such a part is told beside its
    whole ("Of the 600 returned, 400 were women"): every such count question of the seventeen
    question sets (6, in both halves) is one the collection does not answer, while a passage gives
    the whole and other counts of other things (`index.engine.TypedReading`; audit 16's answerable
    ko-379, "600명 가운데 ... 누구야?", asks a name)."""
    found = [m for pattern in (*_PART_OF_EN, _PART_OF_KO) for m in pattern.finditer(question)]
    for m in sorted(found, key=lambda m: m.start()):
        figure = m.group("figure")
        counted = m.re is _PART_OF_KO and m.group("unit")
        if counted or not _YEAR_ALONE.fullmatch(figure):
            return figure
    return ""


# A count or share asked of a part of those the question names, the part named by a group of people:
# "How many of the escapees who arrived in 2023 were women?", "탈북민 가운데 여성은 몇 명", "여성은 몇
# 퍼센트" (`counted_group`); not the group as what is counted ("how many women were selling sex ...?":
# a passage may name them otherwise, "500 prostitutes")
_GROUPS_EN = r"women|men|children|girls|boys|minors|females|males"
_GROUPS_KO = r"여성|남성|여자|남자|아동|어린이|청소년|미성년자"
_COUNTED_GROUP = (
    re.compile(
        rf"\bhow\s+many\b[^?]*?\b(?:were|are|was|is)\s+(?P<group>{_GROUPS_EN})\b",
        re.IGNORECASE,
    ),
    re.compile(rf"(?:가운데|중에|중)\s*(?P<group>{_GROUPS_KO})(?:은|는|이|가)\s*(?:몇|얼마)"),
    re.compile(rf"(?P<group>{_GROUPS_KO})(?:은|는|이|가)?\s*몇\s*(?:퍼센트|%)"),
)
# The words a source may name each group by ("male 826,175/female 1,590,281" in the Factbook)
_GROUP_WORDS = {
    "women": ("women", "woman", "female", "females"),
    "females": ("women", "woman", "female", "females"),
    "girls": ("girls", "girl", "female", "females"),
    "men": ("men", "man", "male", "males"),
    "males": ("men", "man", "male", "males"),
    "boys": ("boys", "boy", "male", "males"),
    "children": ("children", "child", "minors", "minor"),
    "minors": ("minors", "minor", "children", "child"),
    "여성": ("여성", "여자"),
    "여자": ("여자", "여성"),
    "남성": ("남성", "남자"),
    "남자": ("남자", "남성"),
    "아동": ("아동", "어린이", "미성년자"),
    "어린이": ("어린이", "아동"),
    "미성년자": ("미성년자", "아동"),
}


def counted_group(question: str) -> tuple[str, ...]:
    """The words a source may name the group of people by that a count or share question counts a part
    of ("women", "woman", "female", "females"; "여성", "여자"); () when it counts no such group. The
    figure for the group is told beside the group's name ("... of whom 150 were women", "male
    826,175/female 1,590,281"); a sentence giving the whole ("Only 196 arrived during the year")
    tells no part of it."""
    for pattern in _COUNTED_GROUP:
        found = pattern.search(question)
        if found is not None:
            group = found.group("group").lower()
            return _GROUP_WORDS.get(group, (group,))
    return ()


def holds_figure(text: str, figure: str) -> bool:
    """Whether `text` writes the number `figure` ("1,170" or "1170" either way), not as part of a
    longer number."""
    grouped = _grouped(figure.replace(",", ""))
    return re.search(rf"(?<![\d.,]){grouped}(?![\d]|[.,]\d)", text) is not None


def _grouped(digits: str) -> str:
    """A pattern for `digits` written with or without thousands commas ("1170" -> "1,?170")."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ",?".join(groups)


def asks_rate(question: str) -> bool:
    """Whether the question asks a rate (`_RATE_QUESTION`: "What is the infant mortality rate?",
    "취업률은 요즘 얼마나 돼요?")."""
    return _RATE_QUESTION.search(question) is not None


def asks_written_sum(question: str) -> bool:
    """Whether an amount question asks the sum itself, as a currency writes it (`_WRITTEN_SUM`: "in won",
    "정확히 얼마", "실제로 얼마", "몇 만 원"): a sum a law gives as a multiple of another ("월최저임금액의
    100배") does not answer it."""
    return _WRITTEN_SUM.search(question) is not None


def tells_written_sum(text: str) -> bool:
    """Whether the text holds a sum written in a currency (`_MONEY`), not only as a multiple or a
    fraction of another (`_MULTIPLE_SUM`)."""
    return any(_MULTIPLE.fullmatch(m.group()) is None for m in _MONEY.finditer(text))


def asked_type(question: str) -> AnswerType | None:
    """The answer type a question asks for: "a birth" for when or where a person was born
    (`_BIRTH_QUESTION`), else as `_asked_type` reads it."""
    return "a birth" if _BIRTH_QUESTION.search(question) else _asked_type(question)


def _asked_type(question: str) -> AnswerType | None:
    """The answer type a question asks for: "a count" for a number of things ("how many people", "몇 곳", a
    question in keywords starting "total number of ...": a duration or an age does not answer it), "a
    duration" for a length of time ("임기는 몇 년", "몇 주 과정", "how many years"), "an amount" for a sum
    of money ("예산은 얼마", "hourly minimum wage", "What do brokers charge ...?": `_WHAT_SUM`), "a
    percentage" for a share ("what percentage", "몇 퍼센트", "비율은 얼마", "What is the recognition
    rate?"), "an amount, not a fine" for a sum a penalty does not give (a grant, a reward, a wage), "a
    figure" for another count, share or measure, "a date" for a year ("in what year", "몇 년에"), a day of
    the year ("매년 며칠", "몇 월 며칠": `_KO_DAY_OF_YEAR`) or the time of a past event ("When did ...?",
    "언제 ...됐나요?"), "a frequency" for how often ("how often", "1년에 몇 번", "주기":
    `_FREQUENCY_QUESTION`), "a sentence" for the sentence or verdict a court gave ("What prison sentence did
    X receive?": `_SENTENCE_QUESTION`), "a phone number or e-mail address" for a number to call or an
    address to write to (`_PHONE_QUESTION`; read first: "전화번호가 몇 번이에요?" asks no count), "a
    document or case number" for a UN document's symbol or a court case's number
    (`_DOCUMENT_NUMBER_QUESTION`), "a place" for where a body or a place is ("하나원은 어느 지역에 있나요?":
    `_PLACE_QUESTION`), None for any other question. A question asking both ("how many, and in what year?",
    "how many, and what percentage?") asks for a figure."""
    if _PHONE_QUESTION.search(question):
        return "a phone number or e-mail address"
    if _DOCUMENT_NUMBER_QUESTION.search(question) and not (
        _COUNT_QUESTION.search(question) or _asks_date(question)
    ):
        return "a document or case number"  # (a count or a date asked of one is asked below)
    if _PLACE_QUESTION.search(question) and not (
        _COUNT_QUESTION.search(question) or _NOT_A_PLACE_ASKED.search(question)
    ):
        return "a place"
    dated = _asks_date(question)
    if _KO_DAY_OF_YEAR.search(question):
        # (its 며칠 is no number of days)
        dated, question = True, _KO_DAY_OF_YEAR.sub(" ", question)
    if _SENTENCE_QUESTION.search(question) and not dated and not _COUNT_QUESTION.search(question):
        return "a sentence"
    often = _FREQUENCY_QUESTION.search(question)
    if often and not dated:
        # asked beside another quantity ("How often ..., and how many were counted?"): a figure
        rest = question[: often.start()] + " " + question[often.end() :]
        other = _COUNT_QUESTION.search(rest) or _PERCENTAGE_QUESTION.search(rest) or _asks_money(rest)
        return "a figure" if other else "a frequency"
    if _PERCENTAGE_QUESTION.search(question) and not dated:
        # (asked with a count, "How many arrived and what percentage were women?", it asks a figure)
        return "a figure" if _COUNT_ONLY.search(question) else "a percentage"
    if _RATE_QUESTION.search(question) and not dated:
        return "a figure"
    if _COUNT_QUESTION.search(question):
        if dated:
            return "a figure"
        if _DURATION_QUESTION.search(question):
            # (asked beside a sum, "한 달에 얼마씩, 최대 몇 개월까지", a figure)
            return "a figure" if _asks_money(question) and _SUM_ASKED.search(question) else "a duration"
        if _COUNT_ONLY.search(question):
            return "a count"
        # (a length of time or a measure is no sum, whatever it names: "How long is paid maternity
        # leave?")
        return _amount(question) if _asks_money(question) and not _NO_SUM.search(question) else "a figure"
    if _HOW_MUCH_VERB.search(question) and _AMOUNT_WORDS.search(question):
        # "How much does a broker charge?"; not "How much did North Korea receive in aid?"
        return _amount(question) if _asks_money(question) else "a figure"
    if _WHAT_SUM.search(question):
        return _amount(question)
    if dated:
        return "a date"
    if _PENALTY_QUESTION.search(question):
        return "a penalty"
    return None


# A sum of money asked without "how much": what something costs or someone charges, a typical price
# ("What do brokers usually charge to get a woman out through Laos?", "typical broker fee to get a
# defector from china to thailand?": a sum answers them, not a passage on brokers)
_WHAT_SUM = re.compile(
    # (charge or cost a verb: not after a determiner, "What does the cost of a broker include?", "What does
    # a charge of illegal border crossing carry?"; not "cost-benefit"; not charged with or under a crime,
    # "What did prosecutors charge the broker under?", unless a purpose comes first, "to travel with")
    r"\bwhat\s+(?:do|does|did|would|will|can|could|must)\s+(?:[\w'’-]+\s+){0,5}?"
    r"(?!(?:the|a|an|its|their|this|that|any|each)\s)[\w'’-]+\s+(?:charge|cost)\b(?!-)"
    r"(?!(?:\s+(?!to\b)[\w'’-]+){0,6}\s+(?:with|under)\b)"
    # (a typical price; not "the usual charge against returned defectors", a crime)
    r"|\b(?:typical|average|usual)\s+(?:[\w-]+\s+)?(?:fees?|prices?|costs?|wages?|salar(?:y|ies))\b",
    re.IGNORECASE,
)


# A question asking for a time limit: "What is the deadline ...?", "Within what time limit ...?", "결정
# 기한은?", "언제까지 ...?" ("How long ...?", "며칠 안에" ask a figure or a duration already:
# `asked_type`; not "within what framework", nor 무기한, "indefinite")
_DEADLINE_QUESTION = re.compile(
    r"\bdeadlines?\b|\btime[\s-]*(?:limits?|frames?)\b|\bwithin\s+what\s+(?:time|period)\b"
    r"|(?<!무)기한|언제까지",
    re.IGNORECASE,
)


def marked_type(question: str) -> AnswerType | None:
    """The answer type whose sentences the evidence marks first (`index.evidence.best_sentences`):
    the one the question asks (`asked_type`), else "a duration" for a question asking a time limit
    ("What is the deadline for ...?", "기한은?": the sentence giving the period, "... 6개월 안에 하여야
    한다", not the one naming the deadline). Only the marking reads it: whether the question is
    answered does not."""
    asked = asked_type(question)
    if asked is None and _DEADLINE_QUESTION.search(question):
        return "a duration"
    return asked


def _asks_date(question: str) -> bool:
    """Whether a question asks for a date: "in what year", "몇 년에", or when a past event happened
    ("When did China sign ...?", "언제 설립됐나요?": 언제 before a verb in the past tense, a syllable
    ending in ㅆ; not "언제까지", a deadline, nor "언제 신청하나요?")."""
    if _DATE_QUESTION.search(question) or _PAST_WHEN.search(question):
        return True
    m = _KO_WHEN.search(question)
    if m is None:
        return False
    end = _SENTENCE_END.search(question, m.end())
    clause = question[m.end() : end.start() if end is not None else len(question)]
    # (a wish is no past: "알려주셨으면", "했으면 좋겠어요")
    return any(_past_syllable(ch) and not clause.startswith("으면", i + 1) for i, ch in enumerate(clause))


def _past_syllable(ch: str) -> bool:
    """Whether `ch` is a Hangul syllable whose final consonant is ㅆ (했, 됐, 었, 였, 졌: the past
    tense's -었-), by its Unicode composition (final index 20 of 28); not 있 ("to be", "일할 수
    있나요") nor 겠 (a conjecture)."""
    code = ord(ch) - 0xAC00
    return 0 <= code < 11172 and code % 28 == 20 and ch not in "있겠"


# What the answer types added since the stored answer models were fitted read on their own
# ("얼마나 걸리나요": a duration), removed before asking whether the fitted typing asked a quantity
_SINCE_FIT = re.compile(r"얼마나\s*걸(?:리|려|릴|립|렸)")


def profiled_type(question: str, asked: AnswerType | None) -> AnswerType | None:
    """The answer type the stored answer models' question profiles read for a question asking for
    `asked` (`asked_type`), so that they read it close to how they were fitted. They were fitted
    (2026-12-02 01:29) when a question asked for "a figure" or "a date" only; "a count" came after
    and is kept (read as "a figure" instead, 1 of the 897 set questions changes: en-050, still no
    answer passage). A duration, an amount or a percentage reads as "a figure" where the question asks
    a quantity the way the typing then knew (`_COUNT_QUESTION`, "how much ... cost"), else as None
    (no answer type: "What is the unemployment rate?", "얼마나 걸리나요?"); a date reads as "a date"
    only when asked as "in what year" or "몇 년에", not as "When did ...?" or "언제 ...됐나요?".
    `index.answerability.profile_eligible` applies it. "a birth" came after too, and reads as the
    question read before it (`_asked_type`); so did a rate asked as a figure (`_RATE_QUESTION`), which
    reads as "a figure", and "a penalty", which reads as untyped."""
    if asked == "a birth":
        asked = _asked_type(question)
    if asked is None or asked in ("a count", "a figure"):
        return asked
    if asked == "a date":
        return asked if _DATE_QUESTION.search(question) else None
    stripped = _SINCE_FIT.sub(" ", question)
    if not re.search(_KO_FITTED_LENGTH, stripped):
        stripped = re.sub(_KO_LENGTH_OF_TIME, " ", stripped)
    quantity = _COUNT_QUESTION.search(stripped) or (
        _HOW_MUCH_VERB.search(stripped) and _AMOUNT_WORDS.search(stripped)
    )
    return "a figure" if quantity else None


def _amount(question: str) -> AnswerType:
    """ "an amount, not a fine" for a question naming a sum that is no penalty (a grant, a reward, a
    wage, a budget: `_NOT_FINE_SUMS`) and no fine; else "an amount" ("How much must an employer pay
    for illegally hiring a foreigner?" asks for a fine without the word)."""
    if _NOT_FINE_SUMS.search(question) and not _FINE_WORDS.search(question):
        return "an amount, not a fine"
    return "an amount"


def _asks_money(question: str) -> bool:
    """Whether a quantity question asks for a sum of money: it names one ("wage", "fee", "예산") and
    asks for no share, part, change or multiple of it ("How much of the budget ...?", "몇 배")."""
    return _MONEY_WORDS.search(question) is not None and _SHARE_QUESTION.search(question) is None


# A length of time that is how often something recurs, not how long it lasts: "3년마다" (every three
# years), "매 3년", "every five years", "每三年", "每隔三年" (not "for each 3 years of service")
_INTERVAL_AFTER = re.compile(r"\s*마다")
_INTERVAL_BEFORE = re.compile(r"(?:\bevery\s+|每(?:隔)?\s*|(?<![가-힣])매\s*)$", re.IGNORECASE)


def _interval(text: str, start: int, end: int) -> bool:
    """Whether the length of time written at text[start:end] ("3년", "five years") is an interval
    (`_INTERVAL_AFTER`, `_INTERVAL_BEFORE`): how often, which answers no "how long"."""
    return bool(_INTERVAL_AFTER.match(text, end) or _INTERVAL_BEFORE.search(text[max(0, start - 8) : start]))


def holds_type(text: str, kind: str, given: Collection[str] = ()) -> bool:
    """Whether a passage's text holds an answer of the `kind` (an `AnswerType`; see the module
    docstring). A figure whose digits are among `given` (the numbers the question states, without
    separators: "1170" for "1,170"; for a date, the years it names an instrument by, "the 1951 Refugee
    Convention") is the question's own, not an answer to it."""
    if kind == "a date":
        return any(m.group() not in given for m in _DATE.finditer(text))
    if kind == "a frequency":
        return _FREQUENCY.search(text) is not None
    if kind == "a sentence":
        return _SENTENCING.search(text) is not None
    if kind == "a birth":
        return _BIRTH.search(text) is not None
    if kind == "a penalty":
        return _PENALTY.search(text) is not None
    if kind == "a place":
        # (a country as a place, not in a word for its people, "North Korean defectors"; in Korean
        # text, only in a locative: `_place_ko`)
        if _PLACE_EN.search(text) or _place_ko().search(text):
            return True
        return not has_hangul(text) and bool(places_in(text))
    if kind == "a document or case number":
        return _DOCUMENT_NUMBER.search(text) is not None
    if kind == "a phone number or e-mail address":
        return _phone_in(text)
    if kind == "an amount":
        return _MONEY.search(text) is not None
    if kind == "an amount, not a fine":
        for m in _MONEY.finditer(text):
            start = m.start()
            while start > 0 and text[start - 1] in _NUMERALS:
                start -= 1  # the sum's whole number ("5,000 won", 五千元), not its last digit
            if not (
                _FINE_AFTER.match(text, m.end())
                or _FINE_BEFORE.search(text, max(0, start - 30), start)
                or _ZH_FINE_BEFORE.search(text, max(0, start - 12), start)
            ):
                return True
        return False
    if kind == "a percentage":
        for m in _PERCENTAGE.finditer(text):
            number = _DIGITS.match(m.group())
            if number is None or number.group().replace(",", "") not in given:
                return True
        return False
    if kind == "a duration":
        return any(not _interval(text, w.start(), w.end()) for w in _DURATION_WORDS.finditer(text)) or any(
            (unit := _TIME_UNIT_AFTER.match(text, m.end()))
            and not _interval(text, m.start(), unit.end())
            and not _not_a_figure(text, m.start(), m.end())
            and m.group().replace(",", "") not in given
            for m in _DIGITS.finditer(text)
        )
    count = kind == "a count"
    for m in _DIGITS.finditer(text):
        if (
            not _not_a_figure(text, m.start(), m.end())
            and m.group().replace(",", "") not in given
            and not (
                count
                and (
                    _DURATION_AFTER.match(text, m.end())
                    or _RATE_AFTER.match(text, m.end())
                    or _AGE_BEFORE.search(text, max(0, m.start() - 40), m.start())
                )
            )
        ):
            return True
    if not count:
        return any(
            (guard is None or guard.search(text)) and words.search(text) for guard, words in _FIGURE_WORDS
        )
    return any(
        (guard is None or guard.search(text))
        and any(
            not (
                _DURATION_WORD_END.search(w.group().rstrip())
                or _DURATION_AFTER.match(text, w.end())
                or _RATE_AFTER.match(text, w.end())
            )
            for w in words.finditer(text)
        )
        for guard, words in _FIGURE_WORDS
    )
