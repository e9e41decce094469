"""The desk's settings: environment variables (``TOLLWATCH_*``) over defaults, options over both.

Pydantic is the trust boundary here (values typed in by people, in the environment).
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tollwatch.errors import ConfigError

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class DeskSettings(BaseModel):
    """How the desk runs. Every field has an environment variable (see ``from_env``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    public_read: bool = False  # TOLLWATCH_PUBLIC_READ: read without logging in
    tile_url: str | None = None  # TOLLWATCH_TILE_URL: a {z}/{x}/{y} tile server of your own
    tile_attribution: str | None = None  # TOLLWATCH_TILE_ATTRIBUTION
    secret_key: str | None = Field(default=None, min_length=32)  # TOLLWATCH_SECRET_KEY
    session_hours: float = Field(default=12.0, gt=0, le=24 * 30)  # TOLLWATCH_SESSION_HOURS
    secure_cookies: bool = False  # TOLLWATCH_SECURE_COOKIES: behind HTTPS
    login_attempts: int = Field(default=5, ge=1, le=1000)  # failures allowed per window
    login_window_s: int = Field(default=900, ge=1)  # the window, per name and per address
    per_page: int = Field(default=50, ge=1, le=500)

    @field_validator("tile_url")
    @classmethod
    def _tile_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("the tile URL must be http(s)://host/…/{z}/{x}/{y}.png")
        if not all(k in value for k in ("{z}", "{x}", "{y}")):
            raise ValueError("the tile URL needs {z}, {x} and {y}")
        return value

    @property
    def tile_origin(self) -> str | None:
        """The tile server's origin, which the Content-Security-Policy lets images come from."""
        if not self.tile_url:
            return None
        parts = urlsplit(self.tile_url)
        host = parts.netloc.replace("{s}.", "*.").replace("{s}", "*")
        return f"{parts.scheme}://{host}"

    @classmethod
    def from_env(cls, **overrides: object) -> DeskSettings:
        """Settings from the environment, with ``overrides`` (None values ignored) on top."""
        env = os.environ
        values: dict[str, object] = {}

        def flag(name: str) -> bool | None:
            raw = env.get(name)
            if raw is None:
                return None
            if raw.strip().lower() in TRUE:
                return True
            if raw.strip().lower() in FALSE:
                return False
            raise ConfigError(f"{name} must be true or false, not {raw!r}")

        for field_name, var in (
            ("public_read", "TOLLWATCH_PUBLIC_READ"),
            ("secure_cookies", "TOLLWATCH_SECURE_COOKIES"),
        ):
            value = flag(var)
            if value is not None:
                values[field_name] = value
        for field_name, var in (
            ("tile_url", "TOLLWATCH_TILE_URL"),
            ("tile_attribution", "TOLLWATCH_TILE_ATTRIBUTION"),
            ("secret_key", "TOLLWATCH_SECRET_KEY"),
            ("session_hours", "TOLLWATCH_SESSION_HOURS"),
        ):
            if env.get(var):
                values[field_name] = env[var]
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise ConfigError(f"desk setting {where}: {first['msg']}") from None
