"""The answer type a question asks for, and whether a passage holds one (index.answer_type)."""

from __future__ import annotations

import importlib
import random
import re
from typing import Any

import pytest

from index.answer_type import (
    asked_type,
    asks_office_holder,
    asks_part_of,
    asks_written_sum,
    counted_group,
    holds_figure,
    holds_type,
    marked_type,
    profiled_type,
    tells_written_sum,
)
from index.question import analyze_question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many defectors were detained?", "a count"),
        # a question in keywords that starts with the number it asks
        ("total number of North Korean defectors living in South Korea today?", "a count"),
        ("Number of refugees recognised in 2024", "a count"),
        ("number of days a refugee applicant has to appeal?", "a figure"),
        ("What is the number of the article on torture?", None),
        # the size of a body ("how big", "how large"), with a date too a figure
        ("How large is the U.S. Advisory Council on Human Trafficking?", "a figure"),
        ("How big is the CEDAW Committee, and when did its membership grow?", "a figure"),
        ("How large a role does China play?", None),
        ("How big is the risk of refoulement for North Korean women in China?", None),  # a quality
        ("Number of the article on torture in the Convention against Torture?", None),  # a provision
        # a length of time is no sum, whatever it names ("paid")
        ("How long is paid maternity leave in North Korea?", "a figure"),
        ("How many years can a defector stay?", "a duration"),
        ("How many people, and in what year?", "a figure"),
        ("하나센터는 몇 곳인가요?", "a count"),
        ("How much is the settlement grant?", "an amount, not a fine"),
        ("What percentage of arrivals are women?", "a percentage"),
        ("탈북민은 몇 명인가요?", "a count"),
        # a Korean question in keywords ending with the number it asks (수: "the number of")
        ("2023년 탈북민 입국자 수는?", "a count"),
        ("논문 초록을 영어로 쓸 때 적당한 단어 수는?", "a count"),
        ("위원회 위원수는?", "a count"),
        ("어떻게 할 수 있나요?", None),
        # not a word ending in 수 (접수 "receipt", 액수 "sum", 일수 "number of days": a review, 2026-12-06)
        ("난민 인정 신청 접수는?", None),
        ("벌금 액수는?", None),
        ("난민 체류 가능 일수는?", None),
        ("생계비는 얼마인가요?", "an amount, not a fine"),
        ("罚款多少?", "a figure"),
        ("In what year did South Korea ratify the Convention?", "a date"),
        ("대한민국은 난민협약에 몇 년에 가입했나요?", "a date"),
        # a length of time asks for a duration ("1년 이내", "90 days"); "how long" may ask a length
        ("How long may a defector stay in a facility?", "a figure"),
        ("얼마나 오래 걸리나요?", "a duration"),
        ("몇 개월 안에 결정하나요?", "a duration"),
        ("신변보호는 얼마 동안 받을 수 있어요?", "a duration"),
        ("북한이탈주민지원재단 이사장의 임기는 몇 년인가요?", "a duration"),
        ("For how long can the agency hold a new arrival?", "a duration"),
        # a deadline or a condition is not a figure or a date to look for
        ("결정은 언제까지 나와야 하죠?", None),
        ("When does trafficking carry ten years or more?", None),
        ("What does Article 3 say?", None),
        ("북한 인권 상황은 얼마나 심각한가요?", None),
        ("얼마나 오랫동안 구금되나요?", "a duration"),
        ("How much does consent matter?", None),
        ("How much has changed since 2014?", None),
        ("How much does a broker charge?", "an amount"),  # (a charge may be a penalty)
        # ... and without "how much": what someone charges or a thing costs, a typical price
        ("What do brokers usually charge to get a woman out through Laos?", "an amount"),
        ("typical broker fee to get a defector from china to thailand?", "an amount, not a fine"),
        ("What does a March economy ticket cost?", "an amount, not a fine"),
        ("What does the act charge the Minister with?", None),
        ("What does the cost of a broker include?", None),
        ("What does a charge of illegal border crossing carry in North Korea?", None),
        ("What did prosecutors charge the broker under?", None),
        ("What is the usual charge against returned defectors?", None),
        ("What do brokers charge to travel with a child?", "an amount"),
        ("탈북민을 위한 법정 기념일은 매년 며칠로 정해져 있나요?", "a date"),  # a day of the year
        ("연차휴가는 매년 며칠로 정해져 있나요?", "a duration"),  # a leave's days
        ("난민 생계비는 얼마나 받나요?", "an amount, not a fine"),
        # a fee, a deposit, a scholarship, a pension asked is a sum; asked by age, a figure
        ("한국에서 난민인정 신청을 할 때 내야 하는 수수료는 얼마인가요?", "an amount, not a fine"),
        ("탈북민 임대아파트 보증금은 얼마예요?", "an amount, not a fine"),
        ("재단 장학금은 한 학기에 얼마씩 나와요?", "an amount, not a fine"),
        ("국민연금 특례는 몇 살부터 받나요?", "a figure"),
        ("가택연금된 사람은 몇 명인가요?", "a count"),  # house arrest, no pension
        ("몇 번째 조항인가요?", None),
        # a sentence's length asked with 이하 / 이상 is a duration, not a year
        ("뇌물을 받으면 몇 년 이하의 징역에 처해지나요?", "a duration"),
        ("몇 년 이상의 징역인가요?", "a duration"),
        # a length of time asked by its unit, whatever follows it, or as years passed or lived; not an
        # anniversary, an ordinal or a year ("몇 년 몇 월에")
        ("하나원 사회적응교육은 몇 주 과정으로 운영되나요?", "a duration"),
        ("기본교육 기간이 몇 주예요?", "a duration"),
        ("서울에서 부산까지 KTX로 몇 시간 걸리나요?", "a duration"),
        ("최대 몇 달까지 보호될 수 있어요?", "a duration"),
        ("입국 후 몇 년이 지나서 보호신청을 하면 제외되나요?", "a duration"),
        ("귀화하려면 몇 년 살아야 돼요?", "a duration"),
        ("북한의 무상 의무교육은 몇 년제인가요?", "a duration"),
        ("남북정상회담 몇 주년인가요?", None),
        ("그 재단은 몇 년 몇 월에 출범했나요?", None),
        # nor a time, a state, dollars, or a story the question tells
        ("몇 달 전에 한국에 왔는데 정착금 신청할 수 있나요?", None),
        ("그 법은 몇 년쯤에 만들어졌어요?", None),
        ("미국은 몇 주에서 사형제를 유지하나요?", None),
        ("북한에서 몇 년 살다 돌아오신 분도 정착금을 받을 수 있나요?", None),
        ("탈북 브로커에게 보통 몇 달러를 줘요?", "an amount"),  # (a sum by its unit)
        # a report's pages are counted; the page a thing is on is no count
        ("유엔 북한인권조사위원회 최종 보고서는 몇 쪽짜리예요?", "a count"),
        ("그 내용은 보고서 몇 쪽에 나와요?", None),
        # a share asked "how it stands" is a percentage
        ("탈북민들 1년 안에 취업하는 비율이 어떻게 돼요?", "a percentage"),
        # asked beside a sum, a figure
        ("그 생계비는 한 달에 얼마씩, 최대 몇 개월까지 받을 수 있나요?", "a figure"),
        ("한국이 고문방지협약을 비준한 건 몇 년이었나요?", None),
        # "몇 년인가요?" as often asks a year ("가입한 해는 몇 년인가요?") as a term: no type
        ("북한이 NPT에서 탈퇴한 해는 몇 년인가요?", None),
        # a measure (an age, a pay, a size) is a figure
        ("What is the legal minimum age for marriage in China?", "a figure"),
        ("What is the age of criminal responsibility?", "a figure"),
        ("At what age can children be recruited?", "a figure"),
        ("What monthly salary do workers sent to Russia receive?", "an amount, not a fine"),
        # a sum of money asks for an amount in a currency; a share of one for a figure
        ("What is South Korea's hourly minimum wage?", "an amount, not a fine"),
        ("북한인권재단의 연간 예산은 얼마인가요?", "an amount, not a fine"),
        # ... also when the sum is named as what is asked, without a how-much word
        ("What was the Ministry of Unification's 2024 budget for resettlement?", "an amount, not a fine"),
        ("What was the OHCHR's budget for 2020-2021?", "an amount, not a fine"),
        ("What is the fine for hiring an illegal worker?", "an amount"),
        ("What is the budget process of the council?", None),
        ("What are the fee rules for visas?", None),
        ("What's the fine for hiring an illegal worker?", "an amount"),
        ("What is the annual budget of the foundation?", "an amount, not a fine"),
        ("What are the visa fees?", "an amount, not a fine"),
        ("What is the fine print of the agreement?", None),
        ("What were the fines' effects?", None),
        ("What is the fee waiver for refugees?", None),
        ("What is the budget for?", None),
        # ... and so is an amount or a number named as what is asked, with its qualifier
        ("What is the exact amount in won of the basic settlement payment in 2025?", "an amount"),
        ("What was the total number of refugees admitted?", "a figure"),
        ("What is the amount of time a defector may stay?", None),
        ("What were the official numbers of arrivals?", "a figure"),
        ("What is the number of the article that prohibits refoulement?", None),
        ("What is the amount of protection the Convention gives?", None),
        ("What is the number one cause of trafficking?", None),
        ("What is the cost-benefit analysis?", None),
        ("What were the costs and benefits of the Sunshine Policy?", None),
        ("What was the cost in lives?", None),
        ("외국인 선원의 최저임금은 한국인 선원의 몇 퍼센트 수준인가요?", "a percentage"),
        # a penalty's bound may be no number ("punishable by death"): a penalty, not a figure
        ("What is the maximum penalty for treason?", "a penalty"),
        # a year asked near a word for a term stays a year, or no type
        ("북한이탈주민보호법은 몇 년에 제정되었나요?", "a date"),
        ("대통령 임기는 몇 년에 끝나나요?", "a date"),
        ("임기가 끝난 해는 몇 년인가요?", None),
        ("임기 만료는 몇 년도인가요?", None),
        # a part, a change or a multiple of a sum is a figure; time is a duration
        ("How much of the budget goes to defectors?", "a figure"),
        ("How much did the budget grow?", "a figure"),
        ("How much did North Korea receive in aid?", "a figure"),
        ("가격은 몇 배 올랐나요?", "a figure"),
        ("How many times higher is the minimum wage?", "a figure"),
        ("다수당은 의석이 얼마나 되나요?", "a figure"),
        ("How much time does the law grant for an appeal?", "a duration"),
        ("拘留多久?", "a duration"),
        ("What is the minimum wage law?", None),
        ("how wide is the DMZ", "a figure"),
        ("How old was he when he took power?", "a figure"),
        ("몇 살부터 투표할 수 있나요?", "a figure"),
        ("What age groups does the survey cover?", None),
        ("What do the fees cover?", None),
        ("What wage protections do workers have?", None),
        ("How large a role does China play?", None),
        ("How high is the risk of torture?", None),
        ("At what age does criminal responsibility begin under Chinese law?", "a figure"),
        ("What is the main source of wages?", None),
        ("What is the largest city?", None),
    ],
)
def test_the_answer_type_a_question_asks_for(question: str, kind: str | None) -> None:
    assert asked_type(question) == kind


