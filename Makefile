# Rugwijzer: `make run` runs the assistant, `make test` runs every test.
# Both set up a fresh machine by themselves (Python 3.10 venv, dependencies,
# Dutch spaCy pipeline, database schema, a model for the current data).

PY := .venv/bin/python
# Rasa's telemetry would send usage data (and crash reports) to a third party.
# The values of bot.settings.QUIET_ENV (tests/deploy/test_quiet_env.py checks they agree).
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2
RASA := $(PY) -m rasa

.PHONY: run test setup train validate eval bench cluster audit faults system-deps clean

run: setup train
	$(PY) -m bot.run

test: setup system-deps validate train
	bash scripts/test.sh

setup:
	@bash scripts/setup.sh

# Chromium for the widget test, installed from Debian's packages when missing.
system-deps:
	@bash scripts/system_deps.sh

# The Rasa model, and the red-flag sentence classifier (bot/safety/learned.py): both are
# named after a hash of their inputs and trained only when those changed.
train: setup
	@$(PY) -m bot.safety.learned_training
	@$(PY) -m bot.training

validate: setup
	$(RASA) data validate --domain domain --data data --config config.yml --fail-on-warnings --quiet

# Generalization, dev and blind parts apart: red flags on the blind-written safety set,
# the blind-written conversation corpus over REST, then held-out intents vs Rasa's default.
eval: setup train
	$(PY) -m bot.safety.evaluate
	$(PY) -m benchmarks.corpus_eval
	$(PY) -m benchmarks.oos_eval
	$(PY) -m benchmarks.nlu_eval

bench: setup train
	$(PY) -m benchmarks.run

cluster: setup train
	bash scripts/cluster.sh

audit: setup
	bash scripts/audit.sh

faults: setup train
	bash scripts/faults.sh

clean:
	rm -rf models/*.tar.gz results test-artifacts
