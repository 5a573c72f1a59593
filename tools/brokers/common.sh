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

# answering PORT: whether something accepts TCP connections on 127.0.0.1:PORT now.
answering() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# own_pid PIDFILE PATTERN: prints the pid in PIDFILE when that process still runs and its command line contains
# PATTERN, i.e. the server this script started (never one it did not start); fails otherwise.
own_pid() {
  local pid; pid=$(head -n1 "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && grep -q "$2" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

# stop_own PIDFILE PATTERN NAME [SIGNAL]: ends the server this script started (see own_pid) and waits until it is
# gone; leaves any other server alone.
stop_own() {
  local pid
  pid=$(own_pid "$1" "$2") || { log "$3 was not started by this script: left as it is"; rm -f "$1"; return 0; }
  log "stopping $3"
  kill "-${4:-TERM}" "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || { rm -f "$1"; return 0; }; sleep 0.1; done
  log "$3 (pid $pid) still running"; return 1
}
