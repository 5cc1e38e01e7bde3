"""After every agreement test: the kept tallies equal a recount from the positions, a
page's statuses read by positions equal those read by ids, and the document summary
equals the per-clause status counted up."""
import pytest


@pytest.fixture(autouse=True)
def tallies_and_summaries_match(request):
    # Asked for here, so they are torn down after this check runs.
    world = request.getfixturevalue("world") if "world" in request.fixturenames else None
    client = request.getfixturevalue("client") if "client" in request.fixturenames else None
    yield
    if world is None:
        return
    from tests.agreement.tally_check import assert_page_reads_match, assert_summaries_match, assert_tallies_match
    assert_tallies_match()
    assert_page_reads_match(world)
    if client is not None:
        assert_summaries_match(client, world)
