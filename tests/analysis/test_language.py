"""Language identification and explicit crisis phrases in six other languages.

English entries of every shape must stay English (an entry called foreign is
not read at all); clear foreign sentences are named; every phrase of
``crisis_phrases.toml`` is found in a sentence of its language, accents or
not; idioms never fire; hostile input neither raises nor hangs. All texts
here were written for this project.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from reconnect.analysis.crisis_intl import (
    IntlCrisisHit,
    anchor_words,
    expand_phrase,
    find_intl_crisis,
    load_phrases,
    phrase_pattern,
)
from reconnect.analysis.language import detect_language

P = pytest.param

ENGLISH = [
    "hello",
    "ok",
    "k",
    "meh",
    "Ugh.",
    "Nope.",
    "thx",
    "Fine, I think.",
    "Tired af rn",
    "lol idk tbh",
    "ngl kinda numb tbh",
    "Gym +exercise then a slow day",
    "Worked 12h. Slept 4h.",
    "Sunday. Laundry. Nap.",
    "@sam said hi #gratitude",
    "😭😭😭",
    "Mood: 🥲",
    "ran 5k 🏃‍♀️ #pb",
    "https://example.com/article-about-burnout",
    "read this r/CPTSD thread www.example.org and cried",
    "feeling numb agian, cant focus at wrok",
    "I am so done with everything",
    "Therapy @ 3pm w/ Dr. Müller",
    "Went to the café with Zoë, had a croissant.",
    "Had pho with Nguyen and Tuan tonight",
    "Sat in the sauna, then Kaffee und Kuchen with Oma",
    "Namaste 🙏 yoga at 7",
    "Gracias!",
    "Danke",
    "Ciao",
    "Merci beaucoup lol",
    "Hasta la vista, baby",
    "C'est la vie I guess",
    "Mi casa es su casa, she said",
    "Tacos al pastor con mi hermano, best night",
    "Called mom. She said 'je ne sais quoi' about my new haircut lol",
    "My abuela always says 'no hay mal que por bien no venga' and honestly it helps.",
    "Dal with rice again, yaar",
    "Main character energy today",
    "Me: 0, anxiety: 1",
    "no no no no",
    "So so so tired",
    "s p o o k y",
    "Blah blah blah",
    "Paris trip: Louvre, Montmartre, crêpes, Seine",
    "Grandma wrote 加油 on the card and I kept it",
    "I don't know why I feel nothing when my partner hugs me. It's like watching it from far away.",
    "Spent the evening journaling about my dad. Felt lighter after.",
    "alarm, shower, train, desk, train, dinner, screen, bed. press repeat.",
    "Nissan Fuga 450GT",
    "",
    "   ",
    "?!?!",
    "12345",
]

FOREIGN = [
    P("de", "Ich will nicht mehr leben.", id="de-short"),
    P("de", "Heute war ein schrecklicher Tag, ich bin so müde.", id="de"),
    P("de", "Mein Freund hat mich verlassen und ich weiß nicht, was ich tun soll.", id="de-long"),
    P("de", "Ich bringe mich um", id="de-um"),
    P("fr", "Je veux mourir.", id="fr-short"),
    P("fr", "Aujourd'hui je me sens vide, je ne ressens plus rien.", id="fr"),
    P("fr", "Mon copain ne me parle plus depuis une semaine.", id="fr-long"),
    P("es", "Me quiero morir.", id="es-short"),
    P("es", "Ya no quiero vivir.", id="es-ya"),
    P("es", "Hoy me siento muy sola y no sé por qué.", id="es"),
    P("es", "Fui al gimnasio y después dormí toda la tarde.", id="es-model"),
    P("pt", "Quero morrer.", id="pt-short"),
    P("pt", "Eu nao sei o que fazer da minha vida.", id="pt-no-accents"),
    P("pt", "Minha mãe não fala comigo há dias.", id="pt"),
    P("it", "Voglio morire.", id="it-short"),
    P("it", "Non ce la faccio più a vivere così.", id="it"),
    P("it", "Il mio ragazzo non mi risponde da tre giorni.", id="it-long"),
    P("hi", "मैं मरना चाहता हूँ", id="hi-devanagari"),
    P("hi", "आज मुझे बहुत अकेलापन महसूस हो रहा है।", id="hi-devanagari-long"),
    P("hi", "main marna chahta hoon", id="hi-roman"),
    P("hi", "main marna chahti hoon", id="hi-roman-f"),
    P("hi", "mujhe kuch samajh nahi aa raha", id="hi-roman-2"),
    P("hi", "zindagi se thak gayi hoon, ab jeena nahi chahti", id="hi-roman-3"),
    P("nl", "Ik wil niet meer leven.", id="nl"),
    P("pl", "Nie chcę już żyć, mam dość wszystkiego.", id="pl"),
    P("sv", "Idag känner jag mig väldigt ensam.", id="sv"),
    P("tr", "Bugün kendimi çok yalnız hissediyorum.", id="tr"),
    P("id", "Saya tidak ingin hidup lagi, saya sangat lelah.", id="id"),
    P("ru", "Я больше не хочу жить.", id="ru"),
    P("uk", "Я більше не хочу жити.", id="uk"),
    P("ja", "もう生きていたくない。", id="ja"),
    P("zh", "我不想活了。", id="zh"),
    P("ko", "더 이상 살고 싶지 않아요.", id="ko"),
    P("ar", "لا أريد أن أعيش بعد الآن", id="ar"),
    P("el", "Δεν θέλω να ζω άλλο.", id="el"),
    P("he", "אני לא רוצה לחיות יותר", id="he"),
    P("th", "ฉันไม่อยากมีชีวิตอยู่อีกแล้ว", id="th"),
    P("ro", "Nu mai vreau să trăiesc.", id="ro"),
]

# Near misses in each language: idioms that borrow crisis words, and a few denials of
# nothing at all. None may fire.
IDIOMS = [
    P("es", "Me muero de hambre, ¿cenamos ya?", id="es-hambre"),
    P("es", "Me muero de risa con este video.", id="es-risa"),
    P("es", "Me muero de ganas de verte.", id="es-ganas"),
    P("es", "Hoy me muero de calor en la oficina.", id="es-calor"),
    P("es", "Me quiero morir de la vergüenza, qué ridículo.", id="es-verguenza"),
    P("es", "Me voy a matar estudiando para el examen.", id="es-estudiando"),
    P("fr", "Je meurs de faim, on mange quand ?", id="fr-faim"),
    P("fr", "On était morts de rire toute la soirée.", id="fr-rire"),
    P("fr", "J'ai envie de mourir de rire quand je le vois danser.", id="fr-envie-rire"),
    P("fr", "Je vais me tuer à la tâche avec ce projet.", id="fr-tache"),
    P("fr", "Ce film, ça me tue.", id="fr-ca-me-tue"),
    P("de", "Ich sterbe vor Hunger.", id="de-hunger"),
    P("de", "Ich bin heute todmüde.", id="de-todmuede"),
    P("de", "Ich lach mich tot, so lustig.", id="de-totlachen"),
    P("de", "Ich war zu Tode gelangweilt im Meeting.", id="de-gelangweilt"),
    P("pt", "Estou morto de fome.", id="pt-fome"),
    P("pt", "Morri de rir com esse vídeo.", id="pt-rir"),
    P("pt", "Quero morrer de rir com vocês.", id="pt-quero-rir"),
    P("pt", "Estou morrendo de saudade da minha avó.", id="pt-saudade"),
    P("pt", "Vou me matar de estudar essa semana.", id="pt-estudar"),
    P("it", "Muoio dal ridere!", id="it-ridere"),
    P("it", "Voglio morire dal ridere, che scena.", id="it-voglio-ridere"),
    P("it", "Sono stanco morto dopo il lavoro.", id="it-stanco"),
    P("it", "Oggi muoio di caldo.", id="it-caldo"),
    P("hi", "hans hans ke mar gaya yaar", id="hi-hans"),
    P("hi", "bhookh se mar raha hoon", id="hi-bhookh"),
    P("hi", "हँसते हँसते मर गया", id="hi-hanste"),
    P("hi", "गर्मी से मर रहा हूँ", id="hi-garmi"),
]

LEAD_IN = {"es": "Hoy {}.", "pt": "Hoje {}.", "fr": "Ce soir, {}.", "de": "Heute {}."}
LEAD_IN |= {"it": "Oggi {}.", "hi": "Aaj {} yaar."}

HOSTILE = [
    P("a" * 100_000, id="100k-letters"),
    P("quiero morir " * 8_000, id="100k-crisis"),
    P("me muero de risa, me quiero morir. " * 2_500, id="many-idioms-and-hits"),
    P("ich " * 25_000, id="100k-anchor-word"),
    P("😭" * 20_000, id="only-emoji"),
    P("\x00" * 1_000 + "hello\x00world", id="nul-bytes"),
    P("אני לא רוצה לחיות \u202eיותר\u202c " * 500, id="rtl"),
    P("e\u0301" * 30_000, id="combining-marks"),
    P("suici\u0301darme " * 5_000, id="combining-in-phrase"),
    P("\ud800\udfff broken surrogates", id="lone-surrogates"),
    P("İstanbul'da İçim boş, me quiero morir", id="dotted-capital-i"),
    P("ﷺ" * 5_000 + "ǅ" * 5_000, id="odd-letters"),
    P("Ich weiß nicht " * 5_000, id="sharp-s"),
    P("\n\t\r " * 10_000, id="white-space"),
]


def _crisis_params() -> list[object]:
    return [
        P(language, phrase, id=f"{language}-{index}")
        for language, lists in load_phrases().items()
        for index, phrase in enumerate(lists["crisis"])
    ]


def _strip_accents(text: str) -> str:
    """Latin accents off ("não" -> "nao"); Devanagari vowel signs are marks too, so kept."""
    if any("\u0900" <= c <= "\u097f" for c in text):
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize("text", ENGLISH)
def test_english_entries_stay_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(("language", "text"), FOREIGN)
def test_clear_foreign_sentences_are_named(language: str, text: str) -> None:
    assert detect_language(text) == language


def test_english_fast_path_never_loads_the_model() -> None:
    code = (
        "import sys\n"
        "from reconnect.analysis.language import detect_language\n"
        "texts = ['hello', 'Fine, I think.', 'lol idk tbh', 'Gym then a slow day 😭',\n"
        "         'I keep feeling numb when my partner talks about the weekend.']\n"
        "assert all(detect_language(t) == 'en' for t in texts)\n"
        "print('py3langid' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(("language", "phrase"), _crisis_params())
def test_every_phrase_is_found_in_a_sentence_of_its_language(language: str, phrase: str) -> None:
    for plain in expand_phrase(phrase):
        for variant in {plain, _strip_accents(plain), plain.upper()}:
            sentence = LEAD_IN[language].format(variant)
            hits = find_intl_crisis(sentence)
            assert any(hit.language == language for hit in hits), (phrase, sentence, hits)
            for hit in hits:
                assert sentence[hit.start : hit.end] == hit.text


def test_no_phrase_belongs_to_two_languages() -> None:
    owner: dict[str, str] = {}
    for language, lists in load_phrases().items():
        for phrase in lists["crisis"]:
            for plain in expand_phrase(phrase):
                key = _strip_accents(plain).casefold()
                assert owner.setdefault(key, language) == language, (plain, owner[key])


def test_every_phrase_compiles_and_has_anchor_words() -> None:
    for lists in load_phrases().values():
        for phrase in (*lists["crisis"], *lists["idioms"]):
            assert phrase_pattern(phrase)
        for phrase in lists["crisis"]:
            assert anchor_words(phrase)


def test_each_language_has_idioms_tested() -> None:
    tested = {param.values[0] for param in IDIOMS}
    assert tested == set(load_phrases())


@pytest.mark.parametrize(("language", "text"), IDIOMS)
def test_idioms_do_not_fire(language: str, text: str) -> None:
    assert find_intl_crisis(text) == ()


@pytest.mark.parametrize("text", ENGLISH)
def test_english_entries_have_no_foreign_crisis_phrase(text: str) -> None:
    assert find_intl_crisis(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself.",
        "Been thinking about suicide again and I don't know who to tell.",
        "Main thing today: I don't want to live like this, marking it down for therapy.",
        "Suicide prevention week at work, we put up posters.",
    ],
)
def test_english_crisis_is_left_to_the_english_rules(text: str) -> None:
    assert find_intl_crisis(text) == ()


def test_a_real_statement_after_an_idiom_is_still_found() -> None:
    text = "Me muero de risa con ellos, pero por dentro me quiero morir."
    hits = find_intl_crisis(text)
    assert [(hit.text, hit.language) for hit in hits] == [("me quiero morir", "es")]


def test_offsets_refer_to_the_original_text_with_separate_accents() -> None:
    text = "Ayer. Quiero suici\u0301darme\u0301 hoy."
    (hit,) = find_intl_crisis(text)
    assert hit == IntlCrisisHit(6, 25, "Quiero suici\u0301darme\u0301", "es")
    assert text[hit.start : hit.end] == hit.text


def test_hits_come_in_text_order_with_their_languages() -> None:
    text = "Je veux mourir. Ich will sterben. मुझे मरना है। Voglio morire."
    assert [hit.language for hit in find_intl_crisis(text)] == ["fr", "de", "hi", "it"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_neither_raises_nor_hangs(text: str) -> None:
    language = detect_language(text)
    assert isinstance(language, str)
    assert 2 <= len(language) <= 3
    for hit in find_intl_crisis(text):
        assert text[hit.start : hit.end] == hit.text
        assert hit.language in load_phrases()
