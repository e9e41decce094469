"""The ``events`` stage: event words typed in ACLED's terms, and whom the report blames.

The sentences are written for these tests in the style of wire reports. No parse is needed:
the stage reads the raw text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch.extract import actors, extract_report, make_report
from tollwatch.extract.events import find_perpetrators, run, sentence_events
from tollwatch.extract.pipeline import Context
from tollwatch.extract.rules import REGISTRY
from tollwatch.extract.sentences import run as split_sentences
from tollwatch.model import SUB_EVENT_TO_EVENT


def context_for(text: str) -> Context:
    ctx = Context(report=make_report(text))
    split_sentences(ctx)
    return ctx


def best_type(text: str) -> str | None:
    """The most specific sub-event type the first sentence names."""
    mentions = sentence_events(context_for(text), 0)
    strong = [m for m in mentions if not m.weak] or mentions
    if not strong:
        return None
    return max(strong, key=lambda m: m.priority).sub_event_type


def perps(text: str, sentence: int = 0) -> set[tuple[str, str | None]]:
    ctx = context_for(text)
    return {(p.actor, p.alleged_by) for _, p in find_perpetrators(ctx, sentence)}


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Warplanes pounded the southern districts overnight.", "Air/drone strike"),
        ("An airstrike hit a field hospital in Kafr Nabl.", "Air/drone strike"),
        ("Helicopters dropped barrel bombs on Daraya.", "Air/drone strike"),
        ("A bombing raid destroyed the bakery.", "Air/drone strike"),
        ("Artillery shells landed near the school.", "Shelling/artillery/missile attack"),
        ("Mortar fire hit the old city.", "Shelling/artillery/missile attack"),
        ("A rocket slammed into a residential building.", "Shelling/artillery/missile attack"),
        ("A car bomb went off outside the mosque.", "Remote explosive/landmine/IED"),
        ("A roadside bomb struck a bus.", "Remote explosive/landmine/IED"),
        ("A landmine killed two shepherds.", "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at the checkpoint.", "Suicide bomb"),
        ("A suicide car bomb exploded at the gate.", "Suicide bomb"),
        ("Residents said chlorine gas was used in the attack.", "Chemical weapon"),
        ("Victims showed symptoms of exposure to sarin.", "Chemical weapon"),
        ("Helicopters dropped chlorine-filled barrel bombs on the town.", "Chemical weapon"),
        ("Clashes broke out near the airport.", "Armed clash"),
        ("Heavy fighting raged in the eastern districts.", "Armed clash"),
        ("Gunmen opened fire on civilians at the market.", "Attack"),
        ("Militants beheaded four captured soldiers.", "Attack"),
        (
            "Three aid workers were kidnapped on the road to Idlib.",
            "Abduction/forced disappearance",
        ),
        ("Security forces carried out mass arrests in the suburb.", "Arrests"),
        ("A grenade was thrown into the crowd.", "Grenade"),
    ],
)
def test_event_types(text: str, sub_event_type: str):
    assert best_type(text) == sub_event_type


def test_event_type_is_acled_parent_of_sub_event_type():
    ctx = context_for("A suicide bomber struck a checkpoint as clashes raged nearby.")
    for m in sentence_events(ctx, 0):
        assert m.event_type == SUB_EVENT_TO_EVENT[m.sub_event_type]
        assert ctx.text[m.span.start : m.span.end] == m.span.text


def test_weak_and_anaphoric_words():
    ctx = context_for("The government blamed rebels for the attack.")
    (m,) = [m for m in sentence_events(ctx, 0) if m.span.text == "attack"]
    assert m.weak and m.anaphoric
    ctx = context_for("An air strike hit the town.")
    strike = next(m for m in sentence_events(ctx, 0) if m.span.text == "air strike")
    assert not strike.weak and not strike.anaphoric


def test_no_events_in_plain_text():
    assert sentence_events(context_for("The talks resumed in Geneva on Monday."), 0) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # blame with its blamer
        (
            "Activists blamed the government for the massacre.",
            ("Syrian government forces", "Activists"),
        ),
        (
            "A barrel bomb attack residents blamed on regime helicopters destroyed the clinic.",
            ("Syrian government forces", "residents"),
        ),
        (
            "The Interior Ministry accused the Nusra Front of planting the bomb.",
            ("Nusra Front (al-Qaeda affiliate)", "Interior Ministry"),
        ),
        (
            "Islamic State claimed responsibility for the bombing.",
            ("Islamic State (ISIS)", "Islamic State (ISIS)"),
        ),
        # agents
        (
            "The strike was carried out by Russian jets, the monitor said.",
            ("Russia", "monitor"),
        ),
        ("US-led coalition air strikes hit the town of Hajin.", ("US-led coalition", None)),
        (
            "Government forces shelled the rebel-held town of Douma.",
            ("Syrian government forces", None),
        ),
        (
            "Turkish artillery pounded Kurdish positions near Afrin.",
            ("Turkey", None),
        ),
        (
            "Ten fighters were killed in clashes with the Syrian Democratic Forces.",
            ("SDF/YPG Kurdish-led forces", None),
        ),
        ("Islamic State militants executed 12 men in Palmyra.", ("Islamic State (ISIS)", None)),
        (
            "Barrel bombs dropped from helicopters hit the market.",
            ("Syrian government forces", None),
        ),
    ],
)
def test_perpetrators(text: str, expected: tuple[str, str | None]):
    assert expected in perps(text)


@pytest.mark.parametrize(
    "text",
    [
        # places and victims are not perpetrators
        "Shells landed on the rebel-held district of Jobar.",
        "An air strike hit an opposition-held village.",
        "Twenty regime soldiers were killed in the ambush.",
        # a foreign power's jets are not the state's
        "Warplanes believed to be Russian struck the town.",
    ],
)
def test_no_wrong_perpetrator(text: str):
    found = perps(text)
    assert ("opposition rebels", None) not in found
    if "Russian" in text:
        assert {a for a, _ in found} == {"Russia"}
    else:
        assert ("Syrian government forces", None) not in found


def test_run_fills_context_events_for_every_sentence():
    ctx = context_for("Clashes erupted at dawn. Talks were held. A car bomb exploded at noon.")
    run(ctx)
    assert sorted({m.sentence for m in ctx.events}) == [0, 2]
    assert all(ctx.text[m.span.start : m.span.end] == m.span.text for m in ctx.events)


# --- no input makes the stage fail ----------------------------------------------------------

_WORDS = (
    "said according to the Observatory rebels regime Russian air strike barrel bombs shelling "
    "blamed accused on for by carried out killed 12 at least dozens , . \" “ ” - ' IS SDF "
    "coalition-led government-held claimed responsibility clashes between and with he it they "
    "or Syrian recaptured overran backed fighters soldiers civilians pounded attack gunmen"
).split()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=60))
def test_any_text_gives_valid_mentions(words: list[str]):
    text = " ".join(words).strip() or "x"
    ctx = context_for(text)
    run(ctx)
    for m in ctx.events:
        assert ctx.text[m.span.start : m.span.end] == m.span.text
        assert m.event_type == SUB_EVENT_TO_EVENT[m.sub_event_type]
        # every rule that typed it is registered, and so is every blame rule
        assert m.rule and all(r in REGISTRY for r in m.rule.split("+"))
        assert len({p.actor for p in m.perpetrators}) == len(m.perpetrators)
        for p in m.perpetrators:
            assert p.rule and all(r in REGISTRY for r in p.rule.split("+"))
            # a catalogue actor, or the forces of a country the catalogue does not list
            assert actors.by_name(p.actor) is not None or p.actor.startswith("government forces (")
            if p.evidence is not None:
                assert ctx.text[p.evidence.start : p.evidence.end] == p.evidence.text


def test_held_by_names_who_controls_a_place_not_who_attacked():
    # The side holding the checkpoint was attacked; it did not do the attacking.
    found = perps(
        "A car bomb exploded at a checkpoint held by the Syrian Democratic Forces near Raqqa "
        "on Monday, killing nine people."
    )
    assert "SDF/YPG Kurdish-led forces" not in {a for a, _ in found}
    found = perps("Shells hit a neighbourhood held by rebels, killing four children.")
    assert "opposition rebels" not in {a for a, _ in found}


def test_held_responsible_is_blame():
    found = perps("The Kurdish authorities held Islamic State responsible for the bombing.")
    assert ("Islamic State (ISIS)", "authorities") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Yemen's coalition is Saudi-led: "coalition" alone must not make it the US-led one
        (
            "An air strike by the Saudi-led coalition hit a wedding party in Hajjah, medics said.",
            ("Saudi-led coalition", "medics"),
        ),
        (
            "Officials in Aden blamed Houthi fighters for the rocket attack on the port.",
            ("Houthi movement (Ansar Allah)", "Officials in Aden"),
        ),
    ],
)
def test_yemen_actors(text: str, expected: tuple[str, str | None]):
    found = perps(text)
    assert expected in found
    assert "US-led coalition" not in {a for a, _ in found}
    assert "opposition rebels" not in {a for a, _ in found}


def test_claim_of_responsibility_names_the_actor_without_its_article():
    found = perps("The Islamic State group claimed responsibility for the bombing in a statement.")
    # the group says so itself: its name as the sources catalogue has it, no article
    assert ("Islamic State (ISIS)", "Islamic State (ISIS)") in found


def test_firing_on_civilians_is_an_attack_with_its_shooter():
    text = "Witnesses said government snipers fired on families trying to cross the bridge."
    assert best_type(text) == "Attack"
    assert ("Syrian government forces", "Witnesses") in perps(text)


def test_each_of_the_actors_a_phrase_joins_is_blamed():
    found = perps(
        "The Observatory said it could not tell whether the raids were carried out by Syrian "
        "government or Russian warplanes."
    )
    assert {a for a, _ in found} == {"Syrian government forces", "Russia"}
    assert {b for _, b in found} == {"Syrian Observatory for Human Rights"}


def test_the_object_of_an_attack_verb_is_not_its_perpetrator():
    found = perps("Army jets pounded Islamic State positions near the airport on Monday.")
    assert "Islamic State (ISIS)" not in {a for a, _ in found}


def test_one_perpetrator_per_actor_keeps_its_first_mention():
    from tollwatch.extract.events import merge_perpetrators
    from tollwatch.model import Perpetrator, Span

    def at(start: int, actor: str, alleged_by: str | None, rule: str) -> Perpetrator:
        return Perpetrator(
            actor=actor,
            alleged_by=alleged_by,
            rule=rule,
            evidence=Span(start=start, end=start + 5, text="x" * 5),
        )

    headline = at(3, "Russia", None, "events.premodifier")
    named = at(60, "Russia", "activists", "events.premodifier")
    other = at(90, "Turkey", None, "events.subject")
    accused = at(140, "Russia", "the ministry", "events.blamed")
    merged = merge_perpetrators([headline, named, other])
    # the first mention says who blames it ...
    assert [(p.actor, p.alleged_by) for p in merged] == [("Russia", None), ("Turkey", None)]
    assert merged[0].rule == "events.premodifier+events.one_per_actor"
    assert merged[1].rule == "events.subject"
    # ... past a title that the lead restates with its source
    merged = merge_perpetrators([headline, named, other], title_end=40)
    assert [(p.actor, p.alleged_by) for p in merged] == [("Russia", "activists"), ("Turkey", None)]
    # ... unless a later mention is an accusation
    merged = merge_perpetrators([headline, named, other, accused], title_end=40)
    assert [(p.actor, p.alleged_by) for p in merged] == [
        ("Russia", "the ministry"),
        ("Turkey", None),
    ]
    assert merged[0].rule == "events.blamed+events.one_per_actor"
    # a title's mention stands when the report names the actor nowhere else
    assert [p.alleged_by for p in merge_perpetrators([headline], title_end=40)] == [None]


def test_an_unnamed_actor_gives_way_to_a_named_one():
    from tollwatch.extract.events import merge_perpetrators
    from tollwatch.model import Perpetrator

    unnamed = Perpetrator(actor="terrorists", actor_kind="unnamed", rule="events.premodifier")
    named = Perpetrator(actor="Islamic State (ISIS)", actor_kind="jihadist", rule="events.subject")
    assert [p.actor for p in merge_perpetrators([unnamed])] == ["terrorists"]
    merged = merge_perpetrators([unnamed, named])
    assert [(p.actor, p.rule) for p in merged] == [
        ("Islamic State (ISIS)", "events.subject+events.unnamed_yields")
    ]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # an attack on armed men is a battle
        ("Gunmen killed four soldiers at a checkpoint on Monday.", "Armed clash"),
        # the same words against civilians stay an attack
        ("Gunmen killed four farmers in their fields on Monday.", "Attack"),
        # artillery that is the means of a two-sided battle is the battle's
        (
            "Fierce fighting between the army and rebels, backed by heavy shelling, killed "
            "30 fighters.",
            "Armed clash",
        ),
        # shelling alone stays shelling
        ("Heavy shelling of the market killed 30 civilians.", "Shelling/artillery/missile attack"),
    ],
)
def test_acled_precedence(nlp, text: str, sub_event_type: str):
    record = extract_report(make_report(text))
    assert record.incidents and record.incidents[0].sub_event_type == sub_event_type


def test_both_sides_of_a_clash_are_whole_names():
    found = perps(
        "Forty fighters died in clashes between the Islamic State of Iraq and the Levant and "
        "the Nusra Front near the oil fields, the monitor said."
    )
    assert {a for a, _ in found} == {"Islamic State (ISIS)", "Nusra Front (al-Qaeda affiliate)"}


def test_a_bare_nationality_in_an_alternative_names_that_state():
    found = perps(
        "A raid killed five people at the bakery. Activists said it was not clear whether the "
        "jets were Syrian or Russian.",
        sentence=1,
    )
    assert ("Russia", "Activists") in found
    assert ("Syrian government forces", "Activists") in found
    # one side named twice ("Syrian planes or those of government ally Russia")
    found = perps(
        "The monitor said it was unclear if the raid was carried out by Syrian planes or those "
        "of government ally Russia."
    )
    assert {a for a, _ in found} == {"Syrian government forces", "Russia"}
    # "or" is what makes an alternative: two actors in a row are not one
    assert not any(
        p.rule == "events.either"
        for _, p in find_perpetrators(
            context_for("It was unclear whether Russian jets struck rebel positions."), 0
        )
    )


def test_a_headline_verb_makes_the_words_after_it_its_object():
    found = perps("Syrian Jets Pound ISIS Offensive Near Hama Killing Dozens")
    assert "Islamic State (ISIS)" not in {a for a, _ in found}
    assert "Syrian government forces" in {a for a, _ in found}


def test_an_earlier_event_the_sentence_dates_by_does_not_type_it(nlp):
    record = extract_report(
        make_report(
            "Hours after a chemical attack on the town, a barrel bomb killed eight people "
            "in its market."
        )
    )
    assert record.incidents[0].sub_event_type == "Air/drone strike"
    assert "events.earlier_event" in (record.incidents[0].type_rule or "")


def test_a_campaign_sentence_blames_nobody(nlp):
    habit = extract_report(
        make_report(
            "Six people were killed in the town on Monday. The town is regularly shelled by "
            "government forces."
        )
    )
    assert habit.incidents[0].perpetrators == ()
    one = extract_report(
        make_report("Six people were killed in the town on Monday. Government forces shelled it.")
    )
    assert [p.actor for p in one.incidents[0].perpetrators] == ["Syrian government forces"]
    # a sentence with its own toll keeps its blame however it is worded
    toll = extract_report(
        make_report("Russian jets, which regularly strike the town, killed 12 people on Monday.")
    )
    assert "Russia" in {p.actor for p in toll.incidents[0].perpetrators}


def test_remote_means_named_beside_gunfire_type_the_attack(nlp):
    # ACLED: violence against civilians by shells or rockets is remote violence
    record = extract_report(
        make_report(
            "Nine civilians were killed on Friday in attacks with rocket shells and sniper "
            "fire on residential neighbourhoods of the city."
        )
    )
    assert record.incidents[0].sub_event_type == "Shelling/artillery/missile attack"
    # gunfire alone stays a direct attack
    assert best_type("Snipers shot dead four people on the bridge.") == "Attack"


def _blame(text: str) -> list[list[tuple[str, str | None]]]:
    record = extract_report(make_report(text))
    return [[(p.actor, p.alleged_by) for p in inc.perpetrators] for inc in record.incidents]


@pytest.mark.parametrize(
    "text",
    [
        # a question of who did it is not an allegation
        "Air strikes killed 12 people in the market town on Monday, the monitor said. It says "
        "it works out whether raids were carried out by Syrian, Russian or coalition aircraft "
        "from their flight patterns.",
        # names in a row (a tags line) are no subject of the event words after them
        "Tags Idlib airstrikes IS Syria airstrikes Overnight airstrikes on the town killed 14 "
        "civilians a monitor said.",
    ],
)
def test_no_blame_without_an_allegation(text: str):
    assert _blame(text) == [[]]


def test_blame_told_between_an_incidents_sentences_is_its_own_only_close_by():
    # told between two of the incident's sentences: the incident's
    assert _blame(
        "Two civilians were killed in rocket attacks on the city's eastern districts. A source "
        "at the governorate told the agency on Wednesday that Islamic State militants fired "
        "several rocket shells at dawn on the two districts. The attacks, according to the "
        "source, also wounded 11 people."
    ) == [[("Islamic State (ISIS)", "governorate")]]
    # a report's background between its lead and a late update: not the incident's
    assert _blame(
        "At least 30 people were killed in an air strike on the market on Monday, rescuers "
        "said. The town had been quiet for weeks. Its market draws shoppers from the villages "
        "around it. Aid groups say food prices have tripled. Rebels accused Russian jets of "
        "shelling a school nearby last month. Rescuers later said the toll had risen to 41."
    ) == [[]]


def test_an_acronym_in_brackets_is_still_the_subject():
    assert (
        _blame(
            "Kurdish-led Syrian Democratic Forces (SDF) killed 35 Islamic State militants near "
            "the town on Sunday, a Kurdish news agency said."
        )[0][0][0]
        == "SDF/YPG Kurdish-led forces"
    )
