"""HTTP benchmark of the public brief page: gunicorn (2 workers) against nginx serving the same page as a file.

Run: .venv/bin/python bench/http_bench.py [--quick] [--briefs N] [--seconds S]

What it does, all on 127.0.0.1 and inside one temporary directory that is removed afterwards:
1. a SQLite benchmark database: migrated, the entity knowledge base, the seed articles and the demo
   content loaded when those commands exist, plus N generated published briefs (300 by default);
2. gunicorn with 2 sync workers and DEBUG off, once with the page cache off (PAGE_CACHE_SECONDS=0)
   and once with it on; the rendered brief page is saved and served by nginx as a static file;
3. the production path: nginx from deploy/nginx.conf.template (micro-caching) in front of the
   page-cached gunicorn, as `make serve` runs it;
4. wrk at 8 and 64 connections for each, with --latency; prints requests/s, p50, p99 and the ratio
   of each figure to nginx's static file at the same connection count.

Targets: uncached >= 0.01 of nginx with p99 < 60 ms at 8 connections; cached >= 0.05 (issue 7);
behind nginx's micro-cache >= 0.5 (issue 8).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.nginx import NginxSettings, nginx_command, write_config  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"

GENERATE_BRIEFS = """
import random
from django.contrib.auth import get_user_model
from django.utils import timezone
from datetime import timedelta
from briefs.desk.models import Brief, KeyFact
from briefs.kb.models import Entity

random.seed(7)
author, _ = get_user_model().objects.get_or_create(username="bench-writer", defaults={{"first_name": "Bench"}})
entities = list(Entity.objects.all()[:200])
paragraph = ("Xiaohongshu held a keynote in Shanghai for its e-commerce partners. Its chief operating officer "
             "said the platform will put 50 billion impressions of traffic behind buyers who sell through notes "
             "and livestreams. 与抖音和快手相比,小红书更强调社区属性。")
now = timezone.now()
for number in range({count}):
    at = now - timedelta(hours=number + 1)
    brief = Brief.objects.create(
        title=f"Benchmark brief {{number}}: platforms court buyers", slug=f"bench-brief-{{number}}",
        dek="A generated brief for the HTTP benchmark.", body="\\n\\n".join([paragraph] * 4),
        author=author, status="published", publish_at=at, published_at=at,
    )
    if entities:
        brief.entities.add(*random.sample(entities, min(3, len(entities))))
    brief.topics.add(random.choice(["E-commerce", "Livestreaming", "Retail"]))
    KeyFact.objects.bulk_create([KeyFact(brief=brief, position=i, text=f"Fact {{i}}") for i in range(3)])
print(Brief.objects.published().count())
"""

NGINX_CONF = """
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen {host}:{port};
        root {tmp}/www;
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(url: str, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=check, timeout=300
    )


def prepare_database(env: dict, brief_count: int) -> None:
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    commands = manage(env, "help", "--commands").stdout.split()
    if "load_entities" in commands and (ROOT / "seeds" / "entities.csv").exists():
        manage(env, "load_entities", "seeds/entities.csv", "--quiet", check=False)
    if "import_articles" in commands:
        manage(env, "import_articles", "seeds/", check=False)
    if "load_demo" in commands:
        manage(env, "load_demo", check=False)
    result = manage(env, "shell", "-c", GENERATE_BRIEFS.format(count=brief_count))
    print(f"benchmark database: {result.stdout.strip()} published briefs", file=sys.stderr)


def start_gunicorn(env: dict, port: int, *, cached: bool, tmp: Path) -> subprocess.Popen:
    server_env = {**env, "PAGE_CACHE_SECONDS": "600" if cached else "0"}
    log = open(tmp / f"gunicorn-{'cached' if cached else 'uncached'}.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [str(GUNICORN), "cms.wsgi", "--workers", "2", "--bind", f"{HOST}:{port}", "--log-level", "warning"],
        cwd=ROOT, env=server_env, stdout=log, stderr=log, start_new_session=True,
    )
    wait_for(f"http://{HOST}:{port}/healthz")
    return process