@pytest.mark.parametrize(
    "text",
    [
        "42 North Korean defectors went missing.",
        "The Committee shall consist of ten experts.",
        "Hundreds of defectors were returned.",
        "about 35 percent of arrivals",
        "3년 이하의 징역 또는 3천만원 이하의 벌금",
        "위원 두 명을 둔다.",
        "处五千元以上二万元以下罚款",
        "Only 196 arrived during the year, against 67 in 2022.",
        "신청일부터 30일 이내에 결정한다.",
        "Bread dough should rest for at least one hour.",
        "within a year of arrival",
        "In 2019 about 300 people were returned.",
        "Only one North Korean was accepted.",
        "백 명이 송환되었다.",
        "천만원 이하의 벌금",
        "삼십 퍼센트",
        "2023 people were returned.",
        "COVID-19 killed 300 people.",
        "Women aged 15-49 were counted.",
    ],
)
def test_a_passage_with_a_figure(text: str) -> None:
    assert holds_type(text, "a figure")


@pytest.mark.parametrize(
    "text",
    [
        "The trainee doctors resigned en masse in 2024.",
        "Article 12 of the Convention applies.",
        "제24조 (수용) ① 제8조에 따른 심의를 거쳐 제18조제1항에 따른 난민인정으로 본다. <개정 2021.4.20>",
        "第八十条 外国人非法就业的，处罚款",
        "On July 30, 1946, authorities passed the law.",
        "1. 북한주민의 인권 실태 조사\n2. 국군포로에 관한 사항",
        "The report was cited in § 7801 and (2) above [147].",
        "2023년 10월 12일 송환되었다.",
        "On 12 October 2023 they were returned.",
        "2023年10月 遣返",
        "제3조의2(난민)를 적용한다.",
        "as articles 3 and 4 provide",
        "under 22 U.S.C. 7101",
        "a Tier 3 country",
        "during the war of 1950-53 and in 2023-24",
        "In 2019 authorities returned them.",
        "第三次会议",
        "dated 2021-04-20",
        "<개정 2021. 4. 20.>",
        "No one was hurt.",
        "Executions decreased during COVID-19 and rose after it.",
        "The G-20 and the F-16 deal were discussed.",
        "Executions decreased during COVID\u201119.",  # a non-breaking hyphen
        "Officials forcibly ended pregnancies that would result in half-Chinese babies.",
        "His half-brother was killed in Malaysia.",
    ],
)
def test_a_passage_without_a_figure(text: str) -> None:
    """Provision numbers, list and footnote markers, years, dates and a name's number (COVID-19) are
    not figures."""
    assert not holds_type(text, "a figure")


def test_a_spans_end_is_a_figure_and_a_names_number_is_not() -> None:
    """After a hyphen, a number ends a span when a number comes before it ("15-49") and is a name's when
    a word does ("COVID-19", "COVID\u201119")."""
    from index.answer_type import _not_a_figure

    for text, number, figure in (
        ("Women aged 15-49 were counted.", "49", True),
        ("Cases of COVID-19 were counted.", "19", False),
        ("Cases of COVID\u201119 were counted.", "19", False),
        ("Cases of COVID\u201019 were counted.", "19", False),
    ):
        at = text.index(number)
        assert _not_a_figure(text, at, at + len(number)) is not figure, text


def test_a_date_is_a_year_or_a_month() -> None:
    assert holds_type("The Convention entered into force in 1954.", "a date")
    assert holds_type("2023년 10월 강제송환", "a date")
    assert not holds_type("The Convention entered into force on ratification.", "a date")
    assert not holds_type("A refugee may apply for status in march.", "a date")  # verbs, not months


def test_a_year_naming_an_instrument_is_no_date_asked() -> None:
    """ "In what year did China accede to the 1951 Refugee Convention and the 1967 Protocol?": the two
    years name the instruments; a sentence holding only them gives no date of accession."""
    question = "In what year did China accede to the 1951 Refugee Convention and the 1967 Protocol?"
    (answer,) = [c for c in analyze_question(question).constraints if c.kind == "answer"]
    assert (answer.text, answer.given) == ("a date", ("1951", "1967"))
    party = "China is a party to the 1951 Convention and the 1967 Protocol."
    assert holds_type(party, "a date") and not holds_type(party, "a date", answer.given)
    assert holds_type("China acceded to the 1951 Convention in 1982.", "a date", answer.given)
    # a year the question asks about is no name: it stays a date a passage may give
    (asked,) = [
        c
        for c in analyze_question("When did North Korea reopen its border in 2023?").constraints
        if c.kind == "answer"
    ]
    assert asked.given == ()


def test_the_answer_type_is_a_constraint_of_the_question() -> None:
    """It is listed with the question's other facts, and a passage lacking it is not eligible."""
    (answer,) = [c for c in analyze_question("How many defectors were detained?").constraints]
    assert (answer.kind, answer.text, answer.terms) == ("answer", "a count", ())
    assert not [c for c in analyze_question("What does Article 3 say?").constraints if c.kind == "answer"]


def test_a_number_the_question_states_is_not_its_answer() -> None:
    """ "Of the 42 missing, how many were abducted?" is not answered by "42 went missing"."""
    question = "Of the 42 defectors reported missing, how many were confirmed abducted?"
    (answer,) = [c for c in analyze_question(question).constraints if c.kind == "answer"]
    assert answer.given == ("42",)
    assert not holds_type("42 North Korean defectors went missing.", "a figure", answer.given)
    assert holds_type("Of the 42 defectors, 7 were abducted.", "a figure", answer.given)
    assert holds_type("Of the 42 defectors, seven were abducted.", "a figure", answer.given)
    # separators do not matter
    assert not holds_type("1,170 people", "a figure", ("1170",))
    # a year, a month, an article or an age the question names is no figure it states
    dated = "How many defectors aged 16 did China return in October 2023 under Article 12?"
    (answer,) = [c for c in analyze_question(dated).constraints if c.kind == "answer"]
    assert answer.given == ()
    (answer,) = [
        c
        for c in analyze_question("2023년 10월 강제송환된 탈북민은 몇 명인가요?").constraints
        if c.kind == "answer"
    ]
    assert answer.given == ()


def test_a_record_reads_its_answer_types_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`PassageRecord.holds_type` gives `holds_type`'s answer, reading the text once per kind."""
    import index.backend
    from corpus.models import Passage
    from index.backend import PassageRecord

    text = "In 2023, 196 defectors arrived."
    passage = Passage(
        id="p", source_id="s", text=text, char_start=0, char_end=len(text), page=None, ordinal=0
    )
    rec = PassageRecord(passage, "en", ("2023", "196", "defector", "arriv"), ((0, len(text)),))
    calls: list[str] = []

    def counted(t: str, kind: str) -> bool:
        calls.append(kind)
        return holds_type(t, kind)

    monkeypatch.setattr(index.backend, "holds_type", counted)
    for _ in range(3):
        assert rec.holds_type("a figure") is holds_type(text, "a figure") is True
        assert rec.holds_type("a date") is holds_type(text, "a date") is True
    assert calls == ["a figure", "a date"]
    assert rec == PassageRecord(passage, "en", rec.tokens, rec.sentences)  # the readings are no field


