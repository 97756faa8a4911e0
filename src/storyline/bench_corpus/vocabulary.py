"""The made-up words a generated corpus is built from: name syllables, outlets, and kinds of happening.

Every name is assembled from syllables, so a seed gives thousands of places,
people and organisations that no real text mentions, and two stories of the
same kind still differ in the names that tell them apart.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Syllables for names; a name is two or three of them, so the stock runs to thousands.
ONSETS = (
    "Bra Cor Dal Esk Fen Gar Hal Ist Jor Kel Lun Mar Nor Ost Pel Quin Ros Sel Tor Ulm "
    "Var Wen Yar Zel Ash Bel Cal Dor Ebb Fal Gil Hest Ket Lor Mel Nim Orr Pran Sar Thal"
).split()
MIDDLES = "a e i o u an er in ov el ar is".split()
PLACE_ENDS = (
    "ford mere holt wick by stad vale port haven dale field moor bridge ness thorpe strand brook gate ley ton"
)
SURNAME_ENDS = "sen ley ström wood ard mann ow ik ane ett is ova ent ski".split()
GIVEN = (
    "Anouk Berit Casimir Delphine Emrys Freya Gideon Hedda Ivo Jorun Kasimira Leontine Matthis Nadja "
    "Orla Pavo Quilla Rainer Solveig Tobin Ulla Vidar Wenna Ximena Yannick Zora Aurel Britta Corin "
    "Dagny Elio Fenna Goran Hilde Ines Joost Kerttu Lasse Mirela Nils"
).split()
ROLES = ("Mayor", "Commissioner", "Director", "Inspector", "Councillor", "Minister", "Chief Engineer")
ORG_SHAPES = (
    "{place} Water Board", "{place} District Council", "{surname} Holdings", "{place} Port Authority",
    "{place} Rail Company", "{surname} and {surname2} Engineering", "{place} Health Trust",
    "{place} Mining Cooperative", "{place} Civil Defence Office", "{surname} Shipping Line",
)  # fmt: skip
OUTLET_SHAPES = (
    "The {place} Courier", "{place} Evening Post", "Radio {place}", "The {place} Ledger", "{place} Today",
    "{place} Herald", "The {place} Observer", "{place} News Wire", "{place} Gazette", "The {place} Lantern",
)  # fmt: skip
# Where in the place it happened: every article names the story's district and the road to its region,
# as local reports do, which also sets two happenings of one kind apart.
WHERE = (
    "{district}, on the {region} side of {place}, was at the centre of it.",
    "People in {district} and along the {region} road were the first to know.",
    "The {region} county office sent staff to {district} on {day}.",
    "Neighbours in {district} said the {region} road was busier than they had ever seen it.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def syllable_name(rng: random.Random, ends: list[str], taken: int = 0) -> str:
    """Two or three syllables; more of them once `taken` names use up the short ones."""
    parts = [rng.choice(ONSETS).lower()]
    for _ in range(1 + taken // 10000):
        if rng.random() < 0.5:
            parts.append(rng.choice(MIDDLES))
    parts.append(rng.choice(ends))
    return "".join(parts).capitalize()


def place_name(rng: random.Random, taken: int = 0) -> str:
    return syllable_name(rng, PLACE_ENDS.split(), taken)


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {syllable_name(rng, SURNAME_ENDS)}"


def org_name(rng: random.Random, place: str) -> str:
    return rng.choice(ORG_SHAPES).format(
        place=place, surname=syllable_name(rng, SURNAME_ENDS), surname2=syllable_name(rng, SURNAME_ENDS)
    )


def outlet_name(rng: random.Random) -> str:
    return rng.choice(OUTLET_SHAPES).format(place=place_name(rng))


@dataclass(frozen=True)
class FigureKind:
    """One number a happening of some kind has: what it counts and how outlets put it in a sentence."""

    name: str
    low: int
    high: int
    # sentences holding {n} (the number as the outlet writes it), {place}, {org} and {day}
    phrasings: tuple[str, ...]
    # "count" (1,240), "money" (in millions of dollars: $4.2 million) or "percent" (12 percent)
    style: str = "count"


@dataclass(frozen=True)
class HappeningKind:
    """A kind of news event: its headline shapes, its numbers, and what the people in it say."""

    name: str
    headlines: tuple[str, ...]
    leads: tuple[str, ...]
    figures: tuple[FigureKind, ...]
    # A quote is an opening (up to six words), "in PLACE," and a closing (up to seven words), so
    # every run of eight words in it names the story's place and no two stories quote alike.
    quote_openings: tuple[str, ...]
    quote_closings: tuple[str, ...]
    background: tuple[str, ...]


# Each kind as text: one field a line, choices split by " | ".
# A figure line is "figure NAME LOW-HIGH STYLE: phrasing | phrasing".
_KINDS_TEXT = """
kind: flood
headline: {place} counts the cost as the river bursts its banks | Floodwater reaches the centre of {place}
lead: The river through {place} rose over its banks on {day}, and the {org} opened its relief channels. \
| Floodwater spread across the low streets of {place} on {day} after a night of rain.
figure evacuated 300-6000 count: Officials said {n} residents were moved out of their homes in {place}. \
| {n} residents of {place} left their homes as the water rose, the {org} said.
figure homes 40-1500 count: Water entered {n} homes along the river, according to the {org}. \
| The {org} counted {n} homes flooded by {day} evening.
figure damage 2-90 money: Early estimates put the damage at {n}. \
| Insurers expect claims of {n} from the flooding.
opening: We opened the channels at once | Nobody should go back home yet \
| The embankment held longer than feared | The river rose faster than forecast
closing: and they stay open until it falls | because the current is deceptively strong \
| but the next two nights decide everything | and every family deserves an answer
background: The {org} last reinforced the embankment at {place} eleven years ago. \
| Volunteers filled sandbags at the {place} market hall through the night.

