#!/usr/bin/env bash
# Installs what WarmTransfer needs and is missing; idempotent and quick when everything is present.
#   scripts/setup.sh            run-time pieces: flite, pocketsphinx, npm packages, LiveKit's Rust core, Silero VAD
#   scripts/setup.sh --tests    the above plus what the tests need (Debian's Chromium for the browser tests)
# Downloads land in artifacts/ and node_modules/ (git-ignored); nothing fetched is ever committed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
with_tests=0
for arg in "$@"; do
  case "$arg" in
    --tests) with_tests=1 ;;
    *) echo "setup: unknown option '$arg' (known: --tests)" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Pinned native artifacts (see docs/ and shared/docs/livekit-ffi.md). The sha256 is of the file we use.
FFI_PACKAGE="@livekit/rtc-ffi-bindings-linux-x64-gnu"
FFI_VERSION="0.12.80"
FFI_FILE="package/rtc-node.linux-x64-gnu.node"
FFI_SHA256="e809cbc9686f61d1a7ac1e9512712a8e2337de720ea48dfcd4f597ae8145948c"
VAD_PACKAGE="@livekit/agents-plugin-silero"
VAD_VERSION="1.9.0"
VAD_FILE="package/dist/silero_vad.onnx"
VAD_SHA256="1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3"

# 1. Tools that must already be there.
command -v dotnet >/dev/null || die "the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH"
command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are required (Debian: apt-get install nodejs npm)"
[ "$(uname -m)" = "x86_64" ] || die "LiveKit's Rust core is fetched for linux-x64 only; this machine is $(uname -m)"

# 2. Debian packages.
apt_packages=(flite libflite1 libpocketsphinx3 pocketsphinx-en-us)
[ "$with_tests" -eq 1 ] && apt_packages+=(chromium)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present: ${apt_packages[*]}"
fi

# 3. npm packages of the web pages and tests (livekit-client, livekit-server-sdk), from package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages from package-lock.json (livekit-client, livekit-server-sdk)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  touch node_modules/.package-lock.json
else
  say "npm packages present"
fi

# Fetches one file out of an npm package tarball into $4, checking its sha256.
fetch_npm_file() { # package version file-in-tarball destination sha256
  local pkg=$1 ver=$2 file=$3 dest=$4 sha=$5 tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  (cd "$tmp" && npm pack --silent "$pkg@$ver" >/dev/null 2>&1) || die "npm pack $pkg@$ver failed (is the npm registry reachable?)"
  tar -xzf "$tmp"/*.tgz -C "$tmp" "$file" || die "$pkg@$ver does not contain $file"
  echo "$sha  $tmp/$file" | sha256sum --check --status || die "sha256 of $file in $pkg@$ver does not match the pinned $sha"
  mkdir -p "$(dirname "$dest")"
  cp "$tmp/$file" "$dest"
}

# 4. LiveKit's Rust core: fetched, verified, made loadable outside Node, placed where src/LiveKit.Rtc loads it.
ffi_dir="artifacts/native/linux-x64"
ffi_lib="$ffi_dir/liblivekit_ffi.so"
ffi_stamp="$ffi_dir/liblivekit_ffi.source"
if [ -f "$ffi_lib" ] && [ "$(cat "$ffi_stamp" 2>/dev/null)" = "$FFI_PACKAGE@$FFI_VERSION $FFI_SHA256" ]; then
  say "LiveKit Rust core present ($FFI_PACKAGE@$FFI_VERSION)"
else
  say "fetching LiveKit's Rust core $FFI_PACKAGE@$FFI_VERSION from npm (26 MB) and making it loadable"
  fetch_npm_file "$FFI_PACKAGE" "$FFI_VERSION" "$FFI_FILE" "$ffi_dir/rtc-node.linux-x64-gnu.node" "$FFI_SHA256"
  dotnet run scripts/tools/weaken-napi-symbols.cs -- "$ffi_dir/rtc-node.linux-x64-gnu.node" "$ffi_lib" >/dev/null \
    || die "could not patch the Rust core's napi_* imports"
  rm -f "$ffi_dir/rtc-node.linux-x64-gnu.node"
  echo "$FFI_PACKAGE@$FFI_VERSION $FFI_SHA256" > "$ffi_stamp"
fi

# 5. Silero VAD v5 model (ONNX), from LiveKit's Silero plugin package.
vad_model="artifacts/models/silero_vad.onnx"
if [ -f "$vad_model" ] && echo "$VAD_SHA256  $vad_model" | sha256sum --check --status; then
  say "Silero VAD model present"
else
  say "fetching the Silero VAD model from $VAD_PACKAGE@$VAD_VERSION (2.3 MB)"
  fetch_npm_file "$VAD_PACKAGE" "$VAD_VERSION" "$VAD_FILE" "$vad_model" "$VAD_SHA256"
fi

say "ready"