def _one_alternation_reading(text: str) -> bool:
    """`holds_type(text, "a figure")` as first written: one alternation of every kind, read match by
    match (the reference the searches by family must agree with)."""
    from index.answer_type import _DIGITS, _FIGURE_WORDS, _not_a_figure

    figure = re.compile("|".join([_DIGITS.pattern, *(words.pattern for _, words in _FIGURE_WORDS)]))
    for m in figure.finditer(text):
        if not (m.group()[0].isdigit() and _not_a_figure(text, m.start(), m.end())):
            return True
    return False


def test_searching_by_family_reads_as_one_alternation() -> None:
    """Digits first, then each family of number words: the answer of one alternation over the
    passage, on random strings of digits, separators, markers and number words of three languages."""
    rng = random.Random(17)
    parts = [*"0123456789.,% ()[]§\n", "Article ", "제", "조", "第", "条", "two ", "Ten", "per cent"]
    parts += ["percent", "only one", "a year", "한 명", "두", "명", "십", "만", "원", "一", "三", "人"]
    parts += ["年", "以下", "2023", "January ", "월", "일", "people", "-", "퍼센트", "١٢", "３", "十", "两"]
    parts += ["万", "百", "수천 명", "세", "개", "억", "원", "삼십", "이", "Korea "]
    parts += ["twentieth instrument of ratification", "Sixth Instrument of accession", "each instrument "]
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(1, 12))) for _ in range(20_000)]
    assert sum(holds_type(t, "a figure") for t in texts) > 1000  # both answers are tried
    assert [holds_type(t, "a figure") for t in texts] == [_one_alternation_reading(t) for t in texts]
    # a family is looked for only where its guard finds a character: every match of it holds one
    from index.answer_type import _FIGURE_WORDS

    for guard, words in _FIGURE_WORDS:
        if guard is not None:
            matches = [m.group() for t in texts for m in words.finditer(t)]
            assert matches and all(guard.search(m) for m in matches)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("센터는 전국에 25곳이 있다.", True),
        ("42 North Korean defectors went missing.", True),
        ("Two people were returned.", True),
        ("三十人被遣返", True),
        ("He was paid 500달러 a month.", True),
        ("신청은 3년 이내에 하여야 한다.", False),
        ("결정은 180일 이내에 한다.", False),
        ("They may stay for 5 years.", False),
        ("The review took two days.", False),
        ("处三年以下有期徒刑", False),
        ("已满十六周岁的人犯罪", False),
        ("3주간 보호한다", False),
        # an age is no count either ("How many children ...?" is not answered by "as young as 10")
        ("forced labor involving children as young as 10.", False),
        ("Children aged 15 were sent to farms.", False),
        ("No one under the age of 18 may be recruited.", False),
        ("between the ages of 10 and 15", False),
        ("Those aged 15 to 18 were sent.", False),
        ("children aged 10-15", False),
        ("As of June, 10 people were held.", True),
        ("In the Middle Ages 300 people died.", True),
        # a number of times that is a rate or a multiple counts nothing ("How many members ...?" is not
        # answered by "meets three times a year"); times counted over no period still do
        ("The committee meets around three times a year to hold sessions.", False),
        ("It meets 3 times per year.", False),
        ("Brokers charge two times the monthly wage.", False),
        ("He was arrested three times.", True),
        ("It met 3 times in 2020.", True),
        ("He was deported three times the same year.", True),
        ("Defectors earn three times as much.", False),
    ],
)
def test_a_duration_is_a_figure_but_no_count(text: str, count: bool) -> None:
    """ "How many centres?" is not answered by "within 3 years": a count question needs a figure that
    is not a length of time or an age; any figure still answers a figure question."""
    assert holds_type(text, "a count") is count
    assert holds_type(text, "a figure")


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("이사의 임기는 3년으로 하며, 연임할 수 있다.", True),
        ("결정은 90일까지 연장할 수 있다.", True),
        ("The maximum penalty for child labor, three years’ imprisonment, was not adequate.", True),
        ("处三年以下有期徒刑", True),
        ("They were held for a few weeks.", True),
        ("members serve five-year terms", True),
        ("a 12-month period", True),
        ("eighteen months", True),
        ("two and a half years", True),
        ("일 년 동안 보호한다", True),
        ("일주일 이내", True),
        # a head count, a year, a provision's number: no length of time
        ("재단은 이사장 1명을 포함한 10명 이내의 이사를 둔다.", False),
        ("2024년 기준으로 작성한다.", False),
        ("제3조에 따른 위원회", False),
        ("The camp held 20,000 prisoners.", False),
        # a day of a month is a date
        ("10月 1일에 시행한다", False),
        ("2024年10月1日起施行", False),
    ],
)
def test_a_duration_question_is_answered_by_a_length_of_time(text: str, held: bool) -> None:
    """ "임기는 몇 년인가요?" is not answered by "10명 이내의 이사": a duration question needs a number
    with a unit of time."""
    assert holds_type(text, "a duration") is held


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("the revenue amounts to $150 million a year", True),
        ("3천만원 이하의 벌금에 처한다.", True),
        ("处五千元以上二万元以下罚款", True),
        ("기본금은 월최저임금액의 100배 상당액의 범위에서 정한다.", True),
        ("they must pay their employer between 20 and 30 times their monthly salary", True),
        ("workers earned 2,000 won per day", True),
        ("1,000달러가량을 냈다", True),
        ("5억원의 범위에서", True),
        ("KRW 9,860 an hour", True),
        ("10,000 North Korean won", True),
        ("a thousand dollars", True),
        # a statute's sum as a multiple or fraction of another
        ('월최저임금액(이하 이 조에서 "월최저임금액"이라 한다)의 200배 상당액의 범위에서 지급한다', True),
        ("임금의 2분의 1의 범위에서 고용지원금을 지급할 수 있다", True),
        ("기본연금액의 1천분의 250에 해당하는 금액", True),
        # a head count, a duration, a share: no sum of money
        ("재단은 이사장 1명을 포함한 10명 이내의 이사를 둔다.", False),
        ("위원의 임기는 3년으로 한다.", False),
        ("Women held 19 percent of the seats.", False),
        ("위원회의 위원은 15명 이하로 한다.", False),
        ("제1원칙에 따른다", False),
        ("재적위원 3분의 2 이상의 찬성으로 의결한다", False),
    ],
)
def test_an_amount_question_is_answered_by_a_sum_of_money(text: str, held: bool) -> None:
    """ "예산은 얼마인가요?" is not answered by "15명 이하의 위원": an amount question needs a sum in a
    currency (or a multiple of one)."""
    assert holds_type(text, "an amount") is held


def test_the_question_profile_reads_a_finer_type_as_a_figure() -> None:
    """`index.engine.profile_eligible`: a passage holding a figure but not the duration asked stays
    in the question's profile as the answer models were fitted (it still cannot answer); one lacking
    another key fact, or any figure, does not."""
    from corpus.models import Passage
    from index.backend import PassageRecord
    from index.engine import Group, profile_eligible
    from index.question import Constraint

    def group(text: str, *missing: Constraint) -> Group:
        passage = Passage(
            id=text, source_id="s", text=text, char_start=0, char_end=len(text), page=None, ordinal=0
        )
        head = PassageRecord(passage, "ko", (), ((0, len(text)),))
        return Group(head=head, duplicates=(), fused=0.0, dense=0.0, coverage=0.0, missing=missing)

    duration = Constraint("answer", "a duration", (), profile="a figure")
    name = Constraint("name", "Kim Jong Un", ("kim", "jong", "un"))
    groups = [
        group("재단은 10명 이내의 이사를 둔다.", duration),
        group("이사장은 위원회가 임명한다.", duration),
        group("10명 이내의 이사", name),
        group("임기는 3년으로 한다."),
    ]
    assert profile_eligible(groups) == [True, False, False, True]
    # a type the fitted typing did not ask ("얼마나 걸리나요?", "언제 설립됐나요?") is not read at all;
    # one it asked as such ("몇 년에") is
    unfitted = Constraint("answer", "a date", (), profile=None)
    fitted = Constraint("answer", "a date", (), profile="a date")
    assert profile_eligible([group("재단을 설립한다.", unfitted), group("재단을 설립한다.", fitted)]) == [
        True,
        False,
    ]
    questions = {
        "임기는 몇 년인가요?": ("a duration", "a figure"),
        "심사는 보통 얼마나 걸리나요?": ("a duration", None),
        "하나원 교육은 몇 주 과정인가요?": ("a duration", None),  # (a form typed since: untyped)
        "보호기간은 몇 개월이에요?": ("a duration", "a figure"),
        "What is the unemployment rate?": ("a percentage", None),
        "What percentage of arrivals are women?": ("a percentage", "a figure"),
        "In what year was it founded?": ("a date", "a date"),
        "When was it founded?": ("a date", None),
        "재단은 언제 설립됐나요?": ("a date", None),
        "How many defectors arrived?": ("a count", "a count"),
    }
    for question, (kind, profile) in questions.items():
        (answer,) = [c for c in analyze_question(question).constraints if c.kind == "answer"]
        assert (answer.text, answer.profile) == (kind, profile), question


