"""Convergence that holds: a round's figures are what they were when it ended, and the
chart reads shares and counts on axes of their own."""
import re

from tests.agreement.test_positions import circulate, edit, put
from tests.helpers import login


def convergence(client, world, document):
    response = client.get(f"/api/v1/documents/{document.public_id}/convergence", headers=world.headers("mediator"))
    assert response.status_code == 200
    return {r["number"]: r for r in response.get_json()["rounds"]}


def test_a_rounds_figures_are_frozen_when_the_next_round_goes_out(client, world, doc):
    document, _, clauses = doc
    circulate(client, world, document)
    assert put(client, world, "delegate_a", clauses[0], "alpha", "agreed").status_code == 200
    first = convergence(client, world, document)[1]
    assert first["agreed"] == {"alpha": 1, "beta": 0} and first["ended_at"] is None

    edit(client, world, clauses[2], "Forces shall withdraw to positions agreed in Annex 1.")
    circulate(client, world, document)          # Rev. 2 pins the same wordings of Articles 1 and 2
    # Beta agrees the same wording during Rev. 2; Alpha withdraws to a reservation.
    assert put(client, world, "delegate_b", clauses[0], "beta", "agreed").status_code == 200
    assert put(client, world, "delegate_b", clauses[1], "beta", "agreed").status_code == 200
    assert put(client, world, "delegate_a", clauses[0], "alpha", "reservation", note="Pending capital").status_code == 200

    rounds = convergence(client, world, document)
    assert rounds[1]["agreed"] == {"alpha": 1, "beta": 0}           # as it was when Rev. 1 ended
    assert rounds[1]["agreed_share"] == {"alpha": round(1 / 3, 4), "beta": 0.0}
    assert rounds[1]["ended_at"] is not None
    assert rounds[2]["agreed"] == {"alpha": 0, "beta": 2} and rounds[2]["ended_at"] is None


def test_closing_the_comment_window_freezes_the_round(client, world, doc):
    document, _, clauses = doc
    circulate(client, world, document)
    close = client.post(f"/api/v1/documents/{document.public_id}/rounds/1/close", headers=world.headers("mediator"))
    assert close.status_code == 200, close.get_json()
    put(client, world, "mediator", clauses[2], "beta", "agreed")     # on behalf, after the close
    assert convergence(client, world, document)[1]["agreed"]["beta"] == 0


def test_the_chart_has_an_axis_for_shares_and_one_for_counts_and_a_text_legend(make_client, world, doc):
    document, _, clauses = doc
    client = make_client()
    circulate(client, world, document)
    login(client, world.users["mediator"])
    html = client.get(f"/documents/{document.public_id}/convergence").get_data(as_text=True)
    panels = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(panels) == 2
    shares, counts = panels
    assert "100 %" in shares and "%" not in counts                 # counts never on the % axis
    assert re.search(r">\s*3\s*</text>", counts)                    # a count tick reaching 3 clauses
    legend = re.findall(r'<ul class="chart-legend">(.*?)</ul>', html, re.S)
    assert "Alpha Government: % of clauses agreed" in legend[0] and "Beta Movement" in legend[0]
    assert "Clauses changed (count)" in legend[1]
    assert "<text" not in "".join(legend)                          # the legend is text, not drawn over
