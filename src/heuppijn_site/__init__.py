"""The logic of the hip-pain patient-information site, grouped by feature. Nothing here needs
MkDocs except where a module says so: hooks/ holds the MkDocs glue that calls it.

- content: pages' front matter, citations and the bibliography, the glossary, the warning signs
- pain_rule: the pain rule and its interactive checker
- clinicians: the referrers' kit (addresses, referral texts, QR codes)
- head: each page's head (canonical and hreflang addresses, link previews, JSON-LD) and print links
- theme: repairs to Material for MkDocs' own HTML and scripts, and the language switch's map
- search: the per-language search index and the words people type
- deploy: what happens to the built folder: redirect pages, security headers, no third parties
- tools: the commands behind `make` (audit, screenshots, readability, review dates, benchmark)
"""
