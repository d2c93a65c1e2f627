# syntax=docker/dockerfile:1
#
# Innov'Action in one image: the server binary and the built web app.
#   docker build -t innovaction .
#   docker run -p 8080:8080 -v innovaction-data:/data innovaction
# or, with PostgreSQL: docker compose up (see docker-compose.yml).

# ---- Build ---------------------------------------------------------------------
FROM rust:1-bookworm AS builder

# binaryen provides wasm-opt, which shrinks the WebAssembly bundle; libpq-dev is
# what the server links against for PostgreSQL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends binaryen libpq-dev \
    && rm -rf /var/lib/apt/lists/* \
    && rustup target add wasm32-unknown-unknown

WORKDIR /src

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
# This layer is rebuilt only when Cargo.lock changes.
COPY Cargo.lock ./
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    version="$(awk '$0 == "name = \"wasm-bindgen\"" { found = 1; next } \
                    found && /^version = / { gsub(/"/, "", $3); print $3; exit }' Cargo.lock)" \
    && test -n "$version" \
    && cargo install --quiet wasm-bindgen-cli --version "$version"

COPY . .

# The target directory lives in a build cache, so the results are copied out
# within the same step.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    scripts/build-frontend.sh \
    && cargo build --release --locked -p backend \
    && mkdir -p /out \
    && cp target/release/innovaction /out/innovaction \
    && cp -r frontend/dist /out/dist

# ---- Run -------------------------------------------------------------------------
FROM debian:bookworm-slim

# libpq5: the PostgreSQL client library the server links against.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home innovaction \
    && mkdir -p /data /app \
    && chown innovaction:innovaction /data

COPY --from=builder /out/innovaction /usr/local/bin/innovaction
COPY --from=builder /out/dist /app/dist

# glibc's allocator, tuned for a server: MALLOC_ARENA_MAX, two memory
# arenas rather than one per thread; MALLOC_MMAP_THRESHOLD_, blocks of
# 128 KiB or more (a password hash's 19 MiB) given back when freed instead
# of kept. Less memory under load at the same throughput
# (docs/BENCHMARKS.md).
ENV DATA_DIR=/data \
    STATIC_DIR=/app/dist \
    BIND=0.0.0.0:8080 \
    RUST_LOG=info \
    LOG_FORMAT=json \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072

WORKDIR /app
USER innovaction
VOLUME ["/data"]
EXPOSE 8080

# No curl in the slim image: bash's /dev/tcp is enough for a plain HTTP GET.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["innovaction"]
CMD ["serve"]
