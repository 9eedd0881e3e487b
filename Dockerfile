# syntax=docker/dockerfile:1
# The BarberPro Ops Dashboard image. From the repository root:
#   docker build -t barberpro/dashboard:dev .
#   docker run --rm -p 8080:8080 -e ConnectionStrings__Dashboard=... -e ConnectionStrings__Bookings=... \
#     -e Prometheus__BaseUrl=http://prometheus:9090 barberpro/dashboard:dev
# (Not built in CI: the build machines have no Docker engine. See README.md.)

ARG DOTNET_VERSION=10.0

# Node for the client build (the ApexCharts bundle). The .NET SDK image has no Node, and the
# npm build runs inside `dotnet build` (BarberPro.Dashboard.csproj), so the SDK stage borrows Node's
# binaries from the official image instead of installing a distribution's older Node.
FROM node:20-bookworm-slim AS node

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && node --version && npm --version
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src

# Restore (NuGet and npm) from the project files alone, so these layers stay cached until a
# dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY BarberPro.Core/BarberPro.Core.csproj BarberPro.Core/
COPY BarberPro.Dashboard/BarberPro.Dashboard.csproj BarberPro.Dashboard/package.json BarberPro.Dashboard/package-lock.json BarberPro.Dashboard/
RUN dotnet restore BarberPro.Dashboard/BarberPro.Dashboard.csproj
RUN cd BarberPro.Dashboard && npm ci --no-audit --no-fund

COPY db/ db/
COPY BarberPro.Core/ BarberPro.Core/
COPY BarberPro.Dashboard/ BarberPro.Dashboard/
# Publish writes the static assets (wwwroot with the client build's output, MudBlazor's, blazor.web.js) with their
# gzip and Brotli copies and the endpoints manifest MapStaticAssets serves; the check fails the build if one is missing.
RUN dotnet publish BarberPro.Dashboard/BarberPro.Dashboard.csproj -c Release --no-restore -o /app -p:UseAppHost=false \
    && test -f /app/wwwroot/lib/apexcharts/apexcharts.esm.js.br \
    && grep -q '"_framework/blazor.web.js"' /app/BarberPro.Dashboard.staticwebassets.endpoints.json

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble AS runtime
# DejaVu Sans for the reports' PDF (Reports:FontDirectory, /usr/share/fonts/truetype/dejavu): embedded in each PDF.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=root:root /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    TZ=UTC
EXPOSE 8080
# The non-root user the .NET images ship (uid 1654). The app files stay owned by root: read-only to it.
USER $APP_UID
# The aspnet image has neither curl nor wget; bash's /dev/tcp is enough for one GET on loopback.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "BarberPro.Dashboard.dll"]
