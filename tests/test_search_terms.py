"""Search finds what people type: words a page does not use itself ("dokter", "doctor",
"nachtpijn", "night pain") find it, from data/search_terms.yml, in the reader's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from heuppijn_site.search.search_index import add_keywords, split_index
from heuppijn_site.search.search_terms import SearchTermsError, load_search_terms, split_key
from heuppijn_site.tools.site_tools import PHONE, ROOT
from support.project_copy import warm_copy
from support.site import DOCS, LANGUAGES

PAGES = {language: [path.name for path in (DOCS / language).glob("*.md")] for language in LANGUAGES}


def load(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "search_terms.yml"
    path.write_text(text, encoding="utf-8")
    return load_search_terms(path, PAGES, "data/search_terms.yml")


# Reading and checking the file


def test_the_sites_file_loads_with_words_for_both_languages():
    terms = load_search_terms(ROOT / "data/search_terms.yml", PAGES, "data/search_terms.yml")
    assert "dokter" in terms["nl"]["wanneer-contact.md"]
    assert "doctor" in terms["en"]["wanneer-contact.md"]


def test_words_per_page_and_per_section(tmp_path):
    terms = load(tmp_path, "nl:\n  wanneer-contact.md: [dokter, ' pijn  in de nacht ']\n"
                           "  zelf-doen.md#slapen: [nachtpijn]\n")
    assert terms == {"nl": {"wanneer-contact.md": ("dokter", "pijn in de nacht"),
                            "zelf-doen.md#slapen": ("nachtpijn",)}}
    assert split_key("zelf-doen.md#slapen") == ("zelf-doen.md", "slapen")
    assert split_key("zelf-doen.md") == ("zelf-doen.md", "")


@pytest.mark.parametrize(("text", "message"), [
    ("- dokter\n", "data/search_terms.yml: the file must map each language"),
    ("de:\n  wanneer-contact.md: [Arzt]\n", "data/search_terms.yml: unknown language 'de'"),
    ("nl: [dokter]\n", "data/search_terms.yml: nl: must map page file names"),
    ("nl:\n  wanneer-contac.md: [dokter]\n",
     "data/search_terms.yml: nl: 'wanneer-contac.md' is not a page in docs/nl/ — did you mean 'wanneer-contact.md'?"),
    ("nl:\n  wanneer-contact.md#: [dokter]\n", "data/search_terms.yml: nl: 'wanneer-contact.md#': after '#'"),
    ("nl:\n  wanneer-contact.md: dokter\n", "data/search_terms.yml: nl: wanneer-contact.md: must be a list of words"),
    ("nl:\n  wanneer-contact.md: []\n", "data/search_terms.yml: nl: wanneer-contact.md: must be a list of words"),
    ("nl:\n  wanneer-contact.md: ['<b>dokter</b>']\n",
     "data/search_terms.yml: nl: wanneer-contact.md: '<b>dokter</b>' is not a word people type"),
    ("nl:\n  wanneer-contact.md: [12]\n", "data/search_terms.yml: nl: wanneer-contact.md: 12 is not a word"),
    ("nl:\n  wanneer-contact.md: [dokter, Dokter]\n",
     "data/search_terms.yml: nl: wanneer-contact.md: 'Dokter' is listed twice"),
    ("nl:\n  wanneer-contact.md: [dokter\n", "data/search_terms.yml:"),
])
def test_a_mistake_names_the_file_the_field_and_the_fix(tmp_path, text, message):
    with pytest.raises(SearchTermsError) as error:
        load(tmp_path, text)
    assert str(error.value).startswith(message)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(SearchTermsError, match="data/search_terms.yml is missing"):
        load_search_terms(tmp_path / "nothing.yml", PAGES, "data/search_terms.yml")


# The index step


def test_keywords_go_on_the_named_entries_only_and_stay_in_their_language():
    combined = {"config": {"lang": ["nl", "en"]}, "docs": [
        {"location": "wanneer-contact/", "title": "Wanneer", "text": ""},
        {"location": "wanneer-contact/#binnen-een-paar-dagen", "title": "Binnen", "text": ""},
        {"location": "en/when-to-get-help/", "title": "When", "text": ""},
        {"location": "en/when-to-get-help/#within-a-few-days", "title": "Within", "text": ""},
    ]}
    indexed = add_keywords(combined, {"wanneer-contact/#binnen-een-paar-dagen": ("nachtpijn", "pijn in de nacht"),
                                      "en/when-to-get-help/": ("doctor",)})
    keywords = {doc["location"]: doc.get("keywords") for doc in indexed["docs"]}
    assert keywords == {"wanneer-contact/": None, "wanneer-contact/#binnen-een-paar-dagen": "nachtpijn pijn in de nacht",
                        "en/when-to-get-help/": "doctor", "en/when-to-get-help/#within-a-few-days": None}
    assert "keywords" not in combined["docs"][1], "the index it was given is left alone"
    split = split_index(indexed, "nl", ["en"])
    assert [doc.get("keywords") for doc in split["en"]["docs"]] == ["doctor", None]
    assert all("doctor" not in doc.get("keywords", "") for doc in split["nl"]["docs"])


# The built site


def entries(site: Path, language: str) -> dict[str, dict]:
    index = site / ("" if language == "nl" else language) / "search" / "search_index.json"
    return {doc["location"]: doc for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]}


@pytest.mark.parametrize(("language", "location", "word"), [
    ("nl", "wanneer-contact/", "dokter"),
    ("nl", "wanneer-contact/#binnen-een-paar-dagen", "nachtpijn"),
    ("nl", "zelf-doen/#slapen", "nachtpijn"),
    ("en", "when-to-get-help/", "doctor"),
    ("en", "when-to-get-help/#within-a-few-days", "night pain"),
])
def test_each_languages_index_holds_its_words_people_type(site, language, location, word):
    docs = entries(site, language)
    assert word in docs[location].get("keywords", ""), f"{location} in the {language} index: {docs[location]}"
    other = "en" if language == "nl" else "nl"
    assert not any(word in doc.get("keywords", "") for doc in entries(site, other).values())


def test_the_keywords_field_is_searched_and_the_contact_page_boosted(site):
    for language, location in (("nl", "wanneer-contact/"), ("en", "when-to-get-help/")):
        index = json.loads((site / ("" if language == "nl" else language) / "search" / "search_index.json")
                           .read_text(encoding="utf-8"))
        assert "keywords" in index["config"]["fields"]
        assert entries(site, language)[location].get("boost") == 2


# What a reader sees

# Counts the search worker's answers (as in test_search_slow_phone.py).
COUNT_ANSWERS = """
document.addEventListener("DOMContentLoaded", () => {
  window.__searchAnswers = 0;
  const meta = document.querySelector(".md-search-result__meta");
  new MutationObserver(() => { window.__searchAnswers += 1; })
    .observe(meta, { childList: true, characterData: true, subtree: true });
});
"""


def search(browser, base_url: str, start: str, query: str) -> list[list[str]]:
    """The results for `query` typed in the search box: per result (a page), its links' paths,
    the page first, then its sections."""
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(COUNT_ANSWERS)
    page = context.new_page()
    try:
        page.goto(base_url + start)
        page.locator(".md-header label[for='__search']").first.click()
        page.wait_for_function("() => window.__searchAnswers > 0")  # search is ready: it answered the empty box
        # Typed in one go, as a phone keyboard's suggestion or a paste enters it: one answer.
        page.locator("input.md-search__input").fill(query)
        none = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                             ".translations['search.result.none']")
        page.locator(".md-search-result__item").first.or_(
            page.locator(".md-search-result__meta").filter(has_text=none)).wait_for()  # the answer
        return page.eval_on_selector_all(
            ".md-search-result__item",
            """items => items.map(item => [...item.querySelectorAll("a")]
                 .map(a => new URL(a.href).pathname + new URL(a.href).hash))""")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("start", "query", "first", "also"), [
    pytest.param("en/", "doctor", "/en/when-to-get-help/", [], id="en-doctor"),
    pytest.param("", "dokter", "/wanneer-contact/", [], id="nl-dokter"),
    pytest.param("", "nachtpijn", "/wanneer-contact/", ["/wanneer-contact/#binnen-een-paar-dagen", "/zelf-doen/#slapen"],
                 id="nl-nachtpijn"),
    pytest.param("en/", "night pain", "/en/when-to-get-help/", ["/en/when-to-get-help/#within-a-few-days"],
                 id="en-night-pain"),
    # A word the pages do use: the contact page (its front matter's `search: boost: 2`) comes
    # before the FAQ and the home page, which repeat its warning signs.
    pytest.param("", "huisarts", "/wanneer-contact/", [], id="nl-huisarts"),
])
def test_search_finds_what_people_type(browser, base_url, start, query, first, also):
    results = search(browser, base_url, start, query)
    assert results, f"search for {query!r} found nothing"
    assert results[0][0] == first, f"search for {query!r}: the first result is {results[0][0]}, not {first}: {results}"
    found = {link for result in results for link in result}
    missing = [link for link in also if link not in found]
    assert not missing, f"search for {query!r} does not show {missing}: {results}"
    if also:  # the warning sign about night pain is the contact page's first section shown
        assert results[0][1] == also[0], f"search for {query!r}: {results[0]}"


# An editor's mistake stops the build with a message


def test_a_section_that_does_not_exist_fails_the_build_with_its_sections_named(tmp_path):
    from heuppijn_site.tools.site_tools import mkdocs_build

    project = warm_copy(tmp_path)
    terms = project / "data/search_terms.yml"
    terms.write_text(terms.read_text(encoding="utf-8").replace(
        "wanneer-contact.md#binnen-een-paar-dagen:", "wanneer-contact.md#binnen-enkele-dagen:", 1), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output
    assert ("data/search_terms.yml: nl: wanneer-contact.md#binnen-enkele-dagen: docs/nl/wanneer-contact.md "
            "has no section 'binnen-enkele-dagen' — its sections: ") in output
    assert "binnen-een-paar-dagen" in output.split("its sections: ", 1)[1]
