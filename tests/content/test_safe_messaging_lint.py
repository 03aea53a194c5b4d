"""SAFE-6: the safe-messaging lint over every string a person can read.

Surfaces: every content TOML file, every web and report template, the app's own
script, and every string literal in reconnect's Python source (which includes each
command's help, every error message and every CLI line). ``analysis/`` is left out on
purpose: it is the detector, and its patterns must name methods and places to find
them; what it shows a person is marker names and their own words. The one other
exception is the banned-phrase pattern itself in ``domain/safety.py``.

Banned (Action Alliance Framework, JED): "committed suicide", "successful/failed
attempt", "epidemic", diagnostic claims, and words for a method or a location.
Every crisis message must carry a help path (a number, a link or ``help-now``) and a
sentence that asks the reader to reach out. ``test_safe_messaging.py`` holds the
first version of this lint; this one widens it.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from reconnect.content import load_crisis_resources, load_texts
from reconnect.domain.safety import BANNED_PHRASES

SRC = Path(__file__).resolve().parents[2] / "src" / "reconnect"

METHODS_AND_PLACES = re.compile(
    r"\b(?:overdos\w*|noose|hang(?:s|ed|ing)? (?:my|your|him|her|them)sel(?:f|ves)|hanging|"
    r"jump\w* (?:off|from|in front)|pills?|tablets|razors?|blades?|firearms?|guns?|"
    r"shoot\w*|poison\w*|slit\w*|wrists?|bleed\w* out|suffocat\w*|carbon monoxide|"
    r"exhaust fumes|drown\w*|train tracks?|railway|rail line|bridges?|cliffs?|"
    r"roof ?tops?|ledges?|tall buildings?|high places?)\b",
    re.IGNORECASE,
)
OTHER_BANNED = re.compile(
    r"\b(?:epidemic|committed suicide|successful (?:suicide|attempt)|"
    r"failed (?:suicide|attempt)|suicide victim|completed suicide)\b",
    re.IGNORECASE,
)
DIAGNOSIS = re.compile(
    r"\b(?:you have (?:depression|a disorder|ptsd|an? illness)|you are depressed|"
    r"you suffer from|diagnosed with|this confirms|symptoms of your|"
    r"(?:we|this app|reconnect) diagnoses?)\b",
    re.IGNORECASE,
)
HELP_SEEKING = re.compile(
    r"\b(?:reach out|talk to someone|call|text|contact|ask for help)\b", re.IGNORECASE
)


def problems(text: str) -> list[str]:
    """Every banned phrase in a text, as found."""
    found = [m.group(0) for m in METHODS_AND_PLACES.finditer(text)]
    found += [m.group(0) for m in OTHER_BANNED.finditer(text)]
    found += [m.group(0) for m in DIAGNOSIS.finditer(text)]
    found += [m.group(0) for m in BANNED_PHRASES.finditer(text)]
    return found


def _is_banned_list(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether a string is part of the BANNED_PHRASES definition (the list itself)."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "BANNED_PHRASES" for t in node.targets
        ):
            return True
    return False


def source_strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal in a module (docstrings and f-string parts included)."""
    tree = ast.parse(path.read_text("utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and not _is_banned_list(node, parents)
    ]


TEXT_FILES = sorted(
    [
        *SRC.joinpath("content").rglob("*.toml"),
        *SRC.joinpath("web", "templates").rglob("*.html"),
        *SRC.joinpath("reports", "templates").rglob("*.html"),
        SRC / "web" / "static" / "app.js",
    ]
)
PYTHON_FILES = sorted(p for p in SRC.rglob("*.py") if "analysis" not in p.relative_to(SRC).parts)


def test_the_lint_reaches_every_kind_of_surface() -> None:
    names = {str(p.relative_to(SRC)) for p in [*TEXT_FILES, *PYTHON_FILES]}
    for expected in (
        "content/texts.toml",
        "content/crisis_resources.toml",
        "content/practices/practices.toml",
        "content/instruments/detachment-signs.toml",
        "content/demo.toml",
        "web/templates/_crisis_banner.html",
        "reports/templates/report.html",
        "cli/render.py",
        "cli/journal.py",
        "web/pages/journal.py",
        "reports/report_html.py",
        "services/journal.py",
        "errors.py",
        "contracts/safety.py",
    ):
        assert expected in names
    assert len(TEXT_FILES) >= 25 and len(PYTHON_FILES) >= 80


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("He committed suicide last year.", id="committed"),
        pytest.param("a failed attempt", id="failed-attempt"),
        pytest.param("the suicide epidemic", id="epidemic"),
        pytest.param("she jumped off the bridge", id="place"),
        pytest.param("an overdose of pills", id="method"),
        pytest.param("This confirms you have depression.", id="diagnosis"),
    ],
)
def test_the_lint_catches_what_it_bans(text: str) -> None:
    assert problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "You do not have to face this alone.",
        "Hang out with a friend this week.",
        "Call or text 988.",
        "Take a tablet of paper and write three things.",
    ],
)
def test_the_lint_leaves_ordinary_words_alone(text: str) -> None:
    assert problems(text) == []


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_banned_phrase_in_content_templates_or_scripts(path: Path) -> None:
    found = [
        (number, problems(line))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if problems(line)
    ]
    assert found == []


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_banned_phrase_in_any_string_of_the_source(path: Path) -> None:
    found = [(line, problems(text)) for line, text in source_strings(path) if problems(text)]
    assert found == []


def _crisis_panels() -> list[tuple[str, str]]:
    from reconnect.cli.render import crisis_panel

    countries, _ = load_crisis_resources()
    rendered = []
    for code in [*(c.code for c in countries), "ZZ", None]:
        console = Console(record=True, width=100, color_system=None, file=io.StringIO())
        console.print(crisis_panel(code))
        rendered.append((str(code), console.export_text()))
    return rendered


def test_every_crisis_panel_has_a_help_path_and_asks_the_reader_to_reach_out() -> None:
    for code, panel in _crisis_panels():
        assert problems(panel) == [], code
        assert re.search(r"\d{3}|https://", panel), code  # a number to call or text, or a link
        assert "Emergency:" in panel, code
        assert HELP_SEEKING.search(panel), code
        assert "You are not alone" in panel and "help is available now" in panel, code


def test_every_crisis_message_in_the_content_has_both_parts() -> None:
    texts = load_texts()
    for message in (texts.crisis_notice, texts.help_now):
        assert HELP_SEEKING.search(message)
        assert "crisis line" in message or "these lines" in message
    assert "help-now" in texts.safety_check.later
    countries, international = load_crisis_resources()
    for country in [*countries, international]:
        for service in country.services:
            assert service.phone or service.sms or service.url, (country.code, service.name)
            assert problems(f"{service.name} {service.description}") == []


def test_the_web_banner_has_tel_and_sms_links_and_a_way_to_more_help() -> None:
    banner = (SRC / "web" / "templates" / "_crisis_banner.html").read_text("utf-8")
    assert 'href="tel:' in banner and 'href="sms:' in banner
    assert 'href="/help"' in banner
    assert "not alone" in banner
