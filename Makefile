# Tarjuman: every target creates .venv on first use and is idempotent.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# One-folder build with no Python needed (PyInstaller): $(BUNDLE_DIST)/tarjuman/tarjuman.
BUNDLE_STAMP := $(VENV)/.bundle-installed
BUNDLE_DIST ?= dist
BUNDLE_WORK ?= build/pyinstaller

.PHONY: run test bench lint size venv clean catalogs bundle bundle-test

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
		echo "No display found (DISPLAY and WAYLAND_DISPLAY unset): running the headless demo instead."; \
		$(BIN)/tarjuman demo; \
	else \
		$(BIN)/tarjuman; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy desktop_app

# Two workers, a test file each at a time (a file's fixtures stay in one process); the
# bundle's build tools are installed first so no test installs into the running venv. A
# worker that dies (a test stopped by the timeout) ends the run with the test named: a
# replaced worker can wait forever under loadfile scheduling (pytest-xdist issue 784).
TEST_WORKERS ?= 2
test: lint $(BUNDLE_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not xvfb" -n $(TEST_WORKERS) \
		--dist loadfile --max-worker-restart 0
	xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/python -m pytest -q -m xvfb

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bundle]'
	@touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath $(BUNDLE_DIST) \
		--workpath $(BUNDLE_WORK) resources/packaging/tarjuman.spec
	@du -sh $(BUNDLE_DIST)/tarjuman

# Only the bundle's test (make test runs it too): build, copy away from .venv, run, Xvfb.
bundle-test: $(BUNDLE_STAMP)
	$(BIN)/python -m pytest -q -m bundle

bench: $(STAMP)
	$(BIN)/python -m benchmarks

size: $(STAMP)
	@du -sh $(VENV)

clean:
	rm -rf $(VENV)

# UI catalogs (Babel): extract the messages, merge them into prs/ps, compile .mo files.
catalogs: $(STAMP)
	$(BIN)/pybabel extract -k _ -k N_ --no-location --omit-header \
		-o resources/locale/tarjuman.pot desktop_app
	$(BIN)/pybabel update -D tarjuman -i resources/locale/tarjuman.pot -d resources/locale \
		--ignore-obsolete --no-fuzzy-matching
	$(BIN)/pybabel compile -D tarjuman -d resources/locale --statistics
