"""Imports every feature's models so that metadata (and Alembic) sees all tables."""
import importlib

from . import FEATURES


def load_all_models() -> None:
    for feature in FEATURES:
        try:
            importlib.import_module(f"app.{feature}.models")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.{feature}.models":
                raise
