# Two entry points (see README): `make test` and `make analyze VIDEO=... EXERCISE=...`.
# Both create .venv and install what they need on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
SHARED_MODEL := $(abspath ../shared/models/pose_landmarker_full.task)
# Offline machines (and CI) use the shared model; elsewhere FormCheck downloads the official one.
export FORMCHECK_MODEL ?= $(if $(wildcard $(SHARED_MODEL)),$(SHARED_MODEL),)
# `make analyze` with no VIDEO analyses a generated sample clip (4 clean reps; see sample_videos/).
VIDEO ?= sample_videos/glute_bridge_clean.mp4
EXERCISE ?= glute_bridge

.PHONY: install tools test analyze exercises bench app lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev,app,postgres]'
	touch $(STAMP)

install: $(STAMP)

# ffprobe checks that annotated videos play in browsers; Chromium runs the app's browser tests.
# Install what is missing where we can (root + apt); otherwise those checks are skipped.
tools:
	@missing=""; \
	command -v ffprobe >/dev/null 2>&1 || missing="ffmpeg"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium chromium-driver"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null 2>&1 || \
	      echo "could not install$$missing: the checks that need them will be skipped"; \
	  else echo "not installed:$$missing; the checks that need them will be skipped"; fi; \
	fi

# One worker per core; a test file stays on one worker, so each module's expensive fixtures
# (the real-clip scorecard, the rendered synthetic clips) are built once.
test: $(STAMP) tools
	$(VENV)/bin/python -m pytest -q -n auto --dist loadfile

analyze: $(STAMP)
	@test -n "$(VIDEO)" || { echo "usage: make analyze VIDEO=path/to/video.mp4 EXERCISE=glute_bridge"; exit 2; }
	mkdir -p out
	$(VENV)/bin/formcheck analyze "$(VIDEO)" --exercise "$(EXERCISE)" \
	  --json out/result.json --annotated out/annotated.mp4

exercises: $(STAMP)
	$(VENV)/bin/formcheck exercises

bench: $(STAMP)
	$(VENV)/bin/python bench/pipeline_bench.py

# The browser app on http://localhost:8501 (live webcam coaching, upload and review).
app: $(STAMP)
	$(VENV)/bin/streamlit run app.py --server.headless true

lint: $(STAMP)
	$(VENV)/bin/ruff check formcheck tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
