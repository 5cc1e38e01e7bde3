"""Penholder: drafting a single negotiating text in rounds.

create_app() wires configuration, extensions, blueprints and CLI commands. Nothing
touches the database at import time.
"""
from pathlib import Path

from flask import Flask

from .config import build_config
from .extensions import csrf, db, login_manager, migrate

# Feature packages with HTML views and/or a JSON API, in the order data flows.
FEATURES = ("auth", "processes", "drafting", "rounds", "comments", "agreement",
            "compliance", "export", "audit", "maintenance")


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    from .api.body import BoundedIntConverter
    app.url_map.converters["int"] = BoundedIntConverter
    from .public_ids import register_converters
    register_converters(app)
    instance_path = Path(app.instance_path)
    overrides = dict(config or {})
    if "SECRET_KEY" in overrides:
        # Tests and embedding code supply their own key; do not read or create one.
        import os
        os.environ.setdefault("PENHOLDER_SECRET_KEY", overrides["SECRET_KEY"])
    app.config.update(build_config(instance_path))
    app.config.update(overrides)
    # Key order as built: sorting the keys of a treaty's 30,000 status rows costs more
    # than serialising them.
    app.json.sort_keys = False
    register_extensions(app)
    from .templating import register_template_helpers
    register_template_helpers(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from .database import configure_engine
    from .models import load_all_models

    load_all_models()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"),
                     render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    if app.config.get("TRUST_PROXY"):
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)


def register_blueprints(app: Flask) -> None:
    import importlib

    from .api import create_api_blueprint
    from .errors import register_error_handlers
    from .home import bp as home_bp

    app.register_blueprint(home_bp)
    api_children = []
    for feature in FEATURES:
        for module_name, attr in (("views", "bp"), ("api", "bp")):
            try:
                module = importlib.import_module(f"app.{feature}.{module_name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"app.{feature}.{module_name}":
                    raise
                continue
            blueprint = getattr(module, attr)
            if module_name == "api":
                api_children.append(blueprint)
            else:
                app.register_blueprint(blueprint)
    app.register_blueprint(create_api_blueprint(api_children))
    register_error_handlers(app)


def register_request_hooks(app: Flask) -> None:
    from .requests import install_request_hooks

    install_request_hooks(app)


def register_commands(app: Flask) -> None:
    from .cli import register_cli

    register_cli(app)
