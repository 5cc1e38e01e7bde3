"""Imports every feature's models so that metadata (and Alembic) sees all tables."""
from .features import feature_modules


def load_all_models() -> None:
    feature_modules("models")
