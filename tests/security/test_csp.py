"""The policy the app sends with the site under /notes/, read from the running app."""

from __future__ import annotations

from urllib.request import urlopen


def _policy(url: str) -> dict[str, list[str]]:
    """The Content-Security-Policy header of `url`, by directive."""
    with urlopen(url, timeout=10) as response:
        header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def test_notes_run_only_script_files_from_the_apps_address(sanitised_in_app):
    for url in sanitised_in_app.page_urls():
        policy = _policy(url)
        assert policy["script-src"] == ["'self'"], url
        assert policy["default-src"] == ["'self'"], "nothing is fetched from elsewhere"
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"], "no form posts a reader's typing elsewhere"


def test_the_sites_script_files_are_served_under_the_policy(sanitised_in_app):
    with urlopen(sanitised_in_app.url + "assets/quizgen/theme-head.js", timeout=10) as response:
        assert response.status == 200
        assert "javascript" in response.headers["Content-Type"]
        assert b"__md_get" in response.read()
