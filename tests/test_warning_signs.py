"""Warning signs: one data file (data/warning_signs.yml), four levels, the same words and the
same level on every page and in the checker, in both languages; no page keeps its own copy."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import markdown
import pytest
import yaml
from support.html_tree import Element, parse_html
from heuppijn_site.tools.site_tools import ROOT, mkdocs_build, page_output
from support.data_edits import data_edits
from support.project_copy import warm_copy
from support.site import DOCS, LANGUAGES, pages
from heuppijn_site.content.warning_signs import LEVELS, WarningSignsError, load_warning_signs
from heuppijn_site.content.warning_signs_extension import signs_section

SIGNS_FILE = ROOT / "data" / "warning_signs.yml"
SIGNS = load_warning_signs(SIGNS_FILE, LANGUAGES)
PAGES = pages()
# The pages that list the signs, and which levels each shows.
ALL = set(LEVELS)
LISTED = {
    "wanneer-contact.md": ALL,
    "index.md": {"emergency", "urgent"},  # the rest one link away, on the contact page
    "veelgestelde-vragen.md": ALL,
    "verwijzers.md": ALL,
    "pijnregel.md": {"contact"},
    "pijndagboek.md": {"contact"},
}


def html_of(site: Path, page) -> Element:
    return parse_html(page_output(site, page).read_text(encoding="utf-8"))


def page_of(name: str, locale: str):
    return next(p for p in PAGES if p.name == name and p.locale == locale)


# The data --------------------------------------------------------------------------------------

def test_the_four_levels_most_urgent_first_with_the_action_first():
    assert tuple(SIGNS.levels) == ("emergency", "urgent", "soon", "contact")
    assert SIGNS.levels["emergency"].title == {"nl": "Bel nu 112", "en": "Call 112 now"}
    urgent = SIGNS.levels["urgent"]
    assert "huisartsenpost" in urgent.title["nl"] and "huisartsenpost" in urgent.instruction["nl"]
    assert "morgen" in urgent.instruction["nl"] and "tomorrow" in urgent.instruction["en"]
    for level in SIGNS.levels.values():
        for language in LANGUAGES:
            # Never "112 only in an emergency" next to a sign that is one.
            assert "alleen in een noodgeval" not in level.instruction[language]
            assert "only in an emergency" not in level.instruction[language]


# The least urgent level each sign may have (../shared/SOURCES.md, "Safety"). An editor may make
# a sign more urgent, never less: when in doubt, the more urgent level.
AT_LEAST = {
    "fall-cannot-stand": "emergency",
    "leg-weak-or-numb": "emergency",
    "cold-pale-leg": "emergency",
    "saddle-numbness": "emergency",
    "fall-pain-walking": "urgent",
    "fever-hip-pain": "urgent",
    "fever-at-risk": "urgent",
    "sudden-severe-pain": "urgent",
    "cannot-walk-or-move-hip": "urgent",
    "leg-getting-weaker": "urgent",
    "stress-fracture-limping": "urgent",
    "cancer-or-weight-loss": "soon",
    "night-or-rest-pain": "soon",
    "pain-with-every-step": "soon",
    "groin-pain-bone-risk": "soon",
    "pain-on-walking-eases-standing": "soon",
    "leg-pain-below-knee": "soon",
    "much-worse-within-days": "soon",
}


# What each widened sign must still say (../shared/SOURCES.md, second clinical review): words a
# reader needs to recognise it, in both languages. Rewording a sign may not drop one of these.
MUST_SAY = {
    "leg-weak-or-numb": {"nl": ["ineens", "gevoelloos", "beroerte"], "en": ["suddenly", "numb", "stroke"]},
    "cold-pale-leg": {"nl": ["koud", "bleek"], "en": ["cold", "pale"]},
    "saddle-numbness": {"nl": ["wc-papier", "beide benen", "seks", "plassen"],
                        "en": ["toilet paper", "both legs", "sex", "urine"]},
    "fall-pain-walking": {"nl": ["val", "lopen nog", "65", "osteoporose"],
                          "en": ["fall", "can still walk", "65", "osteoporosis"]},
    "fever-hip-pain": {"nl": ["koorts", "lies", "bijna niet bewegen", "warm, rood of dik"],
                       "en": ["fever", "groin", "hardly move", "warm, red or swollen"]},
    "fever-at-risk": {"nl": ["kunstheup", "diabetes", "prednison", "methotrexaat", "chemotherapie"],
                      "en": ["hip replacement", "diabetes", "prednisone", "methotrexate", "chemotherapy"]},
    "pain-with-every-step": {"nl": ["Stop met hardlopen en springen", "osteoporose", "prednison"],
                             "en": ["Stop running and jumping", "osteoporosis", "prednisone"]},
    "stress-fracture-limping": {"nl": ["elke stap", "mank", "Stop met hardlopen en springen"],
                                "en": ["every step", "limp", "Stop running and jumping"]},
    "cannot-walk-or-move-hip": {"nl": ["lopen", "bewegen", "zonder val of koorts"],
                                "en": ["walk", "move your hip", "without a fall or a fever"]},
    "leg-getting-weaker": {"nl": ["steeds zwakker"], "en": ["weaker and weaker"]},
    "groin-pain-bone-risk": {"nl": ["lies", "prednison", "alcohol"], "en": ["groin", "prednisone", "alcohol"]},
    "pain-on-walking-eases-standing": {"nl": ["lopen", "stilstaat"], "en": ["walk", "stand still"]},
    "leg-pain-below-knee": {"nl": ["onder je knie", "tintelingen", "rug"], "en": ["below your knee", "tingling", "back"]},
    "much-worse-within-days": {"nl": ["binnen een paar dagen"], "en": ["within a few days"]},
}


def test_each_widened_sign_still_names_what_a_reader_recognises():
    for sign_id, words in MUST_SAY.items():
        sign = SIGNS.sign(sign_id)
        for language, expected in words.items():
            missing = [word for word in expected if word not in sign.text[language]]
            assert not missing, f"{sign_id} ({language}) no longer says {missing}"


def test_sudden_severe_pain_is_a_sign_of_its_own_apart_from_a_leg_that_turns_weak():
    # A leg that suddenly turns weak or numb goes to 112; sudden severe pain alone to the GP now.
    assert SIGNS.sign("leg-weak-or-numb").level == "emergency"
    assert SIGNS.sign("sudden-severe-pain").level == "urgent"
    assert "zwak" not in SIGNS.sign("sudden-severe-pain").text["nl"]
    assert "weak" not in SIGNS.sign("sudden-severe-pain").text["en"]


def test_the_out_of_hours_service_includes_public_holidays():
    urgent = SIGNS.levels["urgent"].instruction
    assert "feestdag" in urgent["nl"] and "public holiday" in urgent["en"]
    assert any("feestdagen" in line for line in SIGNS.routes["nl"] if "huisartsenpost" in line)
    assert any("public holidays" in line for line in SIGNS.routes["en"] if "huisartsenpost" in line)


def test_no_sign_is_less_urgent_than_the_safety_list_says():
    levels = {sign.id: sign.level for sign in SIGNS.signs}
    for sign_id, least in AT_LEAST.items():
        assert sign_id in levels, f"the warning sign {sign_id} is missing from data/warning_signs.yml"
        assert LEVELS.index(levels[sign_id]) <= LEVELS.index(least), (
            f"{sign_id} is '{levels[sign_id]}' but must be '{least}' or more urgent")


def test_every_sign_cites_its_source():
    for sign in SIGNS.signs:
        assert re.fullmatch(r"\[@[a-z0-9-]+(; @[a-z0-9-]+)*\]", sign.source), sign.id


def test_every_sign_cites_a_source_a_reader_can_open():
    references = {entry["id"]: entry for entry in yaml.safe_load((ROOT / "data/references.yml").read_text())}
    for sign in SIGNS.signs:
        for key in re.findall(r"@([a-z0-9-]+)", sign.source):
            entry = references[key]
            if key == "practice-gtps-page":  # one of the two source documents the site is written from
                continue
            assert str(entry.get("URL", "")).startswith("https://") or entry.get("DOI"), key


def broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(SIGNS_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "warning_signs.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["signs"][0].update(level="today"),
         "'signs.fall-cannot-stand.level' 'today' is not a level — use one of emergency, urgent, soon, contact"),
        (lambda d: d["signs"][0].pop("en"), "'signs.fall-cannot-stand.en' is missing — add the text in that language"),
        (lambda d: d["signs"][0].pop("source"), "'signs.fall-cannot-stand.source' must cite where the sign"),
        (lambda d: d["signs"].append(dict(d["signs"][0])), f"'signs[{len(SIGNS.signs) + 1}].id' 'fall-cannot-stand' is used twice"),
        (lambda d: d["levels"].pop("soon"), "'levels.soon' is missing"),
        (lambda d: d["signs"][0].update(id="urgent"), "'signs[1].id' 'urgent' is the name of a level"),
        (lambda d: d["levels"]["urgent"]["anchor"].update(nl="bel-112"),
         "'levels.urgent.anchor.nl' 'bel-112' is also the anchor of emergency"),
        (lambda d: d["signs"][2].update(nl="Koud been [@nhs-broken-hip]"),
         "'signs.cold-pale-leg.nl' cannot cite: put citations in the sign's 'source'"),
    ],
)
def test_a_mistake_in_the_file_names_the_file_the_field_and_the_fix(tmp_path, change, message):
    with pytest.raises(WarningSignsError) as error:
        load_warning_signs(broken(tmp_path, change), LANGUAGES, "data/warning_signs.yml")
    assert str(error.value).startswith("data/warning_signs.yml: ")
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["emergency_number"].update(number="een-een-twee"),
         "'emergency_number.number' must be the number to call in an emergency, in digits"),
        (lambda d: d["emergency_number"]["label"].update(en="Call the emergency number"),
         "'emergency_number.label.en' 'Call the emergency number' must say 112"),
    ],
)
def test_a_mistake_in_the_emergency_number_names_the_file_the_line_and_the_fix(tmp_path, change, message):
    path = broken(tmp_path, change)
    with pytest.raises(WarningSignsError) as error:
        load_warning_signs(path, LANGUAGES, "data/warning_signs.yml")
    node = yaml.compose(path.read_text(encoding="utf-8"))
    for key in message.split("'")[1].split("."):  # down to the value named in the message
        node = next(value for name, value in node.value if name.value == key)
    line = node.start_mark.line + 1
    assert str(error.value).startswith(f"data/warning_signs.yml:{line}: ")
    assert message in str(error.value)


def render(text: str, language: str = "en") -> Element:
    """A page's Markdown through the warning-signs extension alone, in process."""
    from heuppijn_site.content.warning_signs_extension import WarningSignsExtension

    extension = WarningSignsExtension(language=language, templates=str(ROOT / "overrides"),
                                      signs=str(SIGNS_FILE))
    return parse_html(markdown.markdown(text, extensions=[extension]))


