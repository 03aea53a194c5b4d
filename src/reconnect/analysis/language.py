"""Which language an entry is written in, so the analyzer reads only what it can: English.

``detect_language(text)`` returns an ISO 639-1 code. It leans hard towards
``"en"``: a text with no letters, or too short to tell, is English (we cannot
tell, so we read it), and a mostly-English entry with a foreign word or a
quoted phrase stays English. Calling an English entry foreign means a user's
words are not read at all, so every rule below needs clear evidence first.

Three tiers, cheapest first; most entries never leave the first:

1. **Words.** Latin-script text is folded (lower case, accents off) and its
   words are looked up in small sets of very common words: English (with
   Reddit and texting slang), and German, French, Spanish, Portuguese,
   Italian, Dutch and romanised Hindi ("main marna chahta hoon"). Mostly
   English words decide English; mostly one other language's words decide
   that language; a word English shares with another language ("me", "die",
   "a") counts for neither. No model is loaded.
2. **Script.** Text written mainly in a script that one language owns
   (Hangul, kana, Greek, Thai, Tamil, ...) is that language; Devanagari with
   common Hindi words is Hindi.
3. **Model.** Only what is left (Latin text with too few known words,
   Cyrillic, Arabic, other Devanagari, Han) goes to py3langid, imported and
   loaded on first use and restricted to widely written languages. A Latin
   text is called foreign only when the model is confident, the text has at
   least three words (five when it is plain ASCII with no listed foreign word)
   and few of them are English.

Cost (CPython 3.11, one core of a shared, busy 2-core machine; best of 5):
the word tier takes about 5 µs for a short entry and 20 µs for a 250-character
one (15 µs with emoji and a hashtag); a text that needs the model takes about
75-120 µs once it is loaded; importing py3langid and loading its 4.5 MB LZMA
model costs about 0.5 s on a quiet machine (1.2-1.8 s on the busy one), once
per process, which a process that reads only English never pays. On the first
5,000 GoEmotions training comments (real English Reddit text) it calls none
non-English; 16 of them (0.3%) reach the model, which reads them as English.

Only the first ``SAMPLE_CHARS`` characters are read: enough to tell, and it
keeps a 100,000-character entry as cheap as a short one.

>>> detect_language("lol idk tbh, gym then a slow day")
'en'
>>> detect_language("Ich will einfach nicht mehr, alles ist mir zu viel.")
'de'
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from reconnect.analysis.precompiled import compiled

__all__ = ["ENGLISH", "SAMPLE_CHARS", "detect_language"]


def _words(text: str) -> list[str]:
    """A word list written as running text."""
    return text.split()


ENGLISH = "en"
SAMPLE_CHARS = 2_000
MIN_MODEL_WORDS = 3  # fewer Latin words than this cannot outvote the English default
# Plain ASCII with none of the listed foreign words needs this many ("Sunday. Laundry. Nap." is
# English and must not cost the model's load; "Saya ingin mati saja" is the price).
MIN_PLAIN_MODEL_WORDS = 5
MODEL_CONFIDENCE = 0.85  # py3langid probability (of the label's family) to call Latin text foreign
ENGLISH_SHARE = 0.35  # at least this share of English words, and more than any other: English
FOREIGN_SHARE = 0.5  # this share of one other language's words, over twice the English: that
MAX_ENGLISH_SHARE_FOR_MODEL = 0.25  # a text this English is English whatever the model says

# fmt: off
_ENGLISH_WORDS = _words("""
a about above across actually after again against ago ah all almost alone already also always am
amazing an and another any anymore anyone anything anyway are aren't around as ask at away awesome
back bad be because been before being believe best better between big bit both bro but by call came
can can't cannot cant care cause come coming could couldn't crazy cry d damn day days dead did
didn't didnt die do does doesn't doesnt doing don't done dont down dude each else enough even ever
every everyone everything exactly feel feeling feels felt few find fine first for found friend
friends from fuck fucking fun funny game get gets getting give go goes going gonna good got gotta
great guess guy guys had hadn't haha hahaha happy hard has hasn't hate have haven't having he he'd
he's hell hello help her here hers herself hey hi him himself his home hope how i i'd i'll i'm i've
idk if im imo in into is isn't it it's its itself just keep kind kinda know last later least left
less let let's life like literally little lol long look looks lot love lmao made make makes man
many maybe me mean might mine miss more morning most much must my myself nah need never new next
nice night no nobody not nothing now of off oh ok okay old omg on once one only or other our out
over own people person please point post pretty probably put read real really right said same saw
say saying says see seems seen shall she she'd she'll she's shit should shouldn't since sleep so
some someone something sometimes sorry start still stop stuff such sure take talk tbh tell than
thank thanks that that's thats the their them themselves then there there's these they they'd
they'll they're they've thing things think thinking this those though thought through time tired to
today told tomorrow too tried true try trying u ugh up ur us use used very wait want wanted wanna
was wasn't way we we're we've week well went were weren't what what's whatever when where which
while who whole why will wish with without won't work worse worst would wouldn't wow yeah year
years yes yesterday yet you you'd you'll you're you've your yours yourself ha btw smh ngl rn wtf
tho thx pls plz yep nope dunno lmfao anxious numb sad angry lonely mom dad mum partner wife husband
kids job gym walk slow happened c'mon blah meh hmm yay aw awe hello welcome able agree amazing
answer anybody appreciate article asking awful baby bet beautiful became become beat bought boy
break bring brother buy called car case chance change check child children city close cold comment
comments completely congrats cool correct country couple course cute deal death deserve different
dog door eat edit end entire especially everybody expect experience eyes face fact fair fake family
fan far favorite favourite fellow fight food forget forgot free full future gave girl girls god
gone government group half hand head hear heard heart high hit hold honestly hot hour hours house
huge human idea imagine instead interesting internet issue it'll kid kill knew large late laugh
learn leave level line link live living lose loss lost low mad matter meant men mind minutes moment
money month months mother move movie music name needs news normal number often open opinion outside
pain parents part past pay phone picture place play played player players playing poor power
problem proud question quite rather reason remember rest room run safe school second sense serious
seriously sex shot show sick side sign simple single small song sound sounds stay story strong
stupid sub super sweet talking team terrible thread three tonight top totally turn two type
understand unless until upvote usually video watch watching water weird white win woman women won
word words world worry worth wrong young glad definitely luck looking season times making reddit
enjoy joke either may surprised absolutely games taking happen took wonder wants seem loved ones
sucks support means together horrible under seeing realize happens curious dumb using soon works
hopefully comes others self hurt reading excited started easy state perfect sharing posted finally
possible loves advice obviously shame age missed clearly pick looked posts except meme working fans
body hoping situation cat relationship holy op ya
""")

_FOREIGN_WORDS = {
    "de": _words("""ich du er sie es wir ihr mich mir dich dir sich uns euch mein meine meinen
        meinem meiner dein deine sein seine ihre unser der das den dem des ein eine einen einem
        einer und oder aber doch denn weil wenn dass daß ob als wie wo warum wieso nicht kein keine
        keinen nichts nie niemand immer schon noch nur mehr sehr ganz gar auch jetzt heute morgen
        gestern hier dort bin bist ist sind seid waren habe hab hast haben hatte hatten wird werden
        wurde kann kannst können konnte muss musst müssen willst wollen möchte mag soll sollte darf
        mit von zu zum zur bei nach aus für über unter vor gegen ohne durch auf ins vom beim alles
        alle viel viele wieder einfach gut schlecht leben sterben tot müde mal ja nein bitte danke
        weiß gerade eigentlich so was will also man die in an am um hat war vielleicht wirklich
        irgendwie niemals selbst kaputt allein einsam traurig angst fühle gefühl mutter vater bruder
        schwester freund freundin arbeit hause tage nacht abend woche vorher gegangen geschlafen
        angerufen geweint gefühlt"""),
    "fr": _words("""je j' tu il elle nous vous ils elles m' te t' s' moi toi lui leur mon ma mes ton
        ta tes sa ses notre votre le la les l' une des du de d' au aux et ou mais donc ni que qu'
        qui quoi où ce c' cet cette ces ne n' pas plus rien jamais personne toujours encore déjà
        très trop bien mal peu beaucoup tout tous toute toutes est es suis sommes êtes sont étais
        était été être ai avons avez ont avais avait avoir fait faire fais veux veut voulais vouloir
        peux peut pouvoir dois doit sais sait va vais aller avec sans pour dans sur sous chez par
        vers entre comme quand parce pourquoi aujourd hui demain hier ici là maintenant vie mourir
        mort envie fatigué fatiguée seul seule triste peur oui non merci bonjour salut alors aussi
        vraiment juste chose quelque a on son vivre mère père maman frère sœur copain copine travail
        maison jour jours nuit soir semaine après avant allé allée dormi appelé pleuré senti"""),
    "es": _words("""yo tú él ella nosotros ellos ellas usted te se nos mi mis tu tus su sus el la
        los las lo un una unos unas y o pero porque que qué quien como cuando donde de del al en con
        sin por para sobre entre hasta desde muy más menos mucho mucha muchos poco todo toda todos
        nada nadie nunca siempre ya aún todavía también tampoco sí si es soy eres somos son era fue
        estoy estás está estamos están estaba estar ser hay ha hemos han tengo tiene tienes tener
        hago hace hacer quiero quieres quiere puedo puede sé sabe voy va vamos ir hoy mañana ayer
        aquí ahora vida morir muerte ganas cansado cansada solo sola triste miedo gracias hola bueno
        bien mal entonces así algo cosa vez otra otro este esta esto ese esa eso me no a vivir madre
        padre mamá papá hermano hermana amigo amiga novio novia trabajo día días noche tarde semana
        después antes fui dormí llamó lloré lloramos juntos juntas gimnasio comí siento sentí"""),
    "pt": _words("""eu tu você vocês ele ela nós nos eles elas te se lhe meu minha meus minhas seu
        sua teu tua o os um uma uns umas e ou mas porque que quem como quando onde de da dos das na
        nas em com sem por pelo pela para pra pro sobre entre até desde muito muita muitos pouco
        tudo todo toda todos nada ninguém nunca sempre já ainda também não sim é sou somos são era
        foi estou está estás estamos estão estava estar ser tenho tem têm ter tinha faço faz fazer
        quero quer posso pode sei sabe vou vai ir hoje amanhã ontem aqui agora vida morrer morte
        vontade cansado cansada sozinho sozinha triste medo obrigado obrigada olá oi bom bem mal
        então assim algo coisa vez outra outro este esta isto esse essa isso aquilo mais menos me no
        a as viver mãe pai irmão irmã amigo amiga namorado namorada trabalho dia dias noite tarde
        semana depois antes fui dormi ligou chorei comigo fala falar sinto senti academia correr
        ótimo"""),
    "it": _words("""io tu lui lei noi voi loro mi ti si ci vi te mio mia miei mie tuo tua suo sua il
        lo la gli le un uno una e o ma perché che chi come quando dove di del della dei delle dello
        da dal dalla con senza per su sul sulla tra fra fino molto molta molti poco tutto tutta
        tutti niente nulla nessuno mai sempre già ancora anche non sì è sono sei siamo era ero stato
        essere sto stai sta stare ho hai abbiamo hanno avere avevo faccio fa fare voglio vuoi vuole
        posso può sa vado andare oggi domani ieri qui qua adesso ora vita morire morte voglia stanco
        stanca solo sola triste paura grazie ciao buongiorno bene male allora così cosa volta altra
        altro questo questa quello quella più meno l' dell' nell' all' un' c' quest' me no a come
        vivere madre padre fratello sorella amico amica ragazzo ragazza lavoro giorno giorni notte
        settimana dopo andato andata dormito chiamato piango pianto sento sentito palestra riuscivo
        """),
    "nl": _words("""ik je jij hij zij wij jullie mij mijn jouw zijn haar ons het een de en maar
        omdat dat die dit wat wie hoe waar wanneer niet geen niets nooit altijd al nog ook heel erg
        veel te van voor met zonder aan bij naar uit tot ben bent waren heb hebt heeft hebben kan
        kun kunnen wil wilt willen moet moeten zal zou ga gaat gaan doe doet doen vandaag morgen
        gisteren daar nu leven dood moe alleen verdrietig bang dank bedankt hallo ja nee goed slecht
        dus toch echt gewoon"""),
    "hi": _words("""hai hain hoon hun tha thi nahi nahin nhi mujhe mujhko mujhse mera meri mere tera
        teri tere tum tumhe tumko tumhara aap aapko apna apni hum humko hamara kya kyun kyu kyon
        kaise kab kahan kaun kuch koi bahut bohot bahot aur bhi ke ki ko se ka mein ye yeh woh wo vo
        raha rahi rahe hota hoti hote karna karta karti karte kar kiya chahta chahti chahte chahiye
        marna jeena jina jeene zindagi dil dost yaar accha acha achha theek thik abhi phir fir sab
        log pata matlab kal aaj ghar maa bas lekin magar kyunki isliye agar toh sirf bilkul kabhi
        hamesha akela akeli udaas dukhi thak thaka thaki gaya gayi gaye jaana jana hoga hogi lagta
        lagti laga samajh aata aati karun karu baat thoda thodi hua hui rha rhi gya gyi kr kuchh
        """),
}
# fmt: on

# Scripts one language owns, and the shared ones the model must settle (Latin is handled above).
_SCRIPTS = (  # (first code point, last code point, script)
    (0x0370, 0x03FF, "el"), (0x0400, 0x052F, "cyrillic"), (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "he"), (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"), (0x0900, 0x097F, "devanagari"), (0x0980, 0x09FF, "bn"),
    (0x0A00, 0x0A7F, "pa"), (0x0A80, 0x0AFF, "gu"), (0x0B00, 0x0B7F, "or"), (0x0B80, 0x0BFF, "ta"),
    (0x0C00, 0x0C7F, "te"), (0x0C80, 0x0CFF, "kn"), (0x0D00, 0x0D7F, "ml"), (0x0D80, 0x0DFF, "si"),
    (0x0E00, 0x0E7F, "th"), (0x0E80, 0x0EFF, "lo"), (0x0F00, 0x0FFF, "bo"), (0x1000, 0x109F, "my"),
    (0x10A0, 0x10FF, "ka"), (0x1100, 0x11FF, "ko"), (0x1200, 0x139F, "am"), (0x1780, 0x17FF, "km"),
    (0x3040, 0x30FF, "ja"), (0x3130, 0x318F, "ko"), (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"), (0xA960, 0xA97F, "ko"), (0xAC00, 0xD7AF, "ko"), (0xFB1D, 0xFB4F, "he"),
    (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
)  # fmt: skip
_STARTS = [start for start, _, _ in _SCRIPTS]
_WIDE = frozenset({"ja", "han", "ko"})  # one CJK character carries about a syllable: count it twice
_NON_LATIN = compiled("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b, _ in _SCRIPTS) + "]")
_MODEL_CHOICES = {  # which labels the model may choose between, by script
    "cyrillic": ("ru", "uk", "bg", "sr", "mk", "be", "kk"),
    "arabic": ("ar", "fa", "ur"),
    "devanagari": ("hi", "mr", "ne"),
    "han": ("zh", "ja"),
}
_HINDI_DEVANAGARI = re.compile("है|हैं|नहीं|मैं|मुझे|मेरा|मेरी|क्या|और|में|हूँ|हूं|था|थी")
# Close neighbours the model splits its confidence between ("Jeg vil ikke": da 0.60, no 0.39).
_FAMILIES = tuple(
    frozenset(f.split()) for f in ("id ms", "da no sv", "cs sk", "hr sr bs sl", "es gl ca", "pt gl")
)
# Widely written languages; rare look-alikes the model knows (br, pcm, sn, ...) only add noise.
_MODEL_LANGUAGES = _words(
    "en de fr es pt it nl sv da no fi is pl cs sk hu ro tr id ms tl vi sw ca gl eu hr sr sl bs lt "
    "lv et ga cy af sq ru uk bg mk be kk el he ar fa ur hi mr ne bn zh ja ko th"
)

_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\S+|\b[ur]/\w+|\[name\]|&\w+;")
_NOISE_SIGNS = ("/", "@", "#", "[", "&", "www.")
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "’": "'"})
_LETTERS_ONLY = (
    bytes(c if chr(c).isalpha() or c == ord("'") else 32 for c in range(128)) + b" " * 128
)
_ELISION = re.compile(r"^(j|l|d|c|qu|n|m|t|s|dell|nell|all|un|quest)'([a-z].*)$")


def _fold(text: str) -> str:
    """Lower case with accents and apostrophes unified; ASCII only (other letters are dropped)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return decomposed.encode("ascii", "ignore").decode("ascii")


