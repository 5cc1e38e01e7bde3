"""The JSON API under /api/v1: shared plumbing for the features' api.py modules."""
from .blueprint import create_api_blueprint  # noqa: F401