def test_a_marker_can_name_one_sign_which_shows_in_its_levels_box():
    tree = render("Running?\n\n<!-- warning-signs pain-with-every-step -->\n")
    (box,) = [e for e in tree.with_attr("data-warning-level") if e.tag == "div"]
    assert box.attrs["data-warning-level"] == SIGNS.sign("pain-with-every-step").level
    assert [e.attrs["data-warning-sign"] for e in tree.with_attr("data-warning-sign")] == ["pain-with-every-step"]
    assert SIGNS.levels[SIGNS.sign("pain-with-every-step").level].instruction["en"] in box.text()


def test_every_id_is_given_once_on_a_page_and_the_full_list_keeps_the_anchors():
    # A single sign beside the text first, the full list further down (as on the FAQ page).
    tree = render("<!-- warning-signs pain-with-every-step -->\n\nMore.\n\n<!-- warning-signs -->\n")
    ids = [e.attrs["id"] for e in tree.find_all(lambda e: "id" in e.attrs)]
    assert len(ids) == len(set(ids)), ids
    first, again = tree.with_attr("data-warning-sign", "pain-with-every-step")
    assert "id" not in first.attrs and again.attrs["id"] == "sign-pain-with-every-step"
    anchor = SIGNS.levels[SIGNS.sign("pain-with-every-step").level].anchor["en"]
    (heading,) = tree.with_attr("id", anchor)
    full_list = heading.ancestor(lambda e: "data-warning-signs" in e.attrs)
    assert len(full_list.with_attr("data-warning-sign")) == len(SIGNS.signs)
    # A single sign that no list on the page shows keeps its ids.
    alone = render("<!-- warning-signs leg-pain-below-knee -->\n\n<!-- warning-signs emergency -->\n")
    own_anchor = SIGNS.levels[SIGNS.sign("leg-pain-below-knee").level].anchor["en"]
    assert alone.with_attr("id", "sign-leg-pain-below-knee") and alone.with_attr("id", own_anchor)


