"""Builders and helpers used across feature tests."""
import re
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.operations import create_user, issue_token
from app.drafting.operations import add_clause, add_section, create_document
from app.extensions import db
from app.processes.models import PartyKind, Role
from app.processes.operations import add_member, add_party, create_process
from app.processes.permissions import Access

PASSWORD = "correct-horse-battery"

# The roles of the confidentiality matrix; "outsider" belongs to another process.
ROLES = ("mediator", "drafter", "legal", "delegate_a", "delegate_b", "observer", "outsider")


@dataclass
class World:
    process: object
    other_process: object
    parties: dict
    users: dict
    tokens: dict = field(default_factory=dict)

    def token(self, who: str) -> str:
        if who not in self.tokens:
            self.tokens[who] = issue_token(self.users[who], 30)
            db.session.commit()     # a refused request rolls back what is only flushed
        return self.tokens[who]

    def headers(self, who: str | None) -> dict:
        return {} if who is None else {"Authorization": f"Bearer {self.token(who)}"}


def build_world(slug: str = "testland") -> World:
    process = create_process(slug, "Testland Talks", observers_may_submit=True)
    parties = {
        "a": add_party(process, "alpha", "Alpha Government"),
        "b": add_party(process, "beta", "Beta Movement"),
        "obs": add_party(process, "watchers", "Watchers Assembly", PartyKind.observer),
    }
    other = create_process(f"{slug}-other", "Other Talks")
    other_party = add_party(other, "gamma", "Gamma Front")
    spec = {
        "mediator": (Role.mediator, None, process),
        "drafter": (Role.drafter, None, process),
        "legal": (Role.legal_adviser, None, process),
        "delegate_a": (Role.delegate, parties["a"], process),
        "delegate_a2": (Role.delegate, parties["a"], process),
        "delegate_b": (Role.delegate, parties["b"], process),
        "observer": (Role.observer, parties["obs"], process),
        "outsider": (Role.delegate, other_party, other),
    }
    users = {}
    for key, (role, party, proc) in spec.items():
        user = create_user(f"{key}@{slug}.test", key.replace("_", " ").title(), PASSWORD)
        add_member(proc, user, role, party)
        users[key] = user
    db.session.commit()
    return World(process, other, parties, users)


@pytest.fixture
def world(app):
    with app.app_context():
        yield build_world()


def login(client, user_or_email, password: str = PASSWORD):
    email = getattr(user_or_email, "email", user_or_email)
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response



def build_doc(world):
    """A document of two sections and three clauses, in the working draft (not circulated)."""
    mediator = world.users["mediator"]
    access = Access(mediator.id, world.process, Role.mediator, None)
    document = create_document(access, "Framework Agreement", actor=mediator)
    s1 = add_section(document, "General provisions", actor=mediator)
    s2 = add_section(document, "Security", actor=mediator)
    clauses = [add_clause(document, s1, "The Parties commit to peace.", actor=mediator),
               add_clause(document, s1, "A ceasefire shall enter into force [in 72 hours / in 7 days].",
                          actor=mediator),
               add_clause(document, s2, "Forces shall withdraw to agreed positions.", actor=mediator)]
    db.session.commit()
    return document, [s1, s2], clauses


@pytest.fixture
def doc(world):
    return build_doc(world)


_CSRF_TOKEN = re.compile(rb'(name="csrf[-_]token"\s+(?:content|value)=")[^"]*')


def without_csrf(page: bytes) -> bytes:
    """A page with its CSRF tokens blanked: they are signed with the time, to the second,
    so two otherwise identical pages differ when a second passes between them."""
    return _CSRF_TOKEN.sub(rb"\1", page)


def pid(kind: str, n) -> str:
    """The public id (app/public_ids.py) of row `n` of a kind, as the API and pages give it."""
    from app.public_ids import encode
    return encode(kind, n)


def audit_mark() -> int:
    """The id of the latest audit entry: `actions_since(audit_mark())` after acting."""
    return db.session.scalar(select(func.max(AuditEntry.id))) or 0


def actions_since(mark: int) -> list[str]:
    """The audit actions recorded after `mark`, in order."""
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.id > mark).order_by(AuditEntry.id)))


def circulation_counts(client, document) -> str:
    """The confirmation the rounds page's circulate form sends: the counts it names."""
    page = client.get(f"/documents/{document.public_id}/rounds").get_data(as_text=True)
    return re.search(r'name="confirm_counts" value="([^"]*)"', page).group(1)
