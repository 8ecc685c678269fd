"""Money extraction, case tables by origin: sentence -> one row per record.

A row is (mention text, value, currency, approximate, qualifier, min, max).
"""

import logging
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.extractors import Context, registry
from pipeline.extractors._numbers import alternation


def extract(doc, context):
    """The money extractor as a run calls it: with the article's facts worked out first."""
    return registry.extract(doc, context, ["money"])


B = 10**9
M = 10**6

SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "articles" / "000_0fe4684b8b822597.txt"

# From the sample page (000_0fe4684b8b822597), as clean.py leaves it.
SAMPLE = {
    "hyphenated yuan with US$ conversion": (
        "it is the newest addition to Jiading's master development plan for its 100-billion-yuan (US$13.7 billion) biopharmaceutical industry.",
        [
            ("100-billion-yuan", 100 * B, "CNY", False, None, None, None),
            ("US$13.7 billion", Decimal("13.7") * B, "USD", False, None, None, None),
        ],
    ),
    "around 10 billion yuan": (
        "the annual industrial output within the MedValley will reach around 10 billion yuan.",
        [("10 billion yuan", 10 * B, "CNY", True, "around", None, None)],
    ),
    "decimal billions; firm count ignored": (
        "the suburban district, which is now home to approximately 400 biopharmaceutical and medical equipment firms, reached 23.58 billion yuan.",
        [("23.58 billion yuan", Decimal("23.58") * B, "CNY", False, None, None, None)],
    ),
    "billions of yuan": (
        "the high-performance medical equipment and precision medicine clusters worth billions of yuan.",
        [("billions of yuan", None, "CNY", True, "billions of", None, None)],
    ),
}

