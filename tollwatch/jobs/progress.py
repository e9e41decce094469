"""Progress of a run on stderr: reports done, rate and ETA (stdout stays the run's data).

On a terminal a bar is redrawn in place (tqdm); elsewhere (a log file, CI) one line is
printed every ``every`` seconds. The total is often unknown when a run starts (a folder of
archives is streamed, not read twice): :class:`Progress` takes it whenever a background count
(:func:`tollwatch.ingest.archives.count_reports`) delivers it, and shows an ETA from then on.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from tqdm import tqdm


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


class Progress:
    """Reports done, rate and ETA; thread-safe ``set_total`` for a count made on the side."""

    def __init__(
        self,
        *,
        total: int | None = None,
        out: TextIO | None = None,
        every: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        bar: bool | None = None,
    ) -> None:
        self.out = out or sys.stderr
        self.total = total
        self.done = 0
        self.every = every
        self._clock = clock
        self._start = clock()
        self._last = self._start
        self._printed = -1  # ``done`` when the last line was printed
        self._lock = threading.Lock()
        use_bar = self.out.isatty() if bar is None else bar
        self._bar = (
            tqdm(total=total, unit="report", file=self.out, dynamic_ncols=True, leave=False)
            if use_bar
            else None
        )

    def set_total(self, total: int) -> None:
        """The number of reports the run will see (from a count made while it runs)."""
        with self._lock:
            self.total = total
            if self._bar is not None:
                self._bar.total = total
                self._bar.refresh()

    def rate(self) -> float:
        """Reports a second since the start."""
        elapsed = self._clock() - self._start
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left at the current rate, when the total is known."""
        rate = self.rate()
        if self.total is None or rate <= 0:
            return None
        return max(self.total - self.done, 0) / rate

    def line(self) -> str:
        """``1,200/100,000 reports, 35.1 reports/s, ETA 47m00s`` (no total: no ETA)."""
        done = f"{self.done:,}" + (f"/{self.total:,}" if self.total is not None else "")
        text = f"{done} reports, {self.rate():.1f} reports/s"
        eta = self.eta()
        return text + (f", ETA {_duration(eta)}" if eta is not None else "")

    def update(self, n: int) -> None:
        """``n`` more reports done."""
        with self._lock:
            self.done += n
            if self._bar is not None:
                self._bar.update(n)
                return
            now = self._clock()
            if now - self._last >= self.every:
                self._last = now
                self._printed = self.done
                print(self.line(), file=self.out, flush=True)

    def close(self) -> None:
        """Stop the bar; print the final line when printing lines."""
        if self._bar is not None:
            self._bar.close()
        elif self.done and self._printed != self.done:
            print(self.line(), file=self.out, flush=True)


__all__ = ["Progress"]
