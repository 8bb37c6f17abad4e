# syntax=docker/dockerfile:1
#
# Herald: multi-stage image. The first stage only installs production dependencies, with the
# toolchain the sqlite3 native module needs when no prebuilt binary matches the platform; the
# runtime stage compiles the TypeScript once (src/launch/build.mjs, with the esbuild that tsx brings)
# so that Herald starts from plain JavaScript.
#
#   docker build -t herald .
#   docker run --init --env-file .env -e HEALTH_PORT=8080 -v herald-data:/app/data herald
#
# Run with --init (compose: init: true) and a stop timeout above 15 s (docker stop -t 30), so
# Herald's graceful shutdown (10 s for in-flight work, then flushing the store) can finish.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- deps: production node_modules ---------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# npm ci's "prepare" step (the compile) skips itself here: the sources come in the next stage.
RUN npm ci --omit=dev --no-audit --no-fund \
    && npm cache clean --force

# ---- runtime: no compilers, no dev dependencies, not root ---------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Code and dependencies stay owned by root (read-only for the bot); only data/ is writable.
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node src/launch/build.mjs \
    && mkdir -p /app/data && chown node:node /app/data
USER node

# /healthz and /metrics, when HEALTH_PORT is set (compose sets 8080).
EXPOSE 8080
# Healthy when HEALTH_PORT is unset (nothing to ask) or /healthz answers 200 within 4 s.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "const p = process.env.HEALTH_PORT; if (!p) process.exit(0); fetch('http://127.0.0.1:' + p + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1));"]

# node directly (not npm), so SIGTERM reaches Herald and triggers the graceful shutdown.
CMD ["node", "dist/src/index.js"]
