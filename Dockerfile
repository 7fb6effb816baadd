# One image for the API (the default command) and the workers (docker-compose.yml runs
# `node dist/worker.main.js`). Two stages: the build, with every dependency, and a slim runtime
# that holds only dist/ and the production dependencies.
#
# Node 26 has been the Active LTS line since 2026-10-28 (Node 24 is in maintenance until
# 2028-04); the project runs on Node 20 and newer. Override with --build-arg NODE_IMAGE=...
ARG NODE_IMAGE=node:26-trixie-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first so code changes reuse this layer. The postinstall generates the Prisma
# client into src/generated, so it needs prisma/ and scripts/ at install time.
COPY package.json package-lock.json ./
COPY prisma/ prisma/
COPY scripts/ scripts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src/ src/
COPY workflows/ workflows/
COPY activities/ activities/
# dist/: the bundled entry files (with the generated Prisma client inside), the workflow bundle,
# the prebuilt console, and prisma/ (schema and migrations, applied by the API at start-up).
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# Stack traces name the TypeScript files and lines (dist/ ships its source maps).
ENV NODE_OPTIONS=--enable-source-maps
WORKDIR /app
# --omit=optional as well: the Prisma CLI is an optional peer of @prisma/client, which a bare
# --omit=dev keeps; no production package needs an optional one. --ignore-scripts: the
# postinstall generates the Prisma client from sources this stage does not have, and dist/
# already holds it.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/ dist/
# Files stay root's: the app only reads them. The one folder it writes: the collateral library's
# files (COLLATERAL_DIR), owned by node so that a volume mounted there starts with that owner.
RUN mkdir -p /app/.data/collateral && chown node:node /app/.data/collateral
USER node

EXPOSE 3000
# slim has no curl; Node has fetch. The API's check; compose gives the worker its own.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node itself as PID 1, not npm: it gets SIGTERM and runs the graceful shutdown.
CMD ["node", "dist/api.main.js"]
