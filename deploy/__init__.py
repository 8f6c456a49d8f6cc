"""Production mode: `make serve` (serve.py) runs gunicorn behind nginx (nginx.py renders its config)."""
