"""index.holders: a passage names the holder of the post a question asks about."""

from __future__ import annotations

import pytest

from index.analyzer import analyze
from index.holders import asked_posts, asks_person_name, names_holder, person_names

# a few English stems, as a word list would give them
COMMON = frozenset(
    analyze(
        "the human rights council special rapporteur province foreign high commissioner office prime "
        "minister president chair chairman army security un united nations of state affairs commission "
        "assistant general"
    )
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # (a run's first word is no evidence of a name: "Human Rights", "Michelle Bachelet" by Bachelet)
        ("The current High Commissioner is Michelle Bachelet of Chile.", [{"bachelet"}]),
        ("In 1993, KIM Young-sam (1993-98) became the first civilian president.", [{"kim", "young", "sam"}]),
        ("chief of state: State Affairs Commission President KIM Jong Un", [{"kim", "jong", "un"}]),
        # a romanised Korean or Chinese family name begins a name whatever words follow it
        ("The current leader is Kim Jong Un.", [{"kim", "jong", "un"}]),
        ("Choe Son Hui became foreign minister.", [{"choe", "son", "hui"}]),
        ("General Secretary Xi Jinping", [{"xi", "jinping"}]),
        ("Zeid Raad Al Hussein of Jordan", [{"raad", "al", "hussein"}]),
        # a post before a name is no name's word
        ("UN Special Rapporteur Elizabeth Salmón said.", [{"elizabeth", "salmon"}]),
        # bodies, places and posts of English words; acronyms and hyphenated English words neither
        ("the UN Special Rapporteur met the Human Rights Council", []),
        ("in Ryanggang Province", []),
        ("Foreign NGOs testified; The IRO closed", []),
        ("the Assistant Secretary-General for Human Rights", []),
        # a name does not run across a line's end
        ("Transition to Kim Jong-un\n\nPolitical power", [{"kim", "jong", "un"}]),
    ],
)
def test_names_shaped_like_a_person_s(text: str, names: list[set[str]]) -> None:
    found = person_names(text, COMMON)
    assert [{t for t in n if "-" not in t} for n in found] == [{analyze(w)[0] for w in n} for n in names]


def test_a_long_run_of_letters_is_read_at_once() -> None:
    # (overlapping quantifiers made this take seconds)
    assert person_names("A" * 2000 + " " + "B" * 2000 + "1", COMMON) is not None


def test_the_posts_a_question_names() -> None:
    (rapporteur,) = asked_posts("Who replaced Elizabeth Salmón as UN Special Rapporteur on North Korea?")
    assert frozenset(analyze("rapporteur")) in rapporteur
    (minister,) = asked_posts("지금 통일부 장관이 누구예요?")
    assert frozenset(analyze("minister")) in minister
    # the longest post written: 위원장 (a chair), not the 원장 (a director) in it
    (chair,) = asked_posts("그럼 지금 위원장은 누구예요?")
    assert frozenset(analyze("chairman")) in chair and frozenset(analyze("director")) not in chair
    # a post at a Korean word's end, not inside another word (대사관, an embassy)
    assert asked_posts("주중 대사는 누구예요?") and not asked_posts("스페인 대사관 앞에서 누구를 만났나요?")
    (founded,) = asked_posts("Who founded the NGO Liberty in North Korea?")
    assert frozenset(analyze("founder")) in founded
    # a word for people is read as the post: a sentence must call the person so
    (defector,) = asked_posts("Who was the first North Korean defector elected to the National Assembly?")
    assert frozenset(analyze("escapee")) in defector
    assert asked_posts("Who was the first person to run the International Refugee Organization?") == ()


def test_a_sentence_names_the_post_and_a_person_the_question_does_not() -> None:
    question = "Who succeeded Zeid Raad Al Hussein as UN High Commissioner for Human Rights?"
    posts, given = asked_posts(question), analyze(question)
    answer = "The office has a High Commissioner. The current High Commissioner is Michelle Bachelet."
    assert names_holder(answer, posts, given, COMMON)
    # the person the question names is no answer
    assert not names_holder("The High Commissioner Zeid Raad Al Hussein spoke.", posts, given, COMMON)
    # nor a person named in another sentence than the post
    apart = "The High Commissioner spoke. Michelle Bachelet visited Chile."
    assert not names_holder(apart, posts, given, COMMON)
    # nor a person holding another post
    minister = asked_posts("지금 통일부 장관이 누구예요?")
    assert not names_holder("President PARK Geun-hye (since 2013)", minister, (), COMMON)
    assert names_holder("note - Prime Minister CHUNG Hong-won resigned", minister, (), COMMON)
    # a title's abbreviation ends no sentence
    titled = "The High Commissioner, Ms. Michelle Bachelet, presented her report."
    assert names_holder(titled, posts, given, COMMON)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What was the name of the Russian officer who arrested Choe Kum Chol?", True),
        ("What is the name of Gulshan Abbas's sister, the Uyghur activist in the United States?", True),
        ("What are the names of the two defectors?", True),
        ("모스크바행 비행기에서 가족이 체포된 북한 외교관은 이름이 뭐예요?", True),
        # the name of a thing, or of a place a person is in
        ("What is the name of the detention center in Tumen city where China holds defectors?", False),
        ("What was the name of the ship that carried the defectors?", False),
        ("북한 상선 이름이 뭐예요?", False),
        # a word for people before the head noun
        ("What is the name of the defector resettlement center?", False),
        ("검열 프로그램 이름이 뭐예요?", False),
    ],
)
def test_a_question_for_the_name_of_a_person(question: str, asks: bool) -> None:
    assert asks_person_name(question) is asks


def test_a_person_s_role_is_the_post_a_sentence_must_name() -> None:
    posts = asked_posts("What was the name of the Russian officer who arrested Choe Kum Chol?")
    assert any(frozenset(analyze("officer")) in forms for forms in posts)
    question = "What was the name of the Russian officer who arrested Choe Kum Chol?"
    given = analyze(question)
    # the person the question names is no answer; another, named with the role, is
    told = "Choe Kum Chol, a military officer, was arrested in Vladivostok."
    assert not names_holder(told, posts, given, COMMON)
    assert names_holder("The arresting officer was Ivan Petrovsky.", posts, given, COMMON)
