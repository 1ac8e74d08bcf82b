# The Rugwijzer image: Rasa server and action server (same image, another command), with
# the model trained into it, so a container never trains or downloads at start and an
# image tag names exactly one model. Built in CI (no Docker engine on the development
# machines); docs/deployment.md. tests/deploy/test_ops_files.py checks this file against
# the code.
#
#   docker build -t rugwijzer:$(git rev-parse --short HEAD) .
FROM python:3.10-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false \
    SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    TF_CPP_MIN_LOG_LEVEL=2 \
    PYTHONPATH=/app \
    VAR_DIR=/var/lib/rugwijzer

RUN useradd --uid 10001 --home-dir /home/rugwijzer --create-home --shell /usr/sbin/nologin rugwijzer

WORKDIR /app
# Dependencies first (their layer survives code changes), from the pins in pyproject.toml.
COPY pyproject.toml ./
RUN mkdir -p bot actions && touch bot/__init__.py actions/__init__.py \
 && pip install --upgrade "pip>=26.1.2,<27" wheel "setuptools<71" \
 && pip install . && pip uninstall -y rugwijzer && rm -rf bot actions build *.egg-info

# The code runs from /app (PYTHONPATH), where settings find endpoints.yml, data/ and models/.
COPY . .
# The Dutch spaCy pipeline and the model, as `make run` builds them; owned by root, so the
# running user cannot change what it serves.
RUN python -m bot.nlu.dutch_pipeline build \
 && python -m bot.training \
 && rm -rf .rasa /root/.cache \
 && mkdir -p "$VAR_DIR" && chown rugwijzer:rugwijzer "$VAR_DIR"

USER rugwijzer
EXPOSE 5005 5055
# The Rasa server's liveness; the action server's container overrides it (GET /health).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=4 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health/live' % os.environ.get('RASA_PORT', '5005'), timeout=4)"]
# SIGTERM (docker stop, Kubernetes) drains: every message received is answered or
# refused with 503 within SHUTDOWN_GRACE_SECONDS (bot/core/shutdown.py).
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot.server"]