def test_a_marker_naming_neither_a_level_nor_a_sign_names_both_kinds():
    with pytest.raises(ValueError) as error:
        render("<!-- warning-signs pain-with-evry-step -->\n")
    assert "'pain-with-evry-step' is not a level of warning signs" in str(error.value)
    assert "or the id of one sign in data/warning_signs.yml" in str(error.value)


def test_grouping_keeps_the_order_of_the_levels_and_leaves_out_empty_ones():
    groups = SIGNS.by_level(["contact", "emergency"])
    assert [level.name for level, _ in groups] == ["emergency", "contact"]
    assert all(sign.level == level.name for level, signs in groups for sign in signs)
    only_emergency = dataclasses.replace(SIGNS, signs=tuple(s for s in SIGNS.signs if s.level == "emergency"))
    assert [level.name for level, _ in only_emergency.by_level()] == ["emergency"]


# The built pages -------------------------------------------------------------------------------

@pytest.mark.parametrize("page", [p for p in PAGES if p.name in LISTED], ids=lambda p: p.path)
def test_every_listed_sign_has_the_words_and_level_of_the_data(site, page):
    tree = html_of(site, page)
    items = tree.with_attr("data-warning-sign")
    assert items, f"{page.path}: no warning signs rendered"
    shown = set()
    for item in items:
        sign = SIGNS.sign(item.attrs["data-warning-sign"])  # KeyError: a sign not in the data
        box = item.ancestor(lambda e: "data-warning-level" in e.attrs)
        assert box is not None and box.attrs["data-warning-level"] == sign.level, sign.id
        text = item.text(skip=lambda e: e.tag == "sup")
        assert text == sign.text[page.locale], f"{page.path}: {sign.id} reads {text!r}"
        heading = box.find_all(lambda e: e.tag == "h3")[0]
        assert heading.text() == SIGNS.levels[sign.level].title[page.locale]
        # A box repeated on the page (one sign beside the text) leaves the anchor to the full list.
        assert heading.attrs.get("id", SIGNS.levels[sign.level].anchor[page.locale]) == \
            SIGNS.levels[sign.level].anchor[page.locale]
        shown.add(sign.id)
    expected = {sign.id for sign in SIGNS.signs if sign.level in LISTED[page.name]}
    assert shown == expected, f"{page.path}: missing {expected - shown}, extra {shown - expected}"
    # Each level listed has its anchor exactly once, on the box of the full list.
    for level in LISTED[page.name]:
        (heading,) = tree.with_attr("id", SIGNS.levels[level].anchor[page.locale])
        box = heading.ancestor(lambda e: "data-warning-level" in e.attrs)
        assert len(box.with_attr("data-warning-sign")) == sum(s.level == level for s in SIGNS.signs)
    # In every list, most urgent first.
    for signs_list in tree.with_attr("data-warning-signs"):
        order = [box.attrs["data-warning-level"] for box in signs_list.with_attr("data-warning-level")
                 if box.tag == "div"]
        assert order == sorted(order, key=LEVELS.index)