kind: factory fire
headline: Fire guts a plant on the edge of {place} | Blaze at {place} works sends smoke over the town
lead: A fire broke out at a packaging plant outside {place} on {day}, and crews fought it until dawn. \
| Smoke from a burning works drifted over {place} on {day} as crews worked through the night.
figure firefighters 20-240 count: {n} firefighters were sent to the plant, the {org} said. \
| The {org} said it had {n} firefighters at the scene at the height of the blaze.
figure workers 50-900 count: The plant employs {n} workers, none of whom were inside. \
| {n} workers were sent home while investigators examine the site.
figure damage 3-60 money: The owners put the loss at {n}. \
| Losses at the plant could reach {n}, the {org} estimated.
opening: The sprinklers in the hall failed | Our crews saved the fuel store \
| Every worker on shift is safe | The smoke looked worse than feared
closing: and we want to know why | which is what saved the street \
| and that is what matters tonight | but the building is a total loss
background: The plant passed a fire inspection by the {org} last spring. \
| Residents of {place} were told to keep their windows shut until the smoke cleared.

kind: strike
headline: Transport workers walk out in {place} | Strike halts buses and trams across {place}
lead: Buses and trams across {place} stood still on {day} as drivers began a strike over pay. \
| Transport workers in {place} walked out on {day}, leaving the depots shut across the city.
figure strikers 400-9000 count: The union said {n} drivers and engineers joined the walkout. \
| {n} transport workers stayed away from the depots, the union said.
figure raise 3-19 percent: The union is asking for a raise of {n}. \
| Workers want pay to rise by {n} over two years.
figure routes 12-180 count: {n} routes were cancelled for the day, the {org} said. \
| The {org} cancelled {n} routes and asked commuters to work from home.
opening: We have waited three winters already | Drivers cannot pay rent on this \
| The offer on the table stands | Nobody wanted the depots shut
closing: and our patience has run out | and the city knows it full well \
| so we urge a return to talks | yet here we are this morning
background: The last strike on the {place} network lasted nine days. \
| Talks between the union and the {org} broke down on the eve of the walkout.