@pytest.mark.parametrize(
    ("question", "kind", "written"),
    [
        # a sum asked in a currency, exactly, or as actually paid: the sum itself
        ("What is the exact amount in won of the basic settlement payment in 2025?", "an amount", True),
        (
            "What exact amount in won is paid as consolation money to families of abductees?",
            "an amount",
            True,
        ),
        ("What is Korea's actual monthly minimum wage for 2026 in won?", "an amount, not a fine", True),
        ("그럼 올해 1인 세대가 실제로 받는 기본금은 정확히 몇 만 원이에요?", "an amount, not a fine", True),
        ("보로금은 보통 몇 억 원까지예요?", "an amount, not a fine", True),
        ("정착금 기본금은 실제로 얼마(원)인가요?", "an amount, not a fine", True),
        # a sum asked as the law sets it: its multiple of another answers
        ("정착금은 얼마 범위 안에서 주는 거예요?", "an amount, not a fine", False),
        ("How much is the fine for overstaying?", "an amount", False),
    ],
)
def test_a_sum_asked_as_written_in_a_currency(question: str, kind: str, written: bool) -> None:
    """ "in won", "정확히 얼마", "몇 만 원": the sum itself is asked (`asks_written_sum`), which a sum a
    law gives as a multiple of the minimum wage does not tell (`tells_written_sum`)."""
    assert asked_type(question) == kind
    assert asks_written_sum(question) is written


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("기본금은 월최저임금액의 100배 상당액의 범위에서 정한다.", False),
        ("가산금은 월최저임금액의 50배에 상당하는 금액으로 한다.", False),
        ("The reward may be three times the monthly wage.", False),
        ("5억원의 범위에서 보로금을 지급할 수 있다.", True),
        ("월최저임금액의 100배 상당액, 곧 2억원을 넘지 못한다.", True),
        ("处二千元以上一万元以下罚款", True),
        ("The fine was $5,000.", True),
    ],
)
def test_a_sum_written_in_a_currency_is_told_apart_from_a_multiple(text: str, written: bool) -> None:
    assert tells_written_sum(text) is written


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What percentage of seats in the National Assembly are held by women?", "a percentage"),
        ("What share of asylum seekers does South Korea recognise as refugees?", "a percentage"),
        ("What is the unemployment rate of North Korean defectors?", "a percentage"),
        ("And what is the recognition rate?", "a percentage"),
        ("What was the voter turnout?", "a percentage"),
        ("한국에 입국한 탈북민 가운데 여성은 몇 퍼센트인가요?", "a percentage"),
        ("1987년 도시 인구 비율은 얼마였나요?", "a percentage"),
        ("한국의 난민 인정률은 어느 정도인가요?", "a percentage"),
        ("女性所占比例是多少？", "a percentage"),
        # a rate not asked for, a count asked too
        ("Why is the unemployment rate of defectors so high?", None),
        ("How is the refugee recognition rate calculated?", None),
        ("How many defectors arrived and what percentage were women?", "a figure"),
        ("몇 명이 입국했고 여성은 몇 퍼센트인가요?", "a figure"),
        # a rate that is no share, a multiple, and a share asked with a year: a figure, not a percentage
        ("What is the birth rate?", "a figure"),
        ("What is the won's exchange rate?", "a figure"),
        ("What is the suicide rate among North Korean defectors living in South Korea?", "a figure"),
        ("What is the rate of suicide among defectors?", "a figure"),
        ("탈북민 취업률은 요즘 얼마나 돼요?", "a figure"),
        ("탈북 학생 학업중단율이 얼마나 높아요?", "a figure"),
        # 법률, 규율, 자율 are no rates, nor a rate the question does not ask for
        ("이 법률은 몇 개 조문으로 되어 있나요?", "a count"),
        ("북한인권법은 어떤 법률인가요?", None),
        ("북한 여성의 자율은 어느 정도 보장되나요?", None),
        ("What is the policy on minimum wage rates in China?", None),
        ("What's behind the plummeting birth rates in Xinjiang?", None),
        ("What was North Korea's birth rate?", "a figure"),
        ("최저임금의 몇 배인가요?", "a figure"),
        ("What percentage of the budget went to defense, and in what year?", "a figure"),
    ],
)
def test_a_share_is_asked_as_a_percentage(question: str, kind: str | None) -> None:
    """NUM:perc (Li and Roth 2002): "what percentage", "몇 퍼센트", "비율은 얼마", a rate that is a
    share by definition; any other rate asked is a figure (so many per thousand, a multiple)."""
    assert asked_type(question) == kind


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("The recognition rate for asylum applicants was just 1.7 percent.", True),
        ("urban population: 63.2% of total population (2023)", True),
        ("a voter turnout of 99.63 per cent", True),
        ("여성은 72퍼센트였다", True),
        ("재적위원 3분의 2 이상의 찬성으로 의결한다", True),
        ("about half of the arrivals were women", True),
        ("one in five women reported abuse", True),
        ("two-thirds of the respondents", True),
        ("占百分之二十", True),
        ("seven in ten respondents", True),
        ("10명 중 7명이 여성이다", True),
        ("7 of every 10 arrivals", True),
        ("a third of the workers", True),
        # a head count or a sum is no share; nor 일반, 부분의, a third country, a year, a half-year
        ("The Ministry of Unification reported admitting 196 defectors, 170 of them women.", False),
        ("일반 국민은 신고할 수 있다", False),
        ("이 부분의 이해", False),
        ("resettled in a third country", False),
        ("84 in 2021", False),
        ("in the second half of 2019", False),
        ("统一成为国家", False),
        ("$150 million a year", False),
        ("위원회는 15명 이하의 위원으로 구성한다.", False),
    ],
)
def test_a_percentage_question_is_answered_by_a_share(text: str, held: bool) -> None:
    """ "What share of defectors are women?" is not answered by a head count alone: it needs a
    percentage or a fraction."""
    assert holds_type(text, "a percentage") is held


def test_a_percentage_the_question_states_is_not_its_answer() -> None:
    """ "Is it true that 80 percent are women?" is not answered by the 80 percent it states."""
    assert not holds_type("80 percent of them were women", "a percentage", ("80",))
    assert holds_type("80 percent of them were women, and 20% men", "a percentage", ("80",))


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("납북자 가족이 받는 피해위로금은 1인당 얼마인가요?", "an amount, not a fine"),
        ("How much reward money can a defector get?", "an amount, not a fine"),
        ("What is South Korea's hourly minimum wage?", "an amount, not a fine"),
        ("How much is the fine for a foreigner working illegally in China?", "an amount"),
        ("불법 취업한 외국인의 벌금은 얼마인가요?", "an amount"),
        ("How much is the penalty for overstaying a visa?", "a figure"),
        # a fine asked without the word
        ("How much money must a Chinese employer pay for illegally hiring a foreigner?", "an amount"),
        ("How much does China charge foreigners who work illegally?", "an amount"),
        ("How much does a broker's fee cost?", "an amount, not a fine"),
    ],
)
def test_a_sum_other_than_a_fine_is_asked_apart(question: str, kind: str) -> None:
    assert asked_type(question) == kind


