"""E-mail for notifications, sent by a queue job (app/queue): SMTP configured by
PENHOLDER_SMTP_HOST/PORT/USER/PASSWORD/FROM; with no host (the demo) the mail is written
to the console. A mail carries a neutral line and a link, never confidential text, unless
the process lets mail carry what its recipient may already read (permissions.mail_text:
the process's `mail_includes_text`, off by default); the subject line stays neutral."""
import smtplib
import sys
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale, gettext
from sqlalchemy import delete, select, update

from ..auth.models import User
from ..database import reading_first, start_writing
from ..extensions import db
from ..models_base import utcnow
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from .models import EMAIL_LINE, KINDS, Notification, SentOnce
from .once import claim
from .permissions import mail_text


def language_of(user: User) -> str:
    """The recipient's own interface language (a mail is theirs, whoever caused it)."""
    return user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE


def _quoted(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines()) + "\n\n"


def message_for(notification: Notification, user: User) -> EmailMessage:
    """The mail of one notification, in its recipient's language: a neutral line, the
    kind's neutral line, the text the process lets it carry (quoted), and the link."""
    config = current_app.config
    base = config.get("BASE_URL", "").rstrip("/")
    with force_locale(language_of(user)):
        subject = gettext("Penholder: something new for you")
        line, kind = gettext(EMAIL_LINE), gettext(KINDS[notification.kind]) if notification.kind in KINDS else ""
        text = mail_text(notification, user)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("SMTP_FROM") or "penholder@localhost"
    message["To"] = user.email
    message.set_content(f"{line}\n{kind}\n\n{_quoted(text) if text else ''}{base}{notification.link}\n")
    return message


def digest_for(user: User, notifications: list[Notification]) -> EmailMessage:
    """A neutral line and the link to the centre; below it, each notification whose mail
    may carry text (the process lets it), with its line, the text and its link."""
    config = current_app.config
    base = config.get("BASE_URL", "").rstrip("/")
    with force_locale(language_of(user)):
        subject, line = gettext("Penholder: your daily digest"), gettext(EMAIL_LINE)
        items = []
        for notification in notifications:
            text = mail_text(notification, user)
            if text:
                kind = gettext(KINDS[notification.kind]) if notification.kind in KINDS else ""
                items.append(f"{kind}\n{_quoted(text)}{base}{notification.link}\n\n")
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.get("SMTP_FROM") or "penholder@localhost"
    message["To"] = user.email
    message.set_content(f"{line}\n\n{base}/notifications\n" + ("\n" + "".join(items) if items else ""))
    return message


def deliver(messages: list[EmailMessage]) -> None:
    config = current_app.config
    if not config.get("SMTP_HOST"):
        for message in messages:
            print(message.as_string(), file=sys.stdout, flush=True)
        return
    with smtplib.SMTP(config["SMTP_HOST"], int(config.get("SMTP_PORT") or 25), timeout=30) as smtp:
        if config.get("SMTP_USER"):
            smtp.starttls()
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
        for message in messages:
            smtp.send_message(message)


def send(notification_ids: list[int], *, final: bool = True) -> int:
    with reading_first():
        rows = db.session.execute(select(Notification, User).join(User, User.id == Notification.user_id).where(
            Notification.id.in_(notification_ids), Notification.email == "pending")).all()
        if not rows:
            db.session.rollback()
            return 0
        try:
            deliver([message_for(n, user) for n, user in rows])
            status = "sent"
        except (OSError, smtplib.SMTPException):
            if not final:
                db.session.rollback()
                raise                   # the queue retries the job
            status = "failed"
        start_writing()
        db.session.execute(update(Notification).where(Notification.id.in_([n.id for n, _ in rows]))
                           .values(email=status))
        db.session.commit()
        return len(rows)


def email_task(notification_ids: list[int], *, attempt: int = 0, final: bool = True) -> None:
    send(notification_ids, final=final)


def send_pending() -> int:
    """The in-process runner (SQLite demo): every mail not sent yet."""
    ids = list(db.session.scalars(select(Notification.id).where(Notification.email == "pending")))
    db.session.rollback()
    return send(ids) if ids else 0


def send_digests(today=None) -> int:
    """The daily digest: one mail per user for every notification waiting for it (a
    neutral line and a link to the centre). Returns how many users were mailed.

    Once per user and day: each user's digest claims `digest:<user>:<date>` and commits
    that before the mail goes, so a second run (another worker, the scheduler and a
    command at once) skips them. If the mail cannot go, the claims are given back."""
    day = (today or utcnow().date()).isoformat()
    with reading_first():
        rows = db.session.execute(select(Notification, User).join(User, User.id == Notification.user_id)
                                  .where(Notification.email == "digest").order_by(Notification.id)).all()
        by_user: dict = {}
        for notification, user in rows:
            by_user.setdefault(user.id, (_copy(user, User, "id", "email", "language", "active"), []))[1].append(
                _copy(notification, Notification, "id", "user_id", "kind", "link", "subject", "subject_id"))
        if not by_user:
            db.session.rollback()
            return 0
        start_writing()
        keys = {user_id: f"digest:{user_id}:{day}" for user_id in by_user}
        mine = {user_id: by_user[user_id] for user_id in by_user if claim(keys[user_id])}
        db.session.commit()
        if not mine:
            return 0
        messages = [digest_for(user, notifications) for user, notifications in mine.values()]
        try:
            deliver(messages)
        except (OSError, smtplib.SMTPException):
            start_writing()
            db.session.execute(delete(SentOnce).where(SentOnce.key.in_([keys[u] for u in mine])))
            db.session.commit()
            raise
        start_writing()
        db.session.execute(update(Notification).where(
            Notification.id.in_([n.id for _, found in mine.values() for n in found])).values(email="sent"))
        db.session.commit()
        return len(mine)


def _copy(row, model, *names):
    """A detached copy of what the digest reads of a row: the claims' commit expires the
    session's rows, and reloading each one would cost a query per user and notification."""
    return model(**{name: getattr(row, name) for name in names})


def digest_task(*, attempt: int = 0, final: bool = True) -> None:
    send_digests()
