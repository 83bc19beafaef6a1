# rrt's image, built from Debian 12 packages only: `docker build -t rrt:latest .`
# Not built or run on the machine rrt is developed on (it has no container runtime): check it
# on yours before relying on it. Used by the Job `rrt k8s job` renders (docs/kubernetes.md).
FROM debian:12-slim AS build
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      build-essential cmake pkg-config \
      libasio-dev libssl-dev zlib1g-dev libhiredis-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev \
      libcli11-dev \
      libboost-dev libgtest-dev libgmock-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build build -j"$(nproc)" --target rrt

FROM debian:12-slim
# redis-tools for redis-cli; redis-server/redis-sentinel so `rrt lab` works in the image too.
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libhiredis0.14 libyaml-cpp0.7 libfmt9 libssl3 zlib1g redis-tools redis-server redis-sentinel \
      ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# kubectl, for the faults of a `--target k8s://` run inside the cluster (pod delete, exec, Chaos
# Mesh): not in Debian 12 main, so the release binary, checked against its published SHA-256.
# TARGETARCH is set by BuildKit (docker build); pass --build-arg TARGETARCH=arm64 without it.
ARG KUBECTL_VERSION=v1.31.4
ARG TARGETARCH=amd64
ADD https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl /usr/local/bin/kubectl
ADD https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl.sha256 /tmp/kubectl.sha256
RUN echo "$(cat /tmp/kubectl.sha256)  /usr/local/bin/kubectl" | sha256sum -c - \
    && chmod 0755 /usr/local/bin/kubectl && rm /tmp/kubectl.sha256
COPY --from=build /src/build/rrt /usr/local/bin/rrt
COPY --from=build /src/scenarios /usr/local/share/rrt/scenarios
RUN useradd --create-home --uid 10001 rrt
USER 10001
WORKDIR /home/rrt
ENTRYPOINT ["rrt"]
CMD ["--help"]
