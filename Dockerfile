# coachbot for production: one image for the api, the Celery worker and beat (docker-compose.yml
# picks the command). With COACHBOT_MONGODB_URL and COACHBOT_REDIS_URL set, `coachbot serve` runs
# only the API; nothing embedded is started.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    COACHBOT_DATA_DIR=/var/lib/coachbot \
    COACHBOT_LOG_FORMAT=json

# Sources are copied to a scratch directory, installed as a regular (non-editable) package and
# removed, so the running code is exactly what the wheel ships. Only what the package needs is
# copied; .dockerignore keeps .env, var/ and the virtualenv out of the build context.
WORKDIR /tmp/coachbot-src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY plugins ./plugins
COPY guardrails ./guardrails
COPY storage ./storage
COPY prompts ./prompts
RUN pip install . \
    && rm -rf /tmp/coachbot-src

COPY deploy/healthcheck.py /usr/local/lib/coachbot/healthcheck.py

# A fixed, unprivileged uid so volume ownership is predictable across rebuilds.
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/coachbot --create-home \
        --shell /usr/sbin/nologin coachbot
USER coachbot
WORKDIR /var/lib/coachbot

EXPOSE 8080

# Liveness only: the process answers. Readiness (/ready: MongoDB and Redis reachable) is checked
# by docker-compose.yml for the api; worker and beat serve no HTTP and switch this check off there.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "/usr/local/lib/coachbot/healthcheck.py", "/health"]

CMD ["coachbot", "serve", "--host", "0.0.0.0"]
