"""Benchmarks: `make bench` runs bench/pages.py; bench/server.py starts gunicorn on a database of its own."""
