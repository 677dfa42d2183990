"""Every service that acts for someone (a keyword `actor`) leaves a row in the one audit trail:
read from the source, so a new service without its audit call fails here. A service audits when it
calls `audit_record` / `audit_record_many`, or another function that does (its workflow helper,
another service). The few that change no record of the domain are named below with the reason."""

import ast
from pathlib import Path

import thidua

ROOT = Path(thidua.__file__).parent
MODULES = sorted([*ROOT.glob("*/services.py"), *ROOT.glob("*/jobs.py"), ROOT / "organizations" / "imports.py",
                  ROOT / "decisions" / "history.py"])
AUDIT_CALLS = {"audit_record", "audit_record_many"}

NOT_DOMAIN_WRITES = {
    # Queue a file to be made for the asker (the job row itself keeps who asked and when).
    "decisions.jobs.start_decision_pdf", "reports.jobs.start_province_targets",
    "jobs.services.start_document_pdf", "decisions.jobs.start_decision_certificates",
    # Queue a staff list's preview (writes nothing) or its import: the import's audit row is written
    # by organizations.imports.staff_import, called by the worker for the job's owner.
    "organizations.jobs.start_staff_import_preview", "organizations.jobs.start_staff_import",
    # A person's own inbox (read marks), not the organisation's records.
    "notifications.services.notification_mark_read",
    # Shows what an import would do; writes nothing.
    "organizations.imports.staff_import_preview",
}


def _functions():
    for path in MODULES:
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                called = {c.func.id if isinstance(c.func, ast.Name) else c.func.attr
                          for c in ast.walk(node) if isinstance(c, ast.Call)
                          and isinstance(c.func, ast.Name | ast.Attribute)}
                takes_actor = any(a.arg == "actor" for a in node.args.kwonlyargs)
                yield module, node.name, called, takes_actor


def test_every_service_acting_for_someone_writes_an_audit_row():
    functions = list(_functions())
    auditing = set(AUDIT_CALLS)
    while True:  # a function audits if it calls one that does
        more = {name for _, name, called, _ in functions if called & auditing} - auditing
        if not more:
            break
        auditing |= more
    silent = [f"{module}.{name}" for module, name, _, takes_actor in functions
              if takes_actor and not name.startswith("_") and name not in auditing
              and f"{module}.{name}" not in NOT_DOMAIN_WRITES]
    assert silent == [], f"services without an audit row: {silent}"
    assert len([f for f in functions if f[3]]) > 60  # the walk found the services