kind: bridge closure
headline: {place} bridge closed after cracks are found | Cracks shut the main crossing at {place}
lead: Engineers closed the main road bridge at {place} on {day} after finding cracks in a support. \
| The road bridge into {place} was shut on {day} once inspectors found a cracked pier.
figure vehicles 5000-60000 count: {n} vehicles a day used the crossing, the {org} said. \
| The bridge carried {n} vehicles a day before the closure.
figure repair 4-120 money: Repairs are expected to cost {n}. | The {org} set aside {n} for the repair work.
figure weeks 3-40 count: The crossing could stay shut for {n} weeks. \
| Officials said the repairs would take {n} weeks.
opening: We will not reopen it yet | The crack crosses a rebuilt pier \
| Drivers should plan for long detours | Nobody was on the span, thankfully
closing: whatever the pressure from traders | so we have questions for the contractor \
| for the rest of the season | and that is pure luck
background: The {place} crossing was last inspected by the {org} two years ago. \
| Traders in {place} said the detour had already cut their takings.

kind: ferry accident
headline: Ferry runs aground off {place} | Passengers rescued after a ferry strikes rocks near {place}
lead: A passenger ferry ran aground off {place} on {day}, and lifeboats took off those aboard. \
| Lifeboat crews brought passengers ashore at {place} on {day} after their ferry struck a reef.
figure passengers 60-900 count: The ferry was carrying {n} passengers, the {org} said. \
| {n} passengers were aboard when the hull struck the rocks.
figure injured 3-70 count: {n} people were treated for injuries at the harbour. \
| Medics said {n} passengers were hurt, most of them lightly.
figure lifeboats 4-30 count: {n} lifeboats took part in the rescue. \
| The {org} sent {n} lifeboats to the reef.
opening: The crew followed every drill perfectly | We still do not know why \
| Every passenger is ashore and safe | The rocks there are badly charted
closing: and nobody panicked at all | but the recorder will tell us \
| which is a small miracle | and we have said so for years
background: The route from {place} carries island traffic all year round. \
| The {org} said divers would inspect the hull once the tide allowed.

kind: hospital funding
headline: {place} hospital wins new funding | Funding approved for a new wing at {place} hospital
lead: The hospital serving {place} will get a new wing after funding was approved on {day}. \
| Health officials approved money on {day} to expand the hospital at {place}.
figure funding 10-400 money: The grant is worth {n}. | The {org} will receive {n} for the work.
figure beds 40-600 count: The new wing will add {n} beds. \
| The expansion brings {n} more beds to the hospital.
figure staff 60-1200 count: The hospital plans to hire {n} staff. | {n} nurses and doctors will be recruited.
opening: Patients have waited in corridors | This wing took a decade \
| The money is only the start | Our nurses asked for this first
closing: and now they will not have to | and the valley fought hard for it \
| because staff make a hospital | so the credit belongs to them
background: The {org} runs three hospitals in the region around {place}. \
| Building work at {place} is due to begin after the winter.

kind: mine collapse
headline: Miners trapped after a tunnel collapse near {place} | Rescue under way at {place} mine
lead: Part of a tunnel collapsed at a mine near {place} on {day}, trapping a shift below ground. \
| Rescuers worked through {day} night to reach miners trapped by a collapse near {place}.
figure trapped 4-60 count: {n} miners were trapped below ground, the {org} said. \
| The {org} said {n} miners were cut off by the fall.
figure rescuers 30-400 count: {n} rescuers worked in shifts at the shaft. \
| A team of {n} rescuers was drilling towards the men.
figure depth 200-1400 count: The collapse happened {n} metres below the surface. \
| The trapped shift was working {n} metres down.
opening: We can hear them tapping | The air line is still open \
| We will not stop drilling | The roof gave way without warning
closing: and that gives everyone hope | so water and food go down it \
| until every miner is brought up | which the sensors never predicted
background: The mine near {place} has been worked by the {org} for forty years. \
| Families gathered at the {place} community hall to wait for news.

