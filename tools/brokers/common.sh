# Shared helpers for the broker scripts (sourced, not run). Every server binds to 127.0.0.1 only.
set -euo pipefail
BROKER_DIR=${KOMBU_BROKER_DIR:-/tmp/kombu-brokers}
mkdir -p "$BROKER_DIR"

log() { echo "[brokers $(date +%T)] $*" >&2; }

# wait_tcp HOST PORT [TENTHS]: wait until a TCP connect succeeds.
wait_tcp() {
  local tries=${3:-300}
  for _ in $(seq 1 "$tries"); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  log "timeout waiting for $1:$2"
  return 1
}

# apt_install PKG...: installs the Debian packages that are missing (idempotent, quiet).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then apt-get update -qq; fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  }
}