_JUST_ENGLISH: tuple[str, ...] = (ENGLISH,)


def _lexicon() -> dict[str, tuple[str, ...]]:
    """Each listed word and the languages it belongs to; a word English shares ("me", "die") is
    listed under English and those languages, and so counts for none of them."""
    lexicon: dict[str, tuple[str, ...]] = {_fold(word): _JUST_ENGLISH for word in _ENGLISH_WORDS}
    for language, words in _FOREIGN_WORDS.items():
        for word in map(_fold, words):
            if language not in lexicon.get(word, ()):
                lexicon[word] = (*lexicon.get(word, ()), language)
    return lexicon


_LEXICON = _lexicon()
# The listed words that count only for English, and all the others (shared or foreign).
_ONLY_ENGLISH = frozenset(w for w, languages in _LEXICON.items() if languages is _JUST_ENGLISH)
_NOT_ONLY_ENGLISH = frozenset(_LEXICON).difference(_ONLY_ENGLISH)


def _tokens(folded: str) -> list[str]:
    """Words of folded text; an elided article ("j'ai", "l'amore") gives two words."""
    words = folded.encode("ascii").translate(_LETTERS_ONLY).decode("ascii").split()
    if "'" not in folded:
        return words
    found: list[str] = []
    for word in words:
        if "'" not in word:  # most words: the word itself
            found.append(word)
            continue
        token = word.strip("'")
        if "'" in token and token not in _LEXICON:
            elided = _ELISION.match(token)
            if elided:
                found += (elided.group(1) + "'", elided.group(2))
                continue
            token = token.replace("'", "")
        if token:
            found.append(token)
    return found