# General forms: every currency word and symbol, scale, qualifier, range and vague form.
GENERAL = {
    "RMB before": ("It raised RMB 5 billion.", [("RMB 5 billion", 5 * B, "CNY", False, None, None, None)]),
    "RMB after": ("It raised 5 billion RMB.", [("5 billion RMB", 5 * B, "CNY", False, None, None, None)]),
    "CNY before": ("It raised CNY 300 million.", [("CNY 300 million", 300 * M, "CNY", False, None, None, None)]),
    "renminbi": (
        "It raised 2 trillion renminbi.",
        [("2 trillion renminbi", 2 * 10**12, "CNY", False, None, None, None)],
    ),
    "US$": ("It cost US$2.5 million.", [("US$2.5 million", Decimal("2.5") * M, "USD", False, None, None, None)]),
    "bare $": ("It cost $40,000.", [("$40,000", 40000, "USD", False, None, None, None)]),
    "$ glued m": ("It cost $5m.", [("$5m", 5 * M, "USD", False, None, None, None)]),
    "$ glued k": ("It cost $20k.", [("$20k", 20000, "USD", False, None, None, None)]),
    "$ glued bn": ("It cost $3bn.", [("$3bn", 3 * B, "USD", False, None, None, None)]),
    "USD before": ("It cost USD 7 million.", [("USD 7 million", 7 * M, "USD", False, None, None, None)]),
    "dollars": ("It cost 4 million dollars.", [("4 million dollars", 4 * M, "USD", False, None, None, None)]),
    "US dollars": ("It cost 4 million US dollars.", [("4 million US dollars", 4 * M, "USD", False, None, None, None)]),
    "U.S. dollars": (
        "It cost 4 million U.S. dollars.",
        [("4 million U.S. dollars", 4 * M, "USD", False, None, None, None)],
    ),
    "hyphenated dollar": ("a 10-million-dollar deal", [("10-million-dollar", 10 * M, "USD", False, None, None, None)]),
    "HK$ beats $": ("It cost HK$8 billion.", [("HK$8 billion", 8 * B, "HKD", False, None, None, None)]),
    "Hong Kong dollars": (
        "It cost 8 billion Hong Kong dollars.",
        [("8 billion Hong Kong dollars", 8 * B, "HKD", False, None, None, None)],
    ),
    "euro sign": ("It cost €1.2 billion.", [("€1.2 billion", Decimal("1.2") * B, "EUR", False, None, None, None)]),
    "euros": ("It cost 12 million euros.", [("12 million euros", 12 * M, "EUR", False, None, None, None)]),
    "EUR after": ("It cost 12 mln EUR.", [("12 mln EUR", 12 * M, "EUR", False, None, None, None)]),
    "pound sign": ("It cost £3 million.", [("£3 million", 3 * M, "GBP", False, None, None, None)]),
    "pounds": ("It cost 3 thousand pounds.", [("3 thousand pounds", 3000, "GBP", False, None, None, None)]),
    "pounds sterling": (
        "It cost 9 bn pounds sterling.",
        [("9 bn pounds sterling", 9 * B, "GBP", False, None, None, None)],
    ),
    "yen": ("It cost 500 million yen.", [("500 million yen", 500 * M, "JPY", False, None, None, None)]),
    "yen sign, no China": ("Tokyo paid ¥500 million.", [("¥500 million", 500 * M, "JPY", False, None, None, None)]),
    "yen sign in a Chinese article": (
        "Beijing paid ¥500 million.",
        [("¥500 million", 500 * M, "CNY", False, None, None, None)],
    ),
    "spelled out": ("It cost two billion yuan.", [("two billion yuan", 2 * B, "CNY", False, None, None, None)]),
    "spelled hyphenated": (
        "It cost twenty-five million dollars.",
        [("twenty-five million dollars", 25 * M, "USD", False, None, None, None)],
    ),
    "a billion": ("It cost a billion yuan.", [("a billion yuan", B, "CNY", False, None, None, None)]),
    "about": ("It cost about 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "about", None, None)]),
    "nearly": ("It cost nearly 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "nearly", None, None)]),
    "almost": ("It cost almost $3 billion.", [("$3 billion", 3 * B, "USD", True, "almost", None, None)]),
    "approximately": (
        "It cost approximately 3 billion yuan.",
        [("3 billion yuan", 3 * B, "CNY", True, "approximately", None, None)],
    ),
    "roughly": ("It cost roughly 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "roughly", None, None)]),
    "some": ("It cost some 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "some", None, None)]),
    "over": ("It cost over 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "over", None, None)]),
    "More than, capitalised": (
        "More than 3 billion yuan was spent.",
        [("3 billion yuan", 3 * B, "CNY", True, "more than", None, None)],
    ),
    "less than": (
        "It cost less than 3 billion yuan.",
        [("3 billion yuan", 3 * B, "CNY", True, "less than", None, None)],
    ),
    "under": ("It cost under 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "under", None, None)]),
    "up to": ("It may cost up to 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "up to", None, None)]),
    "at least": ("It cost at least 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "at least", None, None)]),
    "at most": ("It cost at most 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "at most", None, None)]),
    "as much as": (
        "It cost as much as 3 billion yuan.",
        [("3 billion yuan", 3 * B, "CNY", True, "as much as", None, None)],
    ),
    "close to": ("It cost close to 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "close to", None, None)]),
    "range with to": (
        "It will cost 2 to 3 billion yuan.",
        [("2 to 3 billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)],
    ),
    "range with hyphen": (
        "It will cost 2-3 billion yuan.",
        [("2-3 billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)],
    ),
    "range with between": (
        "It will cost between 2 and 3 billion yuan.",
        [("between 2 and 3 billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)],
    ),
    "range with two symbols": (
        "It will cost $2 billion to $3 billion.",
        [("$2 billion to $3 billion", 2 * B, "USD", False, None, 2 * B, 3 * B)],
    ),
    "range with two scales": (
        "It will cost 2 billion to 3 billion yuan.",
        [("2 billion to 3 billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)],
    ),
    "range, symbol once": ("It will cost $2-3 billion.", [("$2-3 billion", 2 * B, "USD", False, None, 2 * B, 3 * B)]),
    "qualified range": (
        "It will cost roughly 2 to 3 billion yuan.",
        [("2 to 3 billion yuan", 2 * B, "CNY", True, "roughly", 2 * B, 3 * B)],
    ),
    "millions of dollars": (
        "They spent millions of dollars.",
        [("millions of dollars", None, "USD", True, "millions of", None, None)],
    ),
    "hundreds of millions": (
        "They spent hundreds of millions of yuan.",
        [("hundreds of millions of yuan", None, "CNY", True, "hundreds of millions of", None, None)],
    ),
    "qualified conversion": (
        "It raised 10 billion yuan (about US$1.4 billion).",
        [
            ("10 billion yuan", 10 * B, "CNY", False, None, None, None),
            ("US$1.4 billion", Decimal("1.4") * B, "USD", True, "about", None, None),
        ],
    ),
}

# Must yield nothing.
NEGATIVES = {
    "firm count": ("The district is home to approximately 400 firms.", []),
    "people": ("The country has 10 billion people.", []),
    "years": ("By 2025, we hope to finish; in 2022 output grew.", []),
    "percentage": ("Output grew 5% and then 10 percent.", []),
    "One Axis": ('It features "One Axis, One Town, Two Valleys, and Two Zones."', []),
    "area": ("It covers 2.2 square kilometers and 200 mu (133,333 sqm).", []),
    "pound as weight": ("He weighs 180 pounds.", []),
    "bare scale": ("It has 5 million users and a 3m pole.", []),
}

# Bugs caught while building it.
BUGS = {
    "year then dollar sign": ("In 2022 $5 billion was spent.", [("$5 billion", 5 * B, "USD", False, None, None, None)]),
    "from-to is a change, not a range": (
        "Output rose from 2 to 3 billion yuan.",
        [("2", 2 * B, "CNY", False, None, None, None), ("3 billion yuan", 3 * B, "CNY", False, None, None, None)],
    ),
    "amount then a count is no range": (
        "It gave $5 billion to 30 firms.",
        [("$5 billion", 5 * B, "USD", False, None, None, None)],
    ),
    "between two spelled numbers": (
        "It cost between two and three billion yuan.",
        [("between two and three billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)],
    ),
    "falling amounts are no range": (
        "It cut 5 billion yuan to 3 billion yuan.",
        [
            ("5 billion yuan", 5 * B, "CNY", False, None, None, None),
            ("3 billion yuan", 3 * B, "CNY", False, None, None, None),
        ],
    ),
    # issue 21: a number that cannot be read exactly is no amount, never a different one
    "money_exponent_is_not_one_dollar ($1e309)": ("It cost $1e309 in all.", []),
    "money_exponent_with_scale_is_not_one_dollar ($1e309 billion)": ("It cost $1e309 billion in all.", []),
    "money_power_is_not_ten_dollars ($10^400)": ("It cost $10^400 in all.", []),
    "money_times_power_is_not_the_mantissa ($1.5 x 10^12)": ("It cost $1.5 x 10^12 in all.", []),
}


# The forms of issue 8 ("Money, area and dates on news from anywhere"), one row per form, a
# negative beside each family. A row is (mention, value, currency, currency_basis, qualifier, min, max);
# the article has no source, no currency_default and no dateline.
T = 10**12
C = Decimal("0.01")
NEWS = {
    # Indian scale words and rupees
    "Rs crore": ("It raised Rs 1,250 crore.", [("Rs 1,250 crore", 1250 * 10**7, "INR", "default", None, None, None)]),
    "Rs hyphenated crore": ("a Rs 500-crore plan", [("Rs 500-crore", 500 * 10**7, "INR", "default", None, None, None)]),
    "rupee sign lakh": ("It cost ₹45 lakh.", [("₹45 lakh", 45 * 10**5, "INR", "written", None, None, None)]),
    "lakh crore": (
        "It cost Rs 1.5 lakh crore.",
        [("Rs 1.5 lakh crore", Decimal("1.5") * T, "INR", "default", None, None, None)],
    ),
    "Indian grouping": ("It cost Rs 1,00,000.", [("Rs 1,00,000", 100000, "INR", "default", None, None, None)]),
    "rupees": ("It cost 300 rupees.", [("300 rupees", 300, "INR", "default", None, None, None)]),
    # other currencies by name, sign or code
    "won": (
        "Samsung will spend 3.2 trillion won.",
        [("3.2 trillion won", Decimal("3.2") * T, "KRW", "default", None, None, None)],
    ),
    "won sign": (
        "Samsung will spend ₩3.2 trillion.",
        [("₩3.2 trillion", Decimal("3.2") * T, "KRW", "written", None, None, None)],
    ),
    "shekels": ("It cost 40 million shekels.", [("40 million shekels", 40 * M, "ILS", "written", None, None, None)]),
    "shekel sign": ("It cost ₪40 million.", [("₪40 million", 40 * M, "ILS", "written", None, None, None)]),
    "ringgit sign": ("It cost RM45,000.", [("RM45,000", 45000, "MYR", "written", None, None, None)]),
    "ringgit": ("It cost 45,000 ringgit.", [("45,000 ringgit", 45000, "MYR", "written", None, None, None)]),
    "Swiss francs": ("It cost 10 Swiss francs.", [("10 Swiss francs", 10, "CHF", "written", None, None, None)]),
    "CHF spaced before": ("It cost CHF 20m.", [("CHF 20m", 20 * M, "CHF", "written", None, None, None)]),
    "Swedish kronor": (
        "It cost 90 million Swedish kronor.",
        [("90 million Swedish kronor", 90 * M, "SEK", "written", None, None, None)],
    ),
    "Danish crowns": (
        "It cost 90 million Danish crowns.",
        [("90 million Danish crowns", 90 * M, "DKK", "written", None, None, None)],
    ),
    "kr after, capital named": ("It cost 500 kr in Oslo.", [("500 kr", 500, "NOK", "article", None, None, None)]),
    "kr with no country": ("It cost 500 kr.", [("500 kr", 500, "SEK", "default", None, None, None)]),
    "Mexican pesos": ("It cost 200 Mexican pesos.", [("200 Mexican pesos", 200, "MXN", "written", None, None, None)]),
    "rand": ("It cost 12 billion rand.", [("12 billion rand", 12 * B, "ZAR", "written", None, None, None)]),
    "baht": ("It cost 5,000 baht.", [("5,000 baht", 5000, "THB", "written", None, None, None)]),
    # country-marked dollars
    "NZ$": ("It cost NZ$5 million.", [("NZ$5 million", 5 * M, "NZD", "written", None, None, None)]),
    "A$": ("It cost A$6 million.", [("A$6 million", 6 * M, "AUD", "written", None, None, None)]),
    "AU$": ("It cost AU$7 million.", [("AU$7 million", 7 * M, "AUD", "written", None, None, None)]),
    "$A": ("It cost $A14 million.", [("$A14 million", 14 * M, "AUD", "written", None, None, None)]),
    "C$": ("It cost C$8 million.", [("C$8 million", 8 * M, "CAD", "written", None, None, None)]),
    "C $ spaced": ("It cost C $12.", [("C $12", 12, "CAD", "written", None, None, None)]),
    "CA$": ("It cost CA$9 million.", [("CA$9 million", 9 * M, "CAD", "written", None, None, None)]),
    "S$": ("It cost S$10 million.", [("S$10 million", 10 * M, "SGD", "written", None, None, None)]),
    "HK$ spaced": (
        "It cost HK $2.1 billion.",
        [("HK $2.1 billion", Decimal("2.1") * B, "HKD", "written", None, None, None)],
    ),
    "$US": ("It cost $US13 million.", [("$US13 million", 13 * M, "USD", "written", None, None, None)]),
    # ISO codes glued or spaced, before or after
    "AUD glued": ("It raised AUD2.4m.", [("AUD2.4m", Decimal("2.4") * M, "AUD", "written", None, None, None)]),
    "INR spaced": ("It raised INR 3 trillion.", [("INR 3 trillion", 3 * T, "INR", "written", None, None, None)]),
    "code after": ("It raised 5m AUD.", [("5m AUD", 5 * M, "AUD", "written", None, None, None)]),
    # nationality or country before the currency name
    "Chinese yuan": ("It cost 5,300 Chinese yuan.", [("5,300 Chinese yuan", 5300, "CNY", "written", None, None, None)]),
    "Australian dollars": (
        "It cost 8.2 million Australian dollars.",
        [("8.2 million Australian dollars", Decimal("8.2") * M, "AUD", "written", None, None, None)],
    ),
    "Singapore dollars": (
        "It cost 3 million Singapore dollars.",
        [("3 million Singapore dollars", 3 * M, "SGD", "written", None, None, None)],
    ),
    # scale words and suffixes
    "tn": ("It is worth $3tn.", [("$3tn", 3 * T, "USD", "default", None, None, None)]),
    "glued b": ("It is worth $7.5b.", [("$7.5b", Decimal("7.5") * B, "USD", "default", None, None, None)]),
    "glued B": ("It is worth €12B.", [("€12B", 12 * B, "EUR", "written", None, None, None)]),
    "glued T": ("It is worth $1.38T.", [("$1.38T", Decimal("1.38") * T, "USD", "default", None, None, None)]),
    "mil": ("It cost 1.5 mil dollars.", [("1.5 mil dollars", Decimal("1.5") * M, "USD", "default", None, None, None)]),
    "glued mil": ("It cost S$2mil.", [("S$2mil", 2 * M, "SGD", "written", None, None, None)]),
    "space groups thousands": (
        "It cost 25 000 dollars.",
        [("25 000 dollars", 25000, "USD", "default", None, None, None)],
    ),
    # sub-units
    "cents": ("It costs 50 cents.", [("50 cents", Decimal("0.50"), "USD", "default", None, None, None)]),
    "hyphenated cent": ("a 15-cent stamp", [("15-cent", Decimal("0.15"), "USD", "default", None, None, None)]),
    "glued p": (
        "Shares closed at 212p, down from £2.30.",
        [
            ("212p", Decimal("2.12"), "GBP", "default", None, None, None),
            ("£2.30", Decimal("2.30"), "GBP", "default", None, None, None),
        ],
    ),
    "pence": ("Shares fell 96.5 pence.", [("96.5 pence", Decimal("0.965"), "GBP", "default", None, None, None)]),
    "sen": ("It fell 20 sen.", [("20 sen", Decimal("0.20"), "MYR", "written", None, None, None)]),
    # lists, changes and ranges
    "list with or": (
        "It costs six or seven euros.",
        [("six", 6, "EUR", "written", None, None, None), ("seven euros", 7, "EUR", "written", None, None, None)],
    ),
    "list of two amounts": (
        "Deals of $5m and $8m.",
        [("$5m", 5 * M, "USD", "default", None, None, None), ("$8m", 8 * M, "USD", "default", None, None, None)],
    ),
    "change and level": (
        "Revenue rose by $12.4 billion to $230.1 billion.",
        [
            ("$12.4 billion", Decimal("12.4") * B, "USD", "default", "by", None, None),
            ("$230.1 billion", Decimal("230.1") * B, "USD", "default", None, None, None),
        ],
    ),
    "price cut from-to": (
        "The price was cut from $41,990 to $39,500.",
        [
            ("$41,990", 41990, "USD", "default", None, None, None),
            ("$39,500", 39500, "USD", "default", None, None, None),
        ],
    ),
    "estimate range": (
        "The stake may fetch $2 billion to $4 billion.",
        [("$2 billion to $4 billion", 2 * B, "USD", "default", None, 2 * B, 4 * B)],
    ),
    "hyphen range glued scale": ("It may fetch $3-4bn.", [("$3-4bn", 3 * B, "USD", "default", None, 3 * B, 4 * B)]),
    # signs news writes that CLDR's English locales lack (money.signs)
    "NIS": (
        "It sold plots for NIS 1.1 billion.",
        [("NIS 1.1 billion", Decimal("1.1") * B, "ILS", "written", None, None, None)],
    ),
    "KSh": ("Deals worth KSh 170 billion.", [("KSh 170 billion", 170 * B, "KES", "written", None, None, None)]),
    "SR riyal": (
        "A bill of SR3.5 billion.",
        [("SR3.5 billion", Decimal("3.5") * B, "SAR", "default", None, None, None)],
    ),
    "R rand in a story naming South Africa": (
        "Its South African order book stood at R1.2 billion.",
        [("R1.2 billion", Decimal("1.2") * B, "ZAR", "article", None, None, None)],
    ),
    # Gulf, South Asian and Latin American signs (issue 17)
    "Dh dirham": (  # the UAE's usual reading (Morocco's in a Moroccan story): "default"
        "Emaar will spend Dh1.6 billion.",
        [("Dh1.6 billion", Decimal("1.6") * B, "AED", "default", None, None, None)],
    ),
    "Dhs dirhams": ("Emaar raised Dhs450 million.", [("Dhs450 million", 450 * M, "AED", "default", None, None, None)]),
    "Dh without a scale": ("A taxi costs Dh381 a week.", [("Dh381", 381, "AED", "default", None, None, None)]),
    "QR riyal": (
        "The contract is worth QR1.9bn.",
        [("QR1.9bn", Decimal("1.9") * B, "QAR", "written", None, None, None)],
    ),
    "RO rial spaced": (
        "It will cost RO 120 million.",
        [("RO 120 million", 120 * M, "OMR", "written", None, None, None)],
    ),
    "OMR code": ("It will cost OMR 120 million.", [("OMR 120 million", 120 * M, "OMR", "written", None, None, None)]),
    "BD dinar": ("The deal is worth BD45 million.", [("BD45 million", 45 * M, "BHD", "written", None, None, None)]),
    "KD dinar": ("The deal is worth KD 1.2bn.", [("KD 1.2bn", Decimal("1.2") * B, "KWD", "written", None, None, None)]),
    "Rp rupiah glued tn": ("It raised Rp5.2tn.", [("Rp5.2tn", Decimal("5.2") * T, "IDR", "written", None, None, None)]),
    "VND and dong": (
        "It raised VND 5 trillion and 300 billion dong.",
        [
            ("VND 5 trillion", 5 * T, "VND", "written", None, None, None),
            ("300 billion dong", 300 * B, "VND", "written", None, None, None),
        ],
    ),
    "Mex$": ("It raised Mex$5 billion.", [("Mex$5 billion", 5 * B, "MXN", "written", None, None, None)]),
    "S/ sol spaced and dotted": (
        "It raised S/ 1.7 billion and S/.500 million.",
        [
            ("S/ 1.7 billion", Decimal("1.7") * B, "PEN", "written", None, None, None),
            ("S/.500 million", 500 * M, "PEN", "written", None, None, None),
        ],
    ),
    "soles": (
        "Roadblocks cost 1.7 billion soles.",
        [("1.7 billion soles", Decimal("1.7") * B, "PEN", "written", None, None, None)],
    ),
    "Tk taka crore": (
        "A fund of Tk 1,200 crore.",
        [("Tk 1,200 crore", 1200 * 10**7, "BDT", "written", None, None, None)],
    ),
    "kobo": ("A dividend of 50 kobo per share.", [("50 kobo", Decimal("0.50"), "NGN", "written", None, None, None)]),
    "baisa of the rial": (
        "Oman's shares closed at RO 1.2, up 12 baisa.",
        [
            ("RO 1.2", Decimal("1.2"), "OMR", "written", None, None, None),
            ("12 baisa", Decimal("0.012"), "OMR", "written", None, None, None),
        ],
    ),
    "Malaysian bil": (
        "Gamuda won a RM2.1 bil job.",
        [("RM2.1 bil", Decimal("2.1") * B, "MYR", "written", None, None, None)],
    ),
    "soums": (
        "The plant costs 1.9 trillion soums.",
        [("1.9 trillion soums", Decimal("1.9") * T, "UZS", "written", None, None, None)],
    ),
    "reais": (
        "It paid 1.1 billion reais.",
        [("1.1 billion reais", Decimal("1.1") * B, "BRL", "written", None, None, None)],
    ),
    "LE Egyptian pound": (
        "The bank lent LE 850 million.",
        [("LE 850 million", 850 * M, "EGP", "default", None, None, None)],
    ),
    # a form naming several currencies reads as the country the article names
    "yen sign in a Japanese story": (
        "Japan's Aoki, which also sells in China, added ¥27 billion.",
        [("¥27 billion", 27 * B, "JPY", "article", None, None, None)],
    ),
    "peso in a Chilean story": (
        "Chile's top court upheld a 16.5 billion peso fine.",
        [("16.5 billion peso", Decimal("16.5") * B, "CLP", "article", None, None, None)],
    ),
    "riyals in a Saudi story": (
        "Saudi Arabia set spending at 1.285 trillion riyals.",
        [("1.285 trillion riyals", Decimal("1.285") * T, "SAR", "article", None, None, None)],
    ),
    "kr in a Danish story": (
        "The Danish group made kr 1.1bn.",
        [("kr 1.1bn", Decimal("1.1") * B, "DKK", "article", None, None, None)],
    ),
    # lakh and crore with no currency in an Indian story are rupees
    "bare crore in an Indian story": (
        "India raised the outlay to 39,870 crore from 36,200 crore.",
        [
            ("39,870 crore", 39870 * 10**7, "INR", "article", None, None, None),
            ("36,200 crore", 36200 * 10**7, "INR", "article", None, None, None),
        ],
    ),
    "bare lakh before an area unit is floor space": ("India's new plant covers 12 lakh sq ft.", []),
    "bare lakh range": (
        "Indian players earn between 6 lakh and 15 lakh.",
        [("between 6 lakh and 15 lakh", 6 * 10**5, "INR", "article", None, 6 * 10**5, 15 * 10**5)],
    ),
    # pound: sterling unless the words around say weight
    "pounds sterling by scale": (
        "It paid 3 million pounds for the firm.",
        [("3 million pounds", 3 * M, "GBP", "default", None, None, None)],
    ),
}

NEWS_NEGATIVES = {
    "pounds as weight": ("He weighs 180 pounds.", []),
    "hyphenated pound bag": ("She carried a 50-pound bag.", []),
    "pound-feet": ("The engine makes 310 pound-feet.", []),
    "yen without an amount": ("The yen weakened against the dollar.", []),
    "won as a verb": ("Sweden won 2-1 and priced in won.", []),
    "real as a word": ("There are 2 real reasons.", []),
    "code-like capitals": ("TOP 10 deals for ALL 5 players.", []),
    "cents of land": ("He bought 12 cents of land.", []),
    "glued p without sterling": ("It streams in 1080p.", []),
    "list needs a unit": ("In 2019 and 2020 it grew.", []),
    "R without a scale": ("They drove the R2 to the coast.", []),
    "R with a scale but nothing South African": ("Its order book stood at R1.2 billion.", []),
    "crore outside an Indian story": ("The city has 1.3 crore in reserve.", []),
    "crore counting people": (
        "India's city has 1.3 crore people and Rs 5 crore.",
        [("Rs 5 crore", 5 * 10**7, "INR", "article", None, None, None)],
    ),
    "cents before other words": (
        "Gas was 50 cents a gigajoule; farm incomes rose.",
        [("50 cents", Decimal("0.50"), "USD", "default", None, None, None)],
    ),
    "year is no list member": ("In 2019 or $5m.", [("$5m", 5 * M, "USD", "default", None, None, None)]),
}

# Which dollar a bare "$" is: (sentence, source, currency_default) -> [(mention, currency, basis)].
BARE_DOLLAR = {
    "no sign of a home: USD": ("It cost $5 million.", "", None, [("$5 million", "USD", "default")]),
    "currency_default": ("It cost $5 million.", "", "AUD", [("$5 million", "AUD", "source")]),
    "currency_default beats the article": (
        "It cost $5 million, or NZ$6 million.",
        "",
        "AUD",
        [("$5 million", "AUD", "source"), ("NZ$6 million", "NZD", "written")],
    ),
    "marked dollar elsewhere": (
        "It cost $5 million. The rival paid A$6 million.",
        "",
        None,
        [("$5 million", "AUD", "article"), ("A$6 million", "AUD", "written")],
    ),
    "$US does not make $ American": (
        "It cost $5 million, or $US3.4 million.",
        "smh.com.au",
        None,
        [("$5 million", "AUD", "source"), ("$US3.4 million", "USD", "written")],
    ),
    "dateline": ("SYDNEY, May 4 (Reuters) - It cost $5 million.", "", None, [("$5 million", "AUD", "article")]),
    "dateline of a non-dollar country": (
        "LONDON, May 4 - It cost $5 million.",
        "",
        None,
        [("$5 million", "USD", "default")],
    ),
    "a country whose own sign only looks like a dollar": (
        "SÃO PAULO, May 4 (Reuters) - It paid R$2.2 billion ($400 million).",
        "",
        None,
        [("R$2.2 billion", "BRL", "written"), ("$400 million", "USD", "default")],
    ),
    "dateline beats domain": (
        "HONG KONG - It cost $5 million.",
        "theage.com.au",
        None,
        [("$5 million", "HKD", "article")],
    ),
    "source domain": ("It cost $5 million.", "theage.com.au", None, [("$5 million", "AUD", "source")]),
    "second-level domain": ("It cost $5 million.", "www.nzherald.co.nz", None, [("$5 million", "NZD", "source")]),
    "generic ccTLD says nothing": ("It cost $5 million.", "news.io", None, [("$5 million", "USD", "default")]),
    "a named country never moves $": (
        "NEW YORK, March 12 (Reuters) - It cost $5 million, the Canadian miner said.",
        "reuters.com",
        None,
        [("$5 million", "USD", "article")],
    ),
    "dollars word follows the home": (
        "It cost 5 million dollars.",
        "straitstimes.com.sg",
        None,
        [("5 million dollars", "SGD", "source")],
    ),
    "cents follow the home": ("It rose 50 cents.", "cbc.ca", None, [("50 cents", "CAD", "source")]),
    "rupees follow the home": ("It cost 300 rupees.", "dawn.com.pk", None, [("300 rupees", "PKR", "source")]),
    "home not a dollar leaves $ alone": ("It cost $5 million.", "bbc.co.uk", None, [("$5 million", "USD", "default")]),
}

# East Africa's shillings: "Sh" is Kenya's, Tanzania's or Uganda's (CLDR's Ksh, TSh, USh without the
# mark), picked by the article's home as a bare "$" is; the marked forms name one currency.
SHILLINGS = {
    "Sh in a Nairobi story": (
        "NAIROBI (Reuters) - Transfers up to Sh100 are free.",
        "",
        None,
        [("Sh100", "KES", "article")],
    ),
    "Sh in a Dar es Salaam story": (
        "DAR ES SALAAM - A ticket costs Sh2,000.",
        "",
        None,
        [("Sh2,000", "TZS", "article")],
    ),
    "Sh in a story on Ugandan banks": (
        "Ugandan banks charge Sh5,000 a month.",
        "",
        None,
        [("Sh5,000", "UGX", "article")],
    ),
    "Sh from a Ugandan domain": ("Fees rose to Sh50.", "monitor.co.ug", None, [("Sh50", "UGX", "source")]),
    "Sh with no home: the usual reading": ("Fees rose to Sh50.", "", None, [("Sh50", "KES", "default")]),
    "TSh is Tanzanian anywhere": ("NAIROBI - It paid TSh 3 billion.", "", None, [("TSh 3 billion", "TZS", "written")]),
    "USh is Ugandan anywhere": ("It paid USh 40 billion.", "", None, [("USh 40 billion", "UGX", "written")]),
    "Sh inside a word is no sign": ("Shares rose and Shell added 2, while MSh100 and Ush100 stayed.", "", None, []),
}


# Signs and names a currency's own countries write (CLDR's other locales), ISO sub-units, and the
# typewriter stand-ins for signs a keyboard lacks: (sentence, source) -> [(mention, value, currency, qualifier)].
HOME_FORMS = {
    "fils of a dirham in an Emirati story": (
        "SHARJAH — Its shares rose 14 fils to Dh8.62. Bahrain's BD5 million deal closed.",
        "",
        [
            ("14 fils", Decimal("0.14"), "AED", None),
            ("Dh8.62", Decimal("8.62"), "AED", None),
            ("BD5 million", 5 * M, "BHD", None),
        ],
    ),
    "fils of a dinar in a Kuwaiti story": (
        "KUWAIT CITY — Shares rose 12 fils to 450 fils.",
        "",
        [("12 fils", Decimal("0.012"), "KWD", None), ("450 fils", Decimal("0.450"), "KWD", None)],
    ),
    "Dh in a Moroccan story is the dirham of Morocco": (
        "CASABLANCA - The zone signed DH2.4 billion of leases; rents rose to Dh30.",
        "",
        [("DH2.4 billion", Decimal("2.4") * B, "MAD", None), ("Dh30", 30, "MAD", None)],
    ),
    "Dh elsewhere is the UAE's": ("It paid Dh1.2 billion.", "", [("Dh1.2 billion", Decimal("1.2") * B, "AED", None)]),
    "Br for the birr": (
        "ADDIS ABABA – It signed Br4.5 billion of leases.",
        "",
        [("Br4.5 billion", Decimal("4.5") * B, "ETB", None)],
    ),
    "UF for Chile's unit of account": (
        "It sold the land for UF 2.3 million.",
        "",
        [("UF 2.3 million", Decimal("2.3") * M, "CLF", None)],
    ),
    "cents beside the amount they are part of": (
        "Its shares rose 45 cents to Sh61.20 and fell 3 cents to US$1.10 in New York.",
        "",
        [
            ("45 cents", Decimal("0.45"), "KES", None),
            ("Sh61.20", Decimal("61.20"), "KES", None),
            ("3 cents", Decimal("0.03"), "USD", None),
            ("US$1.10", Decimal("1.10"), "USD", None),
        ],
    ),
    "halalas": ("RIYADH — Its shares rose 85 halalas.", "", [("85 halalas", Decimal("0.85"), "SAR", None)]),
    "pesewas": ("ACCRA — Its shares rose 1 pesewa.", "", [("1 pesewa", Decimal("0.01"), "GHS", None)]),
    "piastres": ("CAIRO — Its shares rose 35 piastres.", "", [("35 piastres", Decimal("0.35"), "EGP", None)]),
    "sum after a number": (
        "TASHKENT — Banks will lend 2.9 trillion sum. A lump sum was paid.",
        "",
        [("2.9 trillion sum", Decimal("2.9") * 10**12, "UZS", None)],
    ),
    "cr for crore": ("BEL bags a Rs 1,640 cr order.", "", [("Rs 1,640 cr", Decimal("1.64E+10"), "INR", None)]),
    "bln": ("The 9.7-bln-yuan deal closed.", "", [("9.7-bln-yuan", Decimal("9.7") * B, "CNY", None)]),
    "zł after the number": (
        "The order is worth 3.5 billion zł.",
        "",
        [("3.5 billion zł", Decimal("3.5") * B, "PLN", None)],
    ),
    "złoty with its stroke": ("It paid 70 million złoty.", "", [("70 million złoty", 70 * M, "PLN", None)]),
    "zloty without it": ("It paid 70 million zloty.", "", [("70 million zloty", 70 * M, "PLN", None)]),
    "Kč after the number": ("A tram costs 120 million Kč.", "", [("120 million Kč", 120 * M, "CZK", None)]),
    "baht sign": ("Rooms start at ฿2,500.", "", [("฿2,500", 2500, "THB", None)]),
    "Bt for baht": ("Sales reached Bt8.4 billion.", "", [("Bt8.4 billion", Decimal("8.4") * B, "THB", None)]),
    "GH¢ for the cedi": ("A GH¢300 million bond.", "", [("GH¢300 million", 300 * M, "GHS", None)]),
    "GH₵ as CLDR writes it": ("A GH₵300 million bond.", "", [("GH₵300 million", 300 * M, "GHS", None)]),
    "N for naira in a Nigerian story": ("Petrol fell to N790 a litre.", "guardian.ng", [("N790", 790, "NGN", None)]),
    "N with a scale in a Nigerian story": (
        "It raised N75 billion.",
        "guardian.ng",
        [("N75 billion", 75 * B, "NGN", None)],
    ),
    "N beside a change": (
        "LAGOS, Oct 7 (Reuters) - It cut the price by N25 to N790.",
        "",
        [("N25", 25, "NGN", "by"), ("N790", 790, "NGN", None)],
    ),
    "fils are thousandths of a dinar": (
        "AMMAN - Water costs 620 fils a cubic metre.",
        "",
        [("620 fils", Decimal("0.62"), "JOD", None)],
    ),
    "fils of a Kuwaiti dinar": ("KUWAIT CITY - Shares rose 12 fils.", "", [("12 fils", Decimal("0.012"), "KWD", None)]),
    "cents stay hundredths": ("It rose 25 cents.", "", [("25 cents", Decimal("0.25"), "USD", None)]),
    # lone letters read by the article's country (issue 17): dateline, web domain or a country named
    "R in a Johannesburg story": (
        "JOHANNESBURG, May 4 (Reuters) - Sasol spent R2.4bn; tickets cost R250.",
        "",
        [("R2.4bn", Decimal("2.4") * B, "ZAR", None), ("R250", 250, "ZAR", None)],
    ),
    "R before a noun, with its scale": (
        "It leans on a R254 billion debt-relief package.",
        "businesslive.co.za",
        [("R254 billion", 254 * B, "ZAR", None)],
    ),
    "P in a Manila story": (
        "MANILA, May 4 (Reuters) - Ayala will spend P4.6 billion; a ride costs P13.",
        "",
        [("P4.6 billion", Decimal("4.6") * B, "PHP", None), ("P13", 13, "PHP", None)],
    ),
    "P in a Botswana story is pula": ("GABORONE - Debswana paid P3 billion.", "", [("P3 billion", 3 * B, "BWP", None)]),
    "K in a Lusaka story": (
        "LUSAKA - Roads will get K2.1 billion and maize costs K250 a bag.",
        "",
        [("K2.1 billion", Decimal("2.1") * B, "ZMW", None), ("K250", 250, "ZMW", None)],
    ),
    "K in a Port Moresby story": (
        "PORT MORESBY - The budget is K27 billion.",
        "",
        [("K27 billion", 27 * B, "PGK", None)],
    ),
    "N named by the country": ("Nigeria's Dangote raised N75 billion.", "", [("N75 billion", 75 * B, "NGN", None)]),
    "Sh with scale and without": (
        "NAIROBI - Safaricom made Sh6.5bn, and a ride costs Sh120.",
        "",
        [("Sh6.5bn", Decimal("6.5") * B, "KES", None), ("Sh120", 120, "KES", None)],
    ),
    "Rs in a Colombo story": ("COLOMBO - It raised Rs 5 billion.", "", [("Rs 5 billion", 5 * B, "LKR", None)]),
    "Rs in a Kathmandu story": ("KATHMANDU - It raised Rs 5 billion.", "", [("Rs 5 billion", 5 * B, "NPR", None)]),
    "centavos of the home peso": (
        "MANILA - The fee rose by 45 centavos to ₱15.45.",
        "",
        [("45 centavos", Decimal("0.45"), "PHP", "by"), ("₱15.45", Decimal("15.45"), "PHP", None)],
    ),
}

HOME_FORMS_NEGATIVES = {
    "N outside a naira story": ("Petrol fell to N790 a litre.", "bbc.co.uk", []),
    "N with a scale but no naira evidence": ("It raised N75 billion.", "", []),
    "N naming a mask in a Nigerian story": ("Clinics ran out of N95 masks.", "guardian.ng", []),
    "N inside a word": ("The DN40 pipe and AN500 valve.", "guardian.ng", []),
    "zł needs a number": ("Prices in zł rose.", "", []),
    "Bt without a number": ("Farmers sowed Bt cotton on 40% of the land.", "", []),
    "rai is land, not money": ("A 12-rai plot.", "", []),
    "R2 road in a South African story": ("JOHANNESBURG - They drove the R2 to the coast.", "", []),
    "R fee before a noun": ("JOHANNESBURG - Trucks pay a R2 toll.", "", []),
    "R with nothing South African": ("Sasol spent R2.4bn.", "", []),
    "P with no Philippine facts": ("It cost P4.6 billion.", "inquirer.net", []),
    "P&G": ("MANILA - Procter sold P&G shares.", "", []),
    "K-pop and a K3 engine": ("LUSAKA - K-pop sales rose; the K3 engine costs more.", "", []),
    "K2 tanks outside Zambia": ("Warsaw ordered 180 K2 tanks.", "", []),
    "N95 masks in a Lagos story": ("LAGOS - Clinics ran out of N95 masks.", "", []),
    "Sh as a word": ("NAIROBI - Sh is how he spelt it, and Shell rose 2%.", "", []),
    "pence stay pence beside P": (
        "MANILA - Shares closed at 212p, down from £2.30.",
        "",
        [("212p", Decimal("2.12"), "GBP", None), ("£2.30", Decimal("2.30"), "GBP", None)],
    ),
}

# Which country a bare "$" or a shared name ("pesos") means when the story names several:
# (sentence, source) -> [(mention, currency, basis)].
WHOSE_CURRENCY = {
    "home dollar beats a marked foreign one": (
        "Canberra gave $40 million, and Wellington NZ$12 million.",
        "theage.com.au",
        [("$40 million", "AUD", "source"), ("NZ$12 million", "NZD", "written")],
    ),
    "a marked dollar still says whose $ without a home": (
        "It cost $5 million. The rival paid A$6 million.",
        "",
        [("$5 million", "AUD", "article"), ("A$6 million", "AUD", "written")],
    ),
    "home without a dollar: $ is USD, not the marked one": (
        "It added ¥80 billion ($540 million); suppliers spent NT$1 billion.",
        "japantimes.co.jp",
        [("¥80 billion", "JPY", "source"), ("$540 million", "USD", "default"), ("NT$1 billion", "TWD", "written")],
    ),
    "pesos take the paragraph's country": (
        "Mexican banks lent 2 billion pesos.\n\nIn Colombia and in Bogotá, Colombian firms spent 900 million pesos.",
        "",
        [("2 billion pesos", "MXN", "article"), ("900 million pesos", "COP", "article")],
    ),
    "pesos in a paragraph naming no country take the one before": (
        "Mexico's stadium will cost 3 billion pesos, Mexican officials said.\n\nIt was 2 billion pesos.\n\n"
        "Colombia, Colombian and Bogotá firms spent more.",
        "",
        [("3 billion pesos", "MXN", "article"), ("2 billion pesos", "MXN", "article")],
    ),
    "a named country still never moves $": (
        "Mexican and Colombian banks lent $5 million.",
        "",
        [("$5 million", "USD", "default")],
    ),
}


def _cases(**tables):
    return [
        pytest.param(sentence, rows, id=f"{origin}: {name}")
        for origin, table in tables.items()
        for name, (sentence, rows) in table.items()
    ]


@pytest.fixture(scope="module")
def context(config):
    return Context(published=None, config=config)


@pytest.mark.parametrize("sentence, rows", _cases(sample=SAMPLE, general=GENERAL, negative=NEGATIVES, bug=BUGS))
def test_money(nlp, context, sentence, rows):
    got = [
        (r.mentions[0].text, r.value, r.currency, r.approximate, r.qualifier, r.min, r.max)
        for r in extract(nlp(sentence), context)
    ]
    assert got == rows
    assert all(isinstance(row[1], Decimal) for row in got if row[1] is not None)


def test_money_hyphenated_scale(nlp, context):
    """100-billion-yuan once came out as 500,000,050 (quantulum3 on the whole phrase)."""
    (rec, _) = extract(nlp("its 100-billion-yuan (US$13.7 billion) biopharmaceutical industry"), context)
    assert rec.value == Decimal(100000000000) and rec.currency == "CNY"


def test_money_zero_width_space_inside_number(nlp, context):
    """Scraped text puts U+200B inside numbers: "$1\u200b000 million" once came out as 1 USD."""
    from pipeline.input.clean import clean

    text = clean("T", "It cost $1\u200b000 million.").text
    (rec,) = extract(nlp(text), context)
    assert (rec.mentions[0].text, rec.value, rec.currency) == ("$1000 million", 1000 * M, "USD")


def test_conversion_points_to_its_amount(nlp, context):
    first, second = extract(nlp("its 100-billion-yuan (US$13.7 billion) industry"), context)
    assert first.equivalent_of is None
    assert second.equivalent_of == first.key()
    assert [m.text for m in second.mentions] == ["US$13.7 billion"]


def test_mention_offsets_and_sentence(nlp, context):
    doc = nlp("Output was flat. It will reach around 10 billion yuan.")
    (rec,) = extract(doc, context)
    (m,) = rec.mentions
    assert doc.text[m.start : m.end] == m.text == "10 billion yuan"
    assert m.sentence == "It will reach around 10 billion yuan."


def test_spelled_numbers_leave_logging_alone(nlp, context, monkeypatch):
    """quantulum3's parse() calls logging.basicConfig, which only acts on a root logger without handlers."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    assert extract(nlp("It cost seventy-seven million yuan."), context)[0].value == 77 * M
    assert root.handlers == []


def test_whole_sample_article(nlp, context):
    """Every amount on the sample page, and nothing else (years, counts, "One Axis")."""
    text = SAMPLE_PAGE.read_text("utf8")
    text = text.replace("US\\$", "US$").replace("*mu*", "mu")  # what clean.py undoes: markdown escapes
    got = [(r.mentions[0].text, r.value, r.currency) for r in extract(nlp(text), context)]
    assert got == [
        ("100-billion-yuan", 100 * B, "CNY"),
        ("US$13.7 billion", Decimal("13.7") * B, "USD"),
        ("10 billion yuan", 10 * B, "CNY"),
        ("23.58 billion yuan", Decimal("23.58") * B, "CNY"),
        ("billions of yuan", None, "CNY"),
    ]


@pytest.mark.parametrize("sentence, rows", _cases(news=NEWS, news_negative=NEWS_NEGATIVES))
def test_money_news_from_anywhere(nlp, context, sentence, rows):
    got = [
        (r.mentions[0].text, r.value, r.currency, r.currency_basis, r.qualifier, r.min, r.max)
        for r in extract(nlp(sentence), context)
    ]
    assert got == rows
    for r in extract(nlp(sentence), context):  # "by" marks an exact change; only real qualifiers approximate
        assert r.approximate is (r.qualifier not in (None, "by"))


@pytest.mark.parametrize(
    "sentence, source, default, rows",
    [pytest.param(*case, id=name) for name, case in (BARE_DOLLAR | SHILLINGS).items()],
)
def test_bare_dollar_is_the_articles_own(nlp, config, sentence, source, default, rows):
    context = Context(published=None, config=config, source=source, currency_default=default)
    assert [(r.mentions[0].text, r.currency, r.currency_basis) for r in extract(nlp(sentence), context)] == rows


@pytest.mark.parametrize(
    "sentence, source, rows",
    [
        pytest.param(*case, id=f"{origin}: {name}")
        for origin, table in (("home", HOME_FORMS), ("home_negative", HOME_FORMS_NEGATIVES))
        for name, case in table.items()
    ],
)
def test_money_home_forms_and_subunits(nlp, config, sentence, source, rows):
    context = Context(published=None, config=config, source=source)
    assert [(r.mentions[0].text, r.value, r.currency, r.qualifier) for r in extract(nlp(sentence), context)] == rows


@pytest.mark.parametrize(
    "sentence, source, rows", [pytest.param(*case, id=name) for name, case in WHOSE_CURRENCY.items()]
)
def test_money_whose_currency(nlp, config, sentence, source, rows):
    context = Context(published=None, config=config, source=source)
    assert [(r.mentions[0].text, r.currency, r.currency_basis) for r in extract(nlp(sentence), context)] == rows


_KEY = st.text(alphabet="aAbB$. -", min_size=1, max_size=4).map(str.strip).filter(bool)


@settings(max_examples=300)
@given(
    keys=st.lists(_KEY, min_size=1, max_size=8, unique=True),
    text=st.text(alphabet="aAbB$. -1", max_size=30),
    before=st.booleans(),
    case=st.sampled_from([0, re.I]),
)
@example(keys=["abb", "A.", "a"], text="a.", before=False, case=re.I)  # first letters differing in case
def test_grouped_alternation_matches_the_plain_one(keys, text, before, case):
    """Grouping keys by first letter changes how fast the regex runs, never what it matches:
    the same as trying every key, longest first, in one flat alternation."""
    flat = []
    for key in sorted(keys, key=len, reverse=True):
        right = (r"(?![^\W\d_])" if before else r"(?!\w)") if key[-1].isalnum() else ""
        flat.append(r"[\s-]+".join(re.escape(w) for w in key.split()) + right)
    plain = re.compile((r"(?<![^\W\d_])" if before else "") + "(?:" + "|".join(flat) + r")\s*1?", case)
    grouped = re.compile("(?:" + alternation(keys, before) + r")\s*1?", case)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