@pytest.mark.parametrize(
    ("text", "held"),
    [
        (
            "피해위로금등을 받은 자는 5년 이하의 징역 또는 5천만원 이하의 벌금에 처한다.",
            False,
        ),
        ("外国人非法就业的，处五千元以上二万元以下罚款；情节严重的，处五日以上十五日以下拘留", False),
        ("violators face a fine of up to $2,000", False),
        ("workers were fined 5,000 won", False),
        ("fines of between 1,000 and 5,000 yuan", False),
        ("penalties of up to $5,000", False),
        ("5억원의 범위에서 보로금을 지급할 수 있다", True),
        ("a grant of 1,000 to 5,000 yuan", True),
        ("처벌: 5천만원 이하의 벌금. 위로금은 1천만원으로 한다.", True),
        ("벌금 500만원", False),
        ("과징금 3천만원", False),
        ("a fine not exceeding $5,000", False),
        ("fined up to 10,000 yuan", False),
        ("并处罚金五万元", False),
        ("对个人处每非法介绍一人五千元，总额不超过五万元的罚款", False),
        ("奖励举报人员五千元", True),
        # a comma or 과 ends the sum's clause
        ("정착지원금 700만원, 벌금 부과 대상 아님", True),
        ("포상금은 1억원 이하로 하고, 벌금과 별도로 지급한다", True),
    ],
)
def test_a_fine_does_not_answer_a_question_for_another_sum(text: str, held: bool) -> None:
    """ "피해위로금은 1인당 얼마인가요?" is not answered by "5천만원 이하의 벌금": a penalty is the sum a
    fine question asks for, not a grant's, a reward's or a wage's. Any sum answers a fine question."""
    assert holds_type(text, "an amount, not a fine") is held
    assert holds_type(text, "an amount")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When did Xi Jinping launch the Sinicization policy?", "a date"),
        ("When was the Refugee Convention adopted?", "a date"),
        ("And when was it signed?", "a date"),
        ("북한인권재단은 실제로 언제 출범했나요?", "a date"),
        ("유엔 강제실종위원회는 언제 만들어졌나요?", "a date"),
        # a condition, a deadline, "since when" in the present, "일할 수 있나요" (있: "to be")
        ("When does trafficking carry ten years?", None),
        ("언제까지 신청해야 하나요?", None),
        ("북한은 언제부터 유엔 회원국인가요?", None),
        ("난민 신청자는 언제부터 일할 수 있나요", None),
        ("언제 신청하나요?", None),
        # always, any time; a past tense in the next sentence; a wish
        ("중국은 언제나 탈북민을 강제송환했나요?", None),
        ("언제든지 신청할 수 있었나요?", None),
        ("언제 신청해야 하나요? 이미 한 번 거절당했어요.", None),
        ("언제 신청할 수 있는지 알려주셨으면 좋겠어요", None),
        ("언제 까지 신청했어야 했나요?", None),
        ("But when did China sign it?", "a date"),
        ("Since when was it allowed?", None),
        ("심사는 얼마나 걸려요?", "a duration"),
        # how long something takes is a duration; how long a thing is, a figure
        ("중국에서 귀화 신청하면 심사는 보통 얼마나 걸리나요?", "a duration"),
        ("How long does it take to get a decision?", "a duration"),
        ("How long is the DMZ?", "a figure"),
        ("When did the border reopen and how long was it shut?", "a figure"),
        # 며칠 after "every year" or a month is a day of the year; elsewhere a number of days
        ("'북한이탈주민의 날'은 매년 며칠인가요?", "a date"),
        ("그 법은 몇 월 며칠에 시행됐나요?", "a date"),
        ("이의신청은 며칠 안에 해야 돼요?", "a duration"),
        ("임시보호조치는 최대 며칠까지 가능한가요?", "a duration"),
        ("매년 며칠 동안 교육을 받나요?", "a duration"),
        # a day named as the topic, asked what it is
        ("탈북민의 날이 법으로 따로 정해져 있다던데 며칠이야?", "a date"),
        ("그 기념일은 며칠이에요?", "a date"),
        ("입국한 날부터 최대 며칠인가요?", "a duration"),
        ("보호 기간은 며칠이에요?", "a duration"),
        ("체류할 수 있는 날은 며칠인가요?", "a duration"),
    ],
)
def test_when_a_past_event_happened_is_a_date(question: str, kind: str | None) -> None:
    """ "When did ...?" and "언제 ...됐나요?" ask for a date (a verb in the past tense after 언제: a
    syllable ending in ㅆ, not 있 or 겠); "When does ...?" and "언제까지" ask for a condition or a
    deadline."""
    assert asked_type(question) == kind


def _starts(items: Any, bounded: bool = False) -> tuple[list[tuple[Any, Any, bool]], bool]:
    """The (opcode, argument, after \\b) items a match of the parsed pattern `items` can start with
    (literals and classes; "after \\b": only where a word boundary stands before them), and whether it
    can match nothing before them (zero-width items are stepped over)."""
    sre: Any = importlib.import_module("re._constants")  # (private: the parser's opcodes, tests only)
    out: list[tuple[Any, Any, bool]] = []
    for op, av in items:
        if op is sre.AT:
            bounded = bounded or av is sre.AT_BOUNDARY
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the match starts at what follows
        elif op in (sre.LITERAL, sre.IN):
            return [*out, (op, av, bounded)], False
        elif op is sre.BRANCH:
            parts = [_starts(branch.data, bounded) for branch in av[1]]
            out += [item for found, _ in parts for item in found]
            if not any(empty for _, empty in parts):
                return out, False
        elif op is sre.SUBPATTERN:
            found, empty = _starts(av[3].data, bounded)
            out += found
            if not empty:
                return out, False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            found, empty = _starts(av[2].data, bounded)
            out += found
            if av[0] > 0 and not empty:
                return out, False
        else:
            raise AssertionError(f"no first characters known for {op}")
    return out, True


