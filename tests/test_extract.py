"""indopak extract: the seed article's key outputs, date rules, bad input and the dev set."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import SEED_ACTORS, run_cli
from indopak.curate.extract import extract
from indopak.curate.extract.article import ArticleError, parse_article, read_article
from indopak.curate.extract.dates import find_dates
from indopak.curate.extract.eval import evaluate, heldout_stems
from indopak.curate.extract.eval import main as eval_main
from indopak.curate.extract.registry import Registry
from indopak.curate.extract.roles import Placed, roles_of
from indopak.curate.extract.stance import IssueIndex, stance_of
from indopak.schema.project import Project

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ff9f7cd44b59b363.txt"
DEV = Path(__file__).resolve().parent / "fixtures" / "extract"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(Project(ROOT))  # the real registry, read only


@pytest.fixture(scope="module")
def seed(registry: Registry) -> dict:
    return extract(read_article(SEED), registry)


run = run_cli


# -- the seed article -------------------------------------------------------------------------


def test_seed_actors_are_found_once_each_through_names_and_aliases(seed):
    actors = {a["id"]: a for a in seed["actors"]}
    for ident in SEED_ACTORS:
        assert ident in actors, ident
    assert len(seed["actors"]) == len({a["name"] for a in seed["actors"]})
    assert {"Islamabad", "Pak"} <= set(actors["pakistan"]["mentions"])
    assert "New Delhi" in actors["india"]["mentions"]
    assert {"Jaish-e-Mohammed", "Jaish-e-Mohammad"} <= set(actors["jaish-e-mohammed"]["mentions"])
    assert "CRPF" in actors["central-reserve-police-force"]["mentions"]
    assert actors["antonio-guterres"]["name"] == "António Guterres"
    assert "foreign office" in actors["pakistan-ministry-of-foreign-affairs"]["mentions"]
    text = SEED.read_text(encoding="utf-8")
    for actor in seed["actors"]:
        assert all(m in text for m in actor["mentions"])


def test_seed_dates_resolve_against_the_article_date(seed):
    by_expression = {e["date_expression"]: e for e in seed["events"]}
    # The article is dated Tuesday 2019-02-19: the attack was on the 14th, the letter on Monday.
    assert by_expression["on February 14"]["date"] == "2019-02-14"
    assert by_expression["on Monday"]["date"] == "2019-02-18"
    assert "Qureshi sent a letter" in by_expression["on Monday"]["evidence"]
    assert by_expression["today"]["date"] == "2019-02-19"


def test_seed_treaty_and_positions(seed):
    assert [t["id"] for t in seed["treaties"]] == ["indus-waters-treaty-1960"]
    text = SEED.read_text(encoding="utf-8")
    positions = seed["positions"]
    assert len(positions) >= 4
    assert all(p["quote"] in text for p in positions)
    qureshi = [p for p in positions if p["speaker"] == "Shah Mahmood Qureshi"]
    assert any("The United Nations must step in to defuse tensions" in p["quote"] for p in qureshi)
    assert all(p["actor"] == "Pakistan" for p in qureshi)
    india = next(p for p in positions if p["quote"].startswith("India has rejected"))
    assert (india["actor"], india["stance"]) == ("India", "oppose")


# -- dates ------------------------------------------------------------------------------------

REF = dt.date(2019, 2, 19)  # a Tuesday


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("They met on Monday.", "2019-02-18"),
        ("They met on Tuesday.", "2019-02-19"),
        ("They will meet on Monday.", "2019-02-25"),
        # the article's own weekday, ahead, is today; "next" is a week on
        ("They will meet on Tuesday.", "2019-02-19"),
        ("They will meet next Tuesday.", "2019-02-26"),
        # reported future: "would" keeps a day-month ahead of the article
        ("The airline said it would stay away until October 26.", "2019-10-26"),
        # a span of days is dated by its first day; "last year" after a day sets its year
        ("They held talks on July 12-13, 2016.", "2016-07-12"),
        ("Talks on 14 and 15 September ended.", "2018-09-14"),
        ("On August 5 last year, the status was revoked.", "2018-08-05"),
        # a part of a month dates the month
        ("He hoped they would agree by the end of March.", "2019-03"),
        ("They met in the first week of January 2018.", "2018-01"),
        ("The strike came last night.", "2019-02-18"),
        ("It was signed yesterday.", "2019-02-18"),
        ("Talks were held earlier this month.", "2019-02"),
        ("Relations soured last year.", "2018"),
        ("The treaty was signed in 1960.", "1960"),
        ("The attack on 14 February 2019 killed 40.", "2019-02-14"),
        ("Ties froze in December.", "2018-12"),
        ("The envoy returns on March 2.", "2019-03-02"),
        ("The talks in November last year failed.", "2018-11"),
    ],
)
def test_date_expressions(sentence, expected):
    values = [d.value for d in find_dates(sentence, 0, len(sentence), REF)]
    assert values == [expected]


def test_dateline_sets_the_reference_date(registry):
    article = parse_article(
        " date 2025-04-25 Headline\nIslamabad, April 24 - Pakistan said "
        "on Thursday that India had acted on Wednesday.\n"
    )
    dates = {e["date_expression"]: e["date"] for e in extract(article, registry)["events"]}
    assert dates == {"on Thursday": "2025-04-24", "on Wednesday": "2025-04-23"}


def test_a_dateline_after_the_headline_and_byline_of_a_copied_page(registry):
    article = parse_article(
        " date 2008-12-03 Headline\nPakistan Offers to Join With India\nBy Candace Rondeaux\n"
        "Washington Post Foreign Service\nISLAMABAD, Pakistan, Dec. 2 -- Pakistan on Tuesday "
        "offered to set up a joint inquiry.\n"
    )
    dates = {e["date_expression"]: e["date"] for e in extract(article, registry)["events"]}
    assert dates == {"on Tuesday": "2008-12-02"}


def test_places_and_news_agencies_are_not_actors(registry):
    article = parse_article(
        " date 2019-03-01 Headline\nLAHORE (Reuters) - Talks were held in "
        "Islamabad, the Press Trust of India reported.\n"
    )
    assert extract(article, registry)["actors"] == []


@pytest.mark.parametrize(
    "body",
    [
        "UNITED NATIONS (Reuters) - The U.N. Security Council urged restraint.",
        "UNITED NATIONS: The Security Council urged restraint.",
    ],
)
def test_a_dateline_without_a_date_is_a_place_and_a_un_body_is_not_the_un(registry, body):
    article = parse_article(f" date 1998-06-06 Headline\n{body}\n")
    ids = [a["id"] for a in extract(article, registry)["actors"]]
    assert ids == ["un-security-council"]


def test_a_third_country_travelled_to_is_a_place(registry):
    article = parse_article(
        " date 2016-09-19 H\nHome Minister Rajnath Singh put off a planned trip to Russia and "
        "the United States.\nIndia says he was kidnapped from Iran.\n"
    )
    ids = {a["id"] for a in extract(article, registry)["actors"]}
    assert ids.isdisjoint({"russia", "united-states", "iran"})
    assert "india" in ids


def test_a_state_the_registry_lacks_is_an_actor_where_it_acts_and_a_place_where_it_is(
    registry,
):
    article = parse_article(
        " date 1974-11-20 H\nAddu City (Maldives): India and Bhutan voted against the draft.\n"
        "Floods struck villages in Nepal and in Afghanistan.\n"
    )
    actors = extract(article, registry)["actors"]
    new = {a["name"]: a["kind"] for a in actors if a["id"] is None}
    assert new == {"Bhutan": "state"}
    assert "afghanistan" not in {a["id"] for a in actors}


def test_treaty_variants(registry):
    article = parse_article(
        " date 2019-03-01 H\nThe Shimla Agreement and the Indus Water "
        "Treaty stand; the IWT and the Simla accord were cited.\n"
    )
    treaties = {t["id"]: t["mentions"] for t in extract(article, registry)["treaties"]}
    assert treaties == {
        "simla-agreement-1972": ["Shimla Agreement", "Simla accord"],
        "indus-waters-treaty-1960": ["Indus Water Treaty", "IWT"],
    }


@pytest.mark.parametrize(
    "sentence, date, expected",
    [
        # a head noun and the words of one treaty's name
        (
            "Both renewed the agreement on the Kartarpur Sahib corridor.",
            "2024-10-22",
            ["kartarpur-corridor-agreement-2019"],
        ),
        (
            "It was made under the Agreement on Prohibition of Attacks against Nuclear "
            "Installations and Facilities.",
            "2025-01-01",
            ["nuclear-installations-agreement-1988"],
        ),
        # one word of the name with the treaty's year, or under its own kind
        (
            "India suspended the 1960 water-sharing treaty.",
            "2025-04-24",
            ["indus-waters-treaty-1960"],
        ),
        ("India suspended a water-sharing treaty.", "2025-04-24", ["indus-waters-treaty-1960"]),
        # a year alone names the one treaty of that year
        ("The 1972 accord binds both.", "2025-06-05", ["simla-agreement-1972"]),
        # two treaties of one description: the latest concluded by the article's date
        (
            "Both reaffirmed the ceasefire understanding.",
            "2021-02-25",
            ["ceasefire-understanding-2003"],
        ),
        (
            "Both reaffirmed the ceasefire understanding.",
            "2025-06-01",
            ["ceasefire-understanding-2025"],
        ),
        # generic words name nothing
        ("The two have no trade agreement.", "2025-01-01", []),
        ("They signed a new visa agreement in 2012.", "2013-01-01", []),
        # a proper name before the head noun outweighs words further off
        (
            "The Delhi Agreement of 1973 allowed the repatriation of prisoners of war.",
            "1980-01-01",
            ["delhi-agreement-1973"],
        ),
        ("Talks in Islamabad and New Delhi forged greater understanding.", "2025-01-01", []),
        # "the ceasefire" within weeks of a recorded ceasefire agreement names it; years later,
        # or as a "ceasefire line", it names nothing
        (
            "Both sides said the ceasefire was holding.",
            "2025-05-20",
            ["ceasefire-understanding-2025"],
        ),
        ("Both sides said the ceasefire was holding.", "2019-03-01", []),
        ("The UN drew a ceasefire line in 1949.", "2025-05-20", []),
        # a relative clause after the head noun describes it
        (
            "They signed an agreement under which each promises not to attack the other's "
            "nuclear installations.",
            "1988-12-31",
            ["nuclear-installations-agreement-1988"],
        ),
        (
            "They swapped lists under a 1988 agreement in which each pledged not to attack the "
            "other's nuclear facilities.",
            "1992-08-20",
            ["nuclear-installations-agreement-1988"],
        ),
        # a word only one treaty's summary uses describes it, in that treaty's year
        (
            "Nehru presented the agreement guaranteeing the security of minorities.",
            "1950-04-10",
            ["nehru-liaquat-pact-1950"],
        ),
        ("They recalled an agreement guaranteeing the rights of minorities.", "1990-01-01", []),
        (
            "The withdrawals follow from the agreement that Indira Gandhi and Z. A. Bhutto "
            "signed at Simla on July 2.",
            "1972-09-01",
            ["simla-agreement-1972"],
        ),
        (
            "It was the worst day since the two agreed to a ceasefire along the line in 2003.",
            "2016-11-24",
            ["ceasefire-understanding-2003"],
        ),
    ],
)
def test_treaties_by_the_words_of_their_names(registry, sentence, date, expected):
    article = parse_article(f" date {date} H\n{sentence}\n")
    assert [t["id"] for t in extract(article, registry)["treaties"]] == expected


@pytest.mark.parametrize(
    "sentence, expression, event_type",
    [
        (
            "Imran Khan on Wednesday laid the foundation stone of the corridor.",
            "on Wednesday",
            "COOPERATE",
        ),
        # what a sentence follows, dated ("following the attack last month"): that act
        (
            "The ceasefire deal follows strikes following the Pahalgam terror attack last month.",
            "last month",
            "ASSAULT",
        ),
        ("The military officials would speak again on May 12.", "on May 12", "CONSULT"),
        # a verb whose object names the act: the act; a verb the date directly follows: the verb
        ("India on Saturday ordered the expulsion of the envoy.", "on Saturday", "SANCTION"),
        # a joint statement is an agreed text
        (
            "The talks sought to give effect to the joint statement issued in Islamabad on "
            "June 23.",
            "on June 23",
            "AGREE",
        ),
        # naming focal persons is not listing anyone
        (
            "The focal persons designated by both countries will ink the accord today.",
            "today",
            "AGREE",
        ),
        ("India and Pakistan agreed here Saturday to resume talks.", "Saturday", "AGREE"),
        # a verb of beginning whose object is talks dates the talks
        ("The next day, India opened high-level talks with Islamabad.", "The next day", "CONSULT"),
        ("India and Pakistan resumed the composite dialogue on Tuesday.", "on Tuesday", "CONSULT"),
        ("Pakistan opened the Wagah crossing on Tuesday.", "on Tuesday", "COOPERATE"),
        # a date of a reporting verb dates what was said, typed by its first action word
        (
            '"We continue to support direct dialogue," the spokesman told reporters on Thursday.',
            "on Thursday",
            "SUPPORT",
        ),
        (
            '"India has a habit of blaming Pakistan without any investigation," the spokesman '
            "said in a statement late on Sunday.",
            "late on Sunday",
            "REJECT",
        ),
        (
            "India has issued a notice seeking a change to the treaty, sources said on Friday, "
            "accusing Pakistan of delay.",
            "on Friday",
            "REQUEST",
        ),
        # an offer or stated readiness is a promise (AGREE); approval of another is SUPPORT
        ("The minister said on Monday Pakistan was ready to hold talks.", "on Monday", "AGREE"),
        ("Pakistan on Friday offered India a third consular visit.", "on Friday", "AGREE"),
        ("Shehbaz Sharif on Thursday thanked Modi for his message.", "on Thursday", "SUPPORT"),
        (
            "It was a day after the minister said the accord had lost its relevance.",
            "a day after",
            "REJECT",
        ),
        # a date naming an accord dates its signing
        (
            "India sought changes to the Indus Waters Treaty of September 1960.",
            "September 1960",
            "AGREE",
        ),
        # a date closing its clause dates the clause's first action
        ("China placed a technical hold on the proposal in March.", "in March", "REJECT"),
        # names are not actions
        (
            "The ministers of the Organisation of Islamic Cooperation meet on Friday.",
            "on Friday",
            "CONSULT",
        ),
        # (and a service's first run is cooperation, not the agreement it ran under)
        (
            "The train first ran on July 22, 1976, under the Simla Agreement.",
            "on July 22, 1976",
            "COOPERATE",
        ),
        (
            "The ministry said on Wednesday the official had been asked to leave the country.",
            "on Wednesday",
            "SANCTION",
        ),
        # the second half of a compound is no action word
        ("The non-attack agreement came into force in January 1991.", "in January 1991", "AGREE"),
        # explosions are attacks; handing over a list gives nothing back
        ("Two explosions set fire to two coaches on Sunday night.", "on Sunday night", "ASSAULT"),
        # handing over a list shares information: cooperation, not a release
        ("Pakistan on Monday handed over a list of 457 prisoners.", "on Monday", "COOPERATE"),
        # owning up to one's own act concedes; a summons accuses
        (
            "The ministry acknowledged on Friday that a malfunction led to the firing.",
            "on Friday",
            "CONCEDE",
        ),
        (
            "Later on Thursday India's envoy was summoned to the Foreign Office.",
            "on Thursday",
            "ACCUSE",
        ),
        # a date naming a resolution: the resolution asks
        (
            "The truce is the first stage of the commission's resolution of August 13, which "
            "provides for a halt.",
            "August 13",
            "REQUEST",
        ),
        # a range dates the verb before it, not the one after
        (
            "India asked for access 13 times between March 2016 and March 2017 and was refused.",
            "March 2017",
            "REQUEST",
        ),
        # a court's verdict against a party is a sanction (PLOVER's sanction-convict)
        ("The army chief confirmed the death sentence on Monday.", "on Monday", "SANCTION"),
        ("The court at The Hague on Wednesday ruled against Pakistan.", "on Wednesday", "SANCTION"),
        # "the day X happened" opens another clause: the date is the first clause's
        (
            "Pakistan shut its airspace on February 26, the day Indian jets struck near Balakot.",
            "on February 26",
            "SANCTION",
        ),
        # the noun a date closes, with its named argument
        ("Protests followed the killing of commander Burhan Wani in July.", "in July", "ASSAULT"),
        # what the words said are about is not what they do
        (
            "Pakistan said on Wednesday it was considering sending a team over the attack.",
            "on Wednesday",
            None,
        ),
        ("Pakistan today backtracked on sending its intelligence chief.", "today", "REJECT"),
        # ", and <subject> ..." opens a clause of its own, dated apart from the first
        (
            "The envoy flew to Karachi on April 2, and the two ministers signed the protocol the "
            "next day.",
            "the next day",
            "AGREE",
        ),
        (
            "The delegations held talks in Delhi, and a trade agreement was concluded on April 9.",
            "on April 9",
            "AGREE",
        ),
        # a meeting opening the sentence is remembered for the accord signed at it
        (
            "At talks in Lahore in March the two secretaries signed an accord on prisoners.",
            "in March",
            "AGREE",
        ),
        # without a signing, the meeting is the event
        ("At talks in Lahore in March the two secretaries reviewed trade.", "in March", "CONSULT"),
        # a year naming a war dates the war
        ("The two countries restored the links cut by the war of 1971.", "of 1971", "ASSAULT"),
        ("Forty soldiers have been missing since the 1965 and 1971 wars.", "1965", "ASSAULT"),
        # a verb the date directly follows dates its own clause, not the clause's first noun
        (
            "According to a statement issued after talks in Delhi, the bus service will start "
            "from May 7.",
            "May 7",
            "COOPERATE",
        ),
        # a passive verb's agent stands between the verb and its date
        (
            "The corridor, which lets pilgrims visit the shrine, was inaugurated by Prime "
            "Minister Imran Khan on April 9.",
            "on April 9",
            "COOPERATE",
        ),
        # ", the first ..." describes what went before: its noun is no action of the date
        (
            "Officials inspected the two projects in March, the first visit in five years.",
            "in March",
            "COOPERATE",
        ),
        ("The minister on Wednesday brushed aside the reports.", "on Wednesday", "REJECT"),
        # a meeting opening the sentence is the setting of the main clause's act
        (
            "In a call with the US envoy on April 30, the prime minister rejected the charge.",
            "on April 30",
            "REJECT",
        ),
        ("The two armies traded fire across the line in March.", "in March", "ASSAULT"),
        (
            "The mission on Wednesday issued over 1,100 visas to pilgrims.",
            "on Wednesday",
            "COOPERATE",
        ),
        # a ban on imports sanctions; travelling to a capital is a visit
        ("A notification dated May 1 prohibits all imports.", "May 1", "SANCTION"),
        ("He said on Friday he was going to Islamabad for the summit.", "on Friday", "CONSULT"),
        # a date opening the sentence dates its main clause, past a phrase between commas
        (
            "On February 4, after five days of talks in New Delhi, the two secretaries, A and "
            "B, signed an accord.",
            "On February 4",
            "AGREE",
        ),
    ],
)
def test_event_types(registry, sentence, expression, event_type):
    article = parse_article(f" date 2019-05-02 H\n{sentence}\n")
    events = {e["date_expression"].rstrip("."): e for e in extract(article, registry)["events"]}
    assert events[expression]["event_type"] == event_type


@pytest.mark.parametrize(
    "sentence, event_type",
    [
        ("Two soldiers were shot dead on Monday.", "ASSAULT"),
        ("India froze the bank accounts on Monday.", "SANCTION"),
        ("Pakistan freed 20 fishermen on Monday.", "RETREAT"),
        ("Both leaders pledged on Monday to keep the peace.", "AGREE"),
        ("The minister denounced the raid on Monday.", "ACCUSE"),
        ("New Delhi ruled out talks on Monday.", "REJECT"),
        ("India said on Monday it would never accept mediation.", "REJECT"),
        ("He encouraged both sides to show restraint on Monday.", "REQUEST"),
        ("The ministers attended the summit on Monday.", "CONSULT"),
        ("The prime minister hailed the agreement on Monday.", "SUPPORT"),
        ("India called off the talks on Monday.", "REJECT"),
        ("The bus service will start on Monday.", "COOPERATE"),
        ("Pakistan instituted arbitral proceedings against India on Monday.", "ACCUSE"),
        ("The bank paused both processes on Monday.", "SANCTION"),
        ("Modi will take part in a conference on Monday.", "CONSULT"),
        ("India lodged a complaint against Pakistan on Monday.", "ACCUSE"),
        ('India on Monday called the denial of the attacks "blatantly farcical".', "ACCUSE"),
        ("A bus service across the line was launched on Monday.", "COOPERATE"),
        # own forces ordered to stop firing retreat; a reopening eases a restriction
        ("The army ordered its troops to cease fire on Monday.", "RETREAT"),
        ("Pakistan reopened its airspace on Monday.", "CONCEDE"),
        ("Pakistan barred Indian ships from its ports on Monday.", "SANCTION"),
        ("India issued a notice to airmen barring Pakistani aircraft on Monday.", "SANCTION"),
        # goodwill a speaker says will come is promised; goodwill refused is not
        (
            "The spokesman said on Monday that Pakistan would keep taking part in the talks.",
            "AGREE",
        ),
        (
            "The spokesman said on Monday that Pakistan would not take part in the talks.",
            "SANCTION",
        ),
        ("Sharif said on Monday Pakistan was prepared to talk.", "AGREE"),
        ("Fighter planes strafed a column of raiders on Monday.", "ASSAULT"),
        ("Cross-border firing intensified on Monday.", "ASSAULT"),
        ("Pakistan broke off diplomatic relations with India on Monday.", "SANCTION"),
        ("Pakistan moved four army divisions to the border on Monday.", "MOBILIZE"),
        ("Troops were flown in to the airfield on Monday.", "MOBILIZE"),
        ("India recognised the new government on Monday.", "SUPPORT"),
        ("The two sides reaffirmed their commitment to the treaty on Monday.", "AGREE"),
        ("The agreement was extended for five years on Monday.", "AGREE"),
        ("The minister hit out at Pakistan on Monday.", "ACCUSE"),
        ("India approached the ICJ on Monday.", "ACCUSE"),
        ("The prime minister flags off the bus on Monday.", "COOPERATE"),
        ("The army chief called on Monday for the glacier to be demilitarised.", "REQUEST"),
        ("The committee approved a Pakistani resolution on Monday.", "REQUEST"),
        ("New Delhi suggested a joint declaration on Monday.", "REQUEST"),
        ("The ministry reminded New Delhi of the agreement on Monday.", "REQUEST"),
        ("The meeting, which opened on Monday, ended in agreement.", "CONSULT"),
        ("The ceasefire arranged by the commission came into effect on Monday.", "RETREAT"),
        ("New Delhi declared the truce on Monday.", "RETREAT"),
        ("The two sides agreed to a ceasefire on Monday.", "AGREE"),
        ("The court at The Hague on Monday ordered Pakistan to review the sentence.", "SANCTION"),
        ("India on Monday asked Pakistan to review the sentence.", "REQUEST"),
        # talks said to need something are a demand for it
        ("India said on Monday that an end to terror was necessary for talks.", "REQUEST"),
        (
            'Advani told the house on Monday: "The assault on the House was executed jointly '
            'by two outfits."',
            "ACCUSE",
        ),
    ],
)
def test_the_common_verbs_of_each_type(registry, sentence, event_type):
    article = parse_article(f" date 2019-05-02 H\n{sentence}\n")
    events = {e["date_expression"]: e for e in extract(article, registry)["events"]}
    assert events["on Monday"]["event_type"] == event_type


def test_a_time_stamp_line_and_the_year_of_a_name_date_nothing(registry):
    article = parse_article(
        " date 2023-08-06 H\nSpecial Correspondent\nAMRITSAR, DECEMBER 04, 2016 00:15 IST\n"
        "Pakistan on Sunday cleared its team for the World Cup 2023 in India.\n"
    )
    dates = [e["date"] for e in extract(article, registry)["events"]]
    assert dates == ["2023-08-06"]


def test_a_byline_date_and_the_days_of_a_schedule_date_nothing(registry):
    article = parse_article(
        " date 2018-01-01 H\nNaveed SiddiquiJanuary 01, 2018\n"
        "Pakistan on Monday handed over a list of 457 Indian prisoners to the Indian High "
        "Commission. Both countries are required to exchange lists twice a year, on 1 January "
        "and 1 July. They have done so every year since 2008.\n"
    )
    events = [(e["date"], e["date_expression"]) for e in extract(article, registry)["events"]]
    assert events == [("2018-01-01", "on Monday"), ("2008", "since 2008")]


def test_the_headline_copied_into_the_body_is_no_position(registry):
    article = parse_article(
        " date 2016-09-30 India's strike claim in Kashmir dismissed by Pakistan\n"
        "India's strike claim in Kashmir dismissed by Pakistan\n"
        "Pakistan has rejected India's claim to have sent troops across the border.\n"
    )
    quotes = [p["quote"] for p in extract(article, registry)["positions"]]
    assert quotes and not any("dismissed" in q for q in quotes)


def test_a_quoted_today_or_tomorrow_is_left_undated(registry):
    article = parse_article(
        ' date 2019-02-28 H\n"I announce that tomorrow we will release him," Khan said on '
        "Thursday.\n"
    )
    events = extract(article, registry)["events"]
    assert [e["date_expression"] for e in events] == ["on Thursday"]


def test_dateline_with_two_cities_and_a_month_ahead(registry):
    article = parse_article(
        " date 2016-09-28 H\nNEW DELHI/ISLAMABAD, Sept 28 (Reuters) - India said on Tuesday "
        "it would not attend a summit in Islamabad in November.\n"
    )
    events = {e["date_expression"]: e for e in extract(article, registry)["events"]}
    assert set(events) == {"on Tuesday", "in November"}  # the dateline dates nothing
    assert events["on Tuesday"]["date"] == "2016-09-27"
    assert events["on Tuesday"]["event_type"] == "SANCTION"  # a boycott
    assert events["in November"]["date"] == "2016-11"


def test_a_bare_foreign_ministry_is_the_speaking_states(registry):
    article = parse_article(
        " date 2016-09-28 H\nIndia said on Tuesday it would stay away from the summit.\n"
        '"The government is unable to participate in the proposed summit," the foreign '
        "ministry said.\nIn Beijing, foreign ministry spokesman Geng Shuang declined to comment.\n"
    )
    result = extract(article, registry)
    assert "pakistan-ministry-of-foreign-affairs" not in {a["id"] for a in result["actors"]}
    assert [p["actor"] for p in result["positions"]][:2] == ["India", "India"]


def test_a_relative_day_needs_a_day_to_count_from():
    sentence = "Both cut their missions last month, a day after the attack."
    values = [d.value for d in find_dates(sentence, 0, len(sentence), REF)]
    assert values == ["2019-01"]


def test_new_people_and_bodies_are_proposed(project):
    # The small base registry of tests/fixtures/base knows none of these.
    article = parse_article(
        " date 2021-02-26 H\nState Department spokesman Ned Price said the Hizbul Mujahideen "
        'and the Border Security Force were named. "We support direct dialogue between the '
        'two countries," Price said.\n'
    )
    result = extract(article, Registry.load(project))
    new = {a["name"]: a for a in result["actors"] if a["id"] is None}
    assert new["Ned Price"]["kind"] == "person"
    assert new["Ned Price"]["mentions"] == ["Ned Price", "Price"]
    assert new["Border Security Force"]["kind"] == "military"
    assert new["Hizbul Mujahideen"]["kind"] == "armed-group"
    quotes = {p["quote"]: p["speaker"] for p in result["positions"]}
    assert quotes["We support direct dialogue between the two countries"] == "Ned Price"


@pytest.mark.parametrize(
    "sentence, name",
    [
        # the role first, the name in apposition
        (
            "The aviation secretary, Shahrukh Nusrat, told a committee of the ban.",
            "Shahrukh Nusrat",
        ),
        (
            "The delegation is led by its Commissioner for Indus Waters, Syed Muhammad Meher "
            "Ali Shah.",
            "Syed Muhammad Meher Ali Shah",
        ),
        # the attribution inverted
        (
            '"We are committed," said Pradeep Kumar Saxena, who leads the side.',
            "Pradeep Kumar Saxena",
        ),
    ],
)
def test_new_people_named_after_their_role_or_after_said(project, sentence, name):
    article = parse_article(f" date 2021-03-15 H\n{sentence}\n")
    new = {a["name"]: a for a in extract(article, Registry.load(project))["actors"] if not a["id"]}
    assert new[name]["kind"] == "person"


def test_india_s_foreign_ministry_is_its_ministry_of_external_affairs(registry):
    article = parse_article(" date 2016-12-14 H\nIndia's foreign ministry said it was ready.\n")
    ids = {a["id"] for a in extract(article, registry)["actors"]}
    assert "india-ministry-of-external-affairs" in ids


@pytest.mark.parametrize(
    "sentence, present, absent",
    [
        ("Prime Minister Narendra Modi told Parliament on Monday.", "parliament-of-india", None),
        ("Pakistan's Foreign Office said Parliament would meet.", "parliament-of-pakistan", None),
        ("Home Minister Rajnath Singh told the Lok Sabha on Tuesday.", "parliament-of-india", None),
        ("The United States said Parliament should meet.", None, "parliament-of-india"),
        (
            "India recalled its envoy from Pakistan over the attack on its Parliament.",
            "parliament-of-india",
            "parliament-of-pakistan",
        ),
    ],
)
def test_a_parliament_without_a_country_is_the_speaker_s(registry, sentence, present, absent):
    article = parse_article(f" date 2019-03-01 H\n{sentence}\n")
    ids = {a["id"] for a in extract(article, registry)["actors"]}
    assert present is None or present in ids
    assert absent is None or absent not in ids
    assert not ({"parliament-of-india", "parliament-of-pakistan"} <= ids)


@pytest.mark.parametrize(
    "date, court",
    [
        ("2013-02-18", "kishenganga-court-of-arbitration"),
        ("2023-07-06", "western-rivers-court-of-arbitration"),
    ],
)
def test_bodies_sharing_a_name_are_told_apart_by_the_years_they_act(registry, date, court):
    article = parse_article(f" date {date} H\nThe Court of Arbitration gave its award.\n")
    ids = {a["id"] for a in extract(article, registry)["actors"]}
    assert court in ids
    assert not ({"kishenganga-court-of-arbitration", "western-rivers-court-of-arbitration"} <= ids)


@pytest.mark.parametrize(
    "sentence, present, absent",
    [
        ("Pakistan's army said two soldiers died.", "pakistan-army", None),
        ("The Indian army said the firing stopped.", "indian-army", None),
        ("A Pakistani military court sentenced him.", None, "pakistan-army"),
        ("The U.S. urged restraint.", "united-states", None),
        ("The Soviet Government offered its good offices.", "soviet-union", None),
    ],
)
def test_a_country_s_armed_service_adjectives_and_dotted_abbreviations(
    registry, sentence, present, absent
):
    article = parse_article(f" date 2019-03-01 H\n{sentence}\n")
    ids = {a["id"] for a in extract(article, registry)["actors"]}
    assert present is None or present in ids
    assert absent is None or absent not in ids


@pytest.mark.parametrize(
    "sentence, name",
    [
        (
            'India\'s representative, Mr Parthasarathi, told the Council: "We welcome it."',
            "Parthasarathi",
        ),
        ("The High Commissioner, V.K. Nambiar, is expected back within days.", "V.K. Nambiar"),
    ],
)
def test_an_honorific_or_initials_mark_a_new_person(project, sentence, name):
    article = parse_article(f" date 1965-09-22 H\n{sentence}\n")
    new = {a["name"]: a for a in extract(article, Registry.load(project))["actors"] if not a["id"]}
    assert new[name]["kind"] == "person"


@pytest.mark.parametrize(
    "sentence, present, absent",
    [
        ("Lt General (retd) Nasser Khan Janjua met him in Bangkok.", "Nasser Khan Janjua", None),
        ("She wrote to Tajuddin Ahmed, who heads the government in exile.", "Tajuddin Ahmed", None),
        ("He met officials of the Indian Embassy in Kabul.", "Indian Embassy", None),
        (
            "The Pakistan High Commission issued visas. The High Commission said they would go.",
            "Pakistan High Commission",
            "High Commission",
        ),
        ("Mrs Gandhi wrote to the President.", None, "Gandhi"),
        (
            "Pakistan Ministry of Foreign Affairs’ Director General South Asia and SAARC Dr. "
            "Muhammad Faisal signed the agreement.",
            None,
            "Ministry of Foreign Affairs’ Director General South",
        ),
        (
            "The Prime Minister's Office said the talks would go ahead.",
            "Prime Minister's Office",
            None,
        ),
    ],
)
def test_new_people_and_missions_from_their_titles_and_clauses(registry, sentence, present, absent):
    article = parse_article(f" date 2015-12-07 H\n{sentence}\n")
    names = {a["name"] for a in extract(article, registry)["actors"] if a["id"] is None}
    assert present is None or present in names
    assert absent is None or absent not in names


def test_a_compound_name_after_at_the_is_a_place(project):
    article = parse_article(
        " date 2024-03-05 H\nShe was sworn in at the Aiwan-i-Sadr while Jaish-e-Mohammed "
        "was named.\n"
    )
    names = {a["name"] for a in extract(article, Registry.load(project))["actors"]}
    assert "Jaish-e-Mohammed" in names and "Aiwan-i-Sadr" not in names


def test_a_new_speaker_stands_for_the_body_named_before_him(registry):
    article = parse_article(
        " date 2021-02-26 H\nForeign Office spokesperson Zorawar Qadiri said Pakistan wanted "
        "peace with all its neighbours.\n"
    )
    position = extract(article, registry)["positions"][0]
    assert (position["actor"], position["speaker"]) == ("Pakistan", "Zorawar Qadiri")
    assert position["quote"] == "Pakistan wanted peace with all its neighbours"


def test_a_closing_denial_is_a_position_of_its_own(registry):
    article = parse_article(
        " date 2025-04-28 H\nIndia has blamed the attack on militants linked to Pakistan, "
        "a charge Islamabad denies.\n"
    )
    positions = [(p["actor"], p["quote"]) for p in extract(article, registry)["positions"]]
    assert ("Pakistan", "a charge Islamabad denies") in positions
    assert positions[0][0] == "India" and "Islamabad" not in positions[0][1]


def test_a_closing_denial_by_a_titled_person_is_theirs(registry):
    article = parse_article(
        " date 1989-07-17 H\nPrime Minister Benazir Bhutto met Rajiv Gandhi on Sunday.\nHe "
        "said the army controlled the nuclear programme, something Ms. Bhutto denied.\n"
    )
    speakers = [p["speaker_id"] for p in extract(article, registry)["positions"]]
    assert "benazir-bhutto" in speakers


@pytest.mark.parametrize(
    "sentence, first, second",
    [
        (
            "New Delhi has blamed the Jaish-e-Mohammed for the raid; Islamabad has rejected "
            "the charge.",
            "india",
            "pakistan",
        ),
        (
            "Pakistan asked the World Bank to set up a court of arbitration, while India asked "
            "for a neutral expert.",
            "pakistan",
            "india",
        ),
        (
            "Two soldiers were killed in January, an incident that New Delhi blamed on the "
            "Pakistan army and Islamabad denied.",
            "india",
            "pakistan",
        ),
        (
            "Pakistan announced it would free the pilot, hours after New Delhi rejected any talk "
            "of a deal.",
            "pakistan",
            "india",
        ),
    ],
)
def test_each_clause_with_a_speaker_of_its_own_is_a_position(registry, sentence, first, second):
    article = parse_article(f" date 2019-03-01 H\n{sentence}\n")
    positions = extract(article, registry)["positions"]
    assert [p["actor_id"] for p in positions] == [first, second]
    assert not set(positions[0]["quote"].split()) >= set(positions[1]["quote"].split())


def test_the_statement_quoted_after_a_joint_statement_is_still_both_parties(registry):
    article = parse_article(
        " date 2013-12-24 H\nIndia and Pakistan held talks at Wagah on Tuesday.\n"
        "The DGMOs decided to make the hotline more effective, a joint "
        "statement said.\nTwo flag meetings will be held on the LoC in the near future, the "
        "statement said.\n"
    )
    later = [p for p in extract(article, registry)["positions"] if "flag" in p["quote"]]
    assert sorted(p["actor_id"] for p in later) == ["india", "pakistan"]


@pytest.mark.parametrize(
    "sentence, actors",
    [
        ("China and the US urged both sides to show restraint.", ["china", "united-states"]),
        (
            "Prime Minister Manmohan Singh and his Pakistani counterpart Yousuf Raza Gilani on "
            "Thursday said the dialogue was progressing smoothly.",
            ["manmohan-singh", "yousuf-raza-gilani"],
        ),
    ],
)
def test_two_speakers_joined_by_and_each_hold_the_position(registry, sentence, actors):
    article = parse_article(f" date 2011-11-10 H\n{sentence}\n")
    positions = extract(article, registry)["positions"]
    assert sorted(p["speaker_id"] or p["actor_id"] for p in positions) == actors


def test_a_role_named_through_its_country_is_that_country_s_person(registry):
    article = parse_article(
        " date 2011-11-10 H\nManmohan Singh met Pakistan's Prime Minister Yousuf Raza Gilani "
        "in Addu.\n"
        '"We have discussed all core issues including Kashmir," the Pakistani premier added.\n'
    )
    (position,) = extract(article, registry)["positions"]
    assert position["speaker_id"] == "yousuf-raza-gilani"


@pytest.mark.parametrize(
    "date, speaker",
    [
        # Kayani held the office on that day, and the article names him
        ("2012-04-18", "ashfaq-parvez-kayani"),
        # two years after he left it, the army chief is someone else
        ("2015-04-18", None),
    ],
)
def test_a_country_s_role_is_the_person_who_holds_it_when_the_article_names_them(
    registry, date, speaker
):
    article = parse_article(
        f" date {date} H\nPakistan's army chief called on Wednesday for the glacier to be "
        "demilitarised.\nGeneral Ashfaq Parvez Kayani flew over the site.\n"
    )
    (position,) = extract(article, registry)["positions"]
    assert position["speaker_id"] == speaker
    assert position["actor_id"] == "pakistan"


def test_a_country_s_role_is_the_person_the_article_introduces_with_its_title(registry):
    article = parse_article(
        " date 2031-01-05 H\nIndia's foreign secretary rejected the proposal on Monday.\n"
        "Indian Foreign Secretary Arun Mehra met the envoy later.\n"
    )
    (position,) = extract(article, registry)["positions"]
    assert position["speaker"] == "Arun Mehra"


def test_a_verb_with_an_object_after_a_long_opening_is_no_closing_attribution(registry):
    article = parse_article(
        " date 1987-02-22 H\nIn January, with Indian and Pakistani divisions facing each other "
        "in Punjab and Rajasthan after the exercise, a Pakistani official had called for "
        "immediate consultations to ease the tension.\n"
    )
    (position,) = extract(article, registry)["positions"]
    assert position["quote"].startswith("a Pakistani official had called for")


def test_the_bank_is_the_bank_named_before(registry):
    article = parse_article(
        " date 2017-03-21 H\nPakistan wrote to the World Bank in January.\n"
        "The Bank paused both processes in December, saying it wanted to protect the treaty.\n"
    )
    positions = extract(article, registry)["positions"]
    assert [p["actor_id"] for p in positions if "protect" in p["quote"]] == ["world-bank"]


def test_hitting_out_at_another_is_a_stated_position(registry):
    article = parse_article(
        " date 2019-10-21 H\nUnion Minister Ravi Shankar Prasad on Monday hit out at Pakistan "
        "for stopping postal mail to India.\n"
    )
    (position,) = extract(article, registry)["positions"]
    assert position["speaker"] == "Ravi Shankar Prasad"
    assert position["quote"].startswith("Pakistan for stopping")


def test_what_a_quoted_speaker_adds_after_the_quote_is_a_position_of_theirs(registry):
    article = parse_article(
        ' date 2019-09-12 H\n"We have offered them and are awaiting their response," Foreign '
        "Minister Shah Mahmood Qureshi told reporters, adding that the next meeting would be "
        "held without conditions.\n"
    )
    positions = extract(article, registry)["positions"]
    assert [p["speaker_id"] for p in positions] == ["shah-mahmood-qureshi"] * 2
    assert positions[1]["quote"] == "the next meeting would be held without conditions"


@pytest.mark.parametrize(
    "sentence, found",
    [
        ('"They are finished," Khawaja Asif said.', True),
        ('"They are finished," said Khawaja Asif.', True),
        # a short quoted phrase inside reported speech is no statement of its own
        ('Khawaja Asif called the talks "very useful indeed" on Monday.', False),
    ],
)
def test_a_short_quoted_sentence_with_its_speaker_is_a_position(registry, sentence, found):
    article = parse_article(f" date 2025-05-07 H\n{sentence}\n")
    quotes = [p["quote"] for p in extract(article, registry)["positions"]]
    assert ("They are finished" in quotes) is found


@pytest.mark.parametrize(
    "date, body, field, expected",
    [
        # a relative clause, or an apposition to each, between two speakers keeps both
        (
            "2006-06-01",
            "India's Water Resources Secretary J. Hari Narayan, who led his country's delegation "
            "to the talks in the capital, and his Pakistani counterpart Ashfaq Mehmood both "
            "described the talks as useful and cordial.",
            "speaker",
            ["J. Hari Narayan", "Ashfaq Mehmood"],
        ),
        (
            "1982-06-02",
            "The Pakistani Foreign Minister, Mr Agha Shahi, and his Indian counterpart, Mr P. V. "
            'Narasimha Rao, announced that "the air had been sufficiently cleared" for talks.',
            "speaker",
            ["Agha Shahi", "P. V. Narasimha Rao"],
        ),
        # "The Pakistani leader, who ...," opening a sentence: the Pakistani named before
        (
            "1984-11-04",
            "President Zia-ul-Haq met Rajiv Gandhi in New Delhi.\nThe Pakistani leader, who flew "
            "to New Delhi on Saturday for the funeral of Indira Gandhi, also rejected Indian "
            "suggestions that Pakistan played a part in the unrest.",
            "speaker_id",
            ["zia-ul-haq"],
        ),
        # a UN organ speaks for itself, a ministry for its state
        (
            "1998-06-06",
            "The Security Council on Saturday demanded that both countries refrain from further "
            "tests.\nThe Ministry of External Affairs said India would not sign the treaty.",
            "actor_id",
            ["un-security-council", "india"],
        ),
        # "officials here" are of the dateline city's state; "while Indian authorities
        # described" opens a clause of its own
        (
            "2017-03-21",
            'ISLAMABAD, March 20 (APP) - Officials here had termed the meeting of "much '
            'importance", while Indian authorities publicly described it as "just a regular '
            'meeting of the commission".',
            "actor_id",
            ["pakistan", "india"],
        ),
        # a body reporting what a person did or said: the person's position
        (
            "2025-04-28",
            "Pakistan's Foreign Office said Ishaq Dar had rejected India's baseless propaganda "
            "about the attack.",
            "speaker_id",
            ["ishaq-dar"],
        ),
        # ", a day after Defence Minister Khawaja Asif said": a clause with a long subject
        (
            "2025-06-05",
            "Pakistan's foreign ministry said on Thursday that no decision had been taken to scrap "
            "any agreement, a day after Defence Minister Khawaja Asif said the Simla Agreement had "
            "lost its relevance.",
            "speaker_id",
            [None, "khawaja-asif"],
        ),
        # ", and said" after a long first clause: the sentence's subject says it
        (
            "1974-05-19",
            "LAHORE, May 19 (APP): Prime Minister Zulfikar Ali Bhutto came to Lahore today to "
            "give the country's official reaction to India's nuclear explosion, and said that "
            "Pakistan would get its own bomb.",
            "speaker_id",
            ["zulfikar-ali-bhutto"],
        ),
        # "he" after a sentence about a person that reports no words: that person
        (
            "2024-05-31",
            "Former prime minister Nawaz Sharif admitted on Tuesday that Islamabad had violated "
            'the agreement.\n"You are aware of our position on this issue and we need not repeat '
            'it," spokesperson Randhir Jaiswal said.\nSharif made the remarks at a meeting of his '
            'party.\n"Pakistan carried out five nuclear tests. After that Vajpayee came here and '
            'made an agreement with us," he said.',
            "speaker_id",
            ["nawaz-sharif", "randhir-jaiswal", "nawaz-sharif"],
        ),
        # a long opening, then the subject and an aside: the subject before the aside says it
        (
            "2018-11-28",
            "Prime Minister Imran Khan laid the foundation stone.\nAddressing the ceremony, "
            "attended by Indian ministers, a former Indian cricketer and a large number of "
            "pilgrims, the Prime Minister, referring to the Kashmir issue, said it could be "
            "resolved.",
            "speaker_id",
            ["imran-khan"],
        ),
        # a clause inside a quote is the quote's, not a speaker's of its own
        (
            "1965-06-30",
            "Announcing it in the House of Commons, the Prime Minister, Mr Harold Wilson, said "
            'that "both President Ayub and Mr. Shastri made it clear to me that they would at '
            'once instruct their troops to withdraw".',
            "speaker_id",
            ["harold-wilson"],
        ),
        # the verb leading into a quote attributes it, not a clause after it
        (
            "2019-09-27",
            "On September 9, Pakistan's Permanent Representative Maleeha Lodhi told the Security "
            'Council that "UNMOGIP\'s role and importance has increased dramatically" since August '
            '5, and asked the Council to start "exploring options" on the observer group.',
            "speaker_id",
            ["maleeha-lodhi"],
        ),
        # the dateline is not the subject of the sentence it opens
        (
            "2023-08-06",
            "ISLAMABAD, Aug. 6 (Xinhua) -- Pakistan on Sunday allowed its cricket team to travel "
            "to India, saying that sports should not be mixed with politics.",
            "quote",
            ["sports should not be mixed with politics"],
        ),
        (
            "2019-02-26",
            "ISLAMABAD: Pakistan's top security body on Tuesday rejected India's claim that its "
            "warplanes had hit a militant camp.",
            "quote",
            [
                "Pakistan's top security body on Tuesday rejected India's claim that its warplanes "
                "had hit a militant camp"
            ],
        ),
        # a person's surname as this article spells it, after the full name
        (
            "1999-02-21",
            "Atal Bihari Vajpayee and his Pakistani counterpart, Nawaz Sharief, signed the "
            'declaration.\n"The ice has been broken between the countries," Sharief said.',
            "speaker_id",
            ["nawaz-sharif"],
        ),
        # reporting verbs in every form
        (
            "2016-06-02",
            "Pakistan's foreign office spokesman Nafees Zakaria pointed out that the Kashmir "
            "dispute remained on the agenda of the Security Council.",
            "speaker_id",
            ["nafees-zakaria"],
        ),
    ],
)
def test_who_holds_a_position(registry, date, body, field, expected):
    article = parse_article(f" date {date} H\n{body}\n")
    assert [p[field] for p in extract(article, registry)["positions"]] == expected


def test_the_statement_named_last_was_joint_though_others_spoke_since(registry):
    article = parse_article(
        " date 2015-12-09 H\nIndia and Pakistan issued a joint statement after the talks.\n"
        'Sushma Swaraj told reporters that "the talks were constructive and forward-looking".\n'
        '"It was agreed to carry forward the constructive engagement," the statement said.\n'
    )
    later = [p for p in extract(article, registry)["positions"] if "carry" in p["quote"]]
    assert sorted(p["actor_id"] for p in later) == ["india", "pakistan"]


def test_every_quote_of_a_sentence_and_a_quote_standing_alone_have_the_speaker(registry):
    article = parse_article(
        " date 2011-07-27 H\nForeign Minister Hina Rabbani Khar met S M Krishna on Wednesday.\n"
        '"There has been a mind set change in the people," she said, adding: "This is indeed '
        'a new era in bilateral cooperation."\n"We want the talks to go on without a break."\n'
    )
    positions = extract(article, registry)["positions"]
    assert [p["speaker_id"] for p in positions] == ["hina-rabbani-khar"] * 3
    assert [p["quote"][:12] for p in positions] == ["There has be", "This is inde", "We want the "]


@pytest.mark.parametrize(
    "sentence, actors",
    [
        (
            "According to a joint statement, the two sides agreed to a Comprehensive Bilateral "
            "Dialogue.",
            ["india", "pakistan"],
        ),
        (
            "Pakistan approached the World Bank on January 18, a move New Delhi had termed "
            '"pre-mature" and "unjustified".',
            ["india"],
        ),
        (
            "Pakistan on Sunday allowed its cricket team to travel to India for the tournament, "
            "saying that sports should not be mixed with politics.",
            ["pakistan"],
        ),
    ],
)
def test_reported_words_of_joint_statements_verdicts_and_participles(registry, sentence, actors):
    article = parse_article(f" date 2015-12-09 H\nIndia and Pakistan held talks.\n{sentence}\n")
    positions = extract(article, registry)["positions"]
    assert sorted(p["actor_id"] for p in positions) == actors


@pytest.mark.parametrize(
    "sentence",
    [
        "Noting India's repeated violations of the accord, Pakistan's committee met on Friday.",
        "Chaired by the prime minister, the meeting sought to formulate a response to India.",
    ],
)
def test_an_adjective_or_an_attempt_is_not_speech(registry, sentence):
    article = parse_article(f" date 2025-04-24 H\n{sentence}\n")
    assert extract(article, registry)["positions"] == []


def test_who_attributes_a_quote_is_on_the_side_with_the_speech_verb(registry):
    article = parse_article(
        " date 2019-02-26 H\nIndian military planes crossed the Line of Control, Major-General "
        "Asif Ghafoor said on his official Twitter account early on Tuesday.\n"
        'Ghafoor in his tweet said "Indian Air Force violated Line of Control", following which '
        '"Pakistan Air Force immediately scrambled" and Indian aircraft went back.\n'
    )
    positions = [(p["speaker_id"], p["quote"]) for p in extract(article, registry)["positions"]]
    assert positions == [
        ("asif-ghafoor", "Indian military planes crossed the Line of Control"),
        ("asif-ghafoor", "Indian Air Force violated Line of Control"),
        ("asif-ghafoor", "Pakistan Air Force immediately scrambled"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        '"A new set of dates will be announced soon for the summit," Pakistan\'s foreign office '
        "said in a statement, blaming India for the derailment of the meet.",
        "On the day India announced its decision, Pakistan's foreign office had said in a "
        'statement: "The area is an internationally recognized disputed territory."',
    ],
)
def test_a_body_speaking_is_the_subject_of_the_verb_next_to_the_quote(registry, sentence):
    article = parse_article(f" date 2016-09-30 H\n{sentence}\n")
    (position,) = extract(article, registry)["positions"]
    assert position["actor_id"] == "pakistan"


def test_speakers_are_the_subjects_of_the_speech_verb(registry):
    article = parse_article(
        ' date 2025-06-18 H\n"India has never accepted mediation, and never will," '
        "Vikram Misri said, describing what Modi told Trump.\n"
        "Ishaq Dar briefed Wang Yi on the tensions and said Islamabad opposed any escalation.\n"
        '"It is a conscious decision of our government to welcome the pilgrims," said '
        "Ramesh Singh Arora, a minister in Lahore.\n"
    )
    speakers = [p["speaker"] for p in extract(article, registry)["positions"]]
    assert speakers == ["Vikram Misri", "Ishaq Dar", "Ramesh Singh Arora"]


# -- the command ------------------------------------------------------------------------------


def test_json_output_has_the_documented_shape(tmp_path):
    result = run(ROOT, "extract", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"doc_date", "source", "actors", "events", "treaties", "positions"}
    assert data["doc_date"] == "2019-02-19"
    assert set(data["events"][0]) >= {
        "date",
        "date_expression",
        "summary",
        "actors",
        "event_type",
        "evidence",
        "link",
        "review",
    }
    assert set(data["events"][0]["actors"][0]) == {"name", "id", "role"}
    assert set(data["positions"][0]) >= {
        "actor",
        "speaker",
        "issue",
        "stance",
        "stance_basis",
        "quote",
        "link",
        "review",
    }


def test_yaml_drafts_are_written_outside_the_records(tmp_path):
    out = tmp_path / "drafts"
    result = run(ROOT, "extract", str(SEED), "--format", "yaml", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "LINKS.yaml").is_file()
    drafted = sorted((out / "positions").glob("*.yaml"))
    assert drafted
    text = drafted[0].read_text(encoding="utf-8")
    assert text.startswith("# DRAFT position")
    assert "# statement: (required)" in text
    refused = run(
        ROOT,
        "extract",
        str(SEED),
        "--format",
        "yaml",
        "--out",
        str(ROOT / "data" / "records" / "drafts"),
    )
    assert refused.returncode == 2
    assert not (ROOT / "data" / "records" / "drafts").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "binary file"),
        (b"Pakistan said on Monday...\n", "first line must be ' date YYYY-MM-DD headline'"),
        (b" date 2019-02-30 Headline\nbody\n", "not a real date"),
        (b"\xff\xfe bad", "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_two(tmp_path, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = run(ROOT, "extract", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_article_refuses_a_missing_date_line():
    with pytest.raises(ArticleError):
        parse_article("just a body\n")


# -- the development set ------------------------------------------------------------------------


def test_gold_annotations_quote_their_articles():
    golds = sorted(DEV.glob("*.json"))
    seconds = sorted((DEV / "second").glob("*.json"))
    assert len(golds) >= 9 and len(seconds) >= 20
    for path in golds + seconds:
        text = (DEV / path.name).with_suffix(".txt").read_text(encoding="utf-8")
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["doc_date"] == text.split()[1]
        for event in gold["events"]:
            assert event["evidence"] in text and event["date_expression"] in text
        for position in gold["positions"]:
            assert position["quote"] in text


def test_development_set_keeps_its_measured_floors():
    """The rules are tuned on the training half only; the held-out half (eight sets, the
    second to eighth written without sight of the rules) measures how they carry to unseen
    articles. Both have floors just under the figures measured when the development set
    reached 149 training and 100 held-out articles, so that a change that loses ground fails.
    The targets of issue 21 (events F1 0.75, positions recall 0.75, stance given 0.6 and right
    0.75, treaties 1.0) are reported by `make eval-extract`, not asserted: not every one is met
    yet."""
    held = heldout_stems(DEV)
    train = evaluate(DEV, Project(ROOT), {p.stem for p in DEV.glob("*.json")} - held)
    assert train.actors.f1 >= 0.96
    assert train.events.f1 >= 0.74
    assert train.treaties.f1 >= 0.975
    assert train.positions.recall >= 0.85
    assert train.stance_given.rate >= 0.60
    assert train.stance_right.rate >= 0.77
    assert train.verbatim == train.quotes > 0
    unseen = evaluate(DEV, Project(ROOT), held)
    assert unseen.actors.f1 >= 0.915
    assert unseen.events.f1 >= 0.605
    assert unseen.treaties.f1 >= 0.96
    assert unseen.positions.recall >= 0.655
    assert unseen.verbatim == unseen.quotes > 0


# -- link before drafting ----------------------------------------------------------------------

SEED_SOURCE = "seed-000-ff9f7cd44b59b363"


def test_seed_article_links_to_its_source_and_recorded_events(seed):
    assert seed["source"]["action"] == "link"
    assert seed["source"]["id"] == SEED_SOURCE
    by_date = {e["date"]: e["link"] for e in seed["events"]}
    assert by_date["2019-02-14"] == {
        "action": "link",
        "id": "2019-02-14-pulwama-attack",
        "reason": by_date["2019-02-14"]["reason"],
    }
    assert by_date["2019-02-18"]["id"] == "2019-02-18-qureshi-letter-to-un-secretary-general"
    assert all(e["link"]["action"] == "link" for e in seed["events"])
    step_in = next(p for p in seed["positions"] if "must step in" in p["quote"])
    assert step_in["link"] == {
        "action": "link",
        "id": "2019-02-18-pakistan-asks-un-to-step-in",
        "reason": "the recorded position cites these words of this source",
    }
    actors = {a["id"]: a["link"]["action"] for a in seed["actors"]}
    assert set(actors.values()) == {"link"}


def test_seed_article_drafts_no_duplicate_record(tmp_path, registry):
    out = tmp_path / "drafts"
    result = run(ROOT, "extract", str(SEED), "--format", "yaml", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not (out / "sources").exists()  # the seed's source is recorded
    assert not (out / "events").exists()  # the attack and the letter are recorded
    assert not (out / "actors").exists()
    links = yaml.safe_load((out / "LINKS.yaml").read_text(encoding="utf-8"))
    assert links["source"]["link"] == SEED_SOURCE
    assert {e["link"] for e in links["events"]} >= {
        "2019-02-14-pulwama-attack",
        "2019-02-18-qureshi-letter-to-un-secretary-general",
    }
    # no linked record needs this citation again: all of them cite the seed already
    assert not [e for e in links["events"] + links["positions"] if "add_citation" in e]
    cited = [
        c["quote"]
        for data in registry.positions.values()
        for c in data.get("citations") or []
        if c.get("source") == SEED_SOURCE
    ]
    for path in (out / "positions").glob("*.yaml"):
        quote = yaml.safe_load(path.read_text(encoding="utf-8"))["quote"]
        assert not any(quote in c or c.strip('"') in quote for c in cited), path.name


def test_an_event_reported_again_elsewhere_links_with_the_new_citation(registry):
    article = parse_article(
        " date 2019-02-15 Attack in Kashmir\nNEW DELHI, Feb 15 - More than 40 Central Reserve "
        "Police Force personnel were killed in an attack in Pulwama on Thursday, claimed by "
        "Jaish-e-Mohammed.\n"
    )
    result = extract(article, registry, url="https://example.org/news/pulwama-report")
    assert result["source"]["action"] == "create"
    event = result["events"][0]
    assert (event["date"], event["event_type"]) == ("2019-02-14", "ASSAULT")
    assert event["link"]["action"] == "link"
    assert event["link"]["id"] == "2019-02-14-pulwama-attack"
    roles = {a["id"]: a["role"] for a in event["actors"]}
    assert roles == {"central-reserve-police-force": "victim", "jaish-e-mohammed": "claimant"}


@pytest.mark.parametrize(
    "date, body, expected, other_matter",
    [
        # Pakistan's denial of a link to the Pahalgam attack, a day earlier, is another matter
        (
            "2025-04-24",
            "Pakistan on Thursday rejected India's unilateral suspension of the Indus Waters "
            "Treaty.",
            {"date": "2025-04-24", "event_type": "REJECT"},
            "2025-04-23-pakistan-denies-link-to-pahalgam-attack",
        ),
        # a record dated to a month is not linked to one day in it
        (
            "2024-09-20",
            "Weeks after India notified Pakistan to amend the bilateral treaty, the Foreign "
            "Office said on Thursday that all discussions could take place within the treaty’s "
            "existing framework.",
            {"date": "2024-09-19"},
            "2024-09-neutral-expert-hears-parties-on-competence",
        ),
        # days apart, a place and the act's own word are not a shared matter: India turned
        # down offers of mediation over Kargil three days later
        (
            "1999-06-12",
            "India today rejected Pakistan's proposal for partial de-escalation in the Kargil "
            "sector.",
            {"event_type": "REJECT"},
            "1999-06-15-india-turns-down-iranian-and-egyptian-mediation",
        ),
    ],
)
def test_an_event_is_not_linked_to_a_record_of_another_matter(
    registry, date, body, expected, other_matter
):
    (event,) = extract(parse_article(f" date {date} H\n{body}\n"), registry)["events"]
    assert {field: event[field] for field in expected} == expected
    assert event["link"]["id"] != other_matter


def test_a_source_links_by_url(registry):
    article = parse_article(" date 2019-02-19 Another copy\nPakistan said nothing new today.\n")
    url = "https://www.ndtv.com/india-news/pakistans-appeal-to-un-amid-tension-with-india-over-pulwama-terror-attack-1995726/"
    assert extract(article, registry, url=url)["source"]["id"] == SEED_SOURCE


# -- abstain rather than guess -----------------------------------------------------------------


@pytest.fixture(scope="module")
def issues(registry):
    return IssueIndex.build(registry.issues)


@pytest.mark.parametrize(
    "words, issue, stance",
    [
        # calling a step unjustified objects to it
        ("New Delhi termed the move unjustified", None, "oppose"),
        # describing relations as hostile takes no side on the corridor
        (
            "these were very difficult and tough negotiations keeping in view our hostile "
            "relations with it",
            "kartarpur-corridor-continuation",
            None,
        ),
        # rejecting the issue's own matter
        (
            "India rejected any third party intervention in the Kashmir issue",
            "third-party-mediation-india-pakistan",
            "oppose",
        ),
        # rejecting what goes against the issue (the suspension of a treaty) supports it
        (
            "the suspension of the Indus Waters Treaty is illegal and unacceptable",
            "indus-waters-treaty-continuation",
            "support",
        ),
        # announcing what goes against it opposes it
        (
            "the Indus Waters Treaty will be held in abeyance with immediate effect",
            "indus-waters-treaty-continuation",
            "oppose",
        ),
        # a denial of responsibility
        (
            "Pakistan had nothing to do with the Pahalgam attack",
            "attribution-pahalgam-attack",
            "oppose",
        ),
        # a speaker's own action framed as its justification
        ("the strike was a non-military pre-emptive action", "balakot-strike-justified", "support"),
        # support under a condition
        (
            "Pakistan would welcome talks if India stepped back first",
            "bilateral-dialogue-resumption",
            "mixed",
        ),
        # "as provided in" and "even if" set no condition
        (
            "Pakistan asked the bank to form a court of arbitration as provided in the treaty",
            "iwt-court-of-arbitration-competence",
            "support",
        ),
        (
            "Pakistan would welcome talks even if India did not step back first",
            "bilateral-dialogue-resumption",
            "support",
        ),
        ("We have no role to play beyond a facilitator", None, "neutral"),
        # words that declare an accord void oppose its continuation
        (
            "The Simla Agreement is now a dead document",
            "simla-agreement-continuation",
            "oppose",
        ),
        # talks limited to some subjects are a precondition
        (
            "any talks would only be about terrorism",
            "bilateral-dialogue-resumption",
            "mixed",
        ),
        # another party's view in a relative clause is not the speaker's
        (
            "Pakistan welcomed the offers to mediate, which India regards as a bilateral matter",
            "third-party-mediation-india-pakistan",
            "support",
        ),
        # a refusal of the issue's own matter opposes it, whatever else the words name
        (
            "We will not allow any third party to interfere in our bilateral matters",
            "third-party-mediation-india-pakistan",
            "oppose",
        ),
        ("Terrorism and talks cannot go together", "bilateral-dialogue-resumption", "mixed"),
        # "neutral" in a name ("the neutral expert") declines nothing
        (
            "Pakistan would not take part in the neutral expert proceedings",
            "iwt-neutral-expert-competence",
            "oppose",
        ),
        # cues that are another's act, or passive, or only restate the issue: no stance
        (
            "the halt was discussed directly and was at the request of Pakistan",
            "third-party-mediation-india-pakistan",
            None,
        ),
        ("the official had been asked to leave within 24 hours", None, None),
        ("the question of listing Masood Azhar", "listing-masood-azhar-un-1267", None),
        # a clause that states the issue's matter as so supports it; with a negation, no stance
        (
            "the dispute would be settled in accordance with the wishes of the people of Kashmir "
            "by a plebiscite",
            "plebiscite-in-kashmir",
            "support",
        ),
        (
            "as long as the dispute is not settled in accordance with the wishes of the people of "
            "Kashmir by a plebiscite, the mandate remains",
            "plebiscite-in-kashmir",
            None,
        ),
        # nothing in the words: no stance
        ("the letter should be circulated to the members of the council", None, None),
        ("the delegation arrived in the capital in the evening", None, None),
    ],
)
def test_stance_only_when_the_words_carry_it(issues, words, issue, stance):
    assert stance_of(words, words, issue, issues) == stance


def test_positions_without_a_stance_carry_a_review_note(registry):
    article = parse_article(
        " date 2019-02-19 H\nForeign Minister Shah Mahmood Qureshi said the delegation would "
        "arrive in New York on Monday evening.\n"
    )
    position = extract(article, registry)["positions"][0]
    assert position["stance"] is None
    assert any(note.startswith("stance:") for note in position["review"])


def test_issues_come_from_the_issues_table_or_not_at_all(issues):
    assert (
        issues.issue_of("Pakistan has asked the United Nations to intervene in Kashmir")
        == "third-party-mediation-india-pakistan"
    )
    assert issues.issue_of("the weather in the capital was fine") is None


def test_a_word_of_an_issue_s_proper_name_counts_only_as_a_name(issues):
    # "Express" of "Samjhauta Express" is no reason to read "expressed" as that issue
    restraint = "I expressed to both Ministers that we encourage restraint, and avoid escalation"
    assert issues.issue_of(restraint) == "de-escalation-india-pakistan"
    assert (
        issues.issue_of("India refused a joint probe into the Samjhauta Express bombing")
        == "samjhauta-express-bombing-investigation-shared"
    )
    # nor is "Express" of another name ("Jaffar Express")
    jaffar = "India rejected Pakistan's allegations of involvement in the Jaffar Express hijacking"
    assert issues.issue_of(jaffar) != "samjhauta-express-bombing-investigation-shared"


def test_roles_left_empty_when_the_sentence_does_not_show_them():
    placed = [Placed("a", 0, 8, "state"), Placed("b", 30, 38, "state")]
    sentence = "Pakistan on Monday, and India, were mentioned in the report."
    assert roles_of(sentence, placed, None, None) == {"a": None, "b": None}


# -- drafts ------------------------------------------------------------------------------------

DRAFT_ARTICLE = (
    " date 2021-03-02 Pakistan and India hold talks\n"
    "ISLAMABAD, March 2 - Pakistan accused India on Monday of violating the ceasefire, the "
    "Ministry of Foreign Affairs of Pakistan said.\n"
    '"We want the dialogue with India to resume," Sample Minister told reporters on Tuesday.\n'
    "India rejected the allegations on Tuesday.\n"
)


def _drafts(repo: Path, tmp_path: Path) -> Path:
    article = tmp_path / "article.txt"
    article.write_text(DRAFT_ARTICLE, encoding="utf-8")
    out = tmp_path / "drafts"
    result = run(repo, "extract", str(article), "--format", "yaml", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_draft_ids_come_from_short_neutral_titles(repo, tmp_path, project):
    out = _drafts(repo, tmp_path)
    events = sorted(p.stem for p in (out / "events").rglob("*.yaml"))
    assert "2021-03-01-pakistan-accuses-india" in events
    positions = sorted(p.stem for p in (out / "positions").glob("*.yaml"))
    assert "2021-03-02-sample-minister-backs-bilateral-dialogue" in positions
    terms = [t["term"].lower() for t in project.lexicon["terms"]]
    for ident in events + positions:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*", ident)
        assert len(ident) <= 72
        assert not any(re.search(rf"(?:^|-){re.escape(t)}(?:-|$)", ident) for t in terms)
    event = yaml.safe_load(
        (out / "events" / "2021" / "2021-03-01-pakistan-accuses-india.yaml").read_text()
    )
    assert event["title"] == "Pakistan accuses India"
    assert event["actors"] == [
        {"actor": "pakistan", "role": "initiator"},
        {"actor": "india", "role": "target"},
    ]


def test_lexicon_terms_stay_out_of_draft_titles(project):
    from indopak.curate.extract.drafts import Lexicon

    lexicon = Lexicon(project)
    assert lexicon.clean("Attack by terrorists on Pak border") == "Attack by on border"
    assert lexicon.clean_slug("2019-02-14-terror-attack-on-pak-post") == "2019-02-14-attack-on-post"


def _fill(text: str) -> str:
    """What a curator does: complete every field marked for review with a valid value."""
    text = re.sub(r"^# summary: \(required\).*$", "summary: Neutral summary.", text, flags=re.M)
    text = re.sub(
        r"^# statement: \(required\).*$", "statement: Neutral statement.", text, flags=re.M
    )
    text = re.sub(r"^# publisher: \(required\).*$", "publisher: Test Wire", text, flags=re.M)
    text = re.sub(
        r"^# publisher_country: \(required\).*$", "publisher_country: XIN", text, flags=re.M
    )
    text = re.sub(r"^# origin: \(required\).*$", "origin: wire", text, flags=re.M)
    text = re.sub(r"^# url: .*$", "url: https://example.org/talks", text, flags=re.M)
    text = re.sub(r"^# accessed: .*$", 'accessed: "2021-03-03"', text, flags=re.M)
    text = re.sub(r"^# stance: \(required\).*$", "stance: neutral", text, flags=re.M)
    text = re.sub(
        r"^# issue: \(required\).*$", "issue: bilateral-dialogue-resumption", text, flags=re.M
    )
    text = re.sub(r"role: null.*$", "role: participant", text, flags=re.M)
    text = re.sub(r"^id: draft-", "id: test-wire-", text, flags=re.M)
    return text.replace("source: draft-", "source: test-wire-")


def test_drafts_validate_once_the_review_marks_are_filled(repo, tmp_path):
    out = _drafts(repo, tmp_path)
    written = [p for p in out.rglob("*.yaml") if p.name != "LINKS.yaml"]
    assert {p.parent.name for p in written} >= {"sources", "2021", "positions"}
    for path in written:
        rel = path.relative_to(out)
        if rel.parts[0] == "sources":
            rel = rel.with_name(rel.name.replace("draft-", "test-wire-", 1))
        target = repo / "data" / "records" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run(repo, "validate", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_unfilled_drafts_fail_validation_where_marked(repo, tmp_path):
    out = _drafts(repo, tmp_path)
    for path in out.rglob("*.yaml"):
        if path.name == "LINKS.yaml":
            continue
        target = repo / "data" / "records" / path.relative_to(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(repo, "validate", "--no-cache")
    assert result.returncode == 1
    assert "summary" in result.stdout and "statement" in result.stdout


# -- the development set: both halves ---------------------------------------------------------


def test_development_set_has_a_held_out_half():
    held = heldout_stems(DEV)
    every = {p.stem for p in DEV.glob("*.json")}
    assert len(every) >= 25
    assert held and held < every
    assert len(held) >= 10 and len(every - held) >= 10
    for path in DEV.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        stances = {p.get("stance") for p in gold["positions"]}
        assert stances <= {"support", "oppose", "mixed", "neutral", None}
    all_stances = {
        p.get("stance")
        for path in DEV.glob("*.json")
        for p in json.loads(path.read_text(encoding="utf-8"))["positions"]
    }
    assert {"support", "oppose", "mixed", "neutral"} <= all_stances


def test_eval_counts_a_speaker_by_the_id_the_gold_gives_its_name():
    from indopak.curate.extract.eval import _same_speaker

    ids = {"new delhi": "india", "z. a. bhutto": "zulfikar-ali-bhutto"}
    state = {"actor": "India", "actor_id": "india", "speaker": None}
    assert _same_speaker(state, {"actor": "New Delhi", "speaker": None}, ids)
    assert not _same_speaker(state, {"actor": "Islamabad", "speaker": None}, ids)
    person = {"actor": "Pakistan", "speaker": "Zulfikar Ali Bhutto"}
    person["speaker_id"] = "zulfikar-ali-bhutto"
    assert _same_speaker(person, {"actor": "Pakistan", "speaker": "Z. A. Bhutto"}, ids)
    assert not _same_speaker(person, {"actor": "Pakistan", "speaker": "Aziz Ahmed"}, ids)
    assert not _same_speaker(person, {"actor": "Pakistan", "speaker": None}, ids)
    titled = {"ayub khan": "ayub-khan", "mr lal bahadur shastri": "lal-bahadur-shastri"}
    ayub = {"actor": "Pakistan", "speaker": "Ayub Khan", "speaker_id": "ayub-khan"}
    assert _same_speaker(ayub, {"actor": "Pakistan", "speaker": "President Ayub Khan"}, titled)
    shastri = {"actor": "India", "speaker": "Lal Bahadur Shastri"}
    shastri["speaker_id"] = "lal-bahadur-shastri"
    assert _same_speaker(shastri, {"actor": "India", "speaker": "Mr Shastri"}, titled)
    assert not _same_speaker(shastri, {"actor": "India", "speaker": "Mr Nehru"}, titled)


def test_eval_matches_a_new_actor_by_name_with_a_title_before_it_aside():
    from indopak.curate.extract.eval import _same_actor

    kaul = {"name": "T. N. Kaul", "id": None}
    assert _same_actor(kaul, {"name": "Mr T. N. Kaul", "id": None})
    assert _same_actor(kaul, {"name": "t. n. kaul", "id": None})
    assert not _same_actor(kaul, {"name": "Mr B. K. Nehru", "id": None})
    assert not _same_actor({"name": "Mr", "id": None}, {"name": "Mr T. N. Kaul", "id": None})
    # a recorded actor the gold did not know, named in the article as the gold names it
    saarc = {"name": "South Asian Association for Regional Cooperation", "id": "saarc"}
    saarc["mentions"] = ["SAARC"]
    assert _same_actor(saarc, {"name": "SAARC", "id": None})
    assert not _same_actor(saarc, {"name": "ASEAN", "id": None})


def test_eval_counts_an_actor_the_gold_names_twice_once():
    from indopak.curate.extract.eval import distinct_actors

    gold = [
        {"name": "India", "id": "india"},
        {"name": "New Delhi", "id": "india"},
        {"name": "Mr T. N. Kaul", "id": None},
        {"name": "T. N. Kaul", "id": None},
        {"name": "B. K. Nehru", "id": None},
    ]
    assert [a["name"] for a in distinct_actors(gold)] == ["India", "Mr T. N. Kaul", "B. K. Nehru"]


def test_eval_finds_a_predicted_quote_in_its_own_sentence_not_in_a_headline_copy():
    from indopak.curate.extract.eval import _quote_span

    text = (
        " date 2006-03-24 H\n'Borders cannot be redrawn'\n\"Borders cannot be redrawn,\" he said.\n"
    )
    body = text.index("\n") + 1
    said = text.index('"Borders') + 1
    position = {"quote": "Borders cannot be redrawn", "evidence": text[said - 1 : -1]}
    assert _quote_span(text, position, body) == (said, said + len("Borders cannot be redrawn"))
    assert _quote_span(text, {"quote": "Borders cannot be redrawn"}, body)[0] < said


def test_eval_reports_train_and_held_out_apart(capsys):
    assert eval_main([str(DEV)]) == 0
    printed = capsys.readouterr().out
    assert "(train)" in printed and "(held-out)" in printed
    assert printed.count("stance right") == 2


def _one_article_with_a_second_annotation(tmp_path: Path) -> tuple[Path, Path, dict]:
    gold_dir, second_dir = tmp_path / "gold", tmp_path / "second"
    gold_dir.mkdir()
    second_dir.mkdir()
    stem = "130-baisakhi-pilgrim-visas-2021"
    shutil.copy(DEV / f"{stem}.txt", gold_dir)
    shutil.copy(DEV / f"{stem}.json", gold_dir)
    return gold_dir, second_dir, json.loads((DEV / f"{stem}.json").read_text(encoding="utf-8"))


def test_eval_scores_a_second_annotation_against_the_gold(tmp_path, capsys):
    gold_dir, second_dir, gold = _one_article_with_a_second_annotation(tmp_path)
    second = json.loads(json.dumps(gold))
    typed = next(e for e in second["events"] if e["event_type"] == "COOPERATE")
    typed["event_type"] = "CONSULT"  # the second annotator types one event otherwise
    second["positions"][0]["stance"] = None
    (second_dir / "130-baisakhi-pilgrim-visas-2021.json").write_text(json.dumps(second))

    report = evaluate(gold_dir, Project(ROOT), second=second_dir)
    events = len(gold["events"])
    assert (report.events.tp_gold, report.events.gold) == (events - 1, events)
    assert report.dates.tp_gold == events
    assert report.actors.f1 == report.treaties.f1 == report.positions.f1 == 1.0
    assert (report.stance_given.hits, report.stance_given.total) == (0, 1)

    assert eval_main([str(gold_dir), "--second", str(second_dir)]) == 0
    printed = capsys.readouterr().out
    assert "second annotation, scored against the gold, on 1 article(s)" in printed
    assert "extract on 1 article(s)" in printed


def test_eval_refuses_a_second_annotation_of_an_article_it_lacks(tmp_path, capsys):
    gold_dir, second_dir, gold = _one_article_with_a_second_annotation(tmp_path)
    (second_dir / "999-elsewhere.json").write_text(json.dumps(gold))
    assert eval_main([str(gold_dir), "--second", str(second_dir)]) == 2
    error = capsys.readouterr().err
    assert "999-elsewhere" in error and "Traceback" not in error
    assert eval_main([str(gold_dir), "--second", str(tmp_path / "none")]) == 2
    assert "no annotations" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not JSON"),
        ("[]", "not a JSON object"),
        ('{"actors": [], "events": "2019-02-14", "treaties": [], "positions": []}', "'events'"),
        ('{"actors": [], "events": [], "treaties": []}', "'positions'"),
        ('{"actors": [], "events": [], "treaties": [{"id": [1]}], "positions": []}', "'id'"),
        (
            '{"actors": [], "events": [{"date": 2019}], "treaties": [], "positions": []}',
            "events item 1: 'date' is not text",
        ),
    ],
)
def test_eval_names_a_malformed_annotation(tmp_path, capsys, content, message):
    gold_dir, second_dir, _ = _one_article_with_a_second_annotation(tmp_path)
    bad = second_dir / "130-baisakhi-pilgrim-visas-2021.json"
    bad.write_text(content)
    assert eval_main([str(gold_dir), "--second", str(second_dir)]) == 2
    error = capsys.readouterr().err
    assert str(bad) in error and message in error and "Traceback" not in error


def test_an_issue_of_one_episode_is_not_read_into_words_years_away(issues):
    words = "Pakistan rejected the accusations over the Mumbai attacks as baseless"
    assert issues.issue_of(words, year=2008) == "attribution-mumbai-attacks-2008"
    assert issues.issue_of(words, year=1972) != "attribution-mumbai-attacks-2008"


@pytest.mark.parametrize(
    "sentence, quote",
    [
        (
            "Pakistan has complained that the timing of the truce unjustly suited India.",
            "the timing of the truce unjustly suited India",
        ),
        (
            "Islamabad proposed that both countries sign the test ban treaty.",
            "both countries sign the test ban treaty",
        ),
    ],
)
def test_complaints_and_proposals_are_reported_speech(registry, sentence, quote):
    article = parse_article(f" date 1998-05-30 H\n{sentence}\n")
    quotes = [p["quote"] for p in extract(article, registry)["positions"]]
    assert any(quote in q for q in quotes)


def test_a_proposal_supports_and_a_fabrication_charge_opposes(issues):
    assert stance_of(
        "we propose that talks resume", "", "bilateral-dialogue-resumption", issues
    ) == ("support")
    assert (
        stance_of("the claims are fabricated", "", "attribution-militancy-in-pakistan", issues)
        == "oppose"
    )


def test_a_fuller_or_other_spelling_of_a_known_person_links_to_them(registry):
    article = parse_article(
        " date 2005-02-17 H\nExternal Affairs Minister Kanwar Natwar Singh and Foreign Minister "
        "Khurshid Mahmood Kasuri met in the Russian city of Kazan.\n"
    )
    ids = {a["id"] for a in extract(article, registry)["actors"]}
    assert {"k-natwar-singh", "khurshid-mahmud-kasuri"} <= ids
    assert "russia" not in ids


def test_a_person_sharing_only_the_last_two_words_of_a_known_name_is_someone_else(registry):
    article = parse_article(
        " date 2025-04-18 H\nForeign Office Spokesperson Shafqat Ali Khan said the step was "
        "null and void.\n"
    )
    actors = {a["name"]: a["id"] for a in extract(article, registry)["actors"]}
    assert actors.get("Shafqat Ali Khan", "missing") is None
    assert "liaquat-ali-khan" not in actors.values()


@pytest.mark.parametrize(
    "day, body, expression, field, expected",
    [
        # "the next day" counts from the day the sentence before gave
        (
            "1971-12-17",
            "Pakistan accepted the appeal on December 9.\nIndia rejected it the next day.",
            "the next day",
            "date",
            "1971-12-10",
        ),
        # a weekday followed by its date is that date, not the last such weekday
        (
            "1965-06-30",
            "The envoy first wrote on Monday, April 26, and called two days later.",
            "two days later",
            "date",
            "1965-04-28",
        ),
        # "a day after it": a day after the day the sentence before gave
        (
            "2025-07-18",
            "The attack took place on April 22.\nA day after it, the minister spoke.",
            "A day after",
            "date",
            "2025-04-23",
        ),
        (
            "2016-09-26",
            "He spoke eight days after the attack.",
            "eight days after",
            "date",
            "2016-09-18",
        ),
        # "the same day" is the day the sentence before gave
        (
            "1949-12-20",
            "Pakistan sent its reply on December 8.\nThe minister spoke in parliament the same "
            "day.",
            "the same day",
            "date",
            "1949-12-08",
        ),
        # New Year's Day is the last one, or the coming one in words about what will happen
        (
            "2024-07-01",
            "Pakistan released the list on New Year's Day.",
            "on New Year's Day",
            "date",
            "2024-01-01",
        ),
        (
            "2024-07-01",
            "The next lists will be exchanged on New Year's Day.",
            "on New Year's Day",
            "date",
            "2025-01-01",
        ),
        # "The warning came a day after": the news of an earlier sentence is the anchor
        (
            "2025-04-30",
            "Pakistan said late on Tuesday it expected an attack.\nIt cited no source.\n"
            "The warning came a day after the minister spoke.",
            "a day after",
            "date",
            "2025-04-28",
        ),
        # a future date dates what was agreed (talks resumed), not the agreeing
        (
            "2004-01-07",
            "India and Pakistan on Tuesday agreed to resume their dialogue next month.",
            "next month",
            "event_type",
            "CONSULT",
        ),
        (
            "2004-01-07",
            "India and Pakistan on Tuesday agreed to restore rail links next month.",
            "next month",
            "event_type",
            "COOPERATE",
        ),
        # a when-clause after a date is what the date dates
        (
            "2004-01-07",
            "It was his first visit since February 1999, when he and Sharif signed the Lahore "
            "Declaration.",
            "since February 1999",
            "event_type",
            "AGREE",
        ),
    ],
)
def test_dates_and_types_read_from_the_text_around(
    registry, day, body, expression, field, expected
):
    article = parse_article(f" date {day} H\n{body}\n")
    events = {e["date_expression"]: e for e in extract(article, registry)["events"]}
    assert events[expression][field] == expected


def test_an_issue_about_one_dated_episode_is_not_read_into_another_year(issues):
    words = "India said it had carried out surgical strikes on launch pads across the LoC"
    assert issues.issue_of(words, year=2016) != "balakot-strike-justified"


def test_a_stop_word_s_possessive_is_a_stop_word_too():
    from indopak.curate.extract.stance import _stem

    assert _stem("Pakistan's") is None and _stem("India’s") is None
    assert _stem("treaty's") == _stem("treaty")


def test_words_that_share_a_prefix_with_an_issue_s_words_do_not_name_it(issues):
    # consultations are not consular access; a response is not responsibility for an attack
    assert issues.issue_of("we are ready for consultations on the offer") != (
        "consular-access-kulbhushan-jadhav"
    )
    assert not str(issues.issue_of("we are awaiting their response")).startswith("attribution")


@pytest.mark.parametrize(
    "sentence, name",
    [
        # a post named by its portfolio ends where the name begins
        (
            "Federal Minister for Foreign Affairs Khurshid Mahmood Kasuri spoke to reporters.",
            "Khurshid Mahmud Kasuri",
        ),
        (
            "Minister of State for Water and Power Abid Sher Ali said the dam was illegal.",
            "Abid Sher Ali",
        ),
        # a portfolio word ends a name only as a title does: a surname stays whole
        ("US envoy Samantha Power said the council met.", "Samantha Power"),
        # a secretary's post and a counterpart name the person who follows
        (
            "Defence Secretary Shashi Kant Sharma led the delegation.",
            "Shashi Kant Sharma",
        ),
        ("Gujral and his Pakistani counterpart Nawaz Sharif met in New York.", "Nawaz Sharif"),
        # a counterpart named after the word, in another spelling of a recorded name
        (
            "Vajpayee and his Pakistani counterpart, Nawaz Sharief, signed the declaration.",
            "Nawaz Sharif",
        ),
    ],
)
def test_a_title_naming_its_portfolio_is_not_part_of_the_name(registry, sentence, name):
    article = parse_article(f" date 2005-02-17 H\n{sentence}\n")
    names = [a["name"] for a in extract(article, registry)["actors"]]
    assert name in names


@pytest.mark.parametrize(
    "quote, stance",
    [
        # laying the attack at the other side's door supports an issue of responsibility
        ("We have no doubt that the ISI is behind this", "support"),
        ("the attack had cross-border links", "support"),
        # the same words under a rejection deny it
        ("Islamabad rejected claims that it was behind the bombing", "oppose"),
    ],
)
def test_attributing_an_attack_supports_the_issue_of_responsibility(issues, quote, stance):
    assert stance_of(quote, "", "attribution-kabul-indian-embassy-bombing-2008", issues) == stance


def test_pinning_responsibility_on_someone_is_a_position_on_whose_act_it_was(registry):
    article = parse_article(
        " date 2008-12-03 H\nTen gunmen attacked hotels in Mumbai last week.\nIndian officials "
        "have pinned responsibility for the attacks on Pakistan-based elements of Lashkar.\n"
    )
    (position,) = extract(article, registry)["positions"]
    assert position["actor_id"] == "india"
    assert (position["issue"], position["stance"]) == ("attribution-mumbai-attacks-2008", "support")


def test_the_verb_before_a_quote_can_lay_the_attack_at_someone_s_door(registry):
    article = parse_article(
        " date 2008-12-01 H\nTen gunmen attacked hotels in Mumbai last week.\n"
        "New Delhi blamed the attacks on its neighbour.\n"
    )
    (position,) = extract(article, registry)["positions"]
    assert (position["issue"], position["stance"]) == ("attribution-mumbai-attacks-2008", "support")
    elsewhere = parse_article(
        " date 2008-12-01 H\nTen gunmen attacked hotels in Mumbai last week.\n"
        "New Delhi said it would discuss the attacks with its neighbour.\n"
    )
    (unblamed,) = extract(elsewhere, registry)["positions"]
    assert unblamed["stance"] is None


def test_a_speaker_who_calls_a_step_fruitful_or_a_first_step_supports_it(issues):
    for quote in ("the talks were fruitful", "the visit was a first step towards reconciliation"):
        assert stance_of(quote, "", "bilateral-dialogue-resumption", issues) == "support"


@pytest.mark.parametrize(
    "sentence",
    [
        'The commanders agreed to meet again "at the earliest possible date", a joint statement '
        "said.",
        '"Both sides reaffirmed their resolve to keep talking about the glacier," said a joint '
        "statement.",
    ],
)
def test_words_of_a_joint_statement_are_a_position_of_each_party(registry, sentence):
    article = parse_article(
        f" date 2013-12-24 H\nIndia and Pakistan held talks at Wagah on Tuesday.\n{sentence}\n"
    )
    joint = [p for p in extract(article, registry)["positions"] if "joint" not in p["quote"]]
    assert sorted(p["actor_id"] for p in joint) == ["india", "pakistan"]
    assert len({p["quote"] for p in joint}) == 1
