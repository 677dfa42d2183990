"""A confirmation before every irreversible step (issue 12): submitting, sending, receiving,
returning, issuing, revoking, closing a session, publishing. The question is a
`data-confirm` attribute on the form or its button (static/js/app.js asks it; the CSP forbids
inline handlers). Scans the templates, so a new form of these kinds cannot forget it."""

from __future__ import annotations

import re
from pathlib import Path

import thidua

TEMPLATES = Path(thidua.__file__).parent / "templates"
IRREVERSIBLE = {
    "registration_submit", "registration_receive", "registration_return",
    "decision_issue", "decision_amend", "decision_amend_line", "decision_delete",
    "nomination_submit", "nomination_return", "nomination_return_line", "nomination_issue",
    "session_close", "results_publish", "scorecard_return", "api_token_revoke",
}
FORM = re.compile(r"<form\b[^>]*action=\"{% url '(\w+)'.*?</form>", re.S)


def test_every_irreversible_form_asks_first():
    missing, found = [], set()
    for path in TEMPLATES.rglob("*.html"):
        for match in FORM.finditer(path.read_text()):
            name = match.group(1)
            if name not in IRREVERSIBLE:
                continue
            found.add(name)
            block = match.group(0)
            if name in ("decision_amend", "decision_amend_line") and "'thu-hoi'" not in block:
                continue  # a correcting draft, or keeping/replacing a line in it, is undone as easily
            if "data-confirm=" not in block:
                missing.append(f"{path.relative_to(TEMPLATES)}: {name}")
    assert not missing, missing
    assert found == IRREVERSIBLE
