"""Start gunicorn and nginx for a test, talk HTTP to them, and always stop them.

Every wait is bounded; every process started here is stopped by `stop()`, which the tests'
fixtures call in their finalizers.
"""

import http.client
import http.cookies
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 15
# Variables of the test run that must not leak into a server's environment.
RUN_ONLY_VARIABLES = ("DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "DJANGO_TEST_DB_NAME", "DJANGO_DEBUG")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(base_env, **overrides) -> dict:
    """The test process's environment minus its database and cache settings, with production values."""
    env = {key: value for key, value in base_env.items() if key not in RUN_ONLY_VARIABLES}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONUNBUFFERED="1",
        SECURE_SSL_REDIRECT="0",  # as make serve sets it: these servers speak plain HTTP
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


@dataclass
class Response:
    status: int
    headers: dict  # lower-case names; Set-Cookie values joined by "\n"
    text: str

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def request(url: str, *, method="GET", headers=None, body: bytes | None = None, timeout=10.0) -> Response:
    """One HTTP request, no redirects followed, no exception for 4xx/5xx."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path or "/", body=body, headers=headers or {})
        answer = connection.getresponse()
        collected = {}
        for name, value in answer.getheaders():
            name = name.lower()
            collected[name] = f"{collected[name]}\n{value}" if name in collected else value
        return Response(answer.status, collected, answer.read().decode("utf-8", "replace"))
    finally:
        connection.close()


def wait_until_answering(url: str, process: subprocess.Popen, log_path: Path, timeout=START_SECONDS) -> Response:
    """Poll `url` until it answers with any status; fail with the server's log if it exits or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited ({process.returncode}) before answering {url}:\n{read_log(log_path)}")
        try:
            return request(url, timeout=2)
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {timeout} s:\n{read_log(log_path)}")


def read_log(path: Path) -> str:
    return path.read_text(errors="replace")[-4000:] if path.exists() else "(no log)"


def run_manage(*args: str, env: dict, timeout=120) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


@dataclass
class Server:
    """A started process, the URL it answers on, and where its output goes."""

    process: subprocess.Popen
    url: str
    log_path: Path
    _log: object = field(repr=False, default=None)

    def stop(self) -> None:
        stop(self.process)
        if self._log:
            self._log.close()


def start(command: list[str], *, url: str, env: dict, log_path: Path, ready_path="/healthz") -> Server:
    """Start `command` (output to `log_path`) and wait, bounded, until `url + ready_path` answers."""
    log = log_path.open("ab")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(process, url, log_path, log)
    try:
        wait_until_answering(url + ready_path, process, log_path)
    except BaseException:
        server.stop()
        raise
    return server


def start_gunicorn(env: dict, *, log_path: Path, workers=2) -> Server:
    """gunicorn with the production config (gunicorn.conf.py) on a free port."""
    port = free_port()
    env = {**env, "APP_PORT": str(port), "WEB_CONCURRENCY": str(workers)}
    command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py")]
    return start(command, url=f"http://127.0.0.1:{port}", env=env, log_path=log_path)


def stop(process: subprocess.Popen) -> None:
    """terminate, wait, kill: a server never outlives its test."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Browser:
    """Cookies and CSRF for one person talking to one server, enough to use the admin over HTTP."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies: dict[str, str] = {}

    def _send(self, path, *, method="GET", fields=None) -> Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if fields is not None:
            fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
            body = urllib.parse.urlencode(fields, doseq=True).encode()  # lists: one field per value, as forms send
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = request(self.base_url + path, method=method, headers=headers, body=body)
        for line in filter(None, response.header("set-cookie").split("\n")):
            for name, morsel in http.cookies.SimpleCookie(line).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:  # Django deletes a cookie by sending it empty and expired
                    self.cookies.pop(name, None)
        return response

    def get(self, path) -> Response:
        return self._send(path)

    def post(self, path, fields) -> Response:
        return self._send(path, method="POST", fields=fields)

    def log_in(self, username, password) -> None:
        self.get("/admin/login/")
        answer = self.post("/admin/login/?next=/admin/", {"username": username, "password": password, "next": "/admin/"})
        page = re.sub(r"\s+", " ", answer.text)[:500]
        assert answer.status == 302 and "sessionid" in self.cookies, f"log-in as {username} failed: {page}"


# ---- Redis of the test's own, and one that never answers ---------------------------------------------

def redis_answers(port: int, timeout=0.5) -> bool:
    """True when a Redis on 127.0.0.1:`port` answers PING within `timeout` seconds."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class RedisServer:
    """A redis-server of one test: no persistence, on its own port; stop, pause and resume it at will."""

    port: int
    log_path: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        """Start (or start again, empty) on the same port; bounded wait until it answers PING."""
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed (Debian package redis-server)"
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        while not redis_answers(self.port):
            assert self.process.poll() is None, f"redis-server exited:\n{read_log(self.log_path)}"
            assert time.monotonic() < deadline, f"redis-server did not answer:\n{read_log(self.log_path)}"
            time.sleep(0.05)
        return self

    def pause(self) -> None:
        """SIGSTOP: the kernel still accepts connections for it, but nothing is ever answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.resume()  # a stopped process would not act on SIGTERM
            stop(self.process)


class SilentServer:
    """A TCP server in a thread that accepts every connection and reads from it forever, never answering."""

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._connections: list[socket.socket] = []
        self._stopped = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:  # closed by stop()
                return
            self._connections.append(connection)
            threading.Thread(target=self._swallow, args=(connection,), daemon=True).start()

    @staticmethod
    def _swallow(connection: socket.socket) -> None:
        try:
            while connection.recv(65536):
                pass
        except OSError:
            pass

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()
        for connection in self._connections:
            connection.close()
