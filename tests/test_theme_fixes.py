"""The fixes to the theme's output and the search split, as text work without a build."""

from __future__ import annotations

import json

import pytest
from heuppijn_site.search.search_index import split_index
from heuppijn_site.theme.theme_html import (
    SEARCH_DIALOG,
    ThemeChanged,
    add_search_submit,
    disable_alternate_sitemap_lookup,
    drop_toggle_autocomplete,
    drop_unlabelled_toc_toggle,
    name_search_dialog,
    rebase_config,
)


def test_the_search_dialog_gets_the_name_it_is_given():
    page = f'<body>{SEARCH_DIALOG}<label class="md-search__overlay"></label></div></body>'
    assert 'role="dialog" aria-label="Zoek &amp; vind">' in name_search_dialog(page, "Zoek & vind")


@pytest.mark.parametrize(("path", "language"), [("oorzaken/", "nl"), ("en/causes/", "en")])
def test_the_search_dialog_is_named_in_the_page_language(site, path, language):
    """What a screen reader announces when search opens: the page language's word for it
    (data/labels.yml), not the other language's."""
    from heuppijn_site.site_texts import site_texts
    from heuppijn_site.tools.site_tools import ROOT
    from support.site import LANGUAGES

    names = {lang: texts.search["dialog"] for lang, texts in site_texts(ROOT, LANGUAGES).items()}
    assert len(set(names.values())) == len(names)  # else this test could not tell them apart
    page = (site / path / "index.html").read_text(encoding="utf-8")
    assert f'role="dialog" aria-label="{names[language]}">' in page


def test_a_changed_search_dialog_is_reported_not_ignored():
    with pytest.raises(ThemeChanged):
        name_search_dialog('<div class="md-search" role="dialog" data-new>', "Zoeken")


SEARCH_FORM = ('<div class="md-search" data-md-component="search" role="dialog">'
               '<form class="md-search__form" name="search"><input class="md-search__input" required>'
               '<nav class="md-search__options" aria-label="Zoeken"><button type="reset">x</button></nav>'
               '</form></div>')


def test_the_search_form_gets_a_submit_button_beside_the_clear_button():
    fixed = add_search_submit(SEARCH_FORM, "Zoek & vind")
    assert '<button type="reset">x</button><button type="submit" class="md-search__submit">Zoek &amp; vind</button></nav>' in fixed
    assert fixed.count("<button") == 2
    assert add_search_submit("<p>no search here</p>", "Zoek") == "<p>no search here</p>"


def test_a_changed_search_form_is_reported_not_ignored():
    with pytest.raises(ThemeChanged):
        add_search_submit(SEARCH_FORM.replace('<nav class="md-search__options"', "<div"), "Zoek")


def test_toggle_checkboxes_lose_autocomplete():
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
            '<input class="md-search__input" autocomplete="off">')
    fixed = drop_toggle_autocomplete(page)
    assert fixed.count('autocomplete="off"') == 1 and 'md-search__input" autocomplete="off"' in fixed


def test_the_contents_toggle_goes_only_where_nothing_names_it():
    toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    labelled = f'{toggle}<label class="md-nav__link md-nav__link--active" for="__toc">On this page</label>'
    assert drop_unlabelled_toc_toggle(labelled) == labelled
    assert drop_unlabelled_toc_toggle(f'<nav>{toggle}<a href="./">Posters</a></nav>') == '<nav><a href="./">Posters</a></nav>'


@pytest.mark.parametrize("path", ["posters/", "en/posters/"])
def test_a_page_without_sections_has_no_unnamed_contents_toggle(site, path):
    """The posters page has no sections: no checkbox without a name (HTML_CodeSniffer found one)."""
    page = (site / path / "index.html").read_text(encoding="utf-8")
    assert 'id="__toc"' not in page


@pytest.mark.parametrize(("base", "expected"), [("..", "../en/"), ("../..", "../../en/"), (".", "en/")])
def test_config_base_points_at_the_language_folder(base, expected):
    page = f'<script id="__config" type="application/json">{json.dumps({"base": base, "x": "</"})}</script>'
    fixed = rebase_config(page, "en")
    config = json.loads(fixed.split(">", 1)[1].rsplit("</script>", 1)[0])
    assert config["base"] == expected and config["x"] == "</"


def test_alternate_sitemap_lookup_is_disabled():
    script = 'function ui(){return M("link[rel=alternate]")}'
    assert "link[rel=alternate][data-md-sitemap-lookup]" in disable_alternate_sitemap_lookup(script)


def test_the_index_is_split_by_language_with_its_own_stemming():
    index = {
        "config": {"lang": ["nl", "en"], "separator": "x"},
        "docs": [
            {"location": "", "title": "Start"},
            {"location": "oorzaken/#druk", "title": "Druk"},
            {"location": "en/", "title": "Home"},
            {"location": "en/causes/#pressure", "title": "Pressure"},
            {"location": "english-words/", "title": "Dutch page with an English-looking slug"},
        ],
    }
    split = split_index(index, "nl", ["en"])
    assert split["nl"]["config"] == {"lang": ["nl"], "separator": "x"}
    assert split["en"]["config"]["lang"] == ["en"]
    assert [d["location"] for d in split["nl"]["docs"]] == ["", "oorzaken/#druk", "english-words/"]
    assert [d["location"] for d in split["en"]["docs"]] == ["", "causes/#pressure"]


def test_the_search_index_loads_on_demand():
    from heuppijn_site.theme.theme_html import load_search_index_on_demand

    script = 'ks=()=>ze("search/search_index.json");L($(location.protocol!=="file:"),Je("search"))'
    assert 'L($(false),Je("search"))' in load_search_index_on_demand(script)
    with pytest.raises(ThemeChanged):
        load_search_index_on_demand('ze("search/search_index.json");L($(true))')


def test_an_edited_script_loses_its_source_map_reference():
    from heuppijn_site.theme.theme_html import without_source_map

    assert without_source_map("a();\n//# sourceMappingURL=bundle.js.map\n") == ("a();\n", "bundle.js.map")
    assert without_source_map("a();\n") == ("a();\n", None)


def test_the_search_box_is_read_on_every_input_not_only_on_a_key_release():
    from heuppijn_site.theme.theme_html import read_search_query_on_input

    # The shape of the theme's watchSearchQuery, minified (mkdocs-material 9.8.1).
    script = ('ze("search/search_index.json");h(window,"keyup");'
              'n=L(t.pipe(Re(zt)),h(e,"keyup"),o).pipe(m(()=>e.value),Y())')
    fixed = read_search_query_on_input(script)
    assert 'n=L(t.pipe(Re(zt)),h(e,"input"),o).pipe(m(()=>e.value),Y())' in fixed
    assert 'h(window,"keyup")' in fixed, "only the search box's own event changes"
    assert read_search_query_on_input(fixed) == fixed
    with pytest.raises(ThemeChanged):
        read_search_query_on_input('ze("search/search_index.json");n=L(h(e,"keydown")).pipe(m(()=>e.value))')
