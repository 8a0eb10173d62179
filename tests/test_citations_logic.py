"""Citation syntax, numbering, the bibliography file and Vancouver formatting — no site build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from heuppijn_site.content.citations import CitationSyntaxError, check_keys, find_citations, numbering
from heuppijn_site.content.references import Reference, ReferenceDataError, load_references, vancouver
from heuppijn_site.tools.site_tools import ROOT
from heuppijn_site.site_texts import site_texts
from support.site import LANGUAGES as SITE_LANGUAGES
from heuppijn_site.tools.site_tools import ROOT as PROJECT

TEXTS = site_texts(PROJECT, SITE_LANGUAGES)  # data/labels.yml, data/languages.yml

PATH = "docs/nl/behandeling.md"


def test_single_and_grouped_citations_are_found_with_their_lines():
    text = "Eerste zin. [@leap-2018]\n\nTweede zin [@brinks-2011; @leap-2018].\n"
    citations = find_citations(text, PATH, first_line=8)
    assert [(c.line, c.keys) for c in citations] == [
        (8, ("leap-2018",)),
        (10, ("brinks-2011", "leap-2018")),
    ]
    assert text[citations[0].start:citations[0].end] == "[@leap-2018]"


def test_nothing_inside_code_is_touched():
    text = "Schrijf `[@leap-2018]` zo.\n\n```\n[@leap-2018]\n[@]\n```\n\n~~~md\n[@x\n~~~\n"
    assert find_citations(text, PATH) == []


@pytest.mark.parametrize("broken", ["[@]", "[@leap-2018", "[@leap-2018 @brinks-2011]", "[@leap-2018;]"])
def test_malformed_citations_are_reported_with_file_and_line(broken):
    text = f"Regel een.\nRegel twee {broken} hier.\n"
    with pytest.raises(CitationSyntaxError) as error:
        find_citations(text, PATH, first_line=7)
    assert str(error.value).startswith(f"{PATH}:8: malformed citation '[@")
    assert "write citations like [@leap-2018] or [@leap-2018; @brinks-2011]" in str(error.value)


def test_an_unknown_key_suggests_the_closest_known_one():
    citations = find_citations("\n\nTekst [@leap-2019].", PATH, first_line=21)
    with pytest.raises(CitationSyntaxError) as error:
        check_keys(citations, ["leap-2018", "brinks-2011"], PATH)
    assert str(error.value).startswith(
        "docs/nl/behandeling.md:23: unknown reference 'leap-2019' — did you mean 'leap-2018'?"
    )


def test_an_unknown_key_without_a_close_match_lists_the_known_keys():
    citations = find_citations("[@zzz]", PATH)
    with pytest.raises(CitationSyntaxError, match="known references: brinks-2011, leap-2018"):
        check_keys(citations, ["leap-2018", "brinks-2011"], PATH)


def test_numbering_follows_first_use():
    citations = find_citations("[@b] [@a; @b] [@c] [@a]", PATH)
    assert numbering(citations) == {"b": 1, "a": 2, "c": 3}


GOOD_ENTRY = """
- id: leap-2018
  category: research
  type: article-journal
  author:
    - {family: Mellor, given: R}
  title: A trial
  container-title: BMJ
  issued: 2018
  volume: "361"
  page: k1662
  DOI: 10.1136/bmj.k1662
