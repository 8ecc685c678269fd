"""End to end in a real headless browser: `pipeline review` on a copy of the sample outputs,
one article reviewed with the keyboard alone, a reload, `pipeline review export`, and
`pipeline evaluate` reading the exported gold.

Debian's chromium drives it through Playwright, which never downloads a browser of its
own; .ci/run installs chromium with apt-get when it is missing. Without a browser this
test fails (it does not skip) and says how to install one.
"""

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("PIPELINE_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-extensions",
]
WHAT = "its 100-billion-yuan (US$13.7 billion) biopharmaceutical industry"  # the MedValley plan's text role
MEDVALLEY = "shanghai-medvalley-strengthens-jiadings-biopharma-sector"


def _pipeline(*args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, **kw
    )


@pytest.fixture
def server(review_copy, tmp_path):
    """`pipeline review OUTPUTS --port 0` as a user starts it; yields (url, outputs, config.toml)."""
    out, config = review_copy
    (tmp_path / "project").mkdir()  # a project whose outputs are elsewhere: the reviewed folder is in no set
    config_path = tmp_path / "project" / "config.toml"
    config_path.write_text("")  # the defaults: decisions beside the outputs reviewed
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline",
            "review",
            str(out),
            "--port",
            "0",
            "--reviewer",
            "e2e",
            "--config",
            str(config_path),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stderr.readline()  # the address line, once the socket is bound
    match = re.search(r"http://127\.0\.0\.1:\d+/", line)
    if not match:
        proc.kill()
        pytest.fail(f"pipeline review did not start: {line}{proc.stderr.read()}")
    yield match.group(0), out, config_path
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    assert proc.wait(timeout=20) == 0
    assert "Stopped. Decisions are kept" in proc.stderr.read()


def _browser(playwright):
    if not CHROMIUM.is_file():
        pytest.fail(
            f"No browser at {CHROMIUM} for the review page's end-to-end test. Install Debian's chromium "
            f"(apt-get install chromium; .ci/run does this) or set PIPELINE_CHROMIUM to a chromium binary."
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)


