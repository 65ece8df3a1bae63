# factbot from this repository: the pinned, hashed requirements, the code, and the demo store
# baked in. Run: docker build -t factbot . && docker run -p 8000:8000 -e SLACK_BOT_TOKEN=...
# -e SLACK_SIGNING_SECRET=... factbot   (mount -v "$PWD/facts:/app/facts:ro" to serve edits live)
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000 \
    FACTBOT_DATA_DIR=/app/data

WORKDIR /app
COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt

# `python -m bot` and `bot.web:app` import the code from /app, as on Heroku.
COPY bot/ bot/
COPY facts/ facts/
COPY schedules/ schedules/
RUN useradd --create-home --uid 10001 factbot && mkdir -p /app/data && chown factbot /app/data
USER 10001
# Load, validate and index the baked-in store once, here: each container then reads the result
# and answers within seconds of starting (README "Fast starts"). A mounted store that differs is
# built at start instead, and saved in /app/data for the next one.
RUN python -m bot prebuild

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
CMD ["gunicorn", "--config", "python:bot.gunicorn_conf", "bot.web:app"]