"""


def load(tmp_path: Path, text: str) -> dict[str, Reference]:
    path = tmp_path / "references.yml"
    path.write_text(text, encoding="utf-8")
    return load_references(path, "data/references.yml")


def test_the_real_bibliography_loads_and_has_the_source_guidelines():
    references = load_references(ROOT / "data" / "references.yml")
    for key in ("nhg-pijn", "kngf-artrose-heup-knie-2018", "vsg-onderbeen-2022", "leap-2018",
                "grimaldi-fearon-2015", "silbernagel-2007", "brinks-2011", "segal-2007",
                "lievense-2005", "rompe-2009", "grimaldi-2015-review", "grimaldi-2025-masterclass"):
        assert key in references
    assert "onderbeen" in references["vsg-onderbeen-2022"].note["nl"]
    assert "lower leg" in references["vsg-onderbeen-2022"].note["en"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  title: A trial\n", ""), "data/references.yml:2: entry 'leap-2018' has no 'title'"),
        (("  issued: 2018\n", ""), "data/references.yml:2: entry 'leap-2018' has no year"),
        (("DOI: 10.1136/bmj.k1662", "DOI: https://doi.org/10.1136/bmj.k1662"),
         "data/references.yml:2: entry 'leap-2018': 'DOI' 'https://doi.org/10.1136/bmj.k1662' is malformed"),
        (("category: research", "category: study"),
         "data/references.yml:2: entry 'leap-2018': 'category' must be one of guideline, research, other"),
    ],
)
def test_a_bad_entry_names_the_file_entry_and_fix(tmp_path, change, message):
    with pytest.raises(ReferenceDataError) as error:
        load(tmp_path, GOOD_ENTRY.replace(*change))
    assert str(error.value).startswith(message)


def test_a_duplicate_key_is_refused(tmp_path):
    with pytest.raises(ReferenceDataError, match=r"references.yml:14: duplicate id 'leap-2018'"):
        load(tmp_path, GOOD_ENTRY + GOOD_ENTRY)


def article(**changes) -> Reference:
    base = dict(key="leap-2018", category="research", type="article-journal", title="A trial",
                year="2018", lead="Mellor", authors=("Mellor R", "Bennell K"), container_title="BMJ",
                volume="361", page="k1662", doi="10.1136/bmj.k1662")
    base.update(changes)
    return Reference(**base)


def test_vancouver_journal_article():
    assert vancouver(article(), TEXTS["en"]) == (
        'Mellor R, Bennell K. A trial. BMJ. 2018;361:k1662. '
        'doi:<a href="https://doi.org/10.1136/bmj.k1662">10.1136/bmj.k1662</a>'
    )


def test_vancouver_lists_six_authors_then_et_al():
    authors = tuple(f"Author{i} A" for i in range(1, 9))
    text = vancouver(article(authors=authors), TEXTS["nl"])
    assert text.startswith("Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, Author6 A, et al. ")


def test_vancouver_guideline_labels_per_language():
    guideline = Reference(
        key="nhg-pijn", category="guideline", type="report", genre="guideline",
        title="NHG-Standaard Pijn", year="2021", lead="NHG", authors=("NHG",), publisher="NHG",
        publisher_place="Utrecht", url="https://richtlijnen.nhg.org/standaarden/pijn",
        accessed=date(2026, 11, 22),
    )
    dutch, english = vancouver(guideline, TEXTS["nl"]), vancouver(guideline, TEXTS["en"])
    assert "NHG-Standaard Pijn [richtlijn]. Utrecht: NHG; 2021." in dutch
    assert "(geraadpleegd 22 november 2026)" in dutch and "Beschikbaar via:" in dutch
    assert "NHG-Standaard Pijn [guideline]. Utrecht: NHG; 2021." in english
    assert "(accessed 22 November 2026)" in english and "Available from:" in english


def test_short_names_for_screen_readers():
    assert article().short_name(TEXTS["nl"]) == "Mellor et al., 2018"
    assert article(authors=("Mellor R",)).short_name(TEXTS["en"]) == "Mellor, 2018"
    # A work without a date: no "n.d." or "datum onbekend" for a screen reader to read out.
    assert article(year="n.d.", authors=("NHS",), lead="NHS").short_name(TEXTS["nl"]) == "NHS"
    assert article(year="n.d.", authors=(), lead="").short_name(TEXTS["en"]) == "A trial"


def test_a_work_without_a_date_shows_no_date_at_all():
    webpage = Reference(
        key="nhs-broken-hip", category="other", type="webpage", title="Broken hip", year="n.d.",
        lead="NHS", authors=("NHS",), container_title="NHS website",
        url="https://www.nhs.uk/conditions/broken-hip/", accessed=date(2026, 11, 30),
    )
    assert vancouver(webpage, TEXTS["en"]) == (
        'NHS. Broken hip. NHS website. Available from: <a href="https://www.nhs.uk/conditions/broken-hip/">'
        'https://www.nhs.uk/conditions/broken-hip/</a> (accessed 30 November 2026)'
    )
    leaflet = Reference(key="leaflet", category="other", type="pamphlet", title="Gluteale tendinopathie",
                        year="n.d.", lead="Fysiotherapiepraktijk", authors=("Fysiotherapiepraktijk",))
    assert vancouver(leaflet, TEXTS["nl"]) == "Fysiotherapiepraktijk. Gluteale tendinopathie."
    report = Reference(key="r", category="guideline", type="report", title="Richtlijn", year="n.d.",
                       lead="KNGF", authors=("KNGF",), publisher="KNGF", publisher_place="Amersfoort")
    assert vancouver(report, TEXTS["nl"]) == "KNGF. Richtlijn. Amersfoort: KNGF."
    for reference in (webpage, leaflet, report):
        for locale in ("nl", "en"):
            text = vancouver(reference, TEXTS[locale])
            assert not any(word in text for word in ("n.d.", "onbekend", "unknown", "[", ";.")), text


ANONYMOUS_ENTRY = """
- id: practice-page
  category: other
  type: webpage
  author:
    - literal:
        nl: Fysiotherapiepraktijk (webpagina)
        en: Physiotherapy practice (web page)
  title: Pijn aan de buitenkant van de heup
  issued: n.d.
  note:
    nl: Een webpagina.
    en: A web page.
"""


def test_an_author_described_per_language_shows_in_the_pages_language(tmp_path):
    from heuppijn_site.content.references import schema_citation

    reference = load(tmp_path, ANONYMOUS_ENTRY)["practice-page"]
    assert vancouver(reference, TEXTS["nl"]).startswith("Fysiotherapiepraktijk (webpagina). Pijn")
    assert vancouver(reference, TEXTS["en"]).startswith("Physiotherapy practice (web page). Pijn")
    assert reference.short_name(TEXTS["en"]) == "Physiotherapy practice (web page)"
    assert schema_citation(reference, "en")["author"] == "Physiotherapy practice (web page)"


def test_an_author_described_in_one_language_only_is_refused(tmp_path):
    with pytest.raises(ReferenceDataError) as error:
        load(tmp_path, ANONYMOUS_ENTRY.replace("        en: Physiotherapy practice (web page)\n", ""))
    assert str(error.value).startswith("data/references.yml:2: entry 'practice-page': the author's 'literal' "
                                       "has no name for en — write it once for every language")
