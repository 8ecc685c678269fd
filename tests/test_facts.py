"""Facts: fact records link the article's own records, triggers lie in their sentences, and
named example sentences give the roles a reader would (pipeline/facts, docs/facts.md)."""

import json
from pathlib import Path

import pytest

from pipeline.evaluation.facts import nearest_organisation, score_facts
from pipeline.facts import ROLES

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = sorted(
    p
    for d in ("outputs", "outputs/dev", "outputs/test")
    for p in (ROOT / d).glob("*.json")
    if p.name not in ("run.json", "evaluation.json")
)


@pytest.mark.parametrize("path", OUTPUTS, ids=lambda p: p.stem[:40])
def test_every_fact_role_points_at_a_record_of_its_article(path):
    data = json.loads(path.read_text("utf8"))
    ids = {r["id"] for r in data["records"]}
    for fact in data["facts"]:
        assert fact["type"] in ROLES and set(fact["roles"]) <= set(ROLES[fact["type"]])
        for value in fact["roles"].values():
            for v in value if isinstance(value, list) else [value]:
                assert isinstance(v, dict) or v in ids, (fact["id"], v)
        t = fact["trigger"]
        assert data["text"][t["start"] : t["end"]] == t["text"] and t["text"] in fact["sentence"]


def test_baseline_links_money_to_nearest_organisation():
    s = "Acme bought Beta for $5m."
    recs = [
        {"id": "a:organisation-1", "type": "organisation", "mentions": [{"start": 0, "sentence": s}]},
        {"id": "a:organisation-2", "type": "organisation", "mentions": [{"start": 12, "sentence": s}]},
        {"id": "a:money-1", "type": "money", "mentions": [{"start": 21, "sentence": s}]},
    ]
    assert nearest_organisation(recs, "acquisition")[0]["roles"] == {"price": "a:money-1", "buyer": "a:organisation-2"}


def _run_one(tmp_path: Path, text: str) -> dict:
    """``pipeline run`` in a process of its own on one article written to ``tmp_path``: its output file."""
    import subprocess
    import sys

    src = tmp_path / "a.md"
    src.write_text(text, "utf8")
    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(tmp_path / "out")],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return json.loads(next(p for p in (tmp_path / "out").glob("*.json") if p.name != "run.json").read_text())


def _acme_output() -> dict:
    """One article's output holding an organisation (Acme) and an amount ($5), as the fact scorer reads it."""
    return {
        "a": {
            "text": "",
            "records": [
                {"id": "a:organisation-1", "type": "organisation", "value": "Acme"},
                {"id": "a:money-1", "type": "money", "value": 5, "currency": "USD", "mentions": [{"text": "$5"}]},
            ],
        }
    }


def test_role_scoring_matches_the_same_record_in_the_same_role():
    gold_recs = [
        {"type": "organisation", "value": "Acme", "text": "Acme"},
        {"type": "money", "value": 5, "currency": "USD", "text": "$5"},
    ]
    gold = {"a": (gold_recs, [{"type": "acquisition", "roles": {"buyer": "Acme", "price": "$5"}}])}
    out = _acme_output()
    pred = {
        "a": [{"type": "acquisition", "roles": {"seller": "a:organisation-1", "price": "a:money-1"}, "sentence": ""}]
    }
    ev = score_facts(pred, out, gold)
    assert (ev.micro.tp, ev.micro.fp, ev.micro.fn) == (1, 1, 1) and ev.exact.tp == 0