@pytest.mark.parametrize(
    "name",
    [
        "_PERCENTAGE",
        "_PROVISION_BEFORE",
        "_DAY_BEFORE",
        "_DURATION_WORDS",
        "_MONEY",
        "_DATE",
        "_FREQUENCY",
        "words",
    ],
)
def test_lookahead_admits_every_first_character(name: str) -> None:
    """A pattern behind `_led`'s lookahead finds what it finds alone: the lookahead admits every
    character a branch of the pattern can start with, wherever that branch can start (a branch led by
    \\b only at a word boundary), read from the parsed pattern: a branch added later, starting with
    another character, fails here rather than going unmatched."""
    import index.answer_type as at

    sre: Any = importlib.import_module("re._constants")
    parser: Any = importlib.import_module("re._parser")
    pattern = (
        next(w for _, w in at._FIGURE_WORDS if w.pattern.startswith("(?=") and "percent" in w.pattern)
        if name == "words"
        else getattr(at, name)
    )
    parsed = parser.parse(pattern.pattern, pattern.flags).data
    assert parsed[0][0] is sre.ASSERT
    first = re.compile(pattern.pattern[3 : pattern.pattern.index(")(?:")], pattern.flags)
    starts, empty = _starts(parsed[1:])
    assert starts and not empty
    digits = "0123456789٣３१"
    for op, av, bounded in starts:
        items = [(op, av)] if op is sre.LITERAL else av
        for kind, value in items:
            if kind is sre.LITERAL:
                chars = chr(value)
            elif kind is sre.RANGE:
                chars = "".join(map(chr, range(value[0], value[1] + 1)))
            elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                chars = digits
            else:
                raise AssertionError(f"{name}: no check for {kind} {value}")
            for ch in chars:
                # where the branch can start: at the text's start, after a space, after a letter (only
                # where a word boundary stands, for a branch led by \\b)
                places = [(ch, 0), (" " + ch, 1), ("a" + ch, 1)]
                if bounded:
                    places = [(text, at) for text, at in places if re.compile(r"\b").match(text, at)]
                missed = [text for text, at in places if not first.match(text, at)]
                assert not missed, f"{name}: its lookahead misses {ch!r} in {missed}"
    # and the answers with the lookahead are those without it
    plain = re.compile(pattern.pattern[pattern.pattern.index(")(?:") + 1 :], pattern.flags)
    rng = random.Random(5)
    parts = [
        "2023",
        "12",
        "3.5",
        "%",
        " percent",
        "half of the",
        "one-third",
        "3분의 1",
        "$",
        "₩",
        "won",
        "元",
    ]
    parts += [
        "Article ",
        "§",
        "제",
        "조의 ",
        "January ",
        "5월",
        "two years",
        "three ",
        "days",
        "한 해",
        "十年",
    ]
    parts += ["US$", "KRW ", "1천만원", "임금의 2배", "fortnight", "Only one", "a year", " ", "\n", "the "]
    if name == "_FREQUENCY":
        parts += ["every ", "마다", "annually", "회", " times a year", "매년", "每年"]
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(1, 10))) for _ in range(5_000)]
    found = [[m.span() for m in pattern.finditer(t)] for t in texts]
    assert found == [[m.span() for m in plain.finditer(t)] for t in texts]
    assert sum(map(bool, found)) > 50


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How often must South Korea draw up its national plan against trafficking?", "a frequency"),
        ("How frequently does the Committee meet?", "a frequency"),
        ("How many times a year does the council meet?", "a frequency"),
        ("인신매매등방지정책조정협의회는 1년에 몇 번 회의를 여나요?", "a frequency"),
        ("탈북민 정착지원 기본계획 수립 주기", "a frequency"),
        ("기본계획 수립 주기는 몇 년인가요?", "a frequency"),
        ("지방자치단체장은 정착 실태를 얼마나 자주 보고해야 해?", "a frequency"),
        ("자료는 몇 개월마다 이관하나요?", "a frequency"),
        # a number of times over no period is a figure; a verb's 주기 ("to give") asks nothing
        ("How many times can a migrant worker switch jobs?", "a figure"),
        ("면접에 몇 번까지 빠져도 되나요?", "a figure"),
        ("돈을 주기 위해 무엇을 해야 하나요?", None),
        ("몇 년 주기로 수립하나요?", "a frequency"),
        ("What is the frequency of the review?", "a frequency"),
        ("How many times in a year does it meet?", "a frequency"),
        ("委员会多久开会一次？", "a frequency"),
        ("委员会每年开会几次？", "a frequency"),
        # how many times in a year named is a figure
        ("위원회는 2021년에 몇 번 회의를 열었나요?", "a figure"),
        ("2023년 한 해 동안 몇 차례 열었나요?", "a figure"),
        # asked with a year, it asks a date; with another quantity, a figure
        ("In what year did the Committee first meet, and how often?", "a date"),
        ("How often is the census conducted, and how many people were counted?", "a figure"),
        ("How much does it cost and how often must it be paid?", "a figure"),
        # a year "에 한 번" is how often, not when ("몇 년에 가입했어요?" is)
        ("그 조사는 몇 년에 한 번씩 해요?", "a frequency"),
        ("몇 개월에 1회 점검해요?", "a frequency"),
        ("북한은 몇 년에 유엔에 가입했어요?", "a date"),
    ],
)
def test_how_often_asks_for_a_frequency(question: str, kind: str | None) -> None:
    assert asked_type(question) == kind


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("and every 180 days thereafter for a period not to exceed 3 years", True),
        ("The Committee shall normally meet annually.", True),
        ("The council meets twice a year.", True),
        ("It meets four times per year.", True),
        ("Guards regularly returned defectors.", True),
        ("The register is updated by the camp committee every Tuesday.", True),
        ("Water is delivered on Mondays.", True),
        ("The list is checked fortnightly.", True),
        ("기록센터의 자료는 3개월마다 법무부에 이관한다.", True),
        ("위원장이 필요에 따라 수시로 소집한다.", True),
        ("정기회의는 연 2회 개최한다.", True),
        ("반기마다 보고하여야 한다.", True),
        ("每年向国务院报告", True),
        # a head count, a term or a date is no frequency
        ("정책협의회는 위원장을 포함하여 15인 이내의 위원으로 구성한다.", False),
        ("위원의 임기는 3년으로 한다.", False),
        ("The Committee shall consist of ten experts.", False),
        ("each of the States Parties shall submit a report", False),
        ("1년에 두 번 개최한다.", True),
        ("3년 주기로 수립한다.", True),
        ("at five-year intervals", True),
        ("whenever the Committee so requests", True),
        ("每日报告", True),
        # a word that only holds one: 행정기관, 판매일, 구분기준, 위반기간, 자주적, 在规定期限内
        ("관계 중앙행정기관의 장은 협조하여야 한다.", False),
        ("판매일로부터 30일 이내", False),
        ("구분기준은 대통령령으로 정한다.", False),
        ("위반기간 동안", False),
        ("자주적인 통일", False),
        ("在规定期限内", False),
        # 마다 after no unit of time, a number of times, a name
        ("연장할 때마다 5년을 넘지 못한다.", False),
        ("3회 이상 연속하여 출석하지 아니하는 경우", False),
        ("Daily NK reported arrests.", False),
        ("a regularly constituted court", False),
        ("Defectors often face arrest.", False),
        ("In 2023, 196 defectors arrived.", False),
    ],
)
def test_a_frequency_question_is_answered_by_a_rate_or_an_interval(text: str, held: bool) -> None:
    assert holds_type(text, "a frequency") is held


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who is the current UN Special Rapporteur on North Korea?", True),
        ("Who was South Korea's first civilian president?", True),
        ("Who replaced Elizabeth Salmón as Special Rapporteur?", True),
        ("Who founded the NGO Liberty in North Korea?", True),
        ("Who holds that post right now?", True),
        ("Who was appointed chair of the foundation?", True),
        ("북한인권재단의 초대 이사장은 누구인가?", True),
        ("지금 통일부 장관이 누구예요?", True),
        ("유엔 북한인권 특별보고관으로 처음 임명된 사람은 누구인가?", True),
        ("Who currently chairs the UN Committee against Torture?", True),
        ("Who now heads the office?", True),
        ("Who held the Special Rapporteur post before Elizabeth Salmón?", True),
        ("그 재단의 초대 이사장은 누가 맡았나요?", True),
        ("유엔 북한인권조사위원회 위원장은 누구였어?", True),
        ("그 센터 센터장은 지금 누가 맡고 있어? 이름 알려줘", True),  # who holds it now
        ("북한인권재단 이사장 지금 누구야? 출범은 한 거야?", True),  # the post first, then now
        ("Who's in that job right now?", True),  # a post the thread names
        ("Who is holding the post now?", True),
        ("Who currently serves as the US Special Envoy for North Korean human rights issues?", True),
        ("Who is the UN special rapporteur on torture right now?", True),  # a post, then now
        ("지금 그 위원회 위원장을 맡고 있는 사람은 누구인가요?", True),  # now, then whoever holds it
        ("지금 그 자리에 임명되어 있는 사람은 누구인가요?", True),
        ("지금 그 자리에 위촉되어 있는 사람의 이름은 무엇인가요?", True),
        ("북한이탈주민지원재단의 현 이사장은 누구인가요?", True),  # 현, "current"
        ("유엔 북한인권 서울사무소 소장 이름이 뭐예요?", True),  # the holder's name
        ("현행법상 위원장은 누가 되나요?", False),
        ("대사관 이름이 뭐예요?", False),
        ("남북 정상회담 회의장 이름이 뭐예요?", False),  # a room, not its 의장
        ("지금 탈북민 신변보호를 맡고 있는 사람은 누구인가요?", False),  # no post: a law's officer
        ("현 규정상 위원장은 누구예요?", False),
        ("Who is the minister that the Act now requires to report to the National Assembly?", False),
        ("Who is the judge who decides asylum appeals today?", False),
        ("Who is protected now under the law?", False),
        ("Who is the head of state?", False),
        ("Who serves as chair?", False),
        ("Who is in the job market?", False),
        ("위원장 선출 방식은 지금 누가 정하나요?", False),
        # who fills a post by law: a law answers with a post
        ("Who appoints the chair of the foundation?", False),
        ("Who heads the council?", False),
        ("Who is responsible for screening refugee applications?", False),
        ("위원장은 누가 되나요?", False),
        ("초대 위원장은 누가 임명하나요?", False),
        ("위원장은 누가 맡나요?", False),
        ("위원장은 누가 맡게 되나요?", False),
        ("인신매매 정책협의회 위원장은 누가 맡고 있나요?", False),  # a law's post
        ("유엔 인권이사회 의장국은 지금 누가 맡고 있나요?", False),  # a country
        ("주중 대사관 업무는 지금 누가 맡고 있어요?", False),
        ("Who holds the power to appoint the chair?", False),
        ("지금 탈북민 보호는 누구 책임인가요?", False),
    ],
)
def test_a_question_for_the_holder_of_a_post(question: str, asks: bool) -> None:
    assert asks_office_holder(question) is asks


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Of the 283 forced returns analyzed by Safeguard Defenders, how many were from Thailand?", "283"),
        ("How many of the 23 psychiatric hospitals run by the ministry are in Xinjiang?", "23"),
        ("Among the roughly 1,170 detainees, how many were women?", "1,170"),
        ("HRW가 밝힌 탈북민 1,170명 가운데 지린성 시설에 갇힌 사람은 몇 명인가요?", "1,170"),
        ("2023년 10월 중국이 북송한 600명 중 여성은 몇 명이었어?", "600"),
        ("실종 탈북민 42명 중에서 납치된 사람은 몇 명인가요?", "42"),
        ("In 2023, of the 600 people returned, how many were women?", "600"),
        ("According to HRW, out of 600 returned how many were women?", "600"),
        ("How many out of the 600 were women?", "600"),
        ("600여 명 가운데서 여성은 몇 명이었나요?", "600"),
        ("2,024명 중 몇 명이 여성인가요?", "2,024"),  # a count of people, though it reads like a year
        # a year, then the figure asked a part of
        ("Of the 1951 Convention's 46 articles, how many apply?", ""),
        # no part of a figure: a year alone, a ratio, a decimal, 만, a name asked, a group without a figure
        ("How many of the 1951 signatories ratified the protocol?", ""),
        ("Of the 2024 report's chapters, how many concern China?", ""),
        ("10명 중 8명이 여성인가요?", ""),
        ("12.5명 중 몇 명이 남았나요?", ""),
        ("3만 명 중 몇 명이 여성인가요?", ""),
        ("600명 가운데 보고서에 이름이 나온 사람은 누구야?", ""),
        ("How many of the refugees arrived in 2023?", ""),
        ("How many people died in the famine of the 1990s?", ""),
    ],
)
def test_a_question_for_a_part_of_a_figure_it_gives(question: str, figure: str) -> None:
    assert asks_part_of(question) == figure


@pytest.mark.parametrize(
    ("question", "group"),
    [
        (
            "How many of the North Korean escapees who arrived in South Korea in 2023 were women?",
            ("women", "woman", "female", "females"),
        ),
        ("How many of them were children?", ("children", "child", "minors", "minor")),
        (
            "How many of North Korea's 0-14 year olds were girls in 2014?",
            ("girls", "girl", "female", "females"),
        ),
        ("2023년 한국에 들어온 탈북민 가운데 여성은 몇 명이었나요?", ("여성", "여자")),
        ("2023년 10월 중국이 강제북송한 사람들 중 남자는 몇 퍼센트였어요?", ("남자", "남성")),
        # the group as what is counted: a passage may name them otherwise ("500 prostitutes")
        ("roughly how many women were selling sex in his home city?", ()),
        ("How many women and children did Congress say were trafficked into the U.S. every year?", ()),
        ("How many North Korean escapees reached South Korea in 2023?", ()),
        ("여성 인권 단체는 몇 곳이에요?", ()),
    ],
)
def test_the_group_a_part_is_counted_of_is_read(question: str, group: tuple[str, ...]) -> None:
    assert counted_group(question) == group


