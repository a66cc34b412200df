# Quick start: `make run` then `make test`. Everything installs into .venv from the pinned lock.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW ?= raw
OUT ?= outputs
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: run test install lock clean contract validate attribution-model

run: $(STAMP)
	$(BIN)/newsfacts run $(RAW) --out $(OUT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(STAMP)

# Regenerate the contract files (schemas/contract/, schemas/CONTRACT.md, README's contract section) from the models.
contract: $(STAMP)
	$(BIN)/python -m schemas.export
	$(BIN)/python -m schemas.docs README.md

# Check the published dataset against the contract.
validate: $(STAMP)
	$(BIN)/newsfacts validate $(OUT)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "newsfacts needs Python 3.11 (set PYTHON=/path/to/python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Retrain the indirect-quote attribution model on PolNeAR's train split (needs ../shared and scikit-learn, in the dev
# extra) and rewrite newsfacts/data/attribution_model.json.gz. PARSE_CACHE keeps the train parses between runs.
PARSE_CACHE ?= .cache/attribution
attribution-model: $(STAMP)
	$(BIN)/python -m newsfacts.attribution_training --parse-cache $(PARSE_CACHE)

# Re-resolve the pinned dependencies (needs uv: pip install uv).
# pip 23.2 (Python 3.11's bundled pip) does not apply a pin to a dependency that another package requires with
# extras (pydocket needs py-key-value-aio[memory,redis]): it picks the registry's newest, which has no hash in the
# lock, and --require-hashes refuses it. Pinning the requirement with its extras makes pip use the locked version.
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock
	sed -i 's/^py-key-value-aio==/py-key-value-aio[memory,redis]==/' requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache
