"""Accounts of the review desk: users with roles, argon2 password hashes, API tokens.

Roles: ``viewer`` reads; ``reviewer`` also records reviews and decisions; ``admin`` also
manages accounts. Passwords are stored as argon2id hashes (argon2-cffi's defaults); API tokens
are random and stored as their SHA-256, shown once when made.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, select, update

from tollwatch.errors import ConfigError, InputError, NotFoundError
from tollwatch.ledger import schema as s
from tollwatch.ledger.store import Store, insert_ignore, now

ROLES: tuple[str, ...] = s.USER_ROLES
WRITERS: frozenset[str] = frozenset({"reviewer", "admin"})
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # argon2 takes any length; a megabyte "password" is an attack, not a secret
TOKEN_PREFIX = "tw_"

_hasher = PasswordHasher()
# Verified against when the user does not exist, so an unknown name costs as long as a known one.
_DUMMY_HASH = _hasher.hash("tollwatch-no-such-user")


@dataclass(frozen=True, kw_only=True, slots=True)
class User:
    """An account (never its password hash)."""

    id: int
    name: str
    role: str
    active: bool = True
    created_at: datetime | None = None

    @property
    def can_write(self) -> bool:
        """Reviewers and admins record reviews and decisions."""
        return self.active and self.role in WRITERS

    @property
    def is_admin(self) -> bool:
        return self.active and self.role == "admin"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "active": self.active,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }


def _user(row: Any) -> User:
    return User(
        id=row["id"],
        name=row["name"],
        role=row["role"],
        active=bool(row["active"]),
        created_at=row["created_at"],
    )


def check_name(name: str) -> str:
    """A user name: 1-100 printable characters without spaces at either end."""
    name = (name or "").strip()
    if not name or len(name) > 100 or not name.isprintable():
        raise InputError("a user name is 1 to 100 printable characters")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    return role


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"a password has at most {MAX_PASSWORD} characters")
    return password


def add_user(store: Store, name: str, *, role: str, password: str, by: str | None = None) -> User:
    """Create an account. Raises InputError for a bad name, role or password, or a taken name."""
    name = check_name(name)
    role = check_role(role)
    digest = _hasher.hash(check_password(password))

    def work(conn: Connection) -> User:
        u = s.users
        if conn.execute(select(u.c.id).where(u.c.name == name)).first() is not None:
            raise InputError(f"there is already a user {name!r}")
        row = (
            conn.execute(
                u.insert()
                .values(
                    name=name,
                    role=role,
                    password_hash=digest,
                    active=True,
                    created_by=by,
                    created_at=now(),
                )
                .returning(u)
            )
            .mappings()
            .one()
        )
        return _user(row)

    return store.run_write(work, locks=[f"user:{name}"])


def set_password(store: Store, name: str, *, password: str) -> None:
    """Give an account a new password."""
    digest = _hasher.hash(check_password(password))

    def work(conn: Connection) -> None:
        found = conn.execute(
            update(s.users).where(s.users.c.name == name).values(password_hash=digest)
        )
        if not found.rowcount:
            raise NotFoundError(f"no user {name!r}")

    store.run_write(work)


def set_role(
    store: Store, name: str, *, role: str | None = None, active: bool | None = None
) -> User:
    """Change an account's role, or switch it off (accounts are never deleted)."""
    values: dict[str, Any] = {}
    if role is not None:
        values["role"] = check_role(role)
    if active is not None:
        values["active"] = active
    if not values:
        raise ConfigError("nothing to change")

    def work(conn: Connection) -> User:
        u = s.users
        conn.execute(update(u).where(u.c.name == name).values(**values))
        row = conn.execute(select(u).where(u.c.name == name)).mappings().first()
        if row is None:
            raise NotFoundError(f"no user {name!r}")
        return _user(row)

    return store.run_write(work)


def authenticate(conn: Connection, name: str, password: str) -> User | None:
    """The active user with this name and password, else None (in about the same time)."""
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        return None
    row = conn.execute(select(s.users).where(s.users.c.name == name)).mappings().first()
    digest = row["password_hash"] if row is not None else _DUMMY_HASH
    try:
        _hasher.verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None or not row["active"]:
        return None
    return _user(row)


def get_user(conn: Connection, user_id: int) -> User | None:
    """The user with this id, or None."""
    row = conn.execute(select(s.users).where(s.users.c.id == user_id)).mappings().first()
    return _user(row) if row is not None else None


def find_user(conn: Connection, name: str) -> User:
    """The user with this name. Raises NotFoundError."""
    row = conn.execute(select(s.users).where(s.users.c.name == name)).mappings().first()
    if row is None:
        raise NotFoundError(f"no user {name!r}")
    return _user(row)


def list_users(conn: Connection) -> list[User]:
    """Every account, by name."""
    return [_user(r) for r in conn.execute(select(s.users).order_by(s.users.c.name)).mappings()]


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(
    store: Store, name: str, *, label: str | None = None
) -> tuple[str, dict[str, Any]]:
    """A new API token for user ``name``: (the token, shown only now; its record)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)

    def work(conn: Connection) -> dict[str, Any]:
        user = find_user(conn, name)
        stamp = now()
        token_id = conn.execute(
            s.api_tokens.insert()
            .values(user_id=user.id, name=label, token_hash=_token_hash(token), created_at=stamp)
            .returning(s.api_tokens.c.id)
        ).scalar_one()
        return {"id": token_id, "user": user.name, "name": label, "created_at": stamp.isoformat()}

    return token, store.run_write(work)


def revoke_token(store: Store, token_id: int) -> None:
    """Switch a token off (its row stays)."""

    def work(conn: Connection) -> None:
        t = s.api_tokens
        done = conn.execute(
            update(t).where(t.c.id == token_id, t.c.revoked_at.is_(None)).values(revoked_at=now())
        )
        if not done.rowcount:
            raise NotFoundError(f"no active token {token_id}")

    store.run_write(work)


def user_for_token(conn: Connection, token: str) -> User | None:
    """The active user an unrevoked API token belongs to, else None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    t, u = s.api_tokens, s.users
    row = (
        conn.execute(
            select(u)
            .join(t, t.c.user_id == u.c.id)
            .where(t.c.token_hash == _token_hash(token), t.c.revoked_at.is_(None))
        )
        .mappings()
        .first()
    )
    if row is None or not row["active"]:
        return None
    return _user(row)


def desk_secret(store: Store) -> str:
    """The desk's session-signing key: made once per ledger and kept in it."""
    d = s.desk_settings
    with store.read() as conn:
        found = conn.execute(select(d.c.value).where(d.c.name == "secret_key")).scalar()
    if found:
        return found

    def work(conn: Connection) -> str:
        insert_ignore(conn, d, [{"name": "secret_key", "value": secrets.token_urlsafe(48)}])
        return conn.execute(select(d.c.value).where(d.c.name == "secret_key")).scalar_one()

    return store.run_write(work, locks=["desk_settings"])