def test_a_figure_is_read_with_or_without_thousands_commas() -> None:
    assert holds_figure("China is detaining 1,170 North Korean defectors", "1170")
    assert holds_figure("China is detaining 1170 defectors", "1,170")
    assert holds_figure("탈북민 600명을 북송했다", "600")
    assert not holds_figure("21,170 people", "1,170")  # part of a longer number
    assert not holds_figure("6,000 people", "600") and not holds_figure("1.600 tonnes", "600")
    assert not holds_figure("1,170.5 tonnes", "1,170")  # part of a decimal


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What prison sentence did a Chinese court give pastor Jin Mingri?", "a sentence"),
        ("What verdict did the International Criminal Court reach against Kim Jong Un?", "a sentence"),
        ("Which court convicted the three union leaders?", "a sentence"),
        ("그 목사는 몇 년 형을 선고받았나요?", "a sentence"),
        # the penalty a law sets, asked in the present, is the law's to say: a penalty
        ("What prison term does China's criminal law set for trafficking women?", "a penalty"),
        ("What punishment does the Refugee Act set for publishing an applicant's name?", "a penalty"),
        # how long a sentence was is a length of time
        ("How many years was he sentenced to?", "a duration"),
        # 형 inside another word (유형, 형태) is no sentence
        ("유엔 총회는 어떤 형태의 결의를 내렸나요?", None),
    ],
)
def test_a_sentence_a_court_gave(question: str, kind: str | None) -> None:
    assert asked_type(question) == kind


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("The Suzhou Intermediate Court sentenced lawyer Yu Wensheng to three years in prison.", True),
        ("He was convicted of incitement in 2023.", True),
        ("법원은 징역 5년을 선고했다.", True),
        ("法院判处有期徒刑三年。", True),
        ("第二百四十条 拐卖妇女、儿童的，处五年以上十年以下有期徒刑", True),
        ("Kenneth Bae was given 15 years of hard labor.", True),
        ("PRC authorities detained pastor Jin Mingri along with several other leaders.", False),
        ("Eight police officers went on trial in November 2023.", False),
    ],
)
def test_a_sentence_is_told_by_a_passage_that_says_one(text: str, held: bool) -> None:
    assert holds_type(text, "a sentence") is held


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What fine does China's Nationality Law impose on someone who fails to report it?", "a penalty"),
        ("What penalty does China's 1980 Nationality Law set for forged documents?", "a penalty"),
        ("What is the maximum prison term under Article 262-1 for using violence?", "a penalty"),
        ("max prison sentence under the national security law for praising north korea", "a penalty"),
        ("How are defectors punished when they are returned?", "a penalty"),
        ("외국인이 중국인에게 전도하다 적발되면 어떤 처벌을 받나요?", "a penalty"),
        ("그거 어기면 처벌은 어떻게 돼?", "a penalty"),
        ("중국 형법 제238조에서는 사람을 불법으로 가둬 두면 몇 년형이에요?", "a penalty"),
        ("拐卖妇女会受到什么处罚？", "a penalty"),
        ("What kind of penalty is there for organizing illegal border crossings in China?", "a penalty"),
        ("What are the consequences for a refugee applicant who submits false documents?", "a penalty"),
        ("무슨 처벌을 받아요?", "a penalty"),
        ("처벌 수위가 어느 정도예요?", "a penalty"),
        ("What is the fine line between a refugee and an economic migrant?", None),
        ("탈북민은 어떤 벌이를 주로 하나요?", None),
        # a sum asked is an amount; a sentence a court gave, a sentence; a yes-or-no, no type
        ("과태료가 얼마인가요?", "an amount"),
        ("What prison sentence did a Chinese court give pastor Jin Mingri?", "a sentence"),
        ("Can people who help defectors in China be punished?", None),
    ],
)
def test_a_penalty_a_law_sets(question: str, kind: str | None) -> None:
    """A penalty asked is answered by a passage telling one: China's Nationality Law sets none."""
    assert asked_type(question) == kind
    if kind == "a penalty":  # the stored models' profiles read it as before the type came: untyped
        assert profiled_type(question, kind) is None


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("shall be punished by imprisonment of not more than three years", True),
        ("were subject to a minimum of five years of “labor correction.”", True),
        ("Unlawful assembly could result in five years of “correctional” labor.", True),
        ("3년 이하의 징역 또는 3천만원 이하의 벌금에 처한다.", True),
        ("处二千元以上一万元以下罚款", True),
        ("The United States imposed sanctions on three officials.", True),
        ("Authorities sometimes detained and prosecuted citizens who assisted North Korean refugees.", True),
        ("Any person who has lost Chinese nationality may apply to restore it.", False),
        ("외국인이 대한민국 국적을 취득하려면 법무부장관의 허가를 받아야 한다.", False),
    ],
)
def test_a_penalty_is_told_by_a_passage_that_says_one(text: str, held: bool) -> None:
    assert holds_type(text, "a penalty") is held


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is the deadline for the Ministry to decide a refugee application?", "a duration"),
        ("Within what time limit must South Korea decide on an application?", "a duration"),
        ("And can that deadline be extended?", "a duration"),
        ("난민인정 결정은 언제까지 해야 하나요?", "a duration"),
        ("이의신청 기한은?", "a duration"),
        ("How many members does the Committee have?", "a count"),  # the type asked comes first
        ("What does Article 33 prohibit?", None),
        ("Within what framework does UNHCR work?", None),
        ("무기한 구금이 가능한가요?", None),  # "indefinite" is no time limit
    ],
)
def test_the_evidence_marks_a_time_limit_s_period_first(question: str, kind: str | None) -> None:
    assert marked_type(question) == kind
    if kind == "a duration":
        assert asked_type(question) is None  # whether the question is answered does not read it


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        # how often something recurs answers no "how long": "임기는 몇 년인가요?" is not told by "3년마다"
        ("통일부장관은 3년마다 기본계획을 수립하여야 한다.", False),
        ("The plan is revised every three years.", False),
        ("每三年修订一次", False),
        ("매 3년 기본계획을 수립한다.", False),
        ("每隔三年修订一次。", False),
        ("위원의 임기는 2년으로 한다.", True),
        ("The term is three years.", True),
        ("reviewed every 5 years, for a term of 4 years", True),
    ],
)
def test_an_interval_is_no_length_of_time(text: str, duration: bool) -> None:
    """A length of time written as an interval (3년마다, "every three years", 每三年) is how often,
    not how long: no duration; it is still a figure."""
    assert holds_type(text, "a duration") is duration
    assert holds_type(text, "a figure")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("김정은 위원장은 몇 년생이에요?", "a birth"),
        ("When was Kim Jong-un born?", "a birth"),
        ("Where was he born, and what did he do before taking the job?", "a birth"),
        ("What is Kim Jong Un's date of birth?", "a birth"),
        ("그 사람은 언제 태어났나요?", "a birth"),
        ("김정은 출생지는?", "a birth"),
        ("김정은 출생지가 어디야?", "a birth"),
        ("When's Kim Jong Un's birthday?", "a birth"),
        ("김정일 생년월일 알려줘", "a birth"),
        ("When was Kim Il-sung born and where?", "a birth"),
        # children born somewhere, and birth as a word of the field, ask no birth
        ("Is a child born in China to stateless parents a Chinese national?", None),
        ("When must a state grant its nationality to a child born on its territory?", None),
        ("What is the life expectancy at birth in North Korea?", None),
        ("그럼 출생등록은 언제까지 하라고 돼 있어?", None),
        ("When is a child born in China considered a Chinese national?", None),
        ("When were the children born in China registered?", "a date"),
        ("중국 국적법은 출생지 원칙을 따르나요?", None),
        ("중국에서 외국인 아기가 태어난 날부터 며칠 안에 신고해야 해?", "a duration"),
        ("What is the date of birth requirement for birth registration under the CRC?", None),
        ("What is North Korea's birth rate?", "a figure"),  # a rate, not a birth
    ],
)
def test_a_question_for_a_birth(question: str, asked: str | None) -> None:
    assert asked_type(question) == asked
    if asked == "a birth":
        # the stored models' profiles read it as they read the question before the type came (no
        # "in what year" here: untyped)
        assert profiled_type(question, "a birth") is None
    assert profiled_type("In what year was Kim Il-sung born?", "a birth") == "a date"


def test_a_birth_is_told_by_a_passage_that_says_one() -> None:
    assert holds_type("Kim Jong-un (born 8 January 1984) is the Supreme Leader.", "a birth")
    assert holds_type("김일성은 1912년 평양에서 태어났다.", "a birth")
    assert not holds_type("chief of state: KIM Jong Un (since 17 December 2011)", "a birth")
    for told in (
        "Born in Pyongyang in 1984, Kim ...",
        "Birthplace: Pyongyang",
        "Kim Il Sung (1912–1994)",
        "(b. 1984)",
        "1984년생",
        "김일성 탄생 110주년",
        "生于平壤",
    ):
        assert holds_type(told, "a birth"), told