def test_review_an_article_with_the_keyboard_then_export_and_evaluate(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, out, config_path = server
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(15000)
        errors = []  # script errors and Content-Security-Policy refusals on the page
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
        try:
            page.goto(url)
            page.keyboard.press("n")  # from the index to the first article
            page.wait_for_url(re.compile("/article/"))
            page.goto(f"{url}article/{MEDVALLEY}")
            status = lambda i: page.locator(f"#rec-{i} .status")  # noqa: E731
            expect(page.locator("#rec-0")).to_have_class(re.compile("selected"))
            other = browser.new_page()  # a second reviewer's tab, loaded before any decision
            other.goto(f"{url}article/{MEDVALLEY}")

            page.keyboard.press("a")  # accept Shanghai MedValley, go to the next
            expect(status(0)).to_have_text("accept")
            other.keyboard.press("r")  # refused: decided since that tab loaded; it shows the decision now
            expect(other.locator("#flash")).to_contain_text("[E043]")
            expect(other.locator("#rec-0 .status")).to_have_text("accept")
            other.close()
            expect(page.locator("#rec-1")).to_have_class(re.compile("selected"))
            page.keyboard.press("r")  # reject the date
            expect(status(1)).to_have_text("reject")
            expect(page.locator("#rec-2")).to_have_class(re.compile("selected"))
            page.keyboard.press("e")  # correct the money amount and its currency
            expect(page.locator("#editor")).to_be_visible()
            field = lambda name: page.locator(f"#editor label:has([name={name}])")  # noqa: E731
            for name in ("value", "currency", "max", "qualifier"):
                expect(field(name)).to_be_visible()
            for name in ("end", "original_value", "original_unit"):  # not a money record's: not shown
                expect(field(name)).to_be_hidden()
            page.keyboard.press("Control+A")
            page.keyboard.type("99000000000")
            page.locator("#editor input[name=currency]").fill("USD")
            page.locator("#editor input[name=currency]").press("Enter")
            expect(status(2)).to_have_text("correct")
            expect(page.locator("#rec-2 .corrected")).to_contain_text("99,000,000,000 USD")

            # a type cannot be corrected: the form shows the new type's fields, the server says no
            page.keyboard.press("k")
            page.keyboard.press("e")
            expect(field("end")).to_be_visible()
            page.locator("#editor select[name=type]").select_option("money")
            expect(field("currency")).to_be_visible()
            expect(field("end")).to_be_hidden()
            page.locator("#editor select[name=type]").press("Enter")
            expect(page.locator("#editor-error")).to_contain_text("cannot make this date a money")
            page.keyboard.press("Escape")
            expect(page.locator("#editor")).to_be_hidden()
            expect(status(1)).to_have_text("reject")
            page.keyboard.press("j")
            page.keyboard.press("j")
            page.keyboard.press("a")
            expect(status(3)).to_have_text("accept")
            page.keyboard.press("u")  # undo that last accept
            expect(status(3)).not_to_have_text("accept")
            page.wait_for_load_state("networkidle")  # the undo's refresh is over before words are selected

            # add a record the pipeline missed, from a selection of the article's words
            page.evaluate("""() => {
                const text = document.getElementById("text");
                const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const at = node.data.indexOf("Malu Town");
                    if (at >= 0) {
                        const range = document.createRange();
                        range.setStart(node, at); range.setEnd(node, at + "Malu Town".length);
                        getSelection().removeAllRanges(); getSelection().addRange(range); return;
                    }
                }
                throw new Error("no Malu Town in the text");
            }""")
            page.keyboard.press("s")
            expect(page.locator("#editor-text")).to_have_text("Malu Town")
            expect(page.locator("#editor select[name=type]")).to_have_value("organisation")
            expect(page.locator("#editor select[name=type]")).to_be_focused()  # the form opens on the type menu
            page.locator("#editor input[name=value]").fill("Malu Town Council")
            page.locator("#editor select[name=type]").focus()
            page.keyboard.press("Enter")  # saves from the type menu too
            added = page.locator("#records .rec.s-add")
            expect(added).to_contain_text("Malu Town Council")
            expect(page.locator("#article-progress")).to_have_text("4 / 15 decided here")

            page.reload()
            for i, action in enumerate(["accept", "reject", "correct"]):
                expect(status(i)).to_have_text(action)
            expect(status(3)).not_to_have_text("accept")
            expect(page.locator("#records .rec.s-add")).to_contain_text("Malu Town Council")
            expect(page.locator("mark.m", has_text="Malu Town")).to_have_count(1)

            # undo reaches across articles: decide in the previous article, come back, undo
            page.keyboard.press("p")
            page.wait_for_url(re.compile(f"/article/(?!{MEDVALLEY})"))
            expect(page.locator("#rec-0")).to_have_class(re.compile("selected"))
            elsewhere = page.url
            page.keyboard.press("a")
            expect(status(0)).to_have_text("accept")
            page.keyboard.press("n")
            page.wait_for_url(re.compile(MEDVALLEY))
            page.keyboard.press("u")
            page.wait_for_url(elsewhere)
            expect(status(0)).to_have_text("undecided")
            expect(page.locator("#rec-0")).to_have_class(re.compile("selected"))
            assert errors == []
        except Exception:
            page.screenshot(path=str(tmp_path / "review-failure.png"), full_page=True)
            raise
        finally:
            browser.close()

    gold = tmp_path / "gold"
    # the reviewed folder is outside the project: its decisions are beside it, export needs --out
    assert (out / "review.sqlite").is_file()
    refused = _pipeline("review", "export", str(out), "--config", str(config_path))
    assert refused.returncode == 2 and "--out GOLD_FOLDER" in refused.stderr
    exported = _pipeline("review", "export", str(out), "--out", str(gold), "--config", str(config_path))
    assert exported.returncode == 0, exported.stderr
    records = json.loads((gold / f"{MEDVALLEY}.json").read_text())["records"]
    assert {(r["type"], r["value"]) for r in records} == {
        ("organisation", "Shanghai MedValley"),
        ("money", 99000000000),  # in USD
        ("organisation", "Malu Town Council"),
    }
    scored = _pipeline("evaluate", "--outputs", str(out), "--gold", str(gold), "--config", str(config_path))
    assert scored.returncode == 0, scored.stdout + scored.stderr
    report = json.loads((out / "evaluation.json").read_text())
    assert report["problems"] == [] and report["articles"] == [MEDVALLEY]
    assert report["micro"]["tp"] == 1 and report["micro"]["fn"] == 2  # the correction and the addition are misses


def test_review_a_fact_in_the_browser_then_export(server, tmp_path):
    """The MedValley plan fact: its roles shown beside its sentence; Correct opens its form, a
    status and no area are saved; the record it names is accepted; the export writes the fact."""
    from playwright.sync_api import expect, sync_playwright

    url, out, config_path = server
    with sync_playwright() as p:
        browser = _browser(p)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(15000)
        errors = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
        try:
            page.goto(f"{url}article/{MEDVALLEY}")
            fact = page.locator("#facts li.fact").first
            expect(fact.locator(".ftype")).to_have_text("plan")
            expect(fact.locator("mark.trigger")).to_have_text("plan")
            expect(fact.locator(".roles mark.m")).to_have_count(3)
            page.keyboard.press("a")  # the first record, Shanghai MedValley (the fact's body), accepted
            expect(page.locator("#rec-0 .status")).to_have_text("accept")  # the page has refreshed
            fact.locator("button[data-act=correct]").click()
            form = fact.locator("form.fact-editor")
            expect(form).to_be_visible()
            form.locator("select[name=area]").select_option("")
            form.locator("select[name=status]").select_option("agreed")
            form.locator("button[type=submit]").click()
            fact = page.locator("#facts li.fact").first
            expect(fact.locator(".status").first).to_have_text("correct")
            expect(fact.locator(".corrected")).to_contain_text("(agreed)")
            assert errors == []
        except Exception:
            page.screenshot(path=str(tmp_path / "review-facts-failure.png"), full_page=True)
            raise
        finally:
            browser.close()
    gold = tmp_path / "gold"
    exported = _pipeline("review", "export", str(out), "--out", str(gold), "--config", str(config_path))
    assert exported.returncode == 0, exported.stderr
    facts = json.loads((gold / f"{MEDVALLEY}.json").read_text())["facts"]
    assert [(f["type"], f["status"], f["roles"]) for f in facts] == [
        ("plan", "agreed", {"body": "Shanghai MedValley", "what": WHAT})  # a text role is written as its text
    ]
