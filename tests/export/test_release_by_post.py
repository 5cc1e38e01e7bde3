"""Releasing a copy is a POST with CSRF (a link on another site cannot make anyone
"release" a copy, the session cookie being sent on a top-level navigation); a GET only
fetches a file already released to the caller and writes nothing."""
import hashlib

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.export.models import ExportFile
from app.extensions import db
from tests.comments.conftest import talks  # noqa: F401  (fixture)
from tests.db_state import db_state
from tests.export.wordxml import everything
from tests.helpers import login, without_csrf


def releases() -> int:
    return db.session.scalar(select(func.count()).select_from(ExportFile))


def downloads() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "export.download"))


def page_client(make_client, world, who):
    c = make_client()
    login(c, world.users[who])
    return c


def test_a_cross_site_get_releases_nothing(make_client, world, talks):
    """The forged link of the issue: the mediator's browser follows a link to the NLM
    comments copy. Nothing is stored, no release is recorded."""
    mediator = page_client(make_client, world, "mediator")
    url = f"/documents/{talks.document.public_id}/rounds/1/export?variant=comments&party=alpha"
    headers = world.headers("mediator")
    before = db_state()
    r = mediator.get(url)
    assert r.status_code == 404 and "has not been released to you" in r.get_data(as_text=True)
    assert db_state() == before
    api = mediator.get(f"/api/v1{url}", headers=headers)
    assert api.status_code == 404 and db_state() == before
    # Working draft, too.
    assert mediator.get(f"/documents/{talks.document.public_id}/export").status_code == 404
    assert db_state() == before


def test_a_release_needs_the_csrf_token(make_client, world, talks):
    mediator = page_client(make_client, world, "mediator")
    before = db_state()
    for url, data in ((f"/documents/{talks.document.public_id}/rounds/1/export", {"variant": "comments", "party": "alpha"}),
                      (f"/api/v1/documents/{talks.document.public_id}/rounds/1/export?variant=comments&party=alpha", None),
                      (f"/documents/{talks.document.public_id}/export", {})):
        r = mediator.post(url, data=data, csrf=False)
        assert r.status_code == 400, url
    assert db_state() == before


def test_the_round_page_releases_by_post_and_the_get_fetches_that_file(make_client, world, talks):
    delegate = page_client(make_client, world, "delegate_a")
    page = delegate.get(f"/documents/{talks.document.public_id}/rounds/1").get_data(as_text=True)
    release = f'action="/documents/{talks.document.public_id}/rounds/1/export"'
    assert f'<form method="post" {release}' in page
    assert f'href="/documents/{talks.document.public_id}/rounds/1/export' not in page      # no download links
    n, d = releases(), downloads()
    r = delegate.post(f"/documents/{talks.document.public_id}/rounds/1/export", data={"variant": "comments"})
    assert r.status_code == 303 and r.location.endswith(f"/documents/{talks.document.public_id}/rounds/1/export?variant=comments")
    assert (releases(), downloads()) == (n + 1, d + 1)
    stored = db.session.scalars(select(ExportFile).order_by(ExportFile.id.desc())).first()
    before = db_state()
    fetched = delegate.get(r.location)
    assert fetched.status_code == 200 and fetched.mimetype.endswith("wordprocessingml.document")
    assert "attachment" in fetched.headers["Content-Disposition"]
    assert hashlib.sha256(fetched.data).hexdigest() == stored.sha256
    assert db_state() == before                                  # fetching wrote nothing


def test_the_working_draft_button_is_a_form(make_client, world, talks):
    drafter = page_client(make_client, world, "drafter")
    page = drafter.get(f"/documents/{talks.document.public_id}").get_data(as_text=True)
    assert f'<form method="post" action="/documents/{talks.document.public_id}/export"' in page
    r = drafter.post(f"/documents/{talks.document.public_id}/export", data={})
    assert r.status_code == 303
    assert "WORKING DRAFT" in everything(drafter.get(r.location).data)


def test_a_copy_released_to_someone_else_is_not_the_callers(client, world, talks):
    """Each person's copy is recorded when it is released to them: a colleague's release
    does not let another fetch it unrecorded."""
    url = f"/api/v1/documents/{talks.document.public_id}/rounds/1/export?variant=clean"
    assert client.post(url, headers=world.headers("mediator")).status_code == 201
    assert client.get(url, headers=world.headers("mediator")).status_code == 200
    headers = world.headers("drafter")
    before = db_state()
    assert client.get(url, headers=headers).status_code == 404
    assert db_state() == before


@pytest.mark.parametrize("prefix", ["/api/v1", ""])
def test_for_a_party_an_unreleased_copy_answers_as_a_missing_document(client, make_client, world, talks, prefix):
    if prefix:
        headers = world.headers("delegate_b")

        def fetch(url):
            return client.get(prefix + url, headers=headers)
    else:
        page = page_client(make_client, world, "delegate_b")

        def fetch(url):
            return page.get(url)
    before = db_state()
    unreleased = fetch(f"/documents/{talks.document.public_id}/rounds/1/export?variant=clean")
    missing = fetch("/documents/987654/rounds/1/export?variant=clean")
    assert unreleased.status_code == missing.status_code == 404
    assert without_csrf(unreleased.data) == without_csrf(missing.data)      # tokens are signed to the second
    assert db_state() == before
    # Released to another party (beta's own release is not alpha's either): still 404.
    assert client.post(f"/api/v1/documents/{talks.document.public_id}/rounds/1/export?variant=clean",
                       headers=world.headers("delegate_a")).status_code == 201
    again = fetch(f"/documents/{talks.document.public_id}/rounds/1/export?variant=clean")
    assert again.status_code == 404 and without_csrf(again.data) == without_csrf(missing.data)


def test_the_api_release_answers_the_file_and_where_to_fetch_it(client, world, talks):
    url = f"/api/v1/documents/{talks.document.public_id}/rounds/1/export?variant=comments"
    r = client.post(url, headers=world.headers("delegate_a"))
    assert r.status_code == 201 and r.mimetype.endswith("wordprocessingml.document")
    assert r.headers["Location"].endswith(f"/api/v1/documents/{talks.document.public_id}/rounds/1/export?variant=comments")
    again = client.get(r.headers["Location"], headers=world.headers("delegate_a"))
    assert again.status_code == 200 and again.data == r.data
