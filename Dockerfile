# syntax=docker/dockerfile:1
# rewind container image: the server by default, the CLI as `docker run <image> rewind <args>`.
#
#   docker build -t rewind .
#   docker run --read-only --tmpfs /tmp -p 8080:8080 rewind            # server (config: REWIND_CONFIG=/path.yaml)
#   docker run --read-only --tmpfs /tmp rewind rewind --help            # CLI through scripts/rewind
#
# Runs as UID/GID 1000 and writes nothing outside /tmp (mount an emptyDir there in Kubernetes), so it works with
# readOnlyRootFilesystem: true.

FROM maven:3.9.11-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:21-jre
ENV HOME=/tmp \
    REWIND_JAVA_OPTS="-XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -Djava.io.tmpdir=/tmp"
COPY --from=build /src/cli/target/rewind.jar /opt/rewind/rewind.jar
COPY --from=build /src/server/target/rewind-server.jar /opt/rewind/rewind-server.jar
COPY --from=build --chmod=0755 /src/scripts/rewind /usr/local/bin/rewind
USER 1000:1000
WORKDIR /tmp
EXPOSE 8080
# The default command, not an ENTRYPOINT, so that `docker run <image> rewind ...` (or `command: [rewind, ...]` in a
# Kubernetes Job) runs the CLI instead.
CMD ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp", \
     "-jar", "/opt/rewind/rewind-server.jar"]
