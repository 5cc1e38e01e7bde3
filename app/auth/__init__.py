"""Users, login sessions and API tokens."""
