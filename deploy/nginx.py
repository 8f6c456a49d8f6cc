"""Render deploy/nginx.conf.template into a project-local nginx config, and the command that runs it.

Everything nginx writes (pid, lock, temp files, the micro-cache) goes under `var_dir`, so nginx runs
as any user from the project directory: `nginx -p VAR_DIR -c VAR_DIR/nginx.conf -e stderr`.
"""

import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

TEMPLATE_PATH = Path(__file__).resolve().parent / "nginx.conf.template"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "cache")


class NginxConfigError(Exception):
    """The template names a value the caller did not give, or nginx is not installed."""


@dataclass(frozen=True)
class NginxSettings:
    """What the template needs. Paths are absolute; `access_log` is a path, `off`, or `/dev/stdout`."""

    port: int
    app_port: int
    static_root: Path
    var_dir: Path
    listen_host: str = "127.0.0.1"
    micro_cache_seconds: int = 5
    worker_processes: str = "auto"
    access_log: str = "off"
    error_log: str = "stderr"
    client_max_body_size: str = "64m"
    session_cookie: str = "sessionid"
    # Behind a TLS-terminating load balancer, pass its X-Forwarded-Proto on; otherwise never trust it.
    trust_forwarded_proto: bool = False


def render(config: NginxSettings) -> str:
    """The template with every {{name}} replaced; raises NginxConfigError for a name with no value."""
    values = {key: str(value) for key, value in asdict(config).items()}
    values["access_log"] = "off" if config.access_log == "off" else f"{config.access_log} briefs"
    values["forwarded_proto_default"] = "$scheme"
    values["forwarded_proto_trusted"] = "$http_x_forwarded_proto" if config.trust_forwarded_proto else "$scheme"

    def replace(match):
        name = match.group(1)
        if name not in values:
            raise NginxConfigError(f"{TEMPLATE_PATH.name}: no value for {{{{{name}}}}}; add it to NginxSettings.")
        return values[name]

    return PLACEHOLDER.sub(replace, TEMPLATE_PATH.read_text(encoding="utf-8"))


def write_config(config: NginxSettings) -> Path:
    """Create var_dir and its temp directories, write nginx.conf there and return its path."""
    for name in TEMP_DIRS:
        (config.var_dir / name).mkdir(parents=True, exist_ok=True)
    path = config.var_dir / "nginx.conf"
    path.write_text(render(config), encoding="utf-8")
    return path


def nginx_binary() -> str:
    """The nginx executable (Debian puts it in /usr/sbin, which is not on every user's PATH)."""
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise NginxConfigError("nginx is not installed; run `make system-deps` (Debian package nginx).")
    return found


def nginx_command(conf_path: Path, *, test: bool = False) -> list[str]:
    """The command line that runs (or, with `test`, only checks) the config at `conf_path`."""
    command = [nginx_binary(), "-p", str(conf_path.parent), "-c", str(conf_path), "-e", "stderr"]
    return [*command, "-t", "-q"] if test else command
