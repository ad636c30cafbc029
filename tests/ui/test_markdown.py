"""The one sanitiser: user Markdown must never become active HTML."""

from components.markdown import escape, excerpt, to_html


def test_scripts_handlers_and_javascript_links_are_removed():
    html = to_html('<script>alert(1)</script><img src=x onerror="alert(2)"> '
                   '[clic](javascript:alert(3)) <iframe src="https://x"></iframe>')
    for dangerous in ("<script", "onerror", "javascript:", "<iframe", "<img"):
        assert dangerous not in html


def test_markdown_is_kept_and_links_are_marked():
    html = to_html("**Gras**, *italique*\n\n- un\n- deux\n\n[MD](https://md42.fr)")
    assert "<strong>Gras</strong>" in html and "<li>deux</li>" in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_escape_shows_user_text_literally_and_excerpt_is_plain():
    assert escape("*MD* [x](y)") == r"\*MD\* \[x\]\(y\)"
    assert excerpt("**Très** long " + "mot " * 100, 40).endswith("…")
    assert "<" not in excerpt("<b>gras</b> texte")
