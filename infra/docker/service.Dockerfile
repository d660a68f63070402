# One image per service: docker build --build-arg SERVICE=plan -f infra/docker/service.Dockerfile .
FROM node:20-bookworm-slim
ARG SERVICE
ENV NODE_ENV=production SERVICE=${SERVICE}
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs ./libs
COPY services ./services
COPY contracts ./contracts
COPY tests/package.json ./tests/package.json
COPY tsconfig.base.json tsconfig.json ./
RUN npm ci --no-audit --no-fund
USER node
CMD ["sh", "-c", "npx ts-node -r tsconfig-paths/register --transpile-only services/${SERVICE}/src/main.ts"]
