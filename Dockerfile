# rrt's image, built from Debian 12 packages only: `docker build -t rrt:latest .`
# Not built or run on the machine rrt is developed on (it has no container runtime): check it
# on yours before relying on it. Used by the Job `rrt k8s job` renders (docs/kubernetes.md).
FROM debian:12-slim AS build
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      build-essential cmake pkg-config \
      libasio-dev libhiredis-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev libcli11-dev \
      libboost-dev libgtest-dev libgmock-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build build -j"$(nproc)" --target rrt

FROM debian:12-slim
# redis-tools for redis-cli; redis-server/redis-sentinel so `rrt lab` works in the image too;
# kubernetes-client is not in Debian 12 main: the Job only needs rrt itself.
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libhiredis0.14 libyaml-cpp0.7 libfmt9 redis-tools redis-server redis-sentinel ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/build/rrt /usr/local/bin/rrt
COPY --from=build /src/scenarios /usr/local/share/rrt/scenarios
RUN useradd --create-home --uid 10001 rrt
USER 10001
WORKDIR /home/rrt
ENTRYPOINT ["rrt"]
CMD ["--help"]