def test_a_majority_is_a_figure_a_count_question_may_be_answered_by() -> None:
    # "헌법 77조 보면 국회가 계엄 풀라고 하려면 몇 명 찬성 있어야 돼?": the article gives no number
    assert asked_type("헌법 77조 보면 국회가 계엄 풀라고 하려면 몇 명 찬성 있어야 돼?") == "a count"
    for told in (
        "국회가 재적의원 과반수의 찬성으로 계엄의 해제를 요구한 때에는 대통령은 이를 해제하여야 한다.",
        "decisions shall be taken by a majority of the members present and voting",
        "须经全体代表的过半数通过",
    ):
        assert holds_type(told, "a count"), told
    assert not holds_type("대통령은 계엄을 선포할 수 있다.", "a count")
    # a share of a whole tells no count, nor is a "Majority Leader" or "찬성과반대" one
    for untold in (
        "the majority of trafficking in China occurs within the country's borders",
        "the Senate Majority Leader said",
        "the age of majority",
        "찬성과반대 의견을 들었다",
    ):
        assert not holds_type(untold, "a count"), untold


def test_the_ratifications_a_treaty_needs_are_a_count() -> None:
    # "How many ratifications did the Convention against Torture need?": its article 27 tells it by an
    # ordinal ("the twentieth instrument of ratification"), the number of states that must join
    assert asked_type("How many ratifications did the Convention against Torture need?") == "a count"
    for told in (
        "after the date of the deposit of the twentieth instrument of ratification or accession",
        "on the deposit of the thirty-fifth instrument of ratification",
        "the sixth instrument of accession",
    ):
        assert holds_type(told, "a count"), told
    for untold in ("each instrument of ratification", "its own instrument of ratification"):
        assert not holds_type(untold, "a count"), untold


PHONE = "a phone number or e-mail address"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What's the phone number for the Korea Hana Foundation's counseling hotline?", PHONE),
        ("Is there a 24-hour hotline number for trafficked women?", PHONE),
        ("whats the number for the korea immigration contact center", PHONE),
        ("What's the emergency number in South Korea?", PHONE),
        ("What is the e-mail address of the Special Rapporteur?", PHONE),
        ("남북하나재단 상담 콜센터 전화번호가 몇 번이에요?", PHONE),
        ("상담전화가 몇 번이에요?", PHONE),
        ("주선양 한국 총영사관 긴급 연락처 좀 알려주세요.", PHONE),
        ("北京难民署办公室的电话号码是多少?", PHONE),
        # phones as a subject, a count of them, a number a law lets someone ask for or give, a hotline
        # asked about: no number to call
        ("Have defectors in Shenyang been getting threatening phone calls?", None),
        ("What happens to people caught using phones with Chinese SIM cards?", None),
        ("Is there a 24-hour phone hotline defectors can call?", None),
        ("Did the defectors contact no one in China?", None),
        ("What is the hotline run by the Ministry?", None),
        ("무연고청소년 보호자의 전화번호 제공을 통신사에 요청할 수 있나요?", None),
        ("How many phone lines are in use in North Korea?", "a count"),
        ("How many phone numbers did North Korea block?", "a count"),
        ("What penalty applies for disclosing a victim's contact details?", "a penalty"),
    ],
)
def test_a_question_for_a_number_to_call(question: str, asked: str | None) -> None:
    assert asked_type(question) == asked


@pytest.mark.parametrize(
    ("question", "profiled"),
    [
        # the stored models' profiles read it as the typing they were fitted with did: "몇 번" a figure
        ("남북하나재단 상담 콜센터 전화번호가 몇 번이에요?", "a figure"),
        ("What's the phone number for the Korea Hana Foundation's counseling hotline?", None),
    ],
)
def test_a_number_to_call_is_profiled_as_the_fitted_typing_read_it(
    question: str, profiled: str | None
) -> None:
    assert profiled_type(question, PHONE) == profiled


def test_a_number_to_call_is_told_by_a_passage_that_writes_one() -> None:
    for told in (
        "call 1577-6635 any time",
        "전화 02-2100-5114",
        "+82 2 2100 5114",
        "(202) 939-5600",
        "telephone: [82] (2) 397-4114",
        "TEL.02-2100-5114",
        "Tel: 82-2-2100-5114",
        "국번없이 1366",
        "write to help@example.org",
    ):
        assert holds_type(told, PHONE), told
    for other in (
        "Telephones - main lines in use: 1.18 million (2012)",
        "in 2021-2023 some 1,170 people",
        "Goryeo (918-1392) and Joseon (1392-1910)",
        "fiscal years 1980 1982",
        "14-07-2023",
        "pp. 1023-1045",
        "Law No. 2014-1234",
        "section  1 1182(a)",
        "Article 12-3",
        "on 10.12.2023",
        "2023. 9. 1.",
        "population 25 000 000",
        "total: 1,673 km",
        "22 U.S.C. 7841",
        "북한이탈주민지원재단은 탈북민에 대한 상담을 한다.",
    ):
        assert not holds_type(other, PHONE), other


DOCUMENT = "a document or case number"


def test_a_document_s_symbol_or_a_case_number_asked_is_answered_by_one() -> None:
    """A question for a UN document's symbol or a court case's number is answered by a passage writing
    one, not by one naming the resolution or the ruling; a resolution's number as its name, a symbol in
    another sense, a count of cases ask none."""
    for question in (
        "What's the UN document symbol of that resolution?",
        "그 결의의 공식 문서 번호는 무엇인가요?",
        "난민 인정 요건인 '박해'의 의미를 정리한 대법원 판례 번호가 뭐예요?",
        "그 정의를 해석한 대법원 판례도 있나요? 사건번호까지 알려 주세요.",
        "What is the case number of the Supreme Court ruling?",
    ):
        assert asked_type(question) == DOCUMENT, question
    assert asked_type("How many case numbers were assigned?") == "a count"  # a count asked of them
    assert asked_type("사건번호 96누1221 판결은 언제 선고되었나요?") == "a date"
    for question in (
        "파리원칙은 어떤 결의로 채택되었는지 결의 번호를 알려 주십시오.",
        "What is the symbol of the UN?",
    ):
        assert asked_type(question) != DOCUMENT, question
    for text in (
        "The General Assembly adopted resolution A/RES/78/218 on 19 December 2023.",
        "See the concluding observations, CEDAW/C/CHN/CO/9.",
        "대법원 1996. 11. 12. 선고 96누1221 판결",
        "2019가합12345",
        "2014헌라1",
        "法释〔2016〕28号",
        "Case no. 12 of the tribunal",
    ):
        assert holds_type(text, DOCUMENT), text
    for text in (
        "The General Assembly adopted a resolution on North Korea in December 2023.",
        "Resolution 1992/54 adopted the Paris Principles.",
        "In 2023 there were 12 cases, and/or 3 appeals.",
        "제2조 제3항",
        "북위 38도 15분",
    ):
        assert not holds_type(text, DOCUMENT), text


def test_where_a_body_is_asked_is_answered_by_a_passage_naming_a_place() -> None:
    """ "Where is Hanawon located?" is not answered by the law setting the centre up, which names no
    place; "at The Hague", "based in San José", a country (in Korean text, in a locative), a Korean
    province or city answer it; a name holding a country, a word ending in 시 or 군, a body after "in"
    do not. Where a text says something asks no place."""
    for question in (
        "탈북민 정착지원시설인 하나원은 어느 지역에 있나요?",
        "하나원은 어디에 있어요?",
        "Where is Hanawon, South Korea's resettlement center, located?",
        "In which city is the Inter-American Court based?",
    ):
        assert asked_type(question) == "a place", question
    for question in (
        "그런 규정이 어디에 있나요?",
        "그 문서는 어디에 있나요?",
        "제5조는 어디에 있나요?",
        "Where is the relevant article located?",
    ):
        assert asked_type(question) != "a place", question
    for text in (
        "The seat of the Court shall be established at The Hague in the Netherlands.",
        "Along with the Inter-American Court of Human Rights, based in San José,",
        "하나원은 경기도 안성시에 있다.",
        "하나원은 서울에 있다.",
        "탈북민이 중국에서 체포되었다.",
    ):
        assert holds_type(text, "a place"), text
    for text in (
        "통일부장관은 북한이탈주민의 보호 및 정착지원을 위하여 정착지원시설을 설치ㆍ운영한다.",
        "as set out in Article 5 of the Convention, in March 2023",
        "North Korean defectors said so.",
        "통일부장관은 북한인권재단을 설립한다.",  # a country in a name, not a place
        "이 영 시행당시 재실시하는 북한군",
        "세계대전 이후 경기 침체",
        "as set out in the Rules of Procedure, in Kim Jong Un's speech",
    ):
        assert not holds_type(text, "a place"), text
