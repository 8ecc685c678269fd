"""Organisation extractor: canonical names, aliases, parenthesised names, places dropped."""
import pytest

from pipeline.extractors import Context
from pipeline.extractors.organisations import extract
from pipeline.records import merge

# (text, expected canonical names in order of first mention)
SAMPLE_PAGE = [
    ("The opening of the Shanghai MedValley marks Jiading's latest step toward growth.", ["Shanghai MedValley"]),
    ("THE Shanghai MedValley opened on October 13 in Malu Town, Jiading District.", ["Shanghai MedValley"]),
    ("Since 2018, Fudan University has jointly built the Shanghai (Nanxiang) Precision Medicine Industrial Park with Jiading.",
     ["Fudan University", "Shanghai (Nanxiang) Precision Medicine Industrial Park"]),
    ("It has the Ruijin Hospital National Medical Center and the Shanghai MedValley Industrial Park as key players.",
     ["Ruijin Hospital National Medical Center", "Shanghai MedValley Industrial Park"]),
    ("Located in the heart of Jiading New City, it is the newest addition.", []),
    ("Lu Tielong, Party secretary of Malu Town, spoke.", []),
    ("The United Imaging Town, with the Shanghai United Imaging Healthcare as key player.", ["Shanghai United Imaging Healthcare"]),
    ("It began operation at the Shanghai International Automobile City of Anting Town, Jiading District.",
     ["Shanghai International Automobile City"]),
]
GENERAL = [
    ("Shanghai University signed a deal with Peking University Hospital.", ["Shanghai University", "Peking University Hospital"]),
    ("Alibaba Group Holding Ltd. and the Bank of China met in Beijing.", ["Alibaba Group Holding Ltd.", "Bank of China"]),
    ("The Hong Kong (Asia) Research Institute opened.", ["Hong Kong (Asia) Research Institute"]),
    ("He moved to Pudong New City last year.", []),
    ("The Technical University of Munich and the Max Planck Institute will run it.",
     ["Technical University of Munich", "Max Planck Institute"]),
    ("The Chinese Academy of Sciences opened a lab.", ["Chinese Academy of Sciences"]),
    ("Manchester City Council has approved the plan.", ["Manchester City Council"]),
]


@pytest.mark.parametrize("text,expected", SAMPLE_PAGE + GENERAL, ids=[c[0][:40] for c in SAMPLE_PAGE + GENERAL])
def test_organisations(nlp, config, text, expected):
    records = merge(extract(nlp(text), Context(None, config)), "a")
    assert [r.value for r in records] == expected


def test_organisations_alias_merged_into_full_name(nlp, config):
    text = ("The Shanghai MedValley opened on Friday. The annual output within the MedValley "
            "will reach 10 billion yuan.")
    [rec] = merge(extract(nlp(text), Context(None, config)), "a")
    assert rec.value == "Shanghai MedValley"
    assert [m.text for m in rec.mentions] == ["Shanghai MedValley", "MedValley"]
    assert rec.aliases == ("MedValley",)


def test_organisations_config_alias(nlp, config):
    from dataclasses import replace

    cfg = replace(config, org_aliases={"Fudan University": "Fudan University (Shanghai)"})
    records = extract(nlp("Fudan University was founded long ago."), Context(None, cfg))
    assert [r.value for r in records] == ["Fudan University (Shanghai)"]
