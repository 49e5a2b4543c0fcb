# The two commands a newcomer needs:  make serve   and   make test
.PHONY: serve build check test lint bench clean

serve:            ## build the bundled content/ and serve it with live reload on http://127.0.0.1:8000/
	@scripts/bootstrap
	.venv/bin/site-builder serve

build:            ## build the bundled content/ into site/
	@scripts/bootstrap
	.venv/bin/site-builder build

check:            ## validate content/ only
	@scripts/bootstrap
	.venv/bin/site-builder check

test:             ## lint, type-check and run every test (installs Chromium, a Thai font and axe-core if missing)
	@scripts/bootstrap --test
	.venv/bin/ruff check site_builder tests
	.venv/bin/ruff format --check site_builder tests
	.venv/bin/mypy
	.venv/bin/pytest

bench:            ## build-time and size figures (not part of the tests)
	@scripts/bootstrap --test
	.venv/bin/python scripts/bench.py

clean:
	rm -rf site .venv node_modules .pytest_cache .mypy_cache .ruff_cache
