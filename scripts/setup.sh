#!/usr/bin/env bash
# Installs what a fresh machine lacks to build, lint and test Innov'Action.
# Safe to run again: anything already present is left alone.
#
# Usage: scripts/setup.sh [--browser] [--api-fuzz] [--client] [--db-tools] [--smtp] [--open-data] [--pdf] [--bench]
#   --browser   also install Chromium (and Node.js + npm if missing) for the
#               browser tests in e2e/
#   --api-fuzz  also install schemathesis (pinned in
#               tools/api-fuzz-requirements.txt) into tools/venv/, and the
#               PostgreSQL client tools, for scripts/api-fuzz.sh
#   --client    also install openapi-spec-validator, openapi-python-client
#               and pytest (pinned in tools/client-test-requirements.txt)
#               into tools/client-venv/, and the PostgreSQL client tools,
#               for scripts/client-test.sh
#   --db-tools  also install sqlite3 and the PostgreSQL client tools, for
#               scripts/backup.sh, scripts/restore.sh and their tests
#   --smtp      also install aiosmtpd (pinned in tools/smtp-test-requirements.txt)
#               into tools/smtp-venv/, the SMTP server the e-mail tests start
#   --open-data also install frictionless (pinned in tools/open-data-requirements.txt)
#               into tools/open-data-venv/, which checks the national open-data files
#   --pdf       also install poppler-utils (pdftotext, pdfinfo, pdffonts), with
#               which the tests read the printed reports back
#   --bench     also install wrk and the PostgreSQL client tools (pgbench),
#               for scripts/bench.sh
set -euo pipefail

cd "$(dirname "$0")/.."

with_browser=false
with_api_fuzz=false
with_client=false
with_db_tools=false
with_smtp=false
with_open_data=false
with_pdf=false
with_bench=false
for arg in "$@"; do
    case "$arg" in
        --browser) with_browser=true ;;
        --api-fuzz) with_api_fuzz=true ;;
        --client) with_client=true ;;
        --db-tools) with_db_tools=true ;;
        --smtp) with_smtp=true ;;
        --open-data) with_open_data=true ;;
        --pdf) with_pdf=true ;;
        --bench) with_bench=true ;;
        -h | --help)
            sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "setup: unknown option '$arg' (try --help)" >&2
            exit 2
            ;;
    esac
done

say() { echo "setup: $*"; }
warn() { echo "setup: warning: $*" >&2; }
die() {
    echo "setup: error: $*" >&2
    exit 1
}

command -v cargo >/dev/null || die "cargo not found; install Rust with rustup first (https://rustup.rs)"

# --- Rust toolchain pieces ---------------------------------------------------

if command -v rustup >/dev/null; then
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown >/dev/null
    fi
    installed_components=$(rustup component list --installed)
    for component in rustfmt clippy; do
        if ! grep -q "^${component}-" <<<"$installed_components"; then
            say "adding the $component component"
            rustup component add "$component" >/dev/null
        fi
    done
else
    warn "rustup not found; make sure the wasm32-unknown-unknown target, rustfmt and clippy are installed"
fi

# --- wasm-bindgen-cli ---------------------------------------------------------
# The CLI must be exactly the version of the wasm-bindgen crate the frontend is
# linked against, or it refuses the generated module. Take it from Cargo.lock.