def test_each_sign_cites_its_source_where_it_is_listed(site):
    tree = html_of(site, page_of("wanneer-contact.md", "en"))
    for item in tree.with_attr("data-warning-sign"):
        assert item.find_all(lambda e: e.tag == "sup"), f"{item.attrs['data-warning-sign']} has no citation"
    sources = tree.text()
    assert "NHS website" in sources or "Broken hip" in sources


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_checker_asks_about_the_urgent_signs_with_their_levels(site, locale):
    tree = html_of(site, page_of("pijnregel.md", locale))
    boxes = [e for e in tree.with_attr("name", "red_flag") if e.tag == "input"]
    # Grouped by what to do, most urgent first; within a group in the order of the data.
    urgent = sorted((sign for sign in SIGNS.signs if sign.level in ("emergency", "urgent", "soon")),
                    key=lambda sign: LEVELS.index(sign.level))
    assert [box.attrs["value"] for box in boxes] == [sign.id for sign in urgent]
    for box, sign in zip(boxes, urgent):
        assert box.attrs["data-level"] == sign.level
        group = box.ancestor(lambda e: e.tag == "fieldset")
        assert group.attrs["data-level"] == sign.level
        label = box.ancestor(lambda e: e.tag == "label")
        assert label.text() == sign.text[locale]


