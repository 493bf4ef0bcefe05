# syntax=docker/dockerfile:1
# Vigil in a container: `docker build -t vigil .`, then compose.yaml (SQLite) or
# deploy/compose.postgres.yaml (PostgreSQL, two web instances, two probe workers).
#
# NOT RUN on the machines Vigil is developed and tested on: they cannot start containers.
# Every step is therefore the README's tested path and nothing else: `npm ci`, the build
# `npm start` would otherwise do on its first start (`npm run build`), then what `npm start`
# runs (package.json "start", without npm's own process). Keep them identical when either
# changes. These steps were run outside a container (a clean clone, as root, then the start
# as an unprivileged user with the app read-only and data/ its own): migrations, seed,
# /healthz, /readyz, the HEALTHCHECK command and a SIGTERM stop worked. See docs/deployment.md.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native module when no prebuilt one can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY . .
# postinstall generates the Prisma clients (lib/generated).
RUN npm ci --no-audit --no-fund
# next build, then the server compiled to dist/ (scripts/build-server.mjs). next build opens
# the database while it collects page data, which leaves an empty data/vigil.db owned by
# root: removed, so the volume starts empty and the vigil user creates its own.
RUN NEXT_TELEMETRY_DISABLED=1 npm run build && rm -rf data

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:./data/vigil.db
RUN groupadd --system vigil && useradd --system --gid vigil --home-dir /app --shell /usr/sbin/nologin vigil
# The app is root's and read-only to vigil; it writes only the database (data/) and Next's
# cache. COPY keeps the files' times, so the build is not seen as stale at start.
COPY --from=build /app /app
RUN mkdir -p /app/data /app/.next/cache && chown -R vigil:vigil /app/data /app/.next/cache
USER vigil
VOLUME ["/app/data"]
EXPOSE 3000
# Liveness: /healthz answers while the process serves, database or not (docs/deployment.md).
# Node's own fetch: slim images have no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs (package.json "start"): migrate, seed an empty database, serve.
# SIGTERM drains within 10 s: give `docker stop` at least 15 (compose: stop_grace_period).
CMD ["node", "scripts/launch.mjs", "start"]
