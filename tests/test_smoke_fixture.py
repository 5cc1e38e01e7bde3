import pytest


@pytest.mark.parametrize("n", [1, 2])
def test_world_is_rolled_back_between_tests(world, client, n):
    from tests.helpers import login
    login(client, world.users["mediator"])
    assert b"Testland Talks" in client.get("/").data