def _remove(tree: Element, match) -> None:
    for element in tree.find_all(match):
        if element.parent is not None and element in element.parent.children:
            element.parent.children.remove(element)


GENERATED = ("data-warning-signs", "data-care-routes", "data-pain-check", "data-exercise-progress",
             "data-exercise-cards", "data-posters")  # posters: each a page's title and description
# Words that belong to the warning signs' advice, and so only in what the data renders.
URGENCY_WORDS = {
    "nl": ["112", "huisartsenpost", "dezelfde dag", "vandaag nog", "noodgeval", "alarmsignaal"],
    "en": ["112", "huisartsenpost", "out-of-hours", "same day", "emergency", "warning sign"],
}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_no_page_keeps_a_hand_written_copy_of_the_warning_signs(site, page):
    tree = html_of(site, page)
    main = tree.find_all(lambda e: e.tag == "article")[0]
    _remove(main, lambda e: any(name in e.attrs for name in GENERATED))
    # The sources list describes the works cited, including what they say about urgency; the
    # glossary explains words such as huisartsenpost. Neither gives advice.
    _remove(main, lambda e: {"references", "glossary"} & set(e.attrs.get("class", "").split())
            or "bibliography" in e.attrs.get("class", ""))
    text = main.text(skip=lambda e: e.tag == "abbr").lower()
    for sign in SIGNS.signs:
        assert sign.text[page.locale].lower() not in text, f"{page.path} copies sign {sign.id} by hand"
    found = [word for word in URGENCY_WORDS[page.locale] if word in text]
    # Headings and links may name the topic ("Alarmsignalen: wat doe je…"); advice may not.
    headings = " ".join(e.text().lower() for e in main.find_all(lambda e: e.tag in ("h1", "h2", "a")))
    advice = [word for word in found if text.count(word) > headings.count(word)]
    assert not advice, (f"{page.path} mentions {advice} outside the generated warning signs: "
                        "put the sign in data/warning_signs.yml and use <!-- warning-signs -->")


@pytest.mark.parametrize("page", [p for p in PAGES if "emergency" in LISTED.get(p.name, ())], ids=lambda p: p.path)
def test_wherever_a_box_says_call_112_the_number_is_a_link_that_calls_it(site, page):
    call = SIGNS.emergency_number
    tree = html_of(site, page)
    boxes = [box for box in tree.with_attr("data-warning-level", "emergency") if box.tag == "div"]
    assert boxes, f"{page.path}: no 'call 112' box"
    for box in boxes:
        links = box.find_all(lambda e: e.tag == "a" and e.attrs.get("href", "").startswith("tel:"))
        # The action (heading) and what to do, each once; named for a screen reader by what it does.
        assert [link.ancestor(lambda e: e.tag in ("h3", "p")).tag for link in links] == ["h3", "p"]
        for link in links:
            assert link.attrs["href"] == f"tel:{call.number}" and link.text() == call.number
            assert link.attrs["aria-label"] == call.label[page.locale]
            assert "data-print-url" not in link.attrs, "on paper, 112 needs no address after it"
        heading = box.find_all(lambda e: e.tag == "h3")[0]
        assert heading.text() == SIGNS.levels["emergency"].title[page.locale]


