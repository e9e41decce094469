"""Tests of the desk's accounts: argon2 hashes, roles, tokens."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tollwatch.errors import InputError, NotFoundError
from tollwatch.ledger import accounts
from tollwatch.ledger import schema as s


def test_passwords_are_stored_as_argon2_hashes_and_checked(store):
    user = accounts.add_user(store, "rana", role="reviewer", password="correct horse")
    assert (user.name, user.role, user.can_write, user.is_admin) == (
        "rana",
        "reviewer",
        True,
        False,
    )
    with store.read() as conn:
        stored = conn.execute(select(s.users.c.password_hash)).scalar()
        assert stored.startswith("$argon2id$") and "correct horse" not in stored
        assert accounts.authenticate(conn, "rana", "correct horse") == user
        assert accounts.authenticate(conn, "rana", "wrong horse") is None
        assert accounts.authenticate(conn, "nobody", "correct horse") is None


def test_account_rules(store):
    accounts.add_user(store, "ana", role="viewer", password="12345678")
    with pytest.raises(InputError, match="there is already a user 'ana'"):
        accounts.add_user(store, "ana", role="viewer", password="12345678")
    with pytest.raises(InputError, match="role must be one of viewer, reviewer, admin"):
        accounts.add_user(store, "ben", role="boss", password="12345678")
    with pytest.raises(InputError, match="a password needs at least 8 characters"):
        accounts.add_user(store, "ben", role="viewer", password="short")
    with pytest.raises(InputError, match="a user name is 1 to 100 printable characters"):
        accounts.add_user(store, "  ", role="viewer", password="12345678")
    viewer = accounts.set_role(store, "ana", active=False)
    assert not viewer.active and not viewer.can_write
    with store.read() as conn:
        assert accounts.authenticate(conn, "ana", "12345678") is None  # switched off
        assert [u.name for u in accounts.list_users(conn)] == ["ana"]


def test_api_tokens_are_hashed_and_revocable(store):
    accounts.add_user(store, "bot", role="reviewer", password="12345678")
    token, record = accounts.create_token(store, "bot", label="nightly")
    assert token.startswith("tw_") and record["user"] == "bot"
    with store.read() as conn:
        assert accounts.user_for_token(conn, token).name == "bot"
        assert accounts.user_for_token(conn, token + "x") is None
        assert conn.execute(select(s.api_tokens.c.token_hash)).scalar() != token
    accounts.revoke_token(store, record["id"])
    with store.read() as conn:
        assert accounts.user_for_token(conn, token) is None
    with pytest.raises(NotFoundError, match="no user 'ghost'"):
        accounts.create_token(store, "ghost")


def test_the_desk_secret_is_made_once_per_ledger(store):
    first = accounts.desk_secret(store)
    assert len(first) >= 48 and accounts.desk_secret(store) == first
