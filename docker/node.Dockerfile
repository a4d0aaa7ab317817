# The order node (src/Cluster.Node). Build from the repository root:
#   docker build -f docker/node.Dockerfile -t actororders/node:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY config/ config/
COPY src/ src/
RUN dotnet publish src/Cluster.Node/Cluster.Node.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The image's unprivileged user (UID 1654); the Kubernetes manifests run as it too.
USER $APP_UID
# http, Akka.Remote, Cluster Bootstrap's contact point, admin API. Publish only http outside the cluster's network.
EXPOSE 5080 4053 8558 9110
# Bash's /dev/tcp: the runtime image has no curl. Liveness: the actor system runs.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/5080 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "ActorOrders.Node.dll"]
