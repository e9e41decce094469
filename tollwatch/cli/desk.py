"""The review desk's commands: ``serve`` and ``user`` (add, list, token, password, role).

Thin shells over :mod:`tollwatch.web` and :mod:`tollwatch.ledger.accounts`. Passwords are
asked for at the terminal (twice), or read from the first line of standard input with
``--password-stdin`` (for scripts); they never appear on the command line.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from tollwatch.cli.ledger import add_db
from tollwatch.errors import ConfigError, InputError


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve",
        help="run the review desk (a web app over the ledger)",
        description="Serve the review desk: incidents, map, timeline, review queue, reports. "
        "Settings: TOLLWATCH_PUBLIC_READ, TOLLWATCH_TILE_URL, TOLLWATCH_TILE_ATTRIBUTION, "
        "TOLLWATCH_SECRET_KEY, TOLLWATCH_SESSION_HOURS, TOLLWATCH_SECURE_COOKIES.",
    )
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--public-read",
        action="store_true",
        default=None,
        help="let anyone read without logging in",
    )
    p.add_argument("--tile-url", metavar="URL", help="a {z}/{x}/{y} tile server of your own")
    p.set_defaults(func=cmd_serve)

    p = subparsers.add_parser(
        "user",
        help="manage the review desk's accounts",
        description="Accounts of the review desk. Roles: viewer (reads), reviewer (also "
        "reviews and decides), admin (also manages accounts).",
    )
    sub = p.add_subparsers(dest="user_command", metavar="ACTION")
    add = sub.add_parser("add", help="create an account")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=("viewer", "reviewer", "admin"))
    lst = sub.add_parser("list", help="list the accounts")
    lst.add_argument("--json", action="store_true")
    tok = sub.add_parser("token", help="make an API token for NAME (printed once)")
    tok.add_argument("name", metavar="NAME")
    tok.add_argument("--label", metavar="TEXT", help="what the token is for")
    pwd = sub.add_parser("password", help="set NAME's password")
    pwd.add_argument("name", metavar="NAME")
    role = sub.add_parser("role", help="change NAME's role, or switch the account off or on")
    role.add_argument("name", metavar="NAME")
    role.add_argument("--role", choices=("viewer", "reviewer", "admin"))
    state = role.add_mutually_exclusive_group()
    state.add_argument("--disable", action="store_true", help="switch the account off")
    state.add_argument("--enable", action="store_true", help="switch it on again")
    for s in (add, pwd):
        s.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
    for s in (add, lst, tok, pwd, role):
        add_db(s)
        s.set_defaults(func=cmd_user)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def cmd_serve(args: argparse.Namespace) -> int:
    from tollwatch.web import DeskSettings, serve

    if not 0 < args.port < 65536:
        raise ConfigError(f"--port must be between 1 and 65535, not {args.port}")
    settings = DeskSettings.from_env(public_read=args.public_read, tile_url=args.tile_url)
    print(f"tollwatch desk on http://{args.host}:{args.port}/ (Ctrl-C stops it)", file=sys.stderr)
    serve(db_url=args.db, host=args.host, port=args.port, settings=settings)
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise InputError("no password on standard input")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise InputError("no terminal to ask for the password; use --password-stdin")
    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        raise InputError("the two passwords differ")
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from tollwatch.ledger import accounts
    from tollwatch.ledger.store import open_store

    store = open_store(args.db)
    try:
        if args.user_command == "add":
            user = accounts.add_user(store, args.name, role=args.role, password=_password(args))
            print(f"account {user.name} ({user.role}) created")
        elif args.user_command == "list":
            with store.read() as conn:
                users = accounts.list_users(conn)
            if args.json:
                print(json.dumps([u.to_dict() for u in users], indent=2))
            else:
                for u in users:
                    print(f"{u.name}\t{u.role}\t{'active' if u.active else 'off'}")
        elif args.user_command == "token":
            token, record = accounts.create_token(store, args.name, label=args.label)
            print(token)
            print(f"token {record['id']} for {record['user']}: shown only now", file=sys.stderr)
        elif args.user_command == "password":
            accounts.set_password(store, args.name, password=_password(args))
            print(f"password of {args.name} changed")
        else:
            active = False if args.disable else True if args.enable else None
            user = accounts.set_role(store, args.name, role=args.role, active=active)
            print(f"{user.name}: {user.role}, {'active' if user.active else 'off'}")
    finally:
        store.dispose()
    return 0
