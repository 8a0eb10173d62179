"""What the tests share, beside the package: test modules import from here (and from the package,
whose commands share the building, serving and browser helpers in heuppijn_site.tools.site_tools),
never from another test module. Fixtures are in tests/conftest.py."""
