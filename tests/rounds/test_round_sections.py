"""A round's sections carry their clause and bracket counts from circulation, and a
treaty-size round page shows one section at a time with a picker built from them."""
from app.extensions import db
from app.rounds.queries import latest_round, section_summaries
from tests.helpers import login

from .test_rounds_api import circulate, edit


def test_section_counts_are_frozen_with_the_round(client, world, doc):
    document, sections, clauses = doc
    assert circulate(client, world, document).status_code == 201
    first = latest_round(document.id)
    counts = [(s.id, s.size, s.brackets) for s in section_summaries(first)]
    assert counts == [(sections[0].id, 2, 1), (sections[1].id, 1, 0)]
    edit(client, world, clauses[2], "Forces shall withdraw [within 30 days] to [agreed / existing] positions.")
    assert circulate(client, world, document).status_code == 201
    second = latest_round(document.id)
    assert [(s.size, s.brackets) for s in section_summaries(second)] == [(2, 1), (1, 2)]
    db.session.expire_all()
    assert [(s.size, s.brackets) for s in section_summaries(first)] == [(2, 1), (1, 0)]


def test_a_long_round_is_read_one_section_at_a_time(client, world, doc, monkeypatch):
    import app.rounds.paging as paging
    monkeypatch.setattr(paging, "SECTION_PAGING_THRESHOLD", 2)
    document, sections, _ = doc
    circulate(client, world, document)
    login(client, world.users["delegate_a"])
    page = client.get(f"/documents/{document.public_id}/rounds/1").get_data(as_text=True)
    assert "1. General provisions (2)" in page and "2. Security (1)" in page
    assert "The Parties commit to peace." in page and "Forces shall withdraw" not in page
    page = client.get(f"/documents/{document.public_id}/rounds/1?section={sections[1].public_id}").get_data(as_text=True)
    assert "Forces shall withdraw" in page and "The Parties commit to peace." not in page
    assert "· 1 open brackets" in page          # the whole round's count, from the stored counts


def test_a_long_section_is_read_in_pages_and_a_reply_returns_to_its_page(client, world, doc, monkeypatch):
    import app.rounds.paging as paging
    monkeypatch.setattr(paging, "SECTION_PAGING_THRESHOLD", 2)
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    document, sections, clauses = doc
    circulate(client, world, document)
    login(client, world.users["delegate_a"])
    base = f"/documents/{document.public_id}/rounds/1?section={sections[0].public_id}"
    first = client.get(base).get_data(as_text=True)
    assert f'id="clause-{clauses[0].public_id}"' in first and f'id="clause-{clauses[1].public_id}"' not in first
    assert "Clauses 1–1 of 2" in first and f'href="{base}&amp;page=2"' in first
    second = client.get(base + "&page=2").get_data(as_text=True)
    assert f'id="clause-{clauses[1].public_id}"' in second and f'id="clause-{clauses[0].public_id}"' not in second
    assert f'respond={clauses[1].public_id}' in second and "page=2&amp;respond=" in second
    whole = client.get(base + "&per_page=1000").get_data(as_text=True)
    assert f'id="clause-{clauses[0].public_id}"' in whole and f'id="clause-{clauses[1].public_id}"' in whole
    assert "Clauses 1–" not in whole
    beyond = client.get(base + "&page=99&per_page=-5").get_data(as_text=True)
    assert f'id="clause-{clauses[1].public_id}"' in beyond          # clamped to the last page
    # After a comment or a position on the second page, the delegate is back on it.
    done = client.post(f"/clauses/{clauses[1].public_id}/comments", data={"kind": "comment", "body": "On page two."})
    assert done.status_code == 303 and done.location.endswith(f"{base}&page=2#clause-{clauses[1].public_id}")
    version = clauses[1].current_version_id
    done = client.post(f"/clauses/{clauses[1].public_id}/position",
                       data={"party": "alpha", "status": "agreed", "version_id": version})
    assert done.status_code == 303 and done.location.endswith(f"{base}&page=2#clause-{clauses[1].public_id}")
    other = client.post(f"/clauses/{clauses[2].public_id}/comments", data={"kind": "comment", "body": "Section two."})
    assert other.location.endswith(f"?section={sections[1].public_id}#clause-{clauses[2].public_id}")
