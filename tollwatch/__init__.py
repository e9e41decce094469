"""tollwatch: a sourced ledger of conflict incidents and humanitarian figures."""

__version__ = "0.1.0"
