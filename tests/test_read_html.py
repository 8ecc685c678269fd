"""Saved web pages, JSONL html lines and feeds: the article's main text, none of the page's
boilerplate, and the metadata the page states; bad pages are coded problems."""

import json

from pipeline.input import read_articles

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Port of Tema sells 40 hectares for $3 million | Coastline News</title>
<meta property="og:site_name" content="Coastline News">
<meta property="og:title" content="Port of Tema sells 40 hectares for $3 million">
<meta name="author" content="Ama Mensah">
<link rel="canonical" href="https://news.example.com.gh/business/port-of-tema-land-sale">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Port of Tema sells 40 hectares for $3 million", "datePublished": "2021-05-04T08:00:00Z",
 "author": {"@type": "Person", "name": "Ama Mensah"}}</script>
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather forecast</a></li></ul></nav></header>
<main><article>
<h1>Port of Tema sells 40 hectares for $3 million</h1>
<p class="byline">By Ama Mensah</p><time datetime="2021-05-04">4 May 2021</time>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet this story</a></div>
<p>The Ghana Ports and Harbours Authority sold 40 hectares of land beside the Port of Tema
to Meridian Logistics Ltd for $3 million on Monday, the authority said in a statement.</p>
<p>The land will hold a container depot that is due to open in 2023, according to the buyer,
which said it would hire about 300 people once the depot is running at full capacity.</p>
<div class="advert">ADVERTISEMENT Subscribe to Coastline Premium for just $1 a week</div>
<h2>Bigger plans</h2>
<p>Meridian said it had also bid for a second plot of 12 hectares near the fishing harbour,
and that talks with the authority over the price would continue into next month.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Cocoa prices hit record high</a></li>
<li><a href="/b">Accra mall opens its doors</a></li></ul></aside>
<section id="comments"><h3>Comments</h3><div class="comment"><p>Great news for Tema! Posted by kofi99</p></div></section>
</main>
<footer><p>Copyright 2021 Coastline News. All rights reserved. Privacy policy. Terms of use.</p></footer>
</body></html>"""

ABSENT = [
    "cookies",
    "Home",
    "Weather forecast",
    "Share on Facebook",
    "Tweet this story",
    "ADVERTISEMENT",
    "Subscribe",
    "Related stories",
    "Cocoa prices",
    "Accra mall",
    "Comments",
    "kofi99",
    "Copyright",
    "Privacy policy",
]


def _read(config, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return read_articles([path], config)


def test_html_page_main_text_without_boilerplate(config, tmp_path):
    (article,), problems = _read(config, tmp_path, "tema.html", NEWS_PAGE)
    assert problems == []
    assert article.title == "Port of Tema sells 40 hectares for $3 million"
    assert article.byline == "Ama Mensah"
    assert article.published.isoformat() == "2021-05-04"
    assert article.url == "https://news.example.com.gh/business/port-of-tema-land-sale"
    assert article.source == "Coastline News"
    assert article.id == "port-of-tema-sells-40-hectares-for-3-million"
    assert "sold 40 hectares of land beside the Port of Tema" in article.text
    assert "\n\nBigger plans\n\n" in article.text  # a heading is its own paragraph
    assert article.text.endswith("would continue into next month.")  # the text after the ad is kept
    assert [word for word in ABSENT if word in article.text] == []


def test_html_date_from_time_element_alone(config, tmp_path):
    page = NEWS_PAGE.replace('"datePublished": "2021-05-04T08:00:00Z",', "").replace("2021-05-04", "2022-11-30")
    (article,), _ = _read(config, tmp_path, "tema.htm", page)
    assert article.published.isoformat() == "2022-11-30"


def test_html_in_another_encoding_than_declared_is_a_warning(config, tmp_path):
    page = NEWS_PAGE.replace("Monday", "Monday in Tema’s Café district").encode("cp1252")
    (article,), problems = _read(config, tmp_path, "tema.html", page)
    assert [p.message[:6] for p in problems] == ["[W081]"]
    assert "tema.html" in problems[0].message and "Tema’s Café district" in article.text


def test_html_without_main_text_is_e080_and_the_batch_goes_on(config, tmp_path):
    (tmp_path / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/b'>Business</a></nav></body></html>"
    )
    (tmp_path / "tema.html").write_text(NEWS_PAGE)
    articles, problems = read_articles([tmp_path], config)
    assert [a.title for a in articles] == ["Port of Tema sells 40 hectares for $3 million"]
    assert [(p.message[:6], p.path.endswith("menu.html")) for p in problems] == [("[E080]", True)]


def test_jsonl_line_with_html_and_overrides(config, tmp_path):
    rows = [
        {"html": NEWS_PAGE, "published": "2021-05-05", "source": "wire"},
        {"html": "<p>nothing</p>"},
        {"title": "Plain", "text": "A plain line."},
    ]
    articles, problems = _read(config, tmp_path, "feed.jsonl", "\n".join(json.dumps(r) for r in rows))
    first, plain = articles
    assert (first.title, first.published.isoformat(), first.source, first.line) == (
        "Port of Tema sells 40 hectares for $3 million",
        "2021-05-05",
        "wire",
        1,
    )
    assert "Share on Facebook" not in first.text and plain.line == 3
    assert [(p.message[:6], p.line) for p in problems] == [("[E080]", 2)]


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Coastline News</title><link>https://news.example.com.gh/</link>
<item><title>Port of Tema sells land</title><link>https://news.example.com.gh/port-land</link>
<pubDate>Tue, 04 May 2021 08:00:00 GMT</pubDate><author>ama@example.com (Ama Mensah)</author>
<description>Short summary only.</description>
<content:encoded><![CDATA[<p>The authority sold 40 hectares for <b>$3 million</b>.</p><p>A depot opens in 2023.</p>]]></content:encoded>
</item>
<item><title>Cocoa prices rise</title><link>https://news.example.com.gh/cocoa</link>
<pubDate>Wed, 05 May 2021 09:00:00 GMT</pubDate><description>Cocoa rose 4% to $2,400 a tonne.</description></item>
<item><title>Photo of the day</title><link>https://news.example.com.gh/photo</link></item>
</channel></rss>"""


def test_feed_entries_content_else_summary(config, tmp_path):
    (port, cocoa), problems = _read(config, tmp_path, "coastline.rss", FEED)
    assert (
        port.text
        == "Port of Tema sells land\n\nThe authority sold 40 hectares for $3 million.\n\nA depot opens in 2023."
    )
    assert (port.url, port.published.isoformat(), port.source) == (
        "https://news.example.com.gh/port-land",
        "2021-05-04",
        "news.example.com.gh",
    )
    assert cocoa.text.endswith("Cocoa rose 4% to $2,400 a tonne.") and cocoa.published.isoformat() == "2021-05-05"
    assert [p.message[:6] for p in problems] == ["[W082]"]  # the entry with no text


def test_xml_that_is_no_feed_is_e086(config, tmp_path):
    _, problems = _read(config, tmp_path, "data.xml", "<?xml version='1.0'?><rows><row>1</row></rows>")
    assert [p.message[:6] for p in problems] == ["[E086]"]
