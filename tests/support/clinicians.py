"""What the tests of the referrers' page and the posters share: the pages with QR codes, the
phases' short links, and whether an element is on screen and on top."""

from __future__ import annotations


from support.site import SITE_URL, pages

PAGES = pages()
KIT_PAGES = {"nl": "verwijzers/", "en": "en/for-clinicians/"}
QR_PAGES = {"index.md", "pijnregel.md", "herstel.md", "zelf-doen.md", "wanneer-contact.md"}
PHASES = range(1, 5)
# Each recovery phase's short link in each language (data/redirects.yml).
PHASE_LINKS = {"nl": SITE_URL + "fase-{}/", "en": SITE_URL + "en/phase-{}/"}


def in_view_and_on_top(page, locator) -> bool:
    """The element is inside the viewport and nothing (the sticky header) covers its middle. A
    button scrolled to the viewport's very edge may end a fraction of a pixel past it: still seen."""
    return locator.evaluate("""element => {
        const box = element.getBoundingClientRect();
        if (box.top < -1 || box.bottom > innerHeight + 1 || box.left < -1 || box.right > innerWidth + 1) return false;
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return element === hit || element.contains(hit);
    }""")