def _by_words(tokens: list[str]) -> tuple[str | None, int, int, int]:
    """Tier 1: English, one listed language, or None when the words alone cannot tell.

    Also returns the count of English words, of informative ones (all but shared words like
    "me") and of the best other language's words.
    """
    if _NOT_ONLY_ENGLISH.isdisjoint(tokens):  # most texts: each word English or unlisted
        english = sum(map(_ONLY_ENGLISH.__contains__, tokens))
        if english >= ENGLISH_SHARE * len(tokens) and english > 0:
            return ENGLISH, english, len(tokens), 0
    english = shared = 0
    foreign: dict[str, list[str]] = {}
    for token in tokens:
        languages = _LEXICON.get(token)
        if languages is _JUST_ENGLISH:
            english += 1
        elif languages is None:
            continue
        elif ENGLISH in languages:
            shared += 1
        else:
            for language in languages:
                foreign.setdefault(language, []).append(token)
    informative = len(tokens) - shared
    hits = sorted((len(found), language) for language, found in foreign.items())
    best_hits, best = hits[-1] if hits else (0, ENGLISH)
    if english >= ENGLISH_SHARE * informative and english > best_hits:
        return ENGLISH, english, informative, best_hits
    clear = (
        best_hits >= FOREIGN_SHARE * informative
        and best_hits > 2 * english
        and len({token for token in foreign.get(best, ()) if len(token) > 1}) >= 2
        and (len(hits) == 1 or hits[-2][0] < best_hits)
    )
    return (best if clear else None), english, informative, best_hits