def start_nginx(tmp: Path, port: int, page_html: bytes) -> subprocess.Popen:
    www = tmp / "www"
    www.mkdir()
    (www / "brief.html").write_bytes(page_html)
    for path in (tmp, www, www / "brief.html"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # nginx workers may run as another user
    (tmp / "nginx.conf").write_text(NGINX_CONF.format(tmp=tmp, host=HOST, port=port))
    process = subprocess.Popen(
        ["nginx", "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "nginx-error.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    wait_for(f"http://{HOST}:{port}/brief.html")
    return process


def start_front_nginx(port: int, app_port: int, var_dir: Path) -> subprocess.Popen:
    """nginx as `make serve` runs it: the repository's template, micro-caching in front of gunicorn."""
    conf = write_config(
        NginxSettings(port=port, app_port=app_port, static_root=ROOT / "staticfiles", var_dir=var_dir, worker_processes="2")
    )
    process = subprocess.Popen(
        nginx_command(conf), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    wait_for(f"http://{HOST}:{port}/healthz")
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, connections: int, seconds: int) -> dict:
    threads = min(connections, 4)
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True, timeout=seconds + 30,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 s per run and 100 generated briefs")
    parser.add_argument("--briefs", type=int, default=None, help="generated published briefs (default 300)")
    parser.add_argument("--seconds", type=int, default=None, help="seconds per wrk run (default 5)")
    options = parser.parse_args()
    seconds = options.seconds or (2 if options.quick else 5)
    brief_count = options.briefs or (100 if options.quick else 300)
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: run `make system-deps`")

    tmp = Path(tempfile.mkdtemp(prefix="briefs-http-bench-"))
    # nginx's workers must read the production config's directory; temporary dirs are private.
    var_dir = ROOT / "var" / f"http-bench-{os.getpid()}"
    env = {
        **{key: value for key, value in os.environ.items() if key not in ("DJANGO_DEBUG", "REDIS_URL")},
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",  # plain http on the loopback interface
        "SITE_URL": f"http://{HOST}",
    }
    processes: list[subprocess.Popen] = []
    rows = []
    try:
        prepare_database(env, brief_count)
        path = "/briefs/bench-brief-0/"
        nginx_port = free_port()
        django_port = free_port()

        uncached = start_gunicorn(env, django_port, cached=False, tmp=tmp)
        processes.append(uncached)
        with urllib.request.urlopen(f"http://{HOST}:{django_port}{path}") as response:
            page_html = response.read()
        nginx = start_nginx(tmp, nginx_port, page_html)
        processes.append(nginx)

        for connections in (8, 64):
            rows.append(("nginx static file", connections, run_wrk(f"http://{HOST}:{nginx_port}/brief.html", connections, seconds)))
        for connections in (8, 64):
            rows.append(("django uncached", connections, run_wrk(f"http://{HOST}:{django_port}{path}", connections, seconds)))
        stop(uncached)

        cached = start_gunicorn(env, django_port, cached=True, tmp=tmp)
        processes.append(cached)
        urllib.request.urlopen(f"http://{HOST}:{django_port}{path}").read()  # warm each worker's first hit
        for connections in (8, 64):
            rows.append(("django page cache", connections, run_wrk(f"http://{HOST}:{django_port}{path}", connections, seconds)))

        front_port = free_port()
        front = start_front_nginx(front_port, django_port, var_dir)
        processes.append(front)
        for connections in (8, 64):
            rows.append(("nginx micro-cache", connections, run_wrk(f"http://{HOST}:{front_port}{path}", connections, seconds)))
    finally:
        for process in processes:
            stop(process)
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(var_dir, ignore_errors=True)

    nginx_rps = {connections: result["rps"] for name, connections, result in rows if name == "nginx static file"}
    print(f"brief page {len(page_html) / 1024:.1f} KB, {seconds} s per run, gunicorn 2 sync workers, wrk --latency")
    print(f"{'server':<20} {'conns':>5} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs nginx':>9}")
    for name, connections, result in rows:
        ratio = result["rps"] / nginx_rps[connections]
        print(
            f"{name:<20} {connections:>5} {result['rps']:>10.0f} {result['p50']:>8.2f} {result['p99']:>8.2f} "
            f"{result['errors']:>7} {ratio:>9.4f}"
        )
    verdicts = []
    for name, connections, result in rows:
        ratio = result["rps"] / nginx_rps[connections]
        if name == "django uncached" and connections == 8:
            verdicts.append(("uncached >= 0.01 of nginx, p99 < 60 ms at 8", ratio >= 0.01 and result["p99"] < 60))
        if name == "django page cache" and connections == 8:
            verdicts.append(("cached >= 0.05 of nginx at 8", ratio >= 0.05))
        if name == "nginx micro-cache" and connections == 8:
            verdicts.append(("nginx micro-cache >= 0.5 of nginx at 8", ratio >= 0.5))
    for label, passed in verdicts:
        print(f"target {label}: {'met' if passed else 'MISSED'}")
    return 0 if all(passed for _, passed in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
