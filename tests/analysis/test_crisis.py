"""Crisis language: must-catch statements fire, near misses rarely do, spans and subjects hold.

All statements here are written for this project (the real-text suites are in
test_graded_crisis.py and test_crisis_rules.py); the dev set is never read by tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconnect.analysis import analyze
from reconnect.analysis.crisis import KINDS, CrisisHit, find_crisis, has_idiom

P = pytest.param

MUST_CATCH = [
    # direct ideation
    P("I want to kill myself.", id="direct-plain"),
    P("Honestly I've been thinking about suicide every day this week.", id="direct-suicide-word"),
    P("some nights i plan how i would end my life", id="direct-end-my-life"),
    P("I'm going to end it all this weekend.", id="direct-end-it-all"),
    P("I keep thinking about ending it.", id="direct-ending-it"),
    P("I feel suicidal and I don't know who to tell.", id="direct-suicidal"),
    P("i wanna kms", id="slang-kms"),
    P("ngl i kinda want to unalive myself", id="slang-unalive"),
    P("I tried to take my own life when I was seventeen.", id="direct-past-attempt"),
    P("honestly dont even know what im living for at this point", id="passive-living-for"),
    P("Another year of the same. What am I even living for?", id="passive-what-am-i-living-for"),
    P("Honestly I don't see why I should stay alive much longer.", id="passive-no-reason-to-stay"),
    P("I think it's time I stopped taking up space.", id="passive-stop-taking-up-space"),
    P("i cant picture a future with me in it anymore", id="passive-no-future-with-me"),
    P("i want to kil myself", id="typo-kil"),
    P("been having suicdal thoughts again", id="typo-suicdal"),
    P("I'm not suicidal, just so tired of everything.", id="hedged-not-suicidal"),
    P("Not that I'd ever do anything, but I think about killing myself a lot.", id="hedged-denial"),
    P("I might as well just end it.", id="direct-just-end-it"),
    P("Planning to kill my self tonight", id="typo-my-self"),
    P("thinking about sewerslide again lol", id="slang-sewerslide"),
    P("gonna end it tonight", id="text-gonna-end-it"),
    # passive death wishes
    P("I wish I could go to sleep and never wake up.", id="passive-never-wake"),
    P("Part of me hopes I don't wake up tomorrow.", id="passive-hope-not-wake"),
    P("I don't want to be alive anymore.", id="passive-not-alive"),
    P("I just want to stop existing for a while, maybe for good.", id="passive-stop-existing"),
    P("I wish I was dead.", id="passive-wish-dead"),
    P("sometimes i wish i'd never been born", id="passive-never-born"),
    P("i wish i wasnt here", id="typo-wasnt-here"),
    P("I want to disappear forever.", id="passive-disappear-forever"),
    P("Life isn't worth living without her.", id="passive-not-worth-living"),
    P("I wouldn't mind if I didn't wake up.", id="passive-wouldnt-mind"),
    P("Death would be a relief at this point.", id="passive-death-relief"),
    P("I'm so tired of being alive.", id="passive-tired-of-alive"),
    P("There's nothing left to live for.", id="passive-nothing-to-live-for"),
    P("what's the point of living like this", id="hopeless-point-of-living"),
    P("I can't go on like this anymore.", id="hopeless-cant-go-on"),
    P("Some days I wish a car would just hit me.", id="passive-car-hit-me"),
    P("i dont want to live anymore", id="nopunct-dont-want-to-live"),
    P("I'd rather be dead than feel like this.", id="passive-rather-be-dead"),
    P("I've lost the will to live.", id="passive-will-to-live"),
    P("WHY CAN'T I JUST DIE", id="caps-why-cant-i-die"),
    P("i want 2 die", id="text-want-2-die"),
    P("i want to dissapear and never come back", id="typo-dissapear"),
    P("u ever just want to not exist", id="text-not-exist"),
    # perceived burdensomeness
    P("Everyone would be better off without me.", id="burden-better-off"),
    P("my family would be happier without me tbh", id="burden-happier-without"),
    P("I'm just a burden to everyone I love.", id="burden-burden-to-everyone"),
    P("nobody would miss me if i was gone", id="burden-nobody-miss"),
    P("They'd all be better of without me", id="typo-better-of"),
    P("It would be easier for everyone if I wasn't here.", id="burden-easier-if-not-here"),
    P("I'm such a burden, I hate it.", id="burden-such-a-burden"),
    P("i feel like a burden to everyone", id="text-feel-like-burden"),
    # method or place
    P("I stood on the bridge for ages last night looking down at the water.", id="place-bridge"),
    P("I looked up how many pills it would take.", id="method-how-many-pills"),
    P("I keep thinking about jumping off the car park roof.", id="method-jumping-off-roof"),
    P("Sat by the train tracks for a long time tonight.", id="place-train-tracks"),
    P("On the motorway I thought about steering into the barrier.", id="method-steering"),
    P("I've been googling painless ways to go.", id="method-painless-ways"),
    P("I could just step in front of a train on my way home.", id="method-in-front-of-train"),
    P("what's a lethal dose of my sleeping tablets", id="method-lethal-dose"),
    P("I bought a rope and hid it in the garage.", id="method-rope"),
    # preparatory acts
    P("I wrote a goodbye letter to my mum.", id="prep-goodbye-letter"),
    P("Left notes for each of my kids in the drawer.", id="prep-notes-for-each"),
    P("I've been giving away my things to friends this week.", id="prep-giving-away"),
    P("Gave away my guitar and all my records, won't need them anymore.", id="prep-wont-need"),
    P("I've been saving up my pills in a shoebox.", id="prep-saving-pills"),
    P("Stopped taking my meds so that it would all be over faster.", id="prep-stopped-meds"),
    P("Wrote my brother a note about where the savings are, just in case.", id="prep-savings-note"),
    P("I've sorted out my affairs and updated my will.", id="prep-affairs"),
    P("I won't be around much longer, so it doesn't matter.", id="prep-wont-be-around"),
    P(
        "I asked my partner to keep my tablets at work because I don't trust myself with them.",
        id="prep-dont-trust-myself",
    ),
    P("This is my goodbye, thank you for everything.", id="prep-this-is-goodbye"),
    # self-harm urges and acts
    P("I cut myself again last night.", id="sh-cut-myself"),
    P("Started cutting again after a year clean.", id="sh-cutting-again"),
    P("I burn myself with a lighter when it gets bad.", id="sh-burn-myself"),
    P("I've been hurting myself and nobody knows.", id="sh-hurting-myself"),
    P("the urge to self harm is really strong today", id="sh-self-harm-urge"),
    P("relapsed with sh tonight", id="slang-sh-relapse"),
    P("I hit myself until it hurts.", id="sh-hit-myself"),
    P("I picked at my skin until it bled again.", id="sh-picking-skin"),
    P("Used to self-harm in my teens.", id="sh-past"),
    P("been selfharming since may", id="typo-selfharming"),
    P("I've been starving myself to punish myself.", id="sh-starving"),
    # someone else at risk
    P("My brother said he wants to die.", id="other-brother-wants-to-die"),
    P("My best friend told me she's been cutting herself.", id="other-friend-cutting"),
    P("I'm scared my son is going to hurt himself.", id="other-son-hurt-himself"),
    P("My dad keeps talking about not being around next year.", id="other-dad-not-around"),
    P("My sister tried to kill herself in 2019.", id="other-sister-attempt"),
    P("Our neighbour's son took his own life last month.", id="other-took-his-life"),
    P(
        "My girlfriend keeps saying everyone would be better off without her.",
        id="other-better-off-without-her",
    ),
    P(
        "My mum's been giving away her jewellery and saying goodbye to everyone.",
        id="other-giving-away",
    ),
    P("My teenager has scars on her arms and won't talk to me.", id="other-scars"),
    P("My partner is on suicide watch at the hospital.", id="other-suicide-watch"),
    # disclosure to a helper
    P("I told my therapist I'd been thinking about ending it.", id="disclosure-therapist"),
    P("Rang the crisis line last night and talked for an hour.", id="disclosure-crisis-line"),
    P("I finally told my GP about the suicidal thoughts.", id="disclosure-gp"),
    P("Called the Samaritans at 3am.", id="disclosure-samaritans"),
    # quoted speech and text-message style
    P("She said 'I just want to disappear'.", id="quote-single-disappear"),
    P('He texted me "I can\'t do this anymore, I want to die"', id="quote-double-want-to-die"),
    P('My flatmate said "nobody would even notice if I was gone."', id="quote-nobody-notice"),
    P("cant do this anymore tbh i just wanna die", id="text-wanna-die"),
    P("lol i wish i was dead", id="text-lol-wish-dead"),
    P("i hope i dont wake up", id="text-hope-dont-wake"),
    # indirect signs added in analyzer 2.2
    P("If the train hit me on the way home I wouldn't mind, honestly.", id="passive-if-hit"),
    P("i keep hoping the biopsy comes back as something terminal", id="passive-hope-test"),
    P("More afraid of staying alive than of dying these days.", id="passive-afraid-alive"),
    P("Some nights I picture my own death and it feels peaceful.", id="passive-picture-death"),
    P("I can't see myself reaching 30.", id="passive-not-reaching"),
    P("Mum would get her life back if I was gone.", id="burden-life-back"),
    P("Gave my camera to my friend and said I was bored of it. That's not why.", id="prep-cover"),
    P("Left a list of my logins for Dan, just in case.", id="prep-logins"),
    P("this could be my last post", id="prep-last-post"),
    P("He attempted twice as a teenager, my aunt told me tonight.", id="past-attempted"),
    P("Wearing long sleeves to work so nobody sees the marks.", id="self-harm-sleeves"),
    P("My daughter's arms are covered in cuts and she won't talk to me.", id="other-covered-cuts"),
    P("There's no reason to keep going, not really.", id="hopeless-no-reason"),
    P("i'm not safe right now", id="not-safe-now"),
    P("I don't feel safe with myself tonight.", id="not-safe-with-myself"),
    P("I can't keep myself safe anymore", id="cant-keep-safe"),
    # found by probing plain statements of means and plan (session of 2026-12-06, night)
    P("I have the rope ready.", id="rope-ready"),
    P("I know which bridge.", id="know-which-bridge"),
    P("I have a plan and a date.", id="plan-and-a-date"),
    # from a probe set written for this session by a helper (development data), in new words
    P("i want to diee honestly", id="typo-diee"),
    P("im literally planning my death for after exams", id="planning-my-death"),
    P("I know where I'm going to do it, and when.", id="know-where-do-it"),
    P("Been scouting bridges on my walks. Found the right one.", id="scouting-bridges"),
    P("On the edge of the roof again, I just need to lean forward.", id="edge-of-roof"),
    P("Tonight I'm finally ending everything.", id="ending-everything"),
]

CORE_IDIOMS = [
    P("He said he can't see a future with me in it, so we ended things.", id="partner-no-future"),
    P("I'm killing it at work this month.", id="killing-it"),
    P("I'm dying to see that film.", id="dying-to-see"),
    P("I'm dead tired after the night shift.", id="dead-tired"),
    P("This job is killing me.", id="job-killing-me"),
    P("I could murder a pizza right now.", id="murder-a-pizza"),
    P("My foot went numb on the train.", id="foot-numb"),
    P("She's drop-dead gorgeous.", id="drop-dead-gorgeous"),
    P("That cake was to die for.", id="to-die-for"),
    P("We played cards to kill time.", id="kill-time"),
    P("My phone battery died on the way home.", id="battery-died"),
    P("I was bored to death in that meeting.", id="bored-to-death"),
    P("I cut the vegetables for dinner.", id="cut-vegetables"),
    P("I jumped off the sofa when the doorbell rang.", id="jumped-off-sofa"),
    P("I'd die of embarrassment if he read this.", id="die-of-embarrassment"),
    P("We finally killed the final boss last night.", id="killed-the-boss"),
    P("The basil plant died while we were away.", id="plant-died"),
    P("I'm stuck in a dead end job.", id="dead-end-job"),
    P("My feet are killing me after that hike.", id="feet-killing-me"),
    P("My mum will kill me if I'm late again.", id="mum-will-kill-me"),
    P("I nearly died laughing at his speech.", id="died-laughing"),
    P("I overdosed on coffee before the exam.", id="overdosed-on-coffee"),
    P("He's a die-hard fan of the band.", id="die-hard"),
    P("I was killing myself laughing at the film.", id="killing-myself-laughing"),
    P("This heat is killing me.", id="heat-killing-me"),
    P("I'm scared to death of spiders.", id="scared-to-death"),
]

OTHER_NEAR_MISSES = [
    P("I know exactly what I'm living for: Saturday mornings with my kids.", id="living-for"),
    P("I don't see why I should stay around for the whole meeting.", id="stay-around-meeting"),
    P("My therapist says I'm allowed to take up space in this world.", id="take-up-space"),
    # more idioms and accidents
    P("The conversation died when she walked in.", id="conversation-died"),
    P("I'd kill for a cup of tea.", id="kill-for-tea"),
    P("We need to cut costs this quarter.", id="cut-costs"),
    P("She hung the washing out before lunch.", id="hung-washing"),
    P("I cut myself shaving this morning.", id="cut-shaving"),
    P("I burnt my hand on the oven tray.", id="burnt-hand-oven"),
    P("I hurt my back lifting boxes.", id="hurt-back"),
    P("It's a cutting-edge design.", id="cutting-edge"),
    P("Posting that on LinkedIn would be career suicide.", id="career-suicide"),
    P("We ended things with the landlord and moved out.", id="ended-things-with"),
    P("She ended it with him after three years.", id="ended-it-with"),
    P("I'm giving away some old clothes to charity.", id="giving-away-old-clothes"),
    P("I won't be around next week, I'm on holiday in Spain.", id="wont-be-around-holiday"),
    P("My character kept dying on the same level.", id="game-dying"),
    P("The engine died on the motorway.", id="engine-died"),
    P("That joke killed me.", id="joke-killed-me"),
    P("My legs went numb after sitting cross-legged.", id="legs-numb"),
    P("I'm dying for a coffee.", id="dying-for-coffee"),
    P("Deadlines are killing me this week.", id="deadlines-killing"),
    P("I jumped on a call with the team.", id="jumped-on-call"),
    P("Just in case it rains, take an umbrella.", id="just-in-case-umbrella"),
    P("I hung up on the sales caller.", id="hung-up"),
    P("The wifi is dead again.", id="wifi-dead"),
    P("I'd rather die than go to that party.", id="rather-die-than-party"),
    P("I could sleep forever after that week.", id="could-sleep-forever"),
    P("I can't go on holiday this year, money's tight.", id="cant-go-on-holiday"),
    P("We made a will after the baby was born.", id="made-a-will"),
    P("The doctor said I can stop taking my tablets next month.", id="doctor-stop-tablets"),
    P("I killed the spider in the bath.", id="killed-spider"),
    P("He killed it on stage last night.", id="killed-it-on-stage"),
    P("Dead on time for once.", id="dead-on-time"),
    P("My laptop died in the middle of the presentation.", id="laptop-died"),
    P("She killed off the main character in chapter three.", id="killed-off-character"),
    P("I feel like I'm drowning in paperwork.", id="drowning-in-paperwork"),
    P("We walked into the sea for a swim at sunrise.", id="sea-swim"),
    P("I burned the toast again.", id="burned-toast"),
    P("He hurt himself playing football.", id="hurt-playing-football"),
    P("The kids were scratching their mosquito bites.", id="mosquito-bites"),
    P("I stood on the bridge watching the fireworks.", id="bridge-fireworks"),
    P("I googled how many calories are in a banana.", id="calories"),
    P("I'm so tired I could sleep for a week.", id="sleep-for-a-week"),
    P("Dad hung a picture in the hall.", id="hung-a-picture"),
    P("I'm cutting back on sugar this month.", id="cutting-back-sugar"),
    P("Jumping to conclusions again, I know.", id="jumping-to-conclusions"),
    P("The party died down around midnight.", id="died-down"),
    # detachment, sadness and hopelessness that are not crisis
    P("I feel numb most days.", id="numb"),
    P("Nothing matters at work today.", id="nothing-matters-at-work"),
    P("I feel empty and flat.", id="empty-flat"),
    P("I don't see the point in going to the party.", id="no-point-party"),
    P("I've been going through the motions for weeks.", id="autopilot"),
    P("I feel like I'm watching my life from outside.", id="disconnection"),
    P("I don't care about anything anymore.", id="dont-care"),
    P("I just want to be left alone this weekend.", id="left-alone"),
    P("Everything feels pointless lately.", id="pointless"),
    P("I'm exhausted and I can't be bothered with anyone.", id="cant-be-bothered"),
    P("I want to disappear into a book all weekend.", id="disappear-into-book"),
    P("I wish I wasn't here at this boring meeting.", id="wasnt-here-meeting"),
    P("I don't want to be here at this party.", id="dont-want-to-be-here-party"),
    P("Sometimes I want to run away from it all.", id="run-away"),
    P("I hate my job and I want to quit.", id="quit-job"),
    P("I feel like a ghost in my own house.", id="ghost"),
    P("My partner seems numb and distant.", id="partner-numb"),
    P("I'm not sad, just numb.", id="not-sad-numb"),
    P("I can't feel anything when my kids hug me.", id="cant-feel"),
    P("We sat on the roof terrace drinking coffee.", id="roof-terrace"),
    P("Grandad died peacefully last spring and I still miss him.", id="grief"),
    P("I'm giving up sugar for Lent.", id="giving-up-sugar"),
    P("Friendships feel like a chore lately.", id="burdened-friendships"),
    P("I'll never be good enough for this team.", id="not-good-enough"),
    P("I'm so done with this week.", id="done-with-week"),
    P("Nobody noticed my new haircut.", id="nobody-noticed"),
    P("The future feels grey and I can't picture it.", id="grey-future"),
    P("I keep dodging my sister's calls.", id="avoidance"),
    P("I told my therapist about my week.", id="therapist-no-crisis"),
    P("I cried at the film and felt better after.", id="cried"),
    # look-alikes of the 2.2 patterns
    P("Gave my camera to my friend since I upgraded. She loves it.", id="gave-camera-upgrade"),
    P("Left a list of the wifi password for the babysitter.", id="wifi-password"),
    P("Wore long sleeves because the wind on the beach was freezing.", id="long-sleeves-cold"),
    P("This could be my last post before the holiday, see you in two weeks!", id="last-post-trip"),
    P("Can't see myself getting old in this flat; we're saving for a house.", id="old-in-flat"),
    P("Called everyone I love to tell them the good news!", id="called-good-news"),
    P("They'll manage fine without me for a week; I've done the handover.", id="manage-week"),
    P("Said my last goodbyes to the old house today. Keys handed back.", id="goodbye-house"),
    P("I'm not safe driving in snow, so I took the train.", id="not-safe-driving"),
    P("The bridge is not safe right now, they've closed it.", id="bridge-not-safe"),
    P("I'm not safe right now to drive after that wine.", id="not-safe-to-drive"),
    P("Pills are lined up for the week in the organiser.", id="pills-organiser"),
    P("I have the rope ready for the climbing trip.", id="rope-ready-climbing"),
    P("I know which bridge to take to miss the traffic.", id="which-bridge-traffic"),
    P("I'm ending everything with him tonight, the relationship is over.", id="ending-with-him"),
    P("Sat on the edge of the cliff with a flask of tea, the view was unreal.", id="cliff-tea"),
    P("Checked out rooftop bars for her birthday and found the right one.", id="rooftop-bars"),
    P("I'm planning my exit from this job by Christmas.", id="planning-exit-job"),
]

NEAR_MISS = CORE_IDIOMS + OTHER_NEAR_MISSES


def _texts(params: list[Any]) -> list[str]:
    return [str(p.values[0]) for p in params]


def test_the_suites_are_big_enough() -> None:
    assert len(MUST_CATCH) >= 80
    assert len(NEAR_MISS) >= 80
    assert len(CORE_IDIOMS) >= 20
    assert len(set(_texts(MUST_CATCH))) == len(MUST_CATCH)
    assert len(set(_texts(NEAR_MISS))) == len(NEAR_MISS)


@pytest.mark.parametrize("text", MUST_CATCH)
def test_every_must_catch_statement_is_flagged(text: str) -> None:
    hits = find_crisis(text)
    assert hits, text
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
        assert hit.kind in KINDS
        assert hit.subject in ("self", "other")
        assert 0.0 < hit.score <= 1.0


def test_near_misses_rarely_raise_a_false_alarm() -> None:
    texts = _texts(NEAR_MISS)
    alarms = [(t, [h.text for h in find_crisis(t)]) for t in texts if find_crisis(t)]
    rate = len(alarms) / len(texts)
    assert rate <= 0.10, f"false-alarm rate {rate:.1%}: {alarms}"


@pytest.mark.parametrize("text", CORE_IDIOMS)
def test_everyday_idioms_never_fire(text: str) -> None:
    assert find_crisis(text) == ()


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        P("Honestly I feel suicidal again.", "suicidal", id="suicidal"),
        P("Lately I just want to kill myself, nobody knows.", "kill myself", id="kill-myself"),
        P("I wrote goodbye letters to my kids.", "goodbye letters", id="goodbye-letters"),
        P("Relapsed and started cutting again after two years.", "cutting", id="cutting"),
        P("Everyone  would be better\noff without me.", "without me", id="line-break"),
        P("I’m a burden to everyone — I know it.", "I’m a burden to everyone", id="curly-quote"),
        P("Ünïcödé first 🙂 then: I want to die", "want to die", id="unicode-before"),
        P("Straße, Maß und Fuß… i want to die", "want to die", id="casefold-grows"),
    ],
)
def test_evidence_spans_point_at_the_words(text: str, phrase: str) -> None:
    hits = find_crisis(text)
    assert hits
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.text
    assert any(phrase.lower() in hit.text.lower() for hit in hits), hits


def test_hits_come_in_order_of_start() -> None:
    text = "I cut myself again. Then I wrote a goodbye letter. I want to die."
    hits = find_crisis(text)
    assert [h.kind for h in hits] == ["self_harm", "preparatory", "passive"]
    assert [h.start for h in hits] == sorted(h.start for h in hits)


def _only(text: str) -> CrisisHit:
    hits = [h for h in find_crisis(text) if h.kind != "disclosure"]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        P("My brother said he wants to die.", "other", id="brother-he"),
        P("I want to die.", "self", id="plain-self"),
        P("She said 'I just want to disappear'.", "other", id="quoted-her"),
        P('I told him "I want to disappear forever."', "self", id="quoted-me"),
        P("My friend told me she has been cutting herself.", "other", id="reflexive-her"),
        P("I'm worried about my sister wanting to die.", "other", id="worried-about-sister"),
        P(
            "I asked my sister to keep my pills because I might take them all at once.",
            "self",
            id="object-sister",
        ),
        P("Gave away my records this week. Won't need them anymore.", "self", id="diary-style"),
        P("My dad has been so low. Keeps saying he'd be better off dead.", "other", id="carried"),
        P("Mum keeps talking about not being here next year.", "other", id="other-at-risk"),
    ],
)
def test_hits_say_whose_state_they_describe(text: str, subject: str) -> None:
    hits = find_crisis(text)
    assert hits
    assert [h.subject for h in hits] == [subject] * len(hits), hits


def test_telling_a_helper_is_a_disclosure_about_the_writer() -> None:
    hits = find_crisis("told my therapist I'd been thinking about ending it")
    assert [h.kind for h in hits] == ["disclosure", "direct"]
    assert {h.subject for h in hits} == {"self"}
    assert hits[0].text == "told my therapist"


def test_telling_a_helper_alone_is_not_a_crisis_sign() -> None:
    assert find_crisis("I told my therapist about the promotion and she was pleased.") == ()


@pytest.mark.parametrize(
    ("text", "past"),
    [
        P("Last year I was cutting most nights. I'm six months clean.", True, id="last-year"),
        P("I used to self-harm when I was at school.", True, id="used-to"),
        P("Years ago I tried to end my life.", True, id="years-ago"),
        P("My uncle tried to kill himself in 2019.", True, id="in-2019"),
        P("I cut myself again tonight.", False, id="tonight"),
        P("I want to end it all.", False, id="no-cue"),
        P(
            "Years ago it was bad, and I'm still thinking about killing myself.",
            False,
            id="still-is-nearer",
        ),
    ],
)
def test_past_is_set_when_the_text_places_it_back_in_time(text: str, past: bool) -> None:
    assert _only(text).past is past


def test_a_denied_mention_still_fires_but_less_surely() -> None:
    (denied,) = find_crisis("I'm not suicidal, just exhausted.")
    (plain,) = find_crisis("I'm suicidal and exhausted.")
    assert 0 < denied.score < plain.score


def test_someone_else_at_risk_has_its_own_kind() -> None:
    hits = find_crisis("The school put my son on suicide watch after what he wrote.")
    assert any(h.kind == "other_at_risk" and h.subject == "other" for h in hits)


def test_an_idiom_does_not_hide_a_real_signal_beside_it() -> None:
    text = "I'm killing it at work but honestly I want to kill myself."
    (hit,) = find_crisis(text)
    assert hit.text == "kill myself"
    assert has_idiom(text)
    assert not has_idiom("I want to kill myself.")


@pytest.mark.parametrize("text", ["", " ", "\n\n", "🙂", "\u202e\u05e9\u05dc\u05d5\u05dd", "\x00"])
def test_empty_and_odd_texts_have_no_hits(text: str) -> None:
    assert find_crisis(text) == ()


PHRASES = st.sampled_from(
    ["i want to die", "killing it", " cut myself ", "'", '"', "she said '", ".", "\n", "😭"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=60), PHRASES), max_size=12).map("".join))
def test_any_text_is_handled_with_spans_in_bounds(text: str) -> None:
    hits = find_crisis(text)
    assert isinstance(hits, tuple)
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.text
        assert hit.kind in KINDS and hit.subject in ("self", "other")
    assert [h.start for h in hits] == sorted(h.start for h in hits)


MARKS = st.characters(categories=["Cf", "So", "Sk", "Lo", "Mn", "Zs"])
RIGHT_TO_LEFT = st.sampled_from("\u202e\u202b\u200f\u061c\u05d0\u05e9\u0627\u0644\u06cc\u0640")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(MARKS, RIGHT_TO_LEFT), max_size=200))
def test_right_to_left_emoji_and_marks_never_raise(text: str) -> None:
    padded = f"{text} i want to die {text}"
    hits = find_crisis(padded)
    assert hits
    for hit in hits:
        assert padded[hit.start : hit.end] == hit.text


def test_a_megabyte_of_text_returns() -> None:
    chunk = (
        "Killing it at work, dead tired. 🙂 שלום. She said 'I just want to disappear'. "
        "Nothing matters today and I feel numb. "
    )
    text = chunk * (1_000_000 // len(chunk))
    hits = find_crisis(text)
    assert len(hits) == text.count("want to disappear")
    assert all(text[h.start : h.end] == h.text for h in hits[:50])
    assert find_crisis("a" * 1_000_000) == ()


def test_near_misses_rarely_raise_a_false_alarm_in_the_whole_analyzer() -> None:
    # The learned layer reads the same statements too; its false alarms count as well.
    texts = _texts(NEAR_MISS)
    alarms = [t for t in texts if analyze(t).crisis]
    assert len(alarms) / len(texts) < 0.10, alarms


def test_every_must_catch_statement_is_flagged_by_the_whole_analyzer() -> None:
    # Every one brings the banner or, where the words are hedged and the learned layer does
    # not back them ("this could be my last post"), the calm check with help one step away.
    results = [(t, analyze(t)) for t in _texts(MUST_CATCH)]
    missed = [t for t, r in results if not (r.crisis or r.concern)]
    assert missed == []
    unsure = [t for t, r in results if not r.crisis]
    assert len(unsure) <= len(results) // 20, unsure
    # 3.7: the four hedged ones ("Called the Samaritans at 3am."); a plain means made ready
    # keeps the banner (a hedged rule starting earlier once took "I have the rope ready.")
    assert len(unsure) <= 4, unsure
    assert "I have the rope ready." not in unsure