CASES = [  # (name, sentence, type, {role: record text})
    (
        "buy_for",
        "Acme Corp agreed to buy Beta Ltd for $40 million on Monday.",
        "acquisition",
        {"buyer": "Acme Corp", "target": "Beta Ltd", "price": "$40 million"},
    ),
    (
        "sell_to",
        "Gamma Inc will sell its unit to Delta Group for $2 billion.",
        "acquisition",
        {"seller": "Gamma Inc", "buyer": "Delta Group", "price": "$2 billion"},
    ),
    (
        "round_led_in_the_next_sentence",
        "Acme Robotics Ltd raised $40 million in a Series B round on Monday. The round was led by Beta Capital.",
        "funding",
        {"company": "Acme Robotics Ltd", "investors": ["Beta Capital"], "amount": "$40 million"},
    ),
    (
        "the_buyer_borrows",
        "Gamma Inc agreed to sell its unit to Delta Group for $2 billion. "
        "The buyer has lined up acquisition loans of $1 billion from Kappa Bank.",
        "loan",
        {"borrower": "Delta Group", "lender": ["Kappa Bank"], "amount": "$1 billion"},
    ),
    (
        "contract_handed_to_a_consortium_led_by",
        "Omega Holdings has handed a $300 million contract for a new bridge to a consortium led by Sigma Construction Ltd on Tuesday.",
        "contract",
        {"awarder": "Omega Holdings", "contractor": ["Sigma Construction Ltd"], "value": "$300 million"},
    ),
    (
        "leased_a_site_from",
        "Zeta Foods Ltd leased a 12-hectare site from Theta Land Corp for $5 million on Monday.",
        "property",
        {"buyer": "Zeta Foods Ltd", "seller": "Theta Land Corp", "area": "12-hectare", "price": "$5 million"},
    ),
    (
        "leased_a_plot_to",
        "Theta Land Corp leased a 12-hectare plot to Zeta Foods Ltd on Monday.",
        "property",
        {"buyer": "Zeta Foods Ltd", "seller": "Theta Land Corp", "area": "12-hectare"},
    ),
    (
        "paid_for_a_parcel",
        "Iota Auto Parts Co Ltd paid 61 million yuan for a 118-mu parcel on October 28.",
        "property",
        {"buyer": "Iota Auto Parts Co Ltd", "price": "61 million yuan"},
    ),
    (
        "plot_went_to",
        "The last plot, 82 mu in the east of the zone, went to Kappa Motors Co Ltd for 90 million yuan.",
        "property",
        {"buyer": "Kappa Motors Co Ltd", "price": "90 million yuan"},
    ),
    (
        "public_body_signs_a_contract_with",
        "The Ministry of Defence signed a $2 billion contract with Kappa Arms Ltd on Tuesday.",
        "contract",
        {"awarder": "Ministry of Defence", "contractor": ["Kappa Arms Ltd"], "value": "$2 billion"},
    ),
    (
        "ordered_from",
        "Sky Air Ltd has ordered 30 aircraft from Boeing Co for $3 billion on Monday.",
        "contract",
        {"awarder": "Sky Air Ltd", "contractor": ["Boeing Co"], "value": "$3 billion"},
    ),
    (
        "banks_lead_a_loan",
        "Kappa Bank Ltd and Sigma Bank Ltd will lead a $500 million loan on Monday.",
        "loan",
        {"lender": ["Kappa Bank Ltd", "Sigma Bank Ltd"], "amount": "$500 million"},
    ),
    (
        "banks_agreed_a_loan",
        "Omega Bank Ltd has agreed a loan of $70 million to bridge the payments on Monday.",
        "loan",
        {"lender": ["Omega Bank Ltd"], "amount": "$70 million"},
    ),
    (
        "wants_a_sum_by",
        "Omega Ports Ltd wants to reach $2 billion of cargo revenue by 2030.",
        "plan",
        {"body": "Omega Ports Ltd", "amount": "$2 billion", "date": "2030"},
    ),
    (
        "reporter_is_no_party_when_its_unit_wins",  # "X said its unit Y has won": Y is the contractor
        "Kappa Holdings Bhd said its unit Sigma Builders Sdn Bhd has won a $40 million contract from Omega Power Ltd on Monday.",
        "contract",
        {"awarder": "Omega Power Ltd", "contractor": ["Sigma Builders Sdn Bhd"], "value": "$40 million"},
    ),
    (
        "a_bond_is_funding",
        "Omega Energy Ltd plans to list a $400 million green bond on the Kappa Exchange next year.",
        "funding",
        {"company": "Omega Energy Ltd", "amount": "$400 million", "round": "green bond"},
    ),
    (
        "put_money_into",
        "Kappa Capital Ltd has agreed to put $1.5 billion into Sigma Airports Ltd on Monday.",
        "investment",
        {"investor": "Kappa Capital Ltd", "recipient": "Sigma Airports Ltd", "amount": "$1.5 billion"},
    ),
    (
        "raised_its_offer_for",
        "Omega Drinks Ltd raised its offer for Sigma Foods Ltd to $1.42 billion on Monday.",
        "acquisition",
        {"buyer": "Omega Drinks Ltd", "target": "Sigma Foods Ltd", "price": "$1.42 billion"},
    ),
    (
        "an_order_with_no_amount",  # two parties make a fact without an amount
        "Sky Air Ltd has ordered 40 aircraft from Boeing Co on Monday. Its shares closed at $12.50.",
        "contract",
        {"awarder": "Sky Air Ltd", "contractor": ["Boeing Co"]},
    ),
    (
        "a_purchase_with_no_amount",
        "Kappa Holdings Ltd bought Sigma Foods Ltd in 2021. Its shares closed at $12.50.",
        "acquisition",
        {"buyer": "Kappa Holdings Ltd", "target": "Sigma Foods Ltd", "date": "2021"},
    ),
    (
        "reporter_said_it_approved_a_loan",  # the reporter stands where "it" does
        "Omega Bank Ltd said it had approved a loan of $70 million to Sigma Power Ltd on Monday.",
        "loan",
        {"lender": ["Omega Bank Ltd"], "borrower": "Sigma Power Ltd", "amount": "$70 million"},
    ),
    (
        "credit_line_with",  # a compound trigger: the phrases hang on its head noun
        "Sigma Foods Ltd refinanced a $40 million credit line with Kappa Bank Ltd in July.",
        "loan",
        {"lender": ["Kappa Bank Ltd"], "amount": "$40 million"},
    ),
    (
        "loan_for_a_borrower",
        "Kappa Bank Ltd has arranged a $50 million loan for Sigma Parks Ltd on Monday.",
        "loan",
        {"lender": ["Kappa Bank Ltd"], "borrower": "Sigma Parks Ltd", "amount": "$50 million"},
    ),
    (
        "due_to_open_by",  # a completion cue with a date is a plan; its date is the by-date
        "The new terminal of Omega Ports Ltd is due to open by 2027. Its shares closed at $12.50.",
        "plan",
        {"date": "2027"},
    ),
    (
        "aims_at_a_goal_by",  # a goal with a by-date is a plan even with no amount; its subject plans it
        "Omega Ports Ltd aims to double the capacity of its terminal by 2030. Its shares closed at $12.50.",
        "plan",
        {"body": "Omega Ports Ltd", "date": "2030"},
    ),
    (
        "land_allotted_to",  # the allottee of land buys it
        "Omega Development Authority allotted 6.5 hectares to Sigma Data Ltd on Tuesday.",
        "property",
        {"seller": "Omega Development Authority", "buyer": "Sigma Data Ltd", "area": "6.5 hectares"},
    ),
    (
        "relative_clause_subject",  # "X, which agreed to invest": X invests
        "The largest came from Sigma Battery Co Ltd, which agreed to invest $450 million in a plant.",
        "investment",
        {"investor": "Sigma Battery Co Ltd", "amount": "$450 million"},
    ),
    (
        "dateline_agency_is_no_party",
        "KUALA LUMPUR, Sept 23 (Bernama) -- Kappa Holdings Bhd will develop a $995 million data centre campus.",
        "investment",
        {"investor": "Kappa Holdings Bhd", "amount": "$995 million"},
    ),
    (
        "area_six_steps_down",  # an area may hang lower than an amount (7 steps, not 5)
        "Sigma Foods Ltd paid $5 million for a plot with a cold store of 9,500 square metres.",
        "property",
        {"buyer": "Sigma Foods Ltd", "price": "$5 million", "area": "9,500 square metres"},
    ),
    (
        "an_amount_on_its_own_trigger",  # the amount hangs on "loan", not on the purchase
        "Omega Foods Ltd said the purchase would be funded partly by a $300 million loan from Kappa Bank Ltd this year.",
        "loan",
        {"lender": ["Kappa Bank Ltd"], "amount": "$300 million"},
    ),
    (
        "a_rate_is_no_price",  # "$3.10 a share" is a rate: the deal's sum is its price
        "Kappa Foods Ltd agreed to buy Sigma Dairy Ltd at $3.10 a share, or $40 million in all.",
        "acquisition",
        {"buyer": "Kappa Foods Ltd", "target": "Sigma Dairy Ltd", "price": "$40 million"},
    ),
    (
        "the_company_is_the_buyer_before",  # a party of the fact before, not the name said last
        "Sigma Foods Ltd bought a 12-hectare plot from Kappa Land Ltd for $5 million. "
        "The company plans to invest $20 million in a factory there.",
        "investment",
        {"investor": "Sigma Foods Ltd", "amount": "$20 million"},
    ),
    (
        "it_is_the_subject_before",  # no fact before: the subject of the sentence before
        "Kappa Power Ltd opened a plant near Omega Park Authority on Monday. It will invest $20 million in a second line.",
        "investment",
        {"investor": "Kappa Power Ltd", "amount": "$20 million"},
    ),
    (
        "a_dateline_date_is_no_deal_date",  # the day the story was filed
        "HONG KONG, Sept 18 - Kappa Land Ltd has bought a plot from Sigma Estates Ltd, paying $6 billion.",
        "property",
        {"buyer": "Kappa Land Ltd", "seller": "Sigma Estates Ltd", "price": "$6 billion", "date": None},
    ),
    (
        "financing_provided_is_a_loan",
        "Kappa Islamic Bank Ltd will provide $24 million of financing for the mill of Sigma Steel Ltd.",
        "loan",
        {"lender": ["Kappa Islamic Bank Ltd"], "amount": "$24 million"},
    ),
    (
        "will_spend_is_an_investment",  # "would spend", "plans to spend": a plan (will_spend_by)
        "Sigma Motors Ltd will also spend $50 million on a new plant in Omega Park.",
        "investment",
        {"investor": "Sigma Motors Ltd", "amount": "$50 million"},
    ),
    (
        "chose_a_builder",  # the chooser awards, the chosen (a consortium led by X: X) is hired
        "Omega Rail Authority has chosen a consortium led by Sigma Builders Ltd to build a new terminal under a "
        "$300 million concession.",
        "contract",
        {"awarder": "Omega Rail Authority", "contractor": ["Sigma Builders Ltd"], "value": "$300 million"},
    ),
    (
        "won_a_package",  # a package is a contract word
        "Sigma Builders Ltd won the largest package, worth $40 million, on Monday.",
        "contract",
        {"contractor": ["Sigma Builders Ltd"], "value": "$40 million"},
    ),
    (
        "took_a_package",  # a land verb in a sentence about contracts, not land
        "Kappa Works Ltd took the second package for $20 million on Monday.",
        "contract",
        {"contractor": ["Kappa Works Ltd"], "value": "$20 million"},
    ),
    (
        "will_spend_by",
        "Lambda Power Corp said it would spend $1.3 billion on new substations by 2028.",
        "plan",
        {"body": "Lambda Power Corp", "amount": "$1.3 billion", "date": "2028"},
    ),
    (
        "a_plant_by",  # a plant with its cost on it, no other trigger: an investment; "by" names the investor
        "The deals include a $46 million battery separator plant by Sigma Energy Ltd.",
        "investment",
        {"investor": "Sigma Energy Ltd.", "amount": "$46 million"},
    ),
    (
        "will_add_a_line_worth",  # "add" with a trigger as its object reports nothing
        "Kessel Drives GmbH will add a gearbox line worth $85 million next year.",
        "investment",
        {"investor": "Kessel Drives GmbH", "amount": "$85 million"},
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("name,text,kind,expected", CASES)
def test_named_sentences(tmp_path, name, text, kind, expected):
    from pipeline.engines.run import run  # noqa: F401 - the whole step, as a run does it

    src = tmp_path / "a.md"
    src.write_text(f"# Headline here\n\n{text}\n", "utf8")
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(tmp_path / "out")],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    data = json.loads(next(p for p in (tmp_path / "out").glob("*.json") if p.name != "run.json").read_text())
    texts = {r["id"]: r["mentions"][0]["text"] for r in data["records"]}
    facts = [f for f in data["facts"] if f["type"] == kind]
    assert facts
    got = {
        role: [texts.get(x) for x in v] if isinstance(v, list) else v["text"] if isinstance(v, dict) else texts.get(v)
        for role, v in facts[0]["roles"].items()
    }
    assert {r: got.get(r) for r in expected} == expected


NO_FACT = [  # (name, sentence, type that must not be found)
    (
        "a_plants_cost_with_no_investor",
        "The new mill of Omega Pulp Ltd, which will cost $2 billion, opens in 2027.",
        "investment",
    ),
    ("period_total_so_far", "Omega Park Authority had sold 3,280 mu of land so far this year.", "property"),
    (
        "period_total_average",
        "Omega Park Authority sold 640 mu of land in 2025 at an average of $3 million a plot.",
        "property",
    ),
    ("a_related_story_line", "Related: Kappa Foods Ltd buys Sigma Dairy Ltd for $40 million", "acquisition"),
    ("a_reporter_is_no_buyer", "The two companies bought 214 acres, Omega Zone Authority said.", "property"),
    (
        "a_host_signing_projects_is_no_investor",  # the zone signs projects; the investment has no investor named
        "Omega Zone Authority signed 18 projects with Sigma Motors Ltd and others, with a total planned investment "
        "of $2 billion.",
        "investment",
    ),
    (
        "take_on_staff_is_no_purchase",
        "Omega Water Ltd will take on 300 staff at its 26-hectare plant site from Kappa Utilities Ltd.",
        "property",
    ),
    (
        "due_to_vote_is_no_plan",
        "Omega City Council is due to vote by 2026 on the plan. Its bonds closed at $12.50.",
        "plan",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("name,text,kind", NO_FACT)
def test_sentences_with_no_fact(tmp_path, name, text, kind):
    import subprocess
    import sys

    src = tmp_path / "a.md"
    src.write_text(f"# Headline here\n\n{text}\n", "utf8")
    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(tmp_path / "out")],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    data = json.loads(next(p for p in (tmp_path / "out").glob("*.json") if p.name != "run.json").read_text())
    assert data["records"], "the sentence must hold records for the test to mean anything"
    assert [f for f in data["facts"] if f["type"] == kind] == []


def test_no_fact_scores_when_no_scored_article_has_gold_facts(tmp_path):
    """Outputs of articles whose gold has no facts (a folder of other articles): no fact table, no crash."""
    from pipeline.evaluation.facts import evaluate_facts

    gold, out = tmp_path / "gold", tmp_path / "out"
    gold.mkdir()
    out.mkdir()
    (gold / "a.json").write_text(json.dumps({"article": "a", "records": [], "facts": [{"type": "loan", "roles": {}}]}))
    (out / "b.json").write_text(json.dumps({"article": {"id": "b"}, "text": "", "records": [], "facts": []}))
    assert evaluate_facts(out, gold) is None
    assert evaluate_facts(out, gold, baseline=True) is None


def test_status_and_text_roles_are_scored_on_the_paired_gold_fact():
    """A predicted fact is paired with the gold fact sharing its records; its status and its text
    roles are scored there (a text matches when one holds the other, any case)."""
    gold_recs = [
        {"type": "organisation", "value": "Acme", "text": "Acme"},
        {"type": "money", "value": 5, "currency": "USD", "text": "$5"},
    ]
    gold_fact = {
        "type": "property",
        "status": "agreed",
        "roles": {"buyer": "Acme", "price": "$5", "place": "Kai Tak", "site": "a plot in Kai Tak"},
    }
    out = _acme_output()
    pred = {
        "a": [
            {
                "type": "property",
                "status": "completed",
                "roles": {
                    "buyer": "a:organisation-1",
                    "price": "a:money-1",
                    "place": {"text": "the Kai Tak", "start": 0, "end": 11},
                    "site": {"text": "Central", "start": 0, "end": 7},
                },
                "sentence": "",
            }
        ]
    }
    ev = score_facts(pred, out, {"a": (gold_recs, [gold_fact])})
    assert ev.micro.tp == 2
    assert (ev.status_micro.tp, ev.status_micro.fp, ev.status_micro.fn) == (0, 1, 1)
    assert ev.text_roles["property.place"].tp == 1
    assert (ev.text_roles["property.site"].fp, ev.text_roles["property.site"].fn) == (1, 1)


def test_facts_find_is_the_function_on_every_access():
    """Regression: the lazy ``find`` left the submodule bound as ``pipeline.facts.find`` after the
    first call, so every article after the first of a run failed with E020."""
    import subprocess
    import sys

    code = (
        "import pipeline.facts.link, pipeline.facts.records; from pipeline import facts;"
        " a = facts.find; b = facts.find; assert callable(a) and a is b, b"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_status_phrases_are_whole_words_in_a_row(nlp):
    """``call off`` is two lemmas in a row, never part of another word: ``recall officials``
    is no calling off (the joined lemmas held ``recall off``)."""
    from pipeline.facts.status import status

    def status_of(text: str, trigger: str) -> str | None:
        sent = next(nlp(text).sents)
        return status(sent, next(t.i for t in sent if t.text == trigger) - sent.start, set())

    assert status_of("Acme will recall officials after it bought Beta for $5 million.", "bought") == "completed"
    assert status_of("Acme called off its plan to buy Beta for $5 million.", "buy") == "called off"
    assert status_of("Acme walked away from a deal to buy Beta for $5 million.", "buy") == "called off"


@pytest.mark.slow
def test_text_roles_site_and_place(tmp_path):
    """A property deal's site is the trigger's object, its place the name after 'in'; a
    funding round's words are its round."""
    data = _run_one(
        tmp_path,
        "# Headline here\n\nZeta Foods Ltd bought a 12-hectare plot in Northvale for $5 million on Monday.\n\n"
        "Acme Robotics Ltd raised $40 million in a Series B round led by Beta Capital on Tuesday.\n",
    )
    text = (tmp_path / "a.md").read_text("utf8")
    by_type = {f["type"]: f["roles"] for f in data["facts"]}
    site, place = by_type["property"]["site"], by_type["property"]["place"]
    assert "plot" in site["text"] and place["text"] == "Northvale"
    assert "Series B round" in by_type["funding"]["round"]["text"]
    assert text.count(place["text"]) == 1


@pytest.mark.slow
def test_two_deals_in_clauses_of_their_own(tmp_path):
    """Two land deals in one sentence, each clause with its own buyer as subject, are two facts,
    each with its own area and price; the second buyer is not the first clause's subject."""
    data = _run_one(
        tmp_path,
        "# Headline here\n\nKappa Steel Ltd took 300 acres for $5 million, while Sigma Textiles Ltd got 180 acres"
        " for $3 million.\n",
    )
    texts = {r["id"]: r["mentions"][0]["text"] for r in data["records"]}
    deals = [
        {role: texts[v] for role, v in f["roles"].items() if role in ("buyer", "area", "price")}
        for f in data["facts"]
        if f["type"] == "property"
    ]
    assert deals == [
        {"buyer": "Kappa Steel Ltd", "area": "300 acres", "price": "$5 million"},
        {"buyer": "Sigma Textiles Ltd", "area": "180 acres", "price": "$3 million"},
    ]


@pytest.mark.slow
def test_parties_joined_by_and_make_a_fact_each(tmp_path):
    """Two buyers joined by 'and' in a single-valued role: a fact for each, the rest shared."""
    data = _run_one(
        tmp_path,
        "# Headline here\n\nKappa Land Ltd sold two plots totalling 40 hectares to Sigma Homes Ltd and Omega Estates"
        " Ltd on Monday.\n",
    )
    texts = {r["id"]: r["mentions"][0]["text"] for r in data["records"]}
    deals = [
        {role: texts[v] for role, v in f["roles"].items() if role in ("buyer", "seller", "area")}
        for f in data["facts"]
        if f["type"] == "property"
    ]
    assert deals == [
        {"buyer": "Sigma Homes Ltd", "seller": "Kappa Land Ltd", "area": "40 hectares"},
        {"buyer": "Omega Estates Ltd", "seller": "Kappa Land Ltd", "area": "40 hectares"},
    ]


@pytest.mark.slow
def test_market_totals_are_no_investment(tmp_path):
    """Foreign direct investment reaching a sum, or foreign investors committing one, is a
    market's total: no investment fact."""
    data = _run_one(
        tmp_path,
        "# Headline here\n\nForeign direct investment in the zone reached $3 billion in June, Omega Ltd said.\n\n"
        "The Ministry of Energy said foreign investors had committed $9 billion to power projects this year.\n",
    )
    assert not [f for f in data["facts"] if f["type"] == "investment"]


@pytest.mark.slow
def test_a_plant_on_the_land_is_its_buyers_investment(tmp_path):
    """Land taken for a plant of a given cost: the cost is the taker's investment, not the
    land's price; in a clause with no verb (``and Y 12 hectares for ...``) the party named in it
    invests."""
    data = _run_one(
        tmp_path,
        "# Headline here\n\nKappa Steel Ltd took 40 hectares for a $90 million rolling mill, and Sigma Foods Ltd"
        " 12 hectares for a dairy plant worth $15 million.\n",
    )
    texts = {r["id"]: r["mentions"][0]["text"] for r in data["records"]}
    facts = [
        (f["type"], {role: texts[v] for role, v in f["roles"].items() if isinstance(v, str)}) for f in data["facts"]
    ]
    assert facts == [
        ("property", {"buyer": "Kappa Steel Ltd", "area": "40 hectares"}),
        ("property", {"buyer": "Sigma Foods Ltd", "area": "12 hectares"}),  # a clause with no verb
        ("investment", {"investor": "Kappa Steel Ltd", "amount": "$90 million"}),
        ("investment", {"investor": "Sigma Foods Ltd", "amount": "$15 million"}),
    ]


@pytest.mark.slow
def test_a_clause_with_no_verb_is_a_fact_of_its_own(tmp_path):
    """``X will invest A in P and Y B in Q``: Y's clause has no verb; the party named right before
    the second amount invests it."""
    data = _run_one(
        tmp_path,
        "# Headline here\n\nKappa Tiles Ltd will invest $145 million in a tile plant and Sigma Steel Works Ltd"
        " $90 million in a billet mill.\n",
    )
    texts = {r["id"]: r["mentions"][0]["text"] for r in data["records"]}
    deals = [
        {role: texts[v] for role, v in f["roles"].items() if role in ("investor", "amount")}
        for f in data["facts"]
        if f["type"] == "investment"
    ]
    assert deals == [
        {"investor": "Kappa Tiles Ltd", "amount": "$145 million"},
        {"investor": "Sigma Steel Works Ltd", "amount": "$90 million"},
    ]