kind: chemical spill
headline: Chemical spill closes the river near {place} | Tanker spill forces a fishing ban at {place}
lead: A tanker spilled chemicals into the river near {place} on {day}, and fishing was banned downstream. \
| Fishing and swimming were banned near {place} on {day} after a tanker leaked into the river.
figure litres 2000-90000 count: The tanker lost {n} litres of solvent, the {org} said. \
| {n} litres leaked before the valve was closed.
figure kilometres 3-60 count: The ban covers {n} kilometres of river. \
| Warning signs went up along {n} kilometres of the bank.
figure fish 200-20000 count: Wardens collected {n} dead fish. | {n} dead fish were counted below {place}.
opening: The valve failed on the bend | Do not drink from private wells \
| The river will recover eventually | The haulier has not called us
closing: and we warned the haulier twice | until every one has been tested \
| but certainly not this year | which tells you a great deal
background: The road along the river at {place} carries tankers to the {org} depot. \
| Samples from {place} were sent to a laboratory for testing.

kind: wildfire
headline: Wildfire forces evacuations near {place} | Hills above {place} burn for a second day
lead: A wildfire spread through the hills above {place} on {day}, and villages were cleared. \
| Crews fought a wildfire on the slopes above {place} on {day} as the wind turned.
figure hectares 300-30000 count: The fire has burned {n} hectares, the {org} said. \
| {n} hectares of forest and scrub have burned.
figure evacuated 200-8000 count: {n} people were told to leave their homes. \
| The {org} moved {n} people out of the villages.
figure aircraft 3-40 count: {n} aircraft dropped water on the fire. | The {org} sent {n} aircraft.
opening: The wind decides where this goes | We lost the ridge road today \
| Leave when you are told | These hills have not burned before
closing: and tonight it blows towards villages | but the houses below are safe \
| because we cannot come back for you | and nobody was ready for it
background: The hills above {place} have not burned since the {org} planted them. \
| Schools in {place} were turned into shelters for the night.

kind: election recount
headline: Recount ordered in the {place} council race | {place} vote goes to a recount
lead: Officials in {place} ordered a recount on {day} after the council race ended almost level. \
| The council election in {place} went to a recount on {day} with the two leaders almost tied.
figure margin 3-90 count: The leading candidate was ahead by {n} votes. \
| Only {n} votes separated the two front runners.
figure ballots 8000-90000 count: {n} ballots will be counted again, the {org} said. \
| The recount covers {n} ballots.
figure turnout 31-78 percent: Turnout was {n}. | The {org} put turnout at {n}.
opening: Every ballot will be counted openly | We expected a close race \
| The result must be beyond doubt | Both camps asked for this recount
closing: with observers from both sides watching | but nothing quite this close \
| or the new council starts badly | so nobody can complain afterwards
background: The {org} oversees elections in {place} and the villages around it. \
| Counting staff in {place} were called back from leave.
"""


def _parse_kinds(text: str) -> tuple[HappeningKind, ...]:
    kinds = []
    for block in text.replace("\\\n", " ").strip().split("\n\n"):
        fields: dict[str, tuple[str, ...]] = {}
        figures = []
        for line in block.splitlines():
            key, _, value = line.partition(": ")
            choices = tuple(" ".join(c.split()) for c in value.split(" | "))
            if key.startswith("figure "):
                _, name, span, style = key.split()
                low, high = span.split("-")
                figures.append(FigureKind(name, int(low), int(high), choices, style))
            else:
                fields[key] = choices
        kinds.append(
            HappeningKind(
                fields["kind"][0],
                fields["headline"],
                fields["lead"],
                tuple(figures),
                fields["opening"],
                fields["closing"],
                fields["background"],
            )
        )
    return tuple(kinds)


KINDS = _parse_kinds(_KINDS_TEXT)