wasm_bindgen_version=$(awk '
    $0 == "name = \"wasm-bindgen\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
    /^\[\[package\]\]/ { found = 0 }
' Cargo.lock)
[[ -n "$wasm_bindgen_version" ]] || die "no wasm-bindgen package found in Cargo.lock"

current_wasm_bindgen=""
if command -v wasm-bindgen >/dev/null; then
    current_wasm_bindgen=$(wasm-bindgen --version | awk '{ print $2 }')
fi
if [[ "$current_wasm_bindgen" != "$wasm_bindgen_version" ]]; then
    say "installing wasm-bindgen-cli $wasm_bindgen_version${current_wasm_bindgen:+ (found $current_wasm_bindgen)}; this compiles for a few minutes"
    # Not --locked: the CLI's own lock file has pinned dependencies that no
    # longer build with current toolchains more than once.
    cargo install --quiet --force wasm-bindgen-cli --version "$wasm_bindgen_version"
    command -v wasm-bindgen >/dev/null ||
        die "wasm-bindgen was installed but is not on PATH; add ~/.cargo/bin to PATH"
fi

# --- System packages (Debian) ---------------------------------------------------

required_packages=() # the script fails if these cannot be installed
optional_packages=() # nice to have: a failure is only a warning

# wasm-opt shrinks the WebAssembly bundle; the frontend builds without it.
command -v wasm-opt >/dev/null || optional_packages+=(binaryen)

if $with_browser; then
    [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || required_packages+=(chromium)
    command -v node >/dev/null || required_packages+=(nodejs)
    command -v npm >/dev/null || required_packages+=(npm)
fi

if $with_api_fuzz || $with_client; then
    command -v python3 >/dev/null || required_packages+=(python3)
    # Debian splits venv and pip out of python3.
    python3 -c 'import ensurepip, venv' 2>/dev/null || required_packages+=(python3-venv)
fi
if $with_api_fuzz || $with_client || $with_db_tools || $with_bench; then
    command -v psql >/dev/null && command -v pg_dump >/dev/null && command -v pgbench >/dev/null ||
        required_packages+=(postgresql-client)
fi
if $with_bench; then
    command -v wrk >/dev/null || required_packages+=(wrk)
fi
if $with_db_tools; then
    command -v sqlite3 >/dev/null || required_packages+=(sqlite3)
fi
if $with_pdf; then
    command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || required_packages+=(poppler-utils)
fi

if ((${#required_packages[@]} + ${#optional_packages[@]} > 0)); then
    if command -v apt-get >/dev/null && [[ $(id -u) -eq 0 ]]; then
        export DEBIAN_FRONTEND=noninteractive
        apt_log=$(mktemp)
        trap 'rm -f "$apt_log"' EXIT
        # apt is chatty even with -qq (debconf notes on stderr): keep its output
        # and show it only when something fails.
        quietly() {
            "$@" >"$apt_log" 2>&1 || {
                cat "$apt_log" >&2
                return 1
            }
        }
        apt_install() { quietly apt-get install -y -qq --no-install-recommends "$@"; }

        say "updating the apt package lists"
        quietly apt-get update -qq || die "apt-get update failed"

        if ((${#required_packages[@]} > 0)); then
            say "installing ${required_packages[*]} with apt"
            apt_install "${required_packages[@]}" || die "could not install ${required_packages[*]}"
        fi
        for package in "${optional_packages[@]}"; do
            say "installing $package with apt"
            apt_install "$package" || warn "could not install $package; continuing without it"
        done
    else
        for package in "${optional_packages[@]}"; do
            warn "$package is missing (optional; install it with your package manager)"
        done
        if ((${#required_packages[@]} > 0)); then
            die "missing ${required_packages[*]}; install them with your package manager (or run this script as root on Debian/Ubuntu)"
        fi
    fi
fi

# --- wasm-opt from npm ------------------------------------------------------------
# Debian's binaryen is too old to parse the bundle current rustc emits; the
# npm build of binaryen runs on Node. Pinned in tools/package-lock.json and
# installed only when missing or at another version.

if command -v node >/dev/null && command -v npm >/dev/null; then
    wanted_binaryen=$(node -p "require('./tools/package-lock.json').packages['node_modules/binaryen'].version")
    installed_binaryen=$(node -p "try { require('./tools/node_modules/binaryen/package.json').version } catch { '' }")
    if [[ "$installed_binaryen" != "$wanted_binaryen" ]]; then
        say "installing binaryen $wanted_binaryen (wasm-opt) with npm in tools/"
        (cd tools && npm ci --silent --no-audit --no-fund) ||
            warn "could not install binaryen with npm; the bundle will not be size-optimised"
    fi
fi

# --- Python tools in virtual environments -----------------------------------------
# Each reinstalled whenever its requirements file changes: schemathesis for
# --api-fuzz, the validator, the client generator and pytest for --client.

# python_venv DIR REQUIREMENTS PROGRAM: DIR/bin/PROGRAM exists and DIR holds
# exactly REQUIREMENTS, or DIR is made anew from them.
python_venv() {
    local venv="$1" requirements="$2" program="$3"
    if cmp -s "$requirements" "$venv/.installed-requirements.txt" && [[ -x "$venv/bin/$program" ]]; then
        return 0
    fi
    say "installing $(grep -i "^$program==" "$requirements") and the rest of $requirements with pip in $venv/"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "python3 -m venv failed"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --requirement "$requirements" ||
        die "could not install $requirements with pip"
    cp "$requirements" "$venv/.installed-requirements.txt"
}

if $with_api_fuzz; then
    python_venv tools/venv tools/api-fuzz-requirements.txt schemathesis
fi
if $with_client; then
    python_venv tools/client-venv tools/client-test-requirements.txt openapi-python-client
fi
if $with_smtp; then
    python_venv tools/smtp-venv tools/smtp-test-requirements.txt aiosmtpd
fi
if $with_open_data; then
    python_venv tools/open-data-venv tools/open-data-requirements.txt frictionless
fi

if $with_browser; then
    chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
    [[ -x "$chromium_bin" ]] || die "Chromium not found at $chromium_bin (set CHROMIUM_PATH)"
    say "ready: wasm-bindgen $wasm_bindgen_version, $("$chromium_bin" --version 2>/dev/null | head -n1), node $(node --version)"
else
    say "ready: wasm-bindgen $wasm_bindgen_version"
fi
