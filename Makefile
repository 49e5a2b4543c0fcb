# The two commands a newcomer needs:  make serve   and   make test
.PHONY: help serve build check test test-fast bench clean

# Test processes (pytest-xdist); the suite is measured on 2 cores.
JOBS ?= 2
FAST = not browser and not deploy and not slow

help:             ## this list
	@grep -E '^[a-z-]+: .*## ' $(MAKEFILE_LIST) | sed -E 's/:[^#]*## /\t/' | expand -t 18

serve:            ## build the bundled content/ and serve it with live reload on http://127.0.0.1:8000/
	@scripts/bootstrap
	.venv/bin/site-builder serve

build:            ## build the bundled content/ into site/
	@scripts/bootstrap
	.venv/bin/site-builder build

check:            ## validate content/ only
	@scripts/bootstrap
	.venv/bin/site-builder check

# `make test` is what CI runs (.ci/run). SITE_BUILDER_ALL_TIERS turns a browser or deploy
# test whose tools are missing into a failure (plain pytest skips it).
test:             ## everything CI runs: ruff, ruff format --check, mypy and every test tier (browser, deploy, slow); installs what is missing: the Python test packages into .venv, and with apt-get chromium, fonts-thai-tlwg, nodejs, npm, rsync, lftp, openssh-client, openssh-server, pure-ftpd (Debian starts the ssh and pure-ftpd services) and openssl, and axe-core with npm
	@scripts/bootstrap --test
	.venv/bin/ruff check site_builder tests scripts
	.venv/bin/ruff format --check site_builder tests scripts
	.venv/bin/mypy
	SITE_BUILDER_ALL_TIERS=1 .venv/bin/pytest -n $(JOBS) --dist loadgroup

test-fast:        ## the quick loop, well under a minute: ruff and the tests not marked browser, deploy or slow; installs only the Python test packages into .venv (no system package, no server)
	@scripts/bootstrap --test-python
	.venv/bin/ruff check site_builder tests scripts
	.venv/bin/ruff format --check site_builder tests scripts
	.venv/bin/pytest -n $(JOBS) -m "$(FAST)"

bench:            ## build-time and size figures (not part of the tests; Chromium for the search figure)
	@scripts/bootstrap --test
	.venv/bin/python scripts/bench.py

clean:            ## remove what the commands above made (.venv, node_modules, site, caches)
	rm -rf site .venv node_modules .pytest_cache .mypy_cache .ruff_cache
