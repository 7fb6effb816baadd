# One image for every process of the app: the API (default), the worker and the mail catcher
# are the same code started with another npm script (see docker-compose.yml).
FROM node:20-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app
RUN chown node:node /app
USER node

# Dependencies first so code changes reuse this layer. The postinstall generates the Prisma
# client (into src/generated), so it needs prisma/ and scripts/ at install time.
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node prisma/ prisma/
COPY --chown=node:node scripts/ scripts/
RUN npm ci --omit=dev && npm cache clean --force

COPY --chown=node:node tsconfig.json ./
COPY --chown=node:node src/ src/
COPY --chown=node:node workflows/ workflows/
COPY --chown=node:node activities/ activities/

# Created here, owned by `node`, so a volume mounted on it (the mail catcher's) is writable.
RUN mkdir -p .data/mail

EXPOSE 3000
# slim has no curl; Node 20 has fetch. Only meaningful for the API: compose overrides it for
# the worker and the mail catcher.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["npm", "run", "api"]