def _script_counts(sample: str) -> dict[str, int]:
    """Letters of each non-Latin script in the sample (CJK counted twice)."""
    counts: dict[str, int] = {}
    for char in _NON_LATIN.findall(sample):
        code = ord(char)
        index = bisect_right(_STARTS, code) - 1
        start, end, script = _SCRIPTS[index]
        if start <= code <= end and (char.isalpha() or unicodedata.category(char)[0] == "M"):
            counts[script] = counts.get(script, 0) + (2 if script in _WIDE else 1)
    return counts


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in; ``"en"`` when unsure.

    >>> detect_language("Fine, I think.")
    'en'
    >>> detect_language("main marna chahta hoon")
    'hi'
    """
    sample = text[:SAMPLE_CHARS].lower()
    if any(map(sample.__contains__, _NOISE_SIGNS)):  # any(sign in sample ...), no generator
        sample = _NOISE.sub(" ", sample)
    tokens = _tokens(_fold(sample))
    if not sample.isascii():
        scripts = _script_counts(sample)
        if scripts:
            script, letters = max(scripts.items(), key=lambda item: item[1])
            if letters >= 2 and letters > sum(len(token) for token in tokens):
                return _by_script(script, sample)
    if not tokens:
        return ENGLISH
    decided, english, informative, foreign = _by_words(tokens)
    if decided is not None:
        return decided
    words = {token for token in tokens if len(token) > 1}  # "s p o o k y", "blah blah": too few
    if len(words) < MIN_MODEL_WORDS or english >= MAX_ENGLISH_SHARE_FOR_MODEL * informative:
        return ENGLISH
    if len(words) < MIN_PLAIN_MODEL_WORDS and not foreign and sample.isascii():
        return ENGLISH
    ranked = dict(_identifier().rank(sample))
    language = max(ranked, key=ranked.__getitem__)
    if language == ENGLISH:
        return ENGLISH
    confidence = max(
        [ranked[language]]
        + [sum(ranked.get(x, 0.0) for x in f) for f in _FAMILIES if language in f]
    )
    return str(language) if confidence >= MODEL_CONFIDENCE else ENGLISH


def _by_script(script: str, sample: str) -> str:
    """Tier 2: the language a script's letters show, asking the model only for shared scripts."""
    if script == "devanagari" and _HINDI_DEVANAGARI.search(sample):
        return "hi"
    if script not in _MODEL_CHOICES:
        return "zh" if script == "han" else script
    choices = _MODEL_CHOICES[script]
    return next(
        (str(lang) for lang, _ in _identifier().rank(sample) if lang in choices), choices[0]
    )


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier, imported and loaded on first use, with our own language set.

    A private instance, so the module-level one other code might use is left unchanged.
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # lazy: most calls never need it

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(_MODEL_LANGUAGES)
    return identifier
