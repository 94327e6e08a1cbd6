# Fazhi — two commands on a fresh machine:
#   make run    demo on SQLite at http://127.0.0.1:8000
#   make test   install everything and run the whole suite
# .ci/run calls `make test` and then the suite against PostgreSQL.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres system-deps install lint migrations-check bench vendor lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Debian packages the browser tests and the documents need: Chromium (driven by Playwright through
# executable_path; never `playwright install`), CJK fonts, and LibreOffice Writer (the documents'
# PDF conversion and the test that they open in LibreOffice); wrk, the load generator of
# `make bench` (bench_enforcement.py); nginx, the deployment's proxy, which the bench measures through
# and tests/deploy/ checks. Installed only where missing.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	command -v libreoffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

run: install
	mkdir -p var
	$(BIN)/fazhi migrate --noinput
	$(BIN)/fazhi demo
	@echo "Fazhi 已启动：http://$(HOST):$(PORT)/"
	@echo "演示环境：尚无节假日数据的年份按周一至周五推算，期限标注“暂定”（FAZHI_CALENDAR_WEEKDAY_FALLBACK=true）。"
	@echo "演示环境不显示调试页面（FAZHI_DEBUG=false）；开发时可用 FAZHI_DEBUG=true make run。"
	FAZHI_DEBUG=$${FAZHI_DEBUG:-false} FAZHI_CALENDAR_WEEKDAY_FALLBACK=$${FAZHI_CALENDAR_WEEKDAY_FALLBACK:-true} \
		$(BIN)/fazhi runserver $(HOST):$(PORT)

test: install system-deps lint migrations-check test-sqlite

test-sqlite:
	$(BIN)/pytest -q

test-postgres: install
	@pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 || \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

migrations-check: install
	$(BIN)/fazhi makemigrations --check --dry-run

bench: install system-deps
	@for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done
	@pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 && \
		for script in bench/bench_*.py; do DATABASE_URL=$(PG_URL) $(BIN)/python $$script --postgres-only || exit 1; done || true

# Maintainers: refresh vendored front-end assets from npm, or the Python lock file.
vendor:
	npm ci --no-audit --no-fund
	$(BIN)/python scripts/vendor_static.py

lock: install
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var/static
