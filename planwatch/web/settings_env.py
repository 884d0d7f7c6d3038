"""Settings read from the environment, strictly: a value that is not understood stops the start with one line.

`PLANWATCH_SSL_REDIRECT=off` must not silently mean "redirect" (or "don't"): every boolean accepts exactly
true/false, 1/0, yes/no (any case), and anything else raises ImproperlyConfigured naming the variable.
"""

from __future__ import annotations

import ipaddress
import os
import stat
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"true", "1", "yes"}
FALSE = {"false", "0", "no"}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"环境变量 {name}={raw[:40]!r} 无法识别：只能是 true/false、1/0 或 yes/no，系统拒绝启动。"
    )


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_networks(name: str, default: str = "") -> list[str]:
    """Addresses or networks (10.0.0.0/8), each checked, so that a typo cannot trust nothing or everything."""
    entries = env_list(name, default)
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"环境变量 {name} 中的“{entry[:40]}”不是 IP 地址或网段（如 127.0.0.1 或 10.0.0.0/8），系统拒绝启动。"
            ) from None
    return entries


def private_directory(path: Path, name: str) -> Path:
    """`path` as a directory only this process's user can enter: created 0700 if missing, refused if it is a link,
    belongs to someone else or others may read or write it (a planted cache file would run as this user)."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        try:
            path.mkdir(mode=0o700, parents=True)
        except OSError as error:
            raise ImproperlyConfigured(
                f"{name} {path} 无法创建（{error.strerror}），系统拒绝启动。"
            ) from None
    info = os.lstat(path)
    problem = None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        problem = "不是目录（或是符号链接）"
    elif hasattr(os, "getuid") and info.st_uid != os.getuid():
        problem = f"属于其他用户（uid {info.st_uid}），不属于运行服务的用户（uid {os.getuid()}）"
    elif info.st_mode & 0o077:
        problem = f"权限为 {stat.S_IMODE(info.st_mode):o}，其他用户可以访问（应为 700）"
    if problem:
        raise ImproperlyConfigured(f"{name} {path} {problem}，系统拒绝启动；请换一个目录或改正它。")
    return path


def redis_url_with_password(name: str) -> str | None:
    """The Redis URL in `name`, refused without a password: the cache unpickles what it reads back."""
    url = os.environ.get(name, "").strip()
    if not url:
        return None
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    if not password:
        raise ImproperlyConfigured(
            f"环境变量 {name} 中的 Redis 地址没有密码（应为 redis://:密码@主机:6379/0）："
            "缓存会反序列化读到的内容，无密码的 Redis 可被借来执行代码，系统拒绝启动。"
        )
    return url
