# syntax=docker/dockerfile:1
# Images for the worker (target "worker", the default) and the control API (target "control-api").
#   docker build -t warmtransfer-worker .
#   docker build -t warmtransfer-control-api --target control-api .
# Native pieces (LiveKit's Rust core, Silero VAD) are fetched and checked at build time by scripts/setup.sh,
# exactly as on a developer machine; nothing downloaded is in the repository.

# Ubuntu 24.04 (noble), named rather than implied by the plain tag: its universe component has the speech engines the
# worker loads, built from the same sources as Debian 12's (libpocketsphinx3 0.8+5prealpha, libflite1 2.2).
ARG DOTNET_VERSION=10.0
ARG DOTNET_OS=noble

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-${DOTNET_OS} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props WarmTransfer.sln package.json package-lock.json ./
COPY scripts/ scripts/
# Native step first: it changes rarely, so its layer stays cached across code changes.
RUN ./scripts/setup.sh
COPY src/ src/
COPY web/ web/
RUN dotnet publish src/TransferAgent/TransferAgent.csproj -c Release -o /out/worker --no-self-contained \
 && dotnet publish src/ControlApi/ControlApi.csproj -c Release -o /out/control-api --no-self-contained \
 && mkdir -p /out/control-api/web /out/control-api/vendor \
 && cp -r web/. /out/control-api/web/ \
 && cp node_modules/livekit-client/dist/livekit-client.umd.js /out/control-api/vendor/

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-${DOTNET_OS} AS control-api
WORKDIR /app
COPY --from=build /out/control-api/ ./
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Web__Root=/app/web \
    Web__VendorRoot=/app/vendor \
    Store__Path=/data/warmtransfer.db
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && grep -q " 200 " <&3'
ENTRYPOINT ["dotnet", "ControlApi.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-${DOTNET_OS} AS worker
# Offline speech engines: flite (TTS) and pocketsphinx with its US English model (STT).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libflite1 libpocketsphinx3 pocketsphinx-en-us \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/worker/ ./
ENV Health__Urls=http://0.0.0.0:8081
USER $APP_UID
EXPOSE 8081
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8081 && printf "GET /alive HTTP/1.0\r\n\r\n" >&3 && grep -q " 200 " <&3'
ENTRYPOINT ["dotnet", "TransferAgent.dll"]
