"""Reading reports in: files, stdin and JSONL corpora (and, in ``html``, web pages)."""

from tollwatch.ingest.readers import (
    STDIN_NAME,
    Discard,
    check_text,
    decode_text,
    parse_date,
    read_bytes_report,
    read_inputs,
    report_from_record,
)

__all__ = [
    "Discard",
    "STDIN_NAME",
    "check_text",
    "decode_text",
    "parse_date",
    "read_bytes_report",
    "read_inputs",
    "report_from_record",
]
