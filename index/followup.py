"""Whether a question stands alone or leans on the earlier questions of its conversation.

A person reading a thread takes "Does it also protect their privacy?" together with the question before
it, but reads "How many Japanese abductees has North Korea never sent home?" on its own, whatever was
asked earlier. `read_question` makes that call from the question's own words, without a model:

- pronouns and demonstratives that point back ("it", "they", "that deadline", "such a person",
  "there", "a similar rule", "Can that be extended?"; Korean 그, 그것, 거기, 그해, 이런 among the first
  words, and 같은, 동일한 or 똑같은 opening the question before a document, article or event, "the same
  ..." (같은 보고서에서 ...); Chinese 它, 他们, 这些);
- openings that continue a thread ("And ...", "What about ...", "Also ...", "Same ...", 그럼, 그러면,
  또; 那么);
- ellipsis: a short fragment with no question word ("In 2022?", "For women?"), a Korean fragment
  ending in 은요/는요 ("그럼 2019년에는요?") or in a bare condition ("비밀을 누설하면요?", "what if ..."),
  an infinitive left without its object at the end ("Is there a time limit to file?"), "the one"
  said of something named before ("under the one banning South Korean culture");
- a short Korean question about something left unsaid: a bare common noun as its topic with nothing
  it belongs to ("임기는 몇 년이에요?", the term of office of whom), or a bare condition asking what
  follows ("신고 안 하면 어떻게 되나요?", who fails to report what) (`_ko_elliptical`);
- a relational noun or verb left without what it relates to: "Are there any exceptions?" (to what),
  "What reason does Beijing give?" (for what), "How did the UN respond?", 예외가 있나요?, 이유는?;
  "each member's term" in a question naming no body (`_MEMBER`: a member of what);
- a Korean noun with 도 ("also") near the start: "난민신청자도 포함되나요?" (as well as whom);
- a definite noun phrase naming again what the last question named: "Has China signed the
  convention?" after a question about the Refugee Convention (`read_question`: it needs the history).

Expletive and existential uses are not cues ("Is it true that ...", "Is there a ...", "those who ...",
"this year"), nor is "that" introducing a clause ("say that ..."). A question that opens by changing
the subject ("Unrelated, but ...", "By the way ...", 근데, 한편) stands alone unless it still points back.

A dependent question is read with the last earlier question, and with the one before that too when
the last one itself depended on it (a chain of follow-ups), at most `MAX_READ_WITH` questions.

A follow-up may name its year relative to an earlier question's ("And the year before?", 이듬해):
`relative_year` finds the words and by how much, `asked_year` the year they count from.

Everything here is pure: the same question and history always give the same reading (Kiwi, the
analyzer's Korean tagger, tells a particle 도 from the end of a word).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.kiwi import get_kiwi
from index.question import year_ends

MAX_READ_WITH = 2  # earlier questions a follow-up is read with, at most


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- English -----------------------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d[\d,.]*")
_PRONOUNS = _words("it its itself they them their theirs themselves he him his himself she her hers herself")
# "it" that points at nothing: "is it true that ...", "is it legal to ...", "it takes ...".
_EXPLETIVE_AFTER_IT = _words(
    """true false possible impossible legal illegal lawful unlawful necessary required allowed permitted
    forbidden prohibited likely unlikely known the a an common usual normal easy hard difficult safe
    dangerous right wrong mandatory compulsory enough worth still take takes took mean"""
)
_GENDERED = _words("he him his himself she her hers herself")
_PLURAL = _words("they them their theirs themselves")
_OBJECTS = _words("it them him")  # "her" is also a possessive
_SOMEONE = _words("someone somebody anyone anybody everyone everybody person people")
_ARTICLES = _words("a an the every any each another")
_HUMAN = _words(
    """man woman person child girl boy wife husband mother father daughter son spouse victim defector
    refugee migrant applicant official rapporteur envoy president minister judge officer citizen
    national escapee worker survivor witness member individual foreigner student"""
)
_NOT_NOUNS = _words("is was does has this its his hers yes less unless across thus as us")
# A preposition before "that" makes it a pronoun ("for that", "about that"); "in that", "so that",
# "now that", "given that" and "except that" introduce clauses instead.
# "that" after these opens a clause, whatever follows it: "say that fine ...", "require that punishment"
_CLAUSE_BEFORE_THAT = _words(
    """say says said require requires required true mean means meant claim claims claimed report reports
    reported state states stated argue argues argued believe believes know knows clear likely possible
    show shows showed find finds found note notes noted suggest suggests suggested ensure ensures insist
    insists provide provides provided stipulate stipulates"""
)
_BEFORE_THAT = _words(
    "for about of on to with from after before since by under against like than during within through into"
)
# "that" after one of these is the subject (a question's own clause aside: "If China returns them, does
# that violate the Convention?", `_IF_CLAUSE`): before a verb or an adverb of `_AFTER_SUBJECT_THAT`
# anywhere ("How does that compare ...?", "Is that still the law?"), and before anything when it opens
# the question (`_SUBJECT_THAT_AT`: "Can that be extended?", "Is that any different for ...?"; later
# on, "..., but is that any different for children?" points inside the question). The opening reading
# since 2026-12-07: on the fit halves of the 149 sets it read 6 more follow-ups with their thread, and
# no question asked alone more carries a cue
_AFTER_SUBJECT_THAT = _words(
    """compare apply include mean cover matter happen change differ affect work count hold require
    allow protect violate extend exist remain still also really not changed happened applied affected
    included worked counted held required allowed protected violated extended existed remained been"""
)
_SUBJECT_THAT_AT = 1  # the word "that" may be at, from 0: "Can that ...", "Is that ..."
_AUXILIARIES_BEFORE_THAT = _words(
    "does do did is was are were has have had will would can could should may might"
)
# "If China returns them, does that violate the Convention?": "that" is the question's own clause
_IF_CLAUSE = re.compile(r"^\s*(?:if|when|once|after|suppose)\b[^?]*,", re.IGNORECASE)
_DEMONSTRATIVES = _words("this these those")
_DEICTIC_AFTER_THIS = _words("year month week century decade morning today time")
_RELATIVE_AFTER_THOSE = _words("who whose whom which that")
# "that" as a demonstrative when it names something said before: "that figure", "that person".
_SHELL_NOUNS = _words(
    """figure figures number numbers estimate estimates count total amount sum rate share percentage
    person people man woman group body organisation organization committee council agency office post
    position role job law act treaty convention protocol covenant declaration report statement
    resolution decision ruling case right rule rules provision provisions article section clause
    deadline period limit term time year years date day month policy practice programme program
    process procedure protection status definition principle country state government place camp
    camps centre center facility facilities city region area one ones list claim fund funding money
    payment benefit benefits support document documents source sources study survey offence offense
    crime instrument foundation fine penalty sentence inquiry account incident fee grant allowance same
    rapporteur commissioner official envoy author sweep"""
)
_THAT_AT_END = re.compile(r"\bthat\s*[?.!]*\s*$", re.IGNORECASE)
_ANAPHORIC_PHRASES = re.compile(
    r"\b(?:the\s+same|the\s+(?:year|month|day|one)\s+(?:before|after)|the\s+(?:previous|preceding|"
    r"following|latter|former)\b|"
    # "the one" after a preposition, of something named before: "under the one banning ..." (not "Are
    # defectors the ones facing ...?", which names its own)
    r"(?:(?<=\bunder\s)|(?<=\bin\s)|(?<=\bof\s)|(?<=\bfrom\s)|(?<=\babout\s)|(?<=\bwith\s)|(?<=\bby\s)"
    r"|(?<=\bfor\s)|(?<=\bon\s))the\s+ones?(?=\s+(?:(?!\w*thing\b)\w+ing|that|which|about|mentioned|named)\b)|"
    r"such\s+(?!as\b)\w+|(?<!is\s)(?<!are\s)(?<!was\s)(?<!were\s)"
    r"(?<!be\s)\bthere\s*[?.!]*$|\b(?:also|too|either|as\s+well|instead|again|else|likewise)\b|"
    r"\b(?:similar|comparable|equivalent|corresponding)\b(?!\s+(?:to|with|of)\b))",
    re.IGNORECASE,
)
_CONTINUATIONS = re.compile(
    r"^\s*(?:and|but|also|so|then|or|plus|what\s+about|how\s+about|what\s+of|what\s+if|same(?![-‐‑–]|\s+sex\b)|"
    r"as\s+for|in\s+that\s+case|if\s+so)\b",
    re.IGNORECASE,
)
# A question ending in an infinitive of a verb that needs an object, without it: "Is there a time
# limit to file?", "How long do I have to file?" (file what: something asked about before). Not when
# the object comes first ("Which treaties has North Korea refused to ratify?", "What documents must
# one submit?") or is the subject ("Is the form hard to complete?"), nor for verbs that also stand
# alone ("have to appeal", "go to register", "required to report").
_STRANDED = re.compile(
    r"\bto\s+(?:file|submit|renew|claim|request|challenge|contest|ratify|sign|extend|complete)"
    r"\s*[?？.!\"'”’)]*\s*$",
    re.IGNORECASE,
)
_FRONTED_OBJECT = re.compile(
    r"^\s*(?:what|which)\s+(?!(?:is|are|was|were|do|does|did|can|could|should|must|may|might|will|would|"
    r"has|have|had|if|about)\b)\w",
    re.IGNORECASE,
)
_TOUGH = re.compile(
    r"\b(?:hard|easy|difficult|simple|possible|impossible|expensive|costly|cheap|quick|slow|safe|free)"
    r"\s+to\s+\w+\s*[?？.!\"'”’)]*\s*$",
    re.IGNORECASE,
)
# Nouns that name something only in relation to another thing ("an exception" to a rule, "the
# reason" for an act), and verbs that answer to something: without it ("Are there exceptions?", "What
# reason does Beijing give?", "How did the UN respond?") it is what the thread was about. Not when it
# follows in the question ("exceptions to Article 33", "the consequences of ...", "What reason does
# China give for ...", "respond to the report"), stands before it ("the law's exceptions"), or the
# noun heads a clause ("the reason North Korea closed its border"): only the question's end, a comma
# or an auxiliary verb with at most two more words ("does Beijing give?") may follow the noun, and it
# stands among the question's first words.
_RELATIONAL = re.compile(
    r"\b(?:exceptions?|exemptions?|reasons?|rationale|justifications?|consequences?|responses?|reactions?)"
    r"(?=\s*(?:[?？.!,;:]|$)|\s+(?:do|does|did|is|are|was|were|can|could|would|will|should|must|may|might|"
    r"has|have|had)(?:\s+[\w'’-]+){0,2}\s*[?？.!]*\s*$)"
    r"(?![^?.!]*\b(?:to|for|behind)\s+(?!example\b|instance\b))",
    re.IGNORECASE,
)
# A member of what the question does not name ("How long is each member's term, and how many times
# can they be re-elected?" after a question about a committee): a member said without the body it
# belongs to ("a member of the Committee", "members on the council"), in a question naming no body or
# place (no capitalised word but its first, no acronym)
_MEMBER = re.compile(
    r"\b(?:each|every|a|the|its|their)\s+members?(?:'s|’s|s')?(?!\s+(?:of|on|in|states?|countr(?:y|ies))\b)(?!\w)",
    re.I,
)
_NAMED_WORD = re.compile(r"(?<!^)(?<![.?!]\s)\b(?!I\b)[A-Z][\w'’-]*")
# a body a member belongs to, named however written ("the committee against torture")
_BODY_NOUN = re.compile(
    r"\b(?:committees?|councils?|assembl(?:y|ies)|commissions?|courts?|boards?|parliaments?|panels?|"
    r"foundations?|organi[sz]ations?|agenc(?:y|ies)|bod(?:y|ies))\b",
    re.I,
)
_RELATIONAL_WORDS = 5  # the noun opens the question: "How many were sent back and what were the
# consequences?" names its own
_POSSESSED = re.compile(
    r"(?<!\bwhat)(?<!\bthat)(?<!\bit)(?<!\bthere)(?<!\bwho)(?<!\bhere)(?<!\bwhere)(?<!\bhow)"
    r"(?:'s|’s|s'|\b(?:its|their|his|her|whose))\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_ANSWERING = re.compile(
    r"\b(?:respond(?:ed|s)?|react(?:ed|s)?|repl(?:y|ied|ies)|compl(?:y|ied|ies)|retaliat(?:e|ed|es))"
    r"\s*[?？.!\"'”’)]*\s*$",
    re.IGNORECASE,
)
# "the convention", "the rapporteur", "the latest report": a definite noun phrase whose noun the last
# question used, ending the question or followed only by its verb (a participle, say, mean, apply...)
# or an auxiliary ("Has China signed the convention?", "When was the convention adopted?"; "When did
# the convention enter into force?" is not caught); not "the legal age", "the current population of
# ...", nor a name typed in lower case ("the refugee convention")
_MODIFIERS = r"(?:same|latest|last|new|current|previous|first|whole|entire)"
_DEFINITE = re.compile(
    rf"\bthe\s+(?:{_MODIFIERS}\s+)?(?!{_MODIFIERS}\b)([a-z]{{3,}})"
    r"(?=\s*(?:[?？.!,;:]|$)|\s+(?:[a-z]+(?:ed|en)|say|mean|apply|require|allow|cover|include|end|begin|start)"
    r"\s*[?？.!]*\s*$|\s+(?:do|does|did|is|are|was|were|can|could|would|will|"
    r"should|must|may|might|has|have|had)\b)"
)
_WH = _words("what which who whom whose when where why how")
_PREPOSITIONS = _words("in for at on from during after before since by with without under among about to of")
# An opening that changes the subject: "Unrelated, but ...", "Separate question: ...", "Switching
# topics, ...", "On a different note, ..." (the question after it stands alone unless it still points
# back)
_TOPIC_SHIFT = re.compile(
    r"^\s*(?:(?:quite\s+|totally\s+|completely\s+|quick(?:ly)?\s+)?unrelated|"
    r"(?:(?:a|an|one)\s+)?(?:(?:totally|completely|quite)\s+)?(?:different|separate|unrelated)\s+"
    r"(?:question|point|topic|matter|issue|thing)|(?:another|new)\s+(?:question|topic)|"
    r"(?:changing|switching)\s+(?:the\s+)?(?:subjects?|topics?|gears)|change\s+of\s+(?:subject|topic)|"
    r"off[-\s]topic|on\s+(?:a\s+|an\s+)?(?:another|different|separate|unrelated)\s+(?:note|topic|point|matter)|"
    r"by\s+the\s+way|separately|btw)\b",
    re.IGNORECASE,
)

# -- Korean ------------------------------------------------------------------------------------------
# Words (space-separated, particles attached) that point back: 그것은, 그들이, 거기서, 그해 ...
_KO_POINTERS = re.compile(
    r"^(?:그것|그거|그게|그걸|그건|그곳|그쪽|그들|그녀|그분|그해|그때|그날|그중|그동안|그간|그런|그렇|"
    r"거기|이것|이거|이곳|이런|저것|저런|해당(?!하|되|돼)|상기|앞서|위의)"
)
# the pointers that count third or fourth in a question (`_KO_LEAD_WORDS`): 해당, 앞서 ("입국하기 앞서"),
# 이런 and the like there more often point inside it
_KO_LATE_POINTERS = re.compile(
    r"^(?:그것|그거|그게|그걸|그건|그곳|그쪽|그들|그녀|그분|그해|그때|그날|그중|그렇|거기)"
)
_KO_DETERMINERS = frozenset({"그", "이", "저"})  # standing alone before a noun: 그 재단, 이 법
# opening the question before a noun, "the same ...": 같은 보고서에서 ..., 동일한 조항에 ... (since
# 2026-12-07, with "Same ..." opening an English question and more nouns after "that": on the fit
# halves of the 149 sets, with the other readings of that day, 679 -> 716 of 803 follow-ups read with
# their thread, still 5 of 145 self-contained questions in a thread misread)
_KO_SAME = frozenset({"같은", "동일한", "똑같은"})
# ... before what a thread names and a question asked alone does not ("동일한 범죄로 두 번 처벌받을 수
# 있나요?", "같은 일을 하면 ..." stand alone): a document, a provision, an edition, an event, a border
_KO_SAME_OF = re.compile(
    r"^(?:보고서|자료|조항|조|항|법|법률|시행령|협약|의정서|규약|선언|해석|문서|기사|판|보도|결의|선거|회의|"
    r"국경|해|날|사건|기간|통계|책|연설|성명|발표|조사|위원회)"
)
# a Korean pointer counts among the first words; later, it points inside the question ("공항에서 난민
# 신청을 하면 최대 며칠 동안 그곳에 머물게 할 수 있나요?"). 2 until 2026-12-07; 4 on the fit halves of the
# 149 sets: 7 more of 803 follow-ups read with their thread ("몇 가구나 그렇게 옮겨졌대요?"), one more
# of 1,707 Korean questions asked alone with a cue ("... 탈퇴하면 그 효력은 ..."), no self-contained
# question in a thread more
_KO_LEAD_WORDS = 4
_KO_EARLY_WORDS = 2  # every pointer counts among the first two; `_KO_LATE_POINTERS` in the next two
_KO_CONTINUATIONS = re.compile(r"^\s*(?:그럼|그러면|그렇다면|그리고|또|또한|아울러|그\s*밖에)(?:\s|,|$)")
_KO_ELLIPSIS = re.compile(r"(?:[은는]|에서는|에는|도|까지는|면)요\s*[?？.!]*\s*$")
# A short question whose topic or condition is left unsaid (`_ko_elliptical`): at most this many words
# and content nouns ("임기는 몇 년이에요?": 임기; "위원장은 누가 임명하나요?": 위원장, 임명)
_KO_ELLIPTICAL_WORDS = 5
_KO_ELLIPTICAL_NOUNS = 2
_KO_CONTENT_TAGS = frozenset({"NNG", "NNP", "SL", "SH", "SN"})
_KO_PUNCTUATION_TAGS = frozenset({"SF", "SP", "SS", "SE", "SO", "SW"})
# a name, a foreign word or a number says what the question is about: "북한은 언제부터 유엔 회원국인가요?"
_KO_NAME_TAGS = frozenset({"NNP", "SL", "SH", "SN"})
# nouns that ask or measure rather than name a topic: 며칠 안에, 얼마 동안, 몇 년 이하, 그런 경우
_KO_NOT_CONTENT = frozenset(
    {"며칠", "안", "동안", "이내", "얼마", "정도", "이상", "이하", "미만", "초과", "최대", "최소", "경우"}
    | {"때", "뭐", "무엇", "누구", "어디", "언제"}
)
# a noun with a subject particle is a subject of the question's own ("우리나라는 국교가 있나요?",
# "탈북민이 재입국하면 ..."); not a question word (누가, 몇 명이)
_KO_SUBJECT_AFTER = frozenset({"NNG", "NNP", "XSN", "SL", "SH", "SN", "ETN"})
# a compound naming a law, treaty or body stands on its own as a topic: 난민법, 헌법, 난민협약, 통일부
# (not the bare word: "법은", "위원회는" are "the law", "the committee" of the thread)
_KO_NAMED = re.compile(r"^[가-힣]+(?:법|협약|규약|의정서|선언|헌장|조약|부|위원회|재단|센터|기구|사무소)$")
# a topic asked to be defined stands on its own: "난민은 누구인가요?", "인신매매는 뭔가요?",
# "무국적자는 어떻게 정의되나요?" (a relational noun asked about is `_KO_RELATIONAL`: 이유는 뭔가요?)
_KO_DEFINING = re.compile(
    r"^\s*(?:무엇|뭐|뭔|누구|어떤\s*(?:것|사람|뜻|의미)|어떻게\s*정의|무슨\s*(?:뜻|의미))"
)
# a noun that belongs to someone or something the thread named, so that a question on it alone asks
# about that: whose term, which committee's chair, tax on what ("탈북민은 몇 명인가요?", "인신매매는
# 범죄인가요?" name their own topic)
_KO_OWNED = frozenset(
    {"임기", "위원장", "위원", "이사장", "원장", "대표", "장관", "정원", "인원", "구성", "소재지", "본부"}
    | {"세금", "벌금", "과태료", "처벌", "형량", "보수", "급여", "수당", "비용", "예산", "지원금", "보상금"}
    | {"기간", "기한", "자격", "대상", "절차", "요건", "조건", "신청", "연임", "해임", "설립", "목적"}
)
# a condition asking what follows: ...하면 어떻게 되나요/돼요, ...으면 어떤 처벌을 받나요, 처벌받나요
_KO_CONDITION = frozenset({"면", "으면"})
_KO_CONSEQUENCE = re.compile(r"어떻게\s*(?:되|돼|됩)|처벌|불이익|제재")
_KO_CONSEQUENCE_NOUNS = frozenset({"처벌", "불이익", "제재"})
# a relational noun opening the question with its particle (예외가 있나요?, 이유는 뭔가요?), or bare as
# the whole question (이유?); not before another word (이유 없이, 근거 법률, 결정 과정)
_KO_RELATIONAL_NOUNS = r"(?:예외|이유|까닭|근거|결과|결정|조건|요건|기한|대응|반응)"
_KO_RELATIONAL = re.compile(rf"^{_KO_RELATIONAL_NOUNS}(?:은|는|이|가|을|를|도|으로|로|에)[?？.!]*$")
_KO_RELATIONAL_ALONE = re.compile(
    rf"^\s*{_KO_RELATIONAL_NOUNS}(?:은|는|이|가|을|를|도|은요|는요)?\s*[?？.!]*\s*$"
)
# a verb of answering to something, last, without it: "유엔은 어떻게 대응했나요?" (not "...에 대응했나요?")
_KO_ANSWERING = re.compile(r"\s(?:대응|반응|응답)(?:했|하|할|한)\S*\s*$")
# what was answered, before the verb: "강제송환에 대응했나요", "증가를 어떻게 대응했나요" (not 에서, "at")
_KO_TO = re.compile(r"(?:에|에게|에는|에도|한테|을|를)$")
_KO_ALSO_WORDS = 2  # 도 ("also") on a noun among the question's first words
# a content noun (not a pronoun, 저도, 누구도, nor a bound noun after a number, 한 번도, 한 명도) or an
# adverbial particle (외국인에게도) before 도; nor a word of time (지금도 "still", 오늘도)
_KO_NOMINAL_TAGS = frozenset({"NNG", "NNP", "NR", "SL", "SN", "SH", "XSN", "ETN", "JKB"})
_KO_NOT_ALSO = frozenset(
    {"지금", "현재", "요즘", "오늘", "아직", "여전", "언제", "항상", "최근", "당시", "이제"}
)
# "근데 ...", "한편 ...", "다른 질문인데요, ...", "잠깐 딴 얘긴데 ...", "주제를 바꿔서 ...",
# "질문을 바꾸겠습니다.", "아 참, ...", "별개 문의입니다." (not "다른 나라는요?", "다른 건 없나요?", nor
# 그런데, which also goes on with a thread)
_KO_TOPIC_SHIFT = re.compile(
    r"^\s*(?:아\s*,?\s*)?(?:근데|그건\s*그렇고|한편|별개로|참고로|그나저나)(?:\s|,|$)"
    r"|^\s*아\s*,?\s*참\s*[,.!…]"
    r"|^\s*(?:(?:잠깐|잠시|완전|아예|전혀|좀)\s*)?(?:딴|다른|별개|별도)\s*(?:얘긴|이야긴|얘기|이야기|질문|문의|주제)"
    r"(?:인데요?|데요?|입니다|이에요|예요|이지만|지만|요|\s*[,.:]|$)"
    r"|^\s*(?:주제|질문|화제|얘기|이야기)(?:을|를)?\s*(?:바꿔서|바꿔\s*볼|바꾸겠|바꿀게|돌려서|돌려\s*볼)"
)

# -- Chinese -----------------------------------------------------------------------------------------
_ZH_POINTERS = re.compile(r"(?:它们?|他们|她们|其中|这些|那些|这个|那个|此类|该[国法人])")
_ZH_CONTINUATIONS = re.compile(r"^\s*(?:那么|那|还有|另外|而且|并且)")


# -- A year named relative to an earlier question's ------------------------------------------------
# "And the year before?" after a question about 2024 asks about 2023. Korean 전년 and Chinese 前一年
# count. Not: "1년 전", "a year ago" (they count back from today); durations ("wait a year before
# applying"); comparisons ("than the year before", "compared with the previous year", 전년 대비, 比前一
# 年), which ask about the thread's year; "the year before the pandemic" (before something else);
# words that hold the letters (다음 해결, 그 전 해외, 最后一年, 提前一年).
# "the year before" ends there, or goes on with "that", "then" or a place or group ("in Seoul")
_NOT_ON = r"(?!\s+(?!that\b|then\b|in\b|for\b|at\b|among\b|on\b|with\b)[\w(])"
_AT_END = r"(?=\s*[?？.!]*\s*$)"  # "And a year earlier?", not "a year before applying"
_KO_END = r"(?=[에는도의가엔]|\s*[?？.!,]|\s*$)"  # 해 followed by a particle or the end
_RELATIVE_YEARS = (
    (-2, re.compile(r"\bthe\s+year\s+before\s+last\b", re.IGNORECASE)),
    (
        -1,
        re.compile(
            r"\bthe\s+year\s+(?:before|prior)\b" + _NOT_ON + r"|\bthe\s+(?:previous|preceding|prior)\s+year\b"
            r"|\b(?:a|one)\s+year\s+(?:earlier|before)"
            + _AT_END
            + r"|(?<![가-힣])전년(?:도)?(?!\s*(?:대비|보다|에\s*비해|과\s*비교))"
            + r"|(?<![가-힣])그\s*(?:이)?전\s*해"
            + _KO_END
            + r"|(?<![提])前一年|上一年",
            re.IGNORECASE,
        ),
    ),
    (
        1,
        re.compile(
            r"\bthe\s+year\s+after\b" + _NOT_ON + r"|\bthe\s+(?:following|next|subsequent)\s+year\b"
            r"|\b(?:a|one)\s+year\s+(?:later|after)"
            + _AT_END
            + r"|이듬해|(?<![가-힣])(?:그\s*)?다음\s*해"
            + _KO_END
            + r"|(?<![最])后一年|次年|下一年",
            re.IGNORECASE,
        ),
    ),
)
# a comparison before the words: "more than (in) the previous year", "compare it with the year
# before", "compared to", 比前一年, 与上一年相比
_COMPARED = re.compile(
    r"(?:\b(?:than|compared?|comparison|versus|vs\.?)\b[^.?!]{0,25}|\b(?:from|over|since)\s*|[比与较同]\s*)$",
    re.IGNORECASE,
)

# A year a question asks about: not one naming an instrument ("the 1951 Convention", "1951년
# 난민협약", "2016 North Korean Human Rights Act") and not one of several ("between 2019 and 2023").
# (In Korean and Chinese only treaties: 법 ends 불법 "illegal" too, and "2024년 난민법에 따라" asks
# about 2024.)
_INSTRUMENT_AFTER = re.compile(
    r"(?:년|年)?\s*(?:(?:[A-Z][\w'’-]*\s+){0,4}(?:Convention|Protocol|Covenant|Act|Law|Statute|"
    r"Declaration|Charter|Agreement|Treaty|Constitution)\b|\S*(?:협약|의정서|규약|公约|议定书)"
    r"(?=[\s은는이가을를의에과와도,?？.]|$))"
)


def relative_year(question: str) -> tuple[int, str] | None:
    """(-1, the words) when `question` asks about the year before the one asked about earlier ("And
    the year before?", "전년에는요?", "前一年呢？"), (+1, the words) for the year after ("the following
    year", 이듬해, 次年), (-2, ...) for "the year before last"; None otherwise (see above)."""
    for offset, pattern in _RELATIVE_YEARS:
        for m in pattern.finditer(question):
            if not _COMPARED.search(question[: m.start()]):
                return offset, m.group()
    return None


def asked_year(question: str) -> str | None:
    """The one year `question` asks about ("How many arrived in 2024?" -> "2024"), None when it
    names none or several, or only an instrument's ("the 1951 Convention")."""
    years = {year for year, end in year_ends(question) if not _INSTRUMENT_AFTER.match(question, end)}
    return years.pop() if len(years) == 1 else None


@dataclass(frozen=True)
class Reading:
    """How a question is read within its conversation.

    Attributes:
        depends: the question leans on earlier questions (it is not answered as if asked alone).
        cue: the words that made it depend ("it", "And …", "그럼"); None when it stands alone.
        read_with: the earlier questions it is read together with, oldest first; empty when it
            stands alone (always when `history` is empty).
    """

    depends: bool
    cue: str | None = None
    read_with: tuple[str, ...] = ()


def _antecedent_before(words: list[str], i: int, pronoun: str) -> bool:
    """Whether something the pronoun at `words[i]` can point to stands earlier in the question itself.

    "Does a woman lose her nationality ..." or "Is China obliged to ... on its territory?" resolve
    inside the question; "Has Pyongyang let her visit?" and "How long do members of its committee
    serve?" do not ("her" needs a person, "its" a singular thing), nor does "Does China apply it to
    North Koreans?" (the subject of a verb is not its object: "it" is something said before).
    """
    lower = [w.lower() for w in words]
    gendered = pronoun in _GENDERED

    def fits(head: int) -> bool:
        # "China apply it": one word (a verb) between a candidate and an object pronoun rules it out.
        between = lower[head + 1 : i]
        return not (pronoun in _OBJECTS and len(between) == 1 and between[0] not in _PREPOSITIONS)

    for j in range(i):
        w, low = words[j], lower[j]
        nxt = lower[j + 1] if j + 1 < i else ""
        after = lower[j + 2] if j + 2 < i else ""
        if low in _SOMEONE and fits(j):
            return True
        if low in _ARTICLES and nxt and fits(j + 1) and (not gendered or _HUMAN & {nxt, after}):
            return True
        if j == 0 or low in _WH or low in _PRONOUNS or not fits(j):
            continue
        capital = w[:1].isupper() or (len(w) > 1 and w.isupper())
        if capital and not gendered:
            return True
        if capital and j + 1 < i and words[j + 1][:1].isupper():
            return True  # a name: "Elizabeth Salmón"
        if pronoun in _PLURAL and low.endswith("s") and low not in _NOT_NOUNS and lower[j - 1] not in _WH:
            return True  # a bare plural: "asylum seekers ... their claim"
    return False


def _cue_en(question: str) -> str | None:
    m = _CONTINUATIONS.match(question)
    if m:
        return " ".join(m.group().split())
    words: list[str] = _WORD.findall(question)
    lower = [w.lower() for w in words]
    for i, w in enumerate(lower):
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        prev = lower[i - 1] if i > 0 else ""
        if w in _PRONOUNS:
            if w == "it" and (nxt in _EXPLETIVE_AFTER_IT or prev in ("make", "makes")):
                continue
            if _antecedent_before(words, i, w):
                continue
            return w
        if w in _DEMONSTRATIVES:
            if (w == "this" and nxt in _DEICTIC_AFTER_THIS) or (
                w == "those" and nxt in _RELATIVE_AFTER_THOSE
            ):
                continue
            return f"{w} {nxt}" if nxt in _SHELL_NOUNS else w
        subject = (
            prev in _AUXILIARIES_BEFORE_THAT
            and (nxt in _AFTER_SUBJECT_THAT or i <= _SUBJECT_THAT_AT)
            and not _IF_CLAUSE.match(question)
        )
        nxt = nxt.removesuffix("'s")  # "that foundation's first chairperson"
        if w == "that" and prev in _CLAUSE_BEFORE_THAT:
            continue  # "Does UNHCR say that detention should be ...?"
        if w == "that" and (
            nxt in _SHELL_NOUNS or nxt in ("each", "every") or prev in _BEFORE_THAT or subject
        ):
            if prev in _BEFORE_THAT or (subject and nxt not in _SHELL_NOUNS):
                return f"{prev} that"
            return f"that {nxt}".strip()
    if _THAT_AT_END.search(question):
        return "that"
    m = _ANAPHORIC_PHRASES.search(question)
    if m:
        return " ".join(m.group().rstrip("?.! ").split())
    if words and len(words) <= 4 and lower[0] in _PREPOSITIONS and not _WH.intersection(lower):
        return question.strip().rstrip("?").strip()  # "In 2022?", "For women?"
    for m in _RELATIONAL.finditer(question):
        before = question[: m.start()]
        if len(_WORD.findall(before)) < _RELATIONAL_WORDS and not _POSSESSED.search(before):
            return m.group().lower()
    m = _ANSWERING.search(question)
    if m:
        return m.group().rstrip("?？.!\"'”’) ").lower()
    m = _MEMBER.search(question)
    if m and not _NAMED_WORD.search(question.strip().lstrip("\"'“‘(")) and not _BODY_NOUN.search(question):
        return m.group().lower()
    return None


def _cue_ko(question: str) -> str | None:
    m = _KO_CONTINUATIONS.match(question)
    if m:
        return m.group().strip(" ,")
    words = question.split()
    if len(words) > 1 and words[0] in _KO_SAME and _KO_SAME_OF.match(words[1]):
        return f"{words[0]} {words[1]}"
    for i, w in enumerate(words[:_KO_LEAD_WORDS]):
        if _KO_POINTERS.match(w) if i < _KO_EARLY_WORDS else _KO_LATE_POINTERS.match(w):
            return w
        if w in _KO_DETERMINERS and i + 1 < len(words):
            return f"{w} {words[i + 1]}"
    m = _KO_ELLIPSIS.search(question)
    if m:
        return words[-1] if words else m.group()
    if words and (_KO_RELATIONAL.match(words[0]) or _KO_RELATIONAL_ALONE.match(question)):
        return words[0].rstrip("?？.!")
    if _KO_ANSWERING.search(question) and not any(_KO_TO.search(w) for w in words[:-1]):
        return words[-1].rstrip("?？.!")
    return _ko_also(words[:_KO_ALSO_WORDS]) or _ko_elliptical(question)


def _ko_elliptical(question: str) -> str | None:
    """The words of a short Korean question that leave unsaid what it is about, by Kiwi's tags:

    - a bare noun that belongs to something (`_KO_OWNED`) with 은/는 as its topic and first word:
      "임기는 몇 년이에요?" (whose term), "세금은 내야 하나요?" (tax on what), "위원장은 누가
      임명하나요?" -> the topic word ("임기는"); not "탈북민은 몇 명인가요?", whose topic is its own;
    - a condition (…면, …으면) asking what follows: "신고 안 하면 어떻게 되나요?", "위반하면 어떤
      처벌을 받나요?" -> the words up to the condition ("신고 안 하면").

    Only when the question has at most `_KO_ELLIPTICAL_WORDS` words and `_KO_ELLIPTICAL_NOUNS` content
    nouns (not counting 며칠, 얼마, 경우 ... nor the penalty asked about), names nothing (a proper noun,
    a foreign word, a number) and has no subject of its own ("탈북민이 재입국하면 어떻게 되나요?",
    "우리나라는 국교가 있나요?"). Not a topic that is a named law or body (난민법은, 통일부는) or one
    asked to be defined ("난민은 누구인가요?", "인신매매는 뭔가요?"): those stand alone.
    """
    words = question.split()
    if not words or len(words) > _KO_ELLIPTICAL_WORDS:
        return None
    tokens = get_kiwi().tokenize(question)  # loaded on first use (the analyzer shares it)
    if any(t.tag in _KO_NAME_TAGS for t in tokens):
        return None
    if any(t.tag == "JKS" and i and tokens[i - 1].tag in _KO_SUBJECT_AFTER for i, t in enumerate(tokens)):
        return None
    nouns = [t.form for t in tokens if t.tag in _KO_CONTENT_TAGS and t.form not in _KO_NOT_CONTENT]
    # the first word's morphemes, not its punctuation ("임기는?"); the question is stripped
    first = [t for t in tokens if t.start < len(words[0]) and t.tag not in _KO_PUNCTUATION_TAGS]
    topic = (
        len(first) >= 2
        and first[-1].tag == "JX"
        and first[-1].form in ("은", "는")
        and first[-2].tag == "NNG"
        and first[-2].form in _KO_OWNED
        # the noun alone, not a compound ending in it ("난민신청은"; Kiwi reads 이의신청 as 이 + 의 + 신청)
        and not any(t.tag in _KO_CONTENT_TAGS for t in first[:-2])
        and not _KO_NAMED.match(question[first[0].start : first[-2].end])
        and not _KO_DEFINING.match(question[first[-1].end :])
    )
    if topic and len(nouns) <= _KO_ELLIPTICAL_NOUNS:
        return words[0].rstrip("?？.!")
    condition = next((t for t in tokens if t.tag == "EC" and t.form in _KO_CONDITION), None)
    if condition is None or not _KO_CONSEQUENCE.search(question[condition.end :]):
        return None
    if len([n for n in nouns if n not in _KO_CONSEQUENCE_NOUNS]) > _KO_ELLIPTICAL_NOUNS:
        return None
    return question[: condition.end].strip()


def _ko_also(words: list[str]) -> str | None:
    """The first of `words` holding a noun with 도 ("also": 난민신청자도, 외국인에게도), by Kiwi's
    tags (the auxiliary particle JX after a content noun or an adverbial particle); not 도 ending a
    verb ("신청해도", "even if one applies") or a noun (제도, 정도), nor after a pronoun (저도, 누구도),
    a bound noun (한 번도) or a word of time (지금도, "still")."""
    candidates = [w for w in words if w.rstrip("?？.!,").endswith("도")]
    if not candidates:
        return None
    kiwi = get_kiwi()  # loaded on first use (the analyzer shares it)
    for w in candidates:
        tokens = kiwi.tokenize(w.rstrip("?？.!,"))
        if (
            len(tokens) >= 2
            and tokens[-1].form == "도"
            and tokens[-1].tag == "JX"
            and tokens[-2].tag in _KO_NOMINAL_TAGS
            and tokens[0].form not in _KO_NOT_ALSO
        ):
            return w.rstrip("?？.!,")
    return None


def _cue_zh(question: str) -> str | None:
    m = _ZH_CONTINUATIONS.match(question) or _ZH_POINTERS.search(question)
    return m.group().strip() if m else None


def _has(pattern: str, text: str) -> bool:
    return re.search(pattern, text) is not None


def cue(question: str) -> str | None:
    """The words that make `question` lean on earlier ones, or None when it reads on its own.

    Examples: "Does it also protect their privacy?" -> "it"; "What about 2022?" -> "What";
    "그럼 지금 위원장은 누구예요?" -> "그럼"; "How many Japanese abductees has North Korea never sent
    home?" -> None.
    """
    q = question.strip()
    if not q:
        return None
    shifted = _TOPIC_SHIFT.match(q) or _KO_TOPIC_SHIFT.match(q)
    if shifted:
        q = q[shifted.end() :].lstrip(" ,:;-—")
        # After "Unrelated, but ..." only a pronoun still points back, not the leftover "but".
        q = re.sub(r"^(?:but|and|so)\b\s*", "", q, flags=re.IGNORECASE)
    found = None
    if _has(r"[\uac00-\ud7a3]", q):
        found = _cue_ko(q)
    elif _has(r"[\u4e00-\u9fff]", q):
        found = _cue_zh(q)
    if found is None and _has(r"[A-Za-z]", q):
        found = _cue_en(q)
    if found is None and not shifted and not _FRONTED_OBJECT.match(q) and not _TOUGH.search(q):
        stranded = _STRANDED.search(q)  # after a change of subject, there is nothing to file
        found = " ".join(stranded.group().rstrip("?？.!\"'”’) ").split()) if stranded else None
    if found is None:  # "前一年呢？", "이듬해는?": a year counted from the thread's
        relative = relative_year(q)
        found = relative[1] if relative else None
    return found


def changes_subject(question: str) -> bool:
    """Whether `question` opens by changing the subject ("Unrelated, but ...", "Separate question:
    ...", "By the way, ...", 근데 ..., "다른 질문인데요, ...", "주제를 바꿔서 ...")."""
    return bool(_TOPIC_SHIFT.match(question) or _KO_TOPIC_SHIFT.match(question))


def read_question(question: str, history: Sequence[str]) -> Reading:
    """Read `question` within `history` (earlier questions, oldest first; blank ones are ignored).

    Returns a `Reading`: stands alone (`depends` False, nothing to read with) unless the question
    points back and there is an earlier question to point at.
    """
    earlier = [h.strip() for h in history if h.strip()]
    if not earlier:  # nothing to point back to (most questions): the cue need not be looked for
        return Reading(depends=False)
    found = cue(question)
    if found is None:
        found = _named_again(question, earlier[-1])
    if found is None:
        return Reading(depends=False)
    with_ = [earlier[-1]]
    # The previous question was itself a follow-up: read this one with what that one leaned on too.
    while len(with_) < MAX_READ_WITH and len(with_) < len(earlier):
        before = earlier[-len(with_) - 1]
        if cue(with_[0]) is None and _named_again(with_[0], before) is None:
            break
        with_.insert(0, before)
    return Reading(depends=True, cue=found, read_with=tuple(with_))


def _named_again(question: str, earlier: str) -> str | None:
    """ "the <noun>" in `question` when `earlier` used that noun (its singular or plural): "Has China
    signed the convention?" after "What does Article 33 of the Refugee Convention prohibit?". Not
    after a change of subject ("Unrelated, but ..."), nor when the noun is named in full ("the
    Refugee Convention", "the convention of 1954")."""
    if changes_subject(question):
        return None
    used = {w.lower() for w in _WORD.findall(earlier)}
    for m in _DEFINITE.finditer(question):
        noun = m.group(1).lower()
        forms = {noun, noun + "s", noun.removesuffix("s"), noun.removesuffix("es")}
        if forms & used:
            return " ".join(m.group().split())
    return None


def depends_on_history(question: str, history: Sequence[str]) -> bool:
    """Whether `question` must be read with `history` to be understood (see `read_question`)."""
    return read_question(question, history).depends
