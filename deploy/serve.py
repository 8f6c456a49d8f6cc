"""`make serve`: run the site the way production does, gunicorn behind nginx, until Ctrl-C or SIGTERM.

Steps: check the required settings (exit 1 naming each one missing, before anything starts), apply
migrations, collect static files, start gunicorn (cms.wsgi, WEB_CONCURRENCY workers on
127.0.0.1:APP_PORT, access log on stdout), wait until /healthz answers, then start nginx on PORT
with the config rendered from deploy/nginx.conf.template into var/nginx/. DEBUG is always off.
On SIGINT/SIGTERM, or when either server exits, both are stopped: nginx first, then gunicorn.

Run as `python -m deploy.serve` from the project directory (the Makefile does).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from deploy.nginx import NginxConfigError, NginxSettings, nginx_command, write_config

ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = ROOT / "var" / "nginx"
STATIC_ROOT = ROOT / "staticfiles"  # settings.STATIC_ROOT
APP_START_SECONDS = 30
STOP_SECONDS = 25  # a little over gunicorn's graceful_timeout

REQUIRED_SETTINGS = {
    "DJANGO_SECRET_KEY": "any long random string: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
    "DATABASE_URL": "e.g. postgres://postgres@127.0.0.1:5432/briefs",
    "REDIS_URL": "e.g. redis://127.0.0.1:6379/0 (the cache every app process shares)",
}


class ServeError(Exception):
    """Production mode cannot start; the message says what to fix."""


def missing_settings(environ) -> list[str]:
    """Names of the required settings that are unset or empty in `environ`."""
    return [name for name in REQUIRED_SETTINGS if not environ.get(name, "").strip()]


def port_from(environ, name: str, default: int) -> int:
    value = environ.get(name, str(default))
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ServeError(f"{name}={value!r} is not a port number.")
    return int(value)


def check_port_free(port: int, name: str) -> None:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            message = f"{name} {port} is in use ({error.strerror}); stop what runs there or set {name}."
            raise ServeError(message) from None


def manage(*args: str, env) -> None:
    """Run one manage.py command; a failure stops production mode with the command's exit status."""
    print(f"make serve: manage.py {' '.join(args)}", flush=True)
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise ServeError(f"manage.py {' '.join(args)} failed (exit status {result.returncode}); see above.")


def wait_for_app(app: subprocess.Popen, url: str) -> None:
    """Until gunicorn answers /healthz (any status: a 503 names what is down); it must not exit meanwhile."""
    deadline = time.monotonic() + APP_START_SECONDS
    while time.monotonic() < deadline:
        if app.poll() is not None:
            raise ServeError(f"gunicorn exited with status {app.returncode} while starting; see its log above.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own 127.0.0.1 URL
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise ServeError(f"gunicorn did not answer {url} within {APP_START_SECONDS} s.")


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    """Ask a server to stop, wait for it, and kill it if it does not."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def serve(environ) -> int:
    missing = missing_settings(environ)
    if missing:
        lines = [f"make serve: missing required setting{'s' if len(missing) > 1 else ''}: {', '.join(missing)}."]
        lines += [f"  {name}: {REQUIRED_SETTINGS[name]}" for name in missing]
        lines.append("Nothing was started. Set them in the environment and run make serve again.")
        print("\n".join(lines), file=sys.stderr)
        return 1

    if environ.get("DJANGO_DEBUG", "0").strip().lower() not in {"", "0", "false", "no", "off"}:
        print("make serve: ignoring DJANGO_DEBUG; production mode always runs with debug off.", file=sys.stderr)
    env = {**environ, "DJANGO_DEBUG": "0"}
    # nginx here speaks plain HTTP: TLS ends in front of it (a load balancer) or nowhere (a local
    # run), so Django redirecting http to https would loop or point at nothing. Django reads the
    # scheme from nginx's X-Forwarded-Proto; set SECURE_SSL_REDIRECT=1 if the proxy does not redirect.
    env.setdefault("SECURE_SSL_REDIRECT", "0")
    # Every request reaches Django from nginx: the client's address is in X-Forwarded-For.
    env.setdefault("TRUSTED_PROXY_COUNT", "1")
    port = port_from(env, "PORT", 8080)
    app_port = port_from(env, "APP_PORT", 8001)
    env["APP_PORT"] = str(app_port)
    workers = env.setdefault("WEB_CONCURRENCY", "4")
    for number, name in ((port, "PORT"), (app_port, "APP_PORT")):
        check_port_free(number, name)
    nginx_config = write_config(
        NginxSettings(
            port=port,
            app_port=app_port,
            static_root=STATIC_ROOT,
            var_dir=VAR_DIR,
            listen_host=env.get("HOST", "127.0.0.1"),
            micro_cache_seconds=int(env.get("MICRO_CACHE_SECONDS", "5")),
            access_log=str(VAR_DIR / "access.log"),
            trust_forwarded_proto=env.get("TRUST_X_FORWARDED_PROTO", "") == "1",
        )
    )
    test = subprocess.run(nginx_command(nginx_config, test=True), capture_output=True, text=True, check=False)
    if test.returncode != 0:
        raise ServeError(f"nginx rejects {nginx_config}:\n{test.stderr.strip()}")

    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env)

    stopping = []

    def request_stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    app = web = None
    try:
        # Own sessions: a Ctrl-C reaches only this script, which stops the servers in order.
        app = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT, env=env, start_new_session=True,
        )
        wait_for_app(app, f"http://127.0.0.1:{app_port}/healthz")
        web = subprocess.Popen(nginx_command(nginx_config), cwd=ROOT, env=env, start_new_session=True)
        host = env.get("HOST", "127.0.0.1")
        print(
            f"make serve: http://{host}:{port}/ (nginx, static files and micro-cache) → gunicorn "
            f"127.0.0.1:{app_port} with {workers} workers. nginx log: {VAR_DIR / 'access.log'}. Ctrl-C stops both.",
            flush=True,
        )
        while not stopping:
            for name, process in (("gunicorn", app), ("nginx", web)):
                if process.poll() is not None:
                    raise ServeError(f"{name} exited with status {process.returncode}; stopping.")
            time.sleep(0.5)
        print("make serve: stopping nginx and gunicorn", flush=True)
        return 0
    finally:
        stop(web, signal.SIGQUIT)  # nginx: finish the requests in flight, then exit
        stop(app, signal.SIGTERM)  # gunicorn: graceful shutdown of every worker


def main() -> int:
    try:
        return serve(os.environ)
    except (ServeError, NginxConfigError) as error:
        print(f"make serve: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
