"""Penholder: drafting a single negotiating text in rounds.

create_app() wires configuration, extensions, blueprints, listeners (app/listeners.py)
and CLI commands. Nothing touches the database, and nothing is connected, at import time.
"""
from pathlib import Path

from flask import Flask

from .config import build_config
from .extensions import csrf, db, login_manager, migrate
from .features import feature_modules


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    from .api.body import BoundedIntConverter
    app.url_map.converters["int"] = BoundedIntConverter
    from .public_ids import register_converters
    register_converters(app)
    instance_path = Path(app.instance_path)
    overrides = dict(config or {})
    # Tests and embedding code may supply their own key: then none is read or created.
    app.config.update(build_config(instance_path, secret_key=overrides.get("SECRET_KEY")))
    app.config.update(overrides)
    # Key order as built: sorting the keys of a treaty's 30,000 status rows costs more
    # than serialising them.
    app.json.sort_keys = False
    register_extensions(app)
    from .i18n import init_i18n
    init_i18n(app)
    from .templating import register_template_helpers
    register_template_helpers(app)
    register_blueprints(app)
    register_listeners(app)
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
    from .api import create_api_blueprint
    from .errors import register_error_handlers
    from .home import bp as home_bp

    app.register_blueprint(home_bp)
    for views in feature_modules("views"):
        app.register_blueprint(views.bp)
    app.register_blueprint(create_api_blueprint([api.bp for api in feature_modules("api")]))
    register_error_handlers(app)


def register_listeners(app: Flask) -> None:
    from .listeners import connect_listeners

    connect_listeners(app)


def register_request_hooks(app: Flask) -> None:
    from .requests import install_request_hooks

    install_request_hooks(app)


def register_commands(app: Flask) -> None:
    from .cli import register_cli

    register_cli(app)