def test_the_contact_page_says_who_to_call_in_both_languages(site):
    for locale, words in (("nl", ["112", "huisarts", "huisartsenpost"]), ("en", ["112", "GP", "huisartsenpost"])):
        tree = html_of(site, page_of("wanneer-contact.md", locale))
        routes = tree.with_attr("data-care-routes")[0]
        assert all(word in routes.text() for word in words), routes.text()
        # "112 is het alarmnummer …": the number a link that calls it.
        (call,) = routes.find_all(lambda e: e.tag == "a" and e.attrs.get("href", "").startswith("tel:"))
        assert call.attrs["href"] == "tel:112" and call.text() == "112"
        # The section's id says what it holds; old links from clinics (#dezelfde-dag, #same-day,
        # from when it was named for one level) still land on its heading.
        new, old = ("alarmsignalen", "dezelfde-dag") if locale == "nl" else ("warning-signs", "same-day")
        heading = tree.with_attr("id", new)[0]
        assert heading.tag == "h2"
        (alias,) = tree.with_attr("id", old)
        assert alias.ancestor(lambda e: e.tag == "h2") is heading
        # The section's first box is the most urgent one.
        first_box = [e for e in tree.with_attr("data-warning-level") if e.tag == "div"][0]
        assert first_box.attrs["data-warning-level"] == "emergency"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_a_fall_on_the_causes_page_links_to_both_fall_signs(site, locale):
    causes = html_of(site, page_of("oorzaken.md", locale))
    links = [e.attrs["href"] for e in causes.find_all(lambda e: e.tag == "a" and "href" in e.attrs)]
    contact = html_of(site, page_of("wanneer-contact.md", locale))
    for sign_id in ("fall-cannot-stand", "fall-pain-walking"):
        assert any(href.endswith(f"#sign-{sign_id}") for href in links), sign_id
        (item,) = contact.with_attr("id", f"sign-{sign_id}")
        assert item.attrs["data-warning-sign"] == sign_id


# An editor changes a level ---------------------------------------------------------------------

def test_changing_a_signs_level_in_the_data_moves_it_everywhere(data_edited):
    """data_edited: the project built with a sign one level more urgent (support/data_edits.py)."""
    project, sign, level = data_edited, data_edits().sign, data_edits().sign_level
    assert level != sign.level
    for page in PAGES:
        if page.name not in LISTED or not {sign.level, level} <= LISTED[page.name]:
            continue
        tree = html_of(project / "site", page)
        item = tree.with_attr("data-warning-sign", sign.id)[0]
        box = item.ancestor(lambda e: "data-warning-level" in e.attrs)
        assert box.attrs["data-warning-level"] == level, page.path
    checker = html_of(project / "site", page_of("pijnregel.md", "en"))
    box = [e for e in checker.with_attr("value", sign.id) if e.tag == "input"][0]
    assert box.attrs["data-level"] == level


def test_an_unknown_level_in_a_marker_names_the_file_line_and_the_levels(tmp_path):
    project = warm_copy(tmp_path)
    path = project / "docs/en/veelgestelde-vragen.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<!-- warning-signs -->", "<!-- warning-signs urgnet -->"), encoding="utf-8")
    line = text[: text.index("<!-- warning-signs -->")].count("\n") + 1
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert (f"docs/en/veelgestelde-vragen.md:{line}: 'urgnet' is not a level of warning signs — "
            "write <!-- warning-signs --> or name levels from: emergency, urgent, soon, contact") in output


def test_the_markers_are_html_comments_so_nothing_leaks_without_the_hook():
    for page in PAGES:
        source = (DOCS / page.locale / page.name).read_text(encoding="utf-8")
        if "warning-signs" in source:
            html = markdown.markdown(source)
            # Without the hook the marker stays an HTML comment: nothing a reader sees.
            visible = re.sub(r"<!--.*?-->", "", html, flags=re.S)
            assert "&lt;!--" not in visible and "<!-- warning-signs" not in visible


def test_other_pages_link_to_the_section_above_the_contact_pages_signs():
    contact = "# Contact\n\n## Call {#call}\n\nText.\n\n## Signs {#signs}\n\n<!-- warning-signs -->\n\n## Later {#later}\n"
    assert signs_section(contact, "docs/en/wanneer-contact.md") == "signs"
    for written in ("{: #signs }", "{#signs .warning}", "{ #signs }"):
        assert signs_section(contact.replace("{#signs}", written), "x.md") == "signs", written


def test_signs_without_a_heading_with_an_id_above_them_stop_the_build_with_the_fix():
    contact = "# Contact\n\n## Signs\n\n<!-- warning-signs -->\n"
    with pytest.raises(WarningSignsError, match=r"docs/en/wanneer-contact\.md: .*\{#warning-signs\}"):
        signs_section(contact, "docs/en/wanneer-contact.md")
