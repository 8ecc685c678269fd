"""The review store: optimistic concurrency, undo through the session, and decisions
that survive a re-run (stale when the text changed, new records marked new)."""

import json
import sqlite3

import pytest

from pipeline.review.app import Review
from pipeline.review.store import Conflict, Store, StoreError, record_key

MEDVALLEY = "shanghai-medvalley-strengthens-jiadings-biopharma-sector"
FORUM = "ambitious-plans-unveiled-at-precision-medicine-forum"


def _decide(store, article="a", key="k", action="accept", version=0, reviewer="ann", text_hash="h"):
    return store.decide(
        article,
        key,
        action,
        version=version,
        extracted={"type": "date", "value": "2025"},
        corrected=None,
        note="",
        text_hash=text_hash,
        reviewer=reviewer,
    )


def test_store_versions_refuse_a_stale_page(tmp_path):
    first, second = Store(tmp_path / "r.sqlite"), Store(tmp_path / "r.sqlite")  # two processes, one database
    assert _decide(first, reviewer="ann").version == 1
    with pytest.raises(Conflict) as refused:
        _decide(second, action="reject", version=0, reviewer="bob")  # bob's page was loaded before ann decided
    assert refused.value.current.reviewer == "ann" and refused.value.current.action == "accept"
    assert _decide(second, action="reject", version=1, reviewer="bob").version == 2  # after reloading the record
    assert [h["reviewer"] for h in first.history()] == ["ann", "bob"]


def test_store_undo_walks_back_through_the_session_across_articles(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    _decide(store, article="a", key="k1", action="accept")
    _decide(store, article="b", key="k2", action="reject")
    _decide(store, article="a", key="k1", action="reject", version=1)
    assert (store.undo().article, store.decisions()[("a", "k1")].action) == ("a", "accept")
    assert (store.undo().article, store.decisions()[("b", "k2")].action) == ("b", None)
    assert (store.undo().article, store.decisions()[("a", "k1")].action) == ("a", None)
    assert store.undo() is None
    assert [h["action"] for h in store.history()] == ["accept", "reject", "reject", "undo", "undo", "undo"]


def test_store_undo_refused_when_someone_else_decided_since(tmp_path):
    mine, theirs = Store(tmp_path / "r.sqlite"), Store(tmp_path / "r.sqlite")
    _decide(mine, action="accept")
    _decide(theirs, action="reject", version=1, reviewer="bob")
    with pytest.raises(Conflict):
        mine.undo()
    assert mine.decisions()[("a", "k")].action == "reject"


def test_store_undo_is_per_session(tmp_path):
    mine, theirs = Store(tmp_path / "r.sqlite"), Store(tmp_path / "r.sqlite")
    _decide(theirs, key="theirs")
    assert mine.undo() is None


def test_store_added_records_get_keys_of_their_own(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    one = store.add("a", {"type": "organisation", "value": "X"}, note="", text_hash="h", reviewer="ann")
    two = store.add("a", {"type": "organisation", "value": "X"}, note="", text_hash="h", reviewer="ann")
    assert one.key != two.key and one.key.startswith("added:")


def test_store_locked_database_is_a_clear_error_and_nothing_saved(tmp_path):
    store = Store(tmp_path / "r.sqlite", timeout=0.1)
    holder = sqlite3.connect(tmp_path / "r.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StoreError, match=r"\[E041\].*locked.*Nothing was saved"):
        _decide(store)
    holder.execute("ROLLBACK")
    assert store.decisions() == {}


def test_store_read_only_database_is_a_clear_error(tmp_path):
    Store(tmp_path / "r.sqlite").close()
    uri = f"file:{tmp_path / 'r.sqlite'}?mode=ro"
    store = Store(tmp_path / "r.sqlite")
    store._db = sqlite3.connect(
        uri, uri=True, isolation_level=None, check_same_thread=False
    )  # as a read-only mount would
    with pytest.raises(StoreError, match=r"\[E041\].*readonly"):
        _decide(store)


def test_store_unopenable_database_is_a_clear_error(tmp_path):
    (tmp_path / "not-a-db.sqlite").write_text("hello, I am a text file" * 100)
    with pytest.raises(StoreError, match=r"\[E040\].*not-a-db.sqlite"):
        Store(tmp_path / "not-a-db.sqlite")


def test_record_key_ignores_list_position_and_organisation_case():
    assert record_key({"type": "organisation", "value": "Fudan  University", "id": "a:organisation-1"}) == record_key(
        {"type": "organisation", "value": "fudan university", "id": "a:organisation-7"}
    )
    assert record_key({"type": "money", "value": 10, "currency": "CNY"}) != record_key(
        {"type": "money", "value": 10, "currency": "USD"}
    )


# ---- across a re-run of `pipeline run` -------------------------------------------------


def _rewrite(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _status(review, article):
    return {
        (e["record"]["type"], str(e["record"]["value"])): e["status"] for e in review.article_view(article)["entries"]
    }


def _accept_first(out, config, article):
    """Ann accepts the article's first record, then closes the database, as a reviewer who quits."""
    review = Review.load(out, config, "ann")
    entry = review.article_view(article)["entries"][0]
    review.store.decide(
        article,
        entry["key"],
        "accept",
        version=0,
        extracted=entry["record"],
        corrected=None,
        note="",
        text_hash=review.articles[article].hash,
        reviewer="ann",
    )
    review.store.close()


def test_rerun_keeps_decisions_matched_by_value_not_position(review_copy):
    out, config = review_copy
    _accept_first(out, config, MEDVALLEY)
    _rewrite(out / f"{MEDVALLEY}.json", lambda d: d["records"].reverse())  # a re-run that orders records differently
    again = Review.load(out, config, "ann")
    assert _status(again, MEDVALLEY)[("organisation", "Shanghai MedValley")] == "accept"
    assert list(_status(again, MEDVALLEY).values()).count("accept") == 1


def test_rerun_with_changed_text_marks_decisions_stale(review_copy):
    out, config = review_copy
    _accept_first(out, config, FORUM)
    _rewrite(out / f"{FORUM}.json", lambda d: d.update(text=d["text"] + " A sentence added by an editor."))
    again = Review.load(out, config, "ann")
    view = again.article_view(FORUM)
    assert view["entries"][0]["status"] == "stale" and view["decided"] == 0


def test_rerun_marks_records_new_since_the_last_review(review_copy):
    out, config = review_copy
    Review.load(out, config, "ann").store.close()
    added = {
        "article": FORUM,
        "id": f"{FORUM}:money-9",
        "type": "money",
        "value": 5,
        "currency": "EUR",
        "approximate": False,
        "mentions": [{"text": "the", "start": 0, "end": 3, "sentence": ""}],
    }
    _rewrite(out / f"{FORUM}.json", lambda d: d["records"].append(added))
    statuses = _status(Review.load(out, config, "ann"), FORUM)
    assert statuses[("money", "5")] == "new"
    assert list(statuses.values()).count("new") == 1
