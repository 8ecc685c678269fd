"""A bad config fails before any work, with a message naming the key."""

from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.errors import PipelineError

ROOT = Path(__file__).resolve().parent.parent
BAD = [
    ("unknown key", "[model]\nnmae = 'x'\n", "model.nmae"),
    ("unknown table", "[modle]\nname = 'x'\n", "modle"),
    ("wrong type", "[model]\nbatch_size = 'big'\n", "model.batch_size"),
    ("negative batch", "[model]\nbatch_size = -1\n", "model.batch_size"),
    ("unknown model", "[model]\nname = 'en_core_web_nope'\n", "en_core_web_nope"),
    ("bad date", "[published]\ndefault = '24/10/2023'\n", "published.default"),
    ("bad source date", "[published.sources]\nx = '2023-13-01'\n", "published.sources.x"),
    ("bad currency code", "[money.words]\nbitcoin = 'bitcoin'\n", "money.words.bitcoin"),
    ("unknown currency code", "[money.signs]\n'Ƀ' = 'XBT'\n", "money.signs.Ƀ"),
    ("unknown code in a sign's list", "[money.signs]\nDh = ['AED', 'XDH']\n", "money.signs.Dh"),
    ("a sign's codes as a number", "[money.signs]\nDh = 5\n", "money.signs.Dh"),
    ("unknown source currency", "[money.sources]\n'theage.com.au' = 'AUS'\n", "money.sources.theage.com.au"),
    ("unknown preferred currency", "[money]\npreferred = ['USDX']\n", "money.preferred"),
    ("bad area factor", "[area.units]\nrai = 0\n", "area.units.rai"),
    ("bad date order", "[dates]\norder = 'DDMMYY'\n", "dates.order"),
    ("date order not a string", "[dates]\norder = 1\n", "dates.order"),
    ("bad source date order", "[dates.order_by_source]\n'.uk' = 'dmy-ish'\n", "dates.order_by_source..uk"),
    ("bad codec", "[input]\nencoding_fallback = 'klingon'\n", "input.encoding_fallback"),
    ("not toml", "[model\n", "cannot read config"),
    ("set not a table", "[sets]\ndev = 'articles/dev'\n", "sets.dev"),
    ("set missing gold", "[sets.dev]\ninput = 'a'\noutput = 'b'\n", "sets.dev"),
    ("set empty folder", "[sets.dev]\ninput = ''\noutput = 'b'\ngold = 'c'\n", "sets.dev.input"),
    # bounds (issue 10): no NaN or infinity, no empty keys, text codecs only, a real pipeline folder
    ("nan file size", "[input]\nmax_file_mb = nan\n", "input.max_file_mb"),
    ("inf file size", "[input]\nmax_file_mb = inf\n", "input.max_file_mb"),
    ("nan area factor", "[area.units]\nrai = nan\n", "area.units.rai"),
    ("inf area factor", "[area.units]\nrai = inf\n", "area.units.rai"),
    ("empty alias key", "[organisations.aliases]\n\"\" = 'X'\n", "organisations.aliases."),
    ("empty currency word", "[money.words]\n\"\" = 'USD'\n", "money.words."),
    ("blank set name", "[sets.\" \"]\ninput = 'a'\noutput = 'b'\ngold = 'c'\n", "a non-empty key"),
    ("rot13 codec", "[input]\nencoding_fallback = 'rot13'\n", "input.encoding_fallback"),
    ("base64 codec", "[input]\nencoding_fallback = 'base64'\n", "input.encoding_fallback"),
    ("folder not a pipeline", "[model]\nname = 'tests/data/not_a_model'\n", "[E007]"),
    ("dotted unknown model", "[model]\nname = 'nope.nope'\n", "[E004]"),
    ("year 1 default", "[published]\ndefault = '0001-01-01'\n", "published.default"),
    ("oversize choice", "[input]\noversize = 'truncate'\n", "input.oversize"),
    ("zero article chars", "[input]\nmax_article_chars = 0\n", "input.max_article_chars"),
]


@pytest.mark.parametrize("text,needle", [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_config_errors_name_the_key(tmp_path, text, needle, monkeypatch):
    monkeypatch.chdir(ROOT)  # a model folder is named relative to where the run starts
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(PipelineError) as err:
        load_config(path)
    assert needle in str(err.value)


def test_config_layers_user_tables_over_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[money.words]\nbucks = 'USD'\n[paths]\noutput = 'out'\n")
    cfg = load_config(path)
    assert cfg.money.words["bucks"] == "USD" and cfg.money.words["rmb"] == "CNY"
    assert cfg.output == tmp_path / "out"


def test_config_sign_may_name_several_currencies(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[money.signs]\nDH = ['MAD', 'AED']\nKD = 'KWD'\n")
    cfg = load_config(path)
    assert cfg.money.signs["DH"] == ("MAD", "AED") and cfg.money.signs["KD"] == ("KWD",)


def test_config_missing_file(tmp_path):
    with pytest.raises(PipelineError, match="no such file"):
        load_config(tmp_path / "nope.toml")


def test_config_sets_are_folders_relative_to_the_config(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[sets.dev]\ninput = 'a/dev'\noutput = 'out/dev'\ngold = 'a/dev/gold'\n")
    dev = load_config(path).sets["dev"]
    assert (dev.name, dev.input, dev.output, dev.gold) == (
        "dev",
        tmp_path / "a/dev",
        tmp_path / "out/dev",
        tmp_path / "a/dev/gold",
    )


def test_config_date_order_by_source_is_layered_and_case_free(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[dates]\norder = 'dmy'\n[dates.order_by_source]\n'Wire One' = 'MDY'\n")
    cfg = load_config(path)
    assert (cfg.date_order, cfg.date_order_by_source["wire one"], cfg.date_order_by_source[".uk"]) == (
        "DMY",
        "MDY",
        "DMY",
    )


def test_config_organisation_options_are_typed_layered_and_picklable(tmp_path):
    """``[organisations]`` becomes one frozen OrganisationOptions: the user's list replaces the
    default one, aliases are layered, the lower-cased sets follow, and workers can unpickle it."""
    import pickle

    path = tmp_path / "config.toml"
    path.write_text(
        "[organisations]\nstop_words = ['Acme', 'CEO']\n[organisations.aliases]\n'Fudan' = 'Fudan University'\n"
    )
    orgs = load_config(path).organisations
    assert orgs.stop_words == ("Acme", "CEO") and orgs.stop_word_set == {"acme", "ceo"}
    assert orgs.aliases["Fudan"] == "Fudan University" and "University" in orgs.suffixes
    assert "mp" in orgs.role_set and orgs.cue_phrases_before["shares"] == (["shares", "of"], ["shares", "in"])
    assert pickle.loads(pickle.dumps(orgs)) == orgs
    with pytest.raises(AttributeError):
        orgs.suffixes = ()
