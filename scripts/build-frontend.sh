#!/usr/bin/env bash
# Builds the web app into frontend/dist: the WebAssembly bundle, its
# JavaScript glue, index.html and styles.css, ready for the backend to serve.
#
# Run from the repository root. Needs the wasm32-unknown-unknown target and
# the wasm-bindgen CLI at the version pinned in Cargo.lock; wasm-opt
# (binaryen) is optional and only makes the bundle smaller: the one npm
# installs in tools/ (scripts/setup.sh) is preferred, as Debian's binaryen
# is too old to parse what current rustc emits.
set -euo pipefail

target_dir="${CARGO_TARGET_DIR:-target}"
dist=frontend/dist
wasm_in="$target_dir/wasm32-unknown-unknown/wasm-release/frontend.wasm"
wasm_out="$dist/innovaction_bg.wasm"

cargo build -p frontend --target wasm32-unknown-unknown --profile wasm-release

# Stale files from an earlier build must not be served next to new ones.
rm -rf "$dist"
mkdir -p "$dist"

wasm-bindgen --target web --no-typescript --out-name innovaction \
    --out-dir "$dist" "$wasm_in"

# binaryen from npm (tools/package.json, pinned), else the system's.
wasm_opt=""
if [[ -x tools/node_modules/.bin/wasm-opt ]] && command -v node >/dev/null 2>&1; then
    wasm_opt=tools/node_modules/.bin/wasm-opt
elif command -v wasm-opt >/dev/null 2>&1; then
    wasm_opt=wasm-opt
fi

# The features are those rustc enables by default for wasm32; wasm-opt must
# accept them all to parse the module, and will not add any others.
if [[ -n "$wasm_opt" ]]; then
    if "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types \
        --enable-multivalue -o "$wasm_out.opt" "$wasm_out"; then
        mv "$wasm_out.opt" "$wasm_out"
    else
        # An old binaryen may not know what a newer rustc emits: the
        # unoptimised bundle still works, it is just larger.
        rm -f "$wasm_out.opt"
        echo "wasm-opt failed ($("$wasm_opt" --version)): size optimisation skipped" >&2
    fi
else
    echo "wasm-opt not found (run scripts/setup.sh): size optimisation skipped"
fi

cp frontend/index.html frontend/boot.js frontend/styles.css "$dist/"

# A compressed copy of each asset, made once here rather than on every
# request: the server sends it to browsers that accept gzip.
for asset in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css; do
    gzip -9 -n -k -f "$asset"
done

raw_bytes=$(wc -c <"$wasm_out")
gzip_bytes=$(gzip -9 -c "$wasm_out" | wc -c)
echo "$wasm_out: $raw_bytes bytes raw, $gzip_bytes bytes gzip -9"
