"""gunicorn settings for production mode (`make serve`, deploy/serve.py) and the production tests.

nginx is the only client, so gunicorn listens on 127.0.0.1 and trusts X-Forwarded-* from there alone.
"""

import os
from pathlib import Path

wsgi_app = "cms.wsgi:application"
bind = f"127.0.0.1:{os.environ.get('APP_PORT', '8001')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
forwarded_allow_ips = "127.0.0.1,::1"
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never grows for days.
max_requests = 5000
max_requests_jitter = 500
# gunicorn 27 opens a control socket at ~/.gunicorn/gunicorn.ctl by default: one path for every
# instance of the user, so a second instance (the two-process test, a second site) would take it over.
control_socket_disable = True
# Worker heartbeats on tmpfs: a slow disk must not make the arbiter think a worker hung.
SHARED_MEMORY = Path("/dev/shm")  # noqa: S108 - gunicorn's own advice for worker_tmp_dir
if SHARED_MEMORY.is_dir():
    worker_tmp_dir = str(SHARED_MEMORY)
