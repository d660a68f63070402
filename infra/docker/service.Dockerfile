# One image per service: docker build --build-arg SERVICE=plan -f infra/docker/service.Dockerfile .
# The runtime stage holds what tests/e2e/production-install.pg.spec.ts installs and starts: package.json,
# package-lock.json, each workspace's package.json, `npm ci --omit=dev`, and dist/ from `npm run build`.

# Build: every dependency (the dev ones too: TypeScript, tsc-alias), then TypeScript compiled to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs ./libs
COPY services ./services
COPY contracts ./contracts
COPY scripts ./scripts
COPY tests/package.json ./tests/package.json
COPY tsconfig.base.json tsconfig.json tsconfig.build.json ./
RUN npm ci --no-audit --no-fund
RUN npm run build
# The workspaces' package.json files at their places: all that `npm ci` in the runtime stage needs of them.
RUN mkdir /manifests \
  && find libs services contracts scripts tests -name package.json -not -path '*/node_modules/*' \
    | tar -cf - -T - | tar -xf - -C /manifests

# Runtime: production dependencies only, the compiled JavaScript, no TypeScript tooling.
FROM node:20-bookworm-slim
ARG SERVICE
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /manifests ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# dist/main.js is the chosen service's compiled main file (CMD cannot expand the build argument itself).
RUN test -n "${SERVICE}" && test -f "dist/services/${SERVICE}/src/main.js" \
  && ln -s "services/${SERVICE}/src/main.js" dist/main.js
USER node
CMD ["node", "dist/main.js"]
