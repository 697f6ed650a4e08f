"""Settings from the command line, the environment and two config files.

A plant server holds its shared data directory and the usual role in a
system-wide file (``/etc/kata-tui/config.toml``; ``KATA_SYSTEM_CONFIG`` names
another), because ``ssh host kata BOARD`` runs no login profile and so never
sees a ``KATA_DATA`` set there. Each person may have their own file in the
platform's user config directory (``~/.config/kata-tui/config.toml`` on
Linux). For each setting the first of these that gives a value wins:

    --flag  >  environment (KATA_DATA, KATA_ROLE)  >  user file  >  system file  >  default

A config file is TOML with top-level keys only::

    data = "/srv/kata"      # a relative path is taken from the file's folder
    role = "coach"          # learner, coach or second-coach

A file that cannot be read, does not parse, or holds an unknown key or a bad
value is an error naming the file, never skipped in silence. The files are
read only when a setting is not given on the command line or in the
environment, so a fully specified command does no extra work.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kata_tui.domain.errors import KataError
from kata_tui.domain.model import Role

SYSTEM_CONFIG = Path("/etc/kata-tui/config.toml")
CONFIG_NAME = "config.toml"
ROLES = tuple(r.value.replace(" ", "-") for r in Role)
KEYS = ("data", "role")
ENV = {"data": "KATA_DATA", "role": "KATA_ROLE"}
FLAGS = {"data": "--data", "role": "--role"}


class ConfigError(KataError):
    """A config file or setting that cannot be used as it is."""


@dataclass(frozen=True)
class Setting:
    value: str
    source: str
    """Where the value came from: a flag, an environment variable, a file's path, or default."""


def system_config_path(env: Mapping[str, str]) -> Path:
    return Path(env.get("KATA_SYSTEM_CONFIG", "").strip() or SYSTEM_CONFIG)


def user_config_path() -> Path:
    import platformdirs  # only when a setting was not given

    return Path(platformdirs.user_config_dir("kata-tui", appauthor=False)) / CONFIG_NAME


def user_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("kata-tui", appauthor=False))


def role_value(text: str, where: str) -> str:
    """A role as typed (``second-coach`` or ``second coach``), checked, in flag form."""
    value = text.strip().replace(" ", "-")
    if value not in ROLES:
        raise ConfigError(f"{where}: role {text!r} is not one of {', '.join(ROLES)}")
    return value


def read_config(path: Path) -> dict[str, str]:
    """The settings a config file gives ({} when there is no file), checked."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    import tomllib  # only when there is a file

    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: config is not valid TOML ({exc})") from None
    found: dict[str, str] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{path}: unknown setting {key!r} (known: {', '.join(KEYS)})")
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: {key} must be a non-empty string")
        if key == "role":
            found[key] = role_value(value, str(path))
        else:
            folder = Path(value).expanduser()
            found[key] = str(folder if folder.is_absolute() else path.parent / folder)
    return found


@dataclass(frozen=True)
class Settings:
    data: Setting
    role: Setting
    files: tuple[Path, ...]
    """The config files consulted, user first (empty when none had to be)."""

    @property
    def data_dir(self) -> Path:
        return Path(self.data.value)


def resolve(
    flags: Mapping[str, str | None],
    env: Mapping[str, str] | None = None,
    *,
    default_role: str = "learner",
    read_files: bool = False,
) -> Settings:
    """Each setting from the first source that gives it; ``read_files`` reads both
    files even when flags and environment give everything (``kata config``)."""
    env = os.environ if env is None else env
    given: dict[str, Setting] = {}
    for key in KEYS:
        flag = flags.get(key)
        if flag is not None:
            given[key] = Setting(flag, FLAGS[key])
            continue
        text = env.get(ENV[key], "").strip()
        if text:
            value = str(Path(text).expanduser()) if key == "data" else role_value(text, ENV[key])
            given[key] = Setting(value, ENV[key])
    files: tuple[Path, ...] = ()
    if read_files or len(given) < len(KEYS):
        files = (user_config_path(), system_config_path(env))
        for path in files:
            for key, value in read_config(path).items():
                given.setdefault(key, Setting(value, str(path)))
    if "data" not in given:
        given["data"] = Setting(str(user_data_dir()), "default")
    if "role" not in given:
        given["role"] = Setting(default_role, "default")
    return Settings(data=given["data"], role=given["role"], files=files)
