#!/usr/bin/env bash
# An AWS STS stand-in for the SQS transport's sts_role_arn tests: moto's server (the moto Python package, installed on
# this machine kind; neither Debian nor npm packages it) on 127.0.0.1:4568. fauxqs answers SQS but not STS AssumeRole.
#   bash tools/brokers/moto-sts.sh start|stop|status
source "$(dirname "$0")/common.sh"
PORT=${KOMBU_MOTO_PORT:-4568}
DIR="$BROKER_DIR/moto"
PIDFILE="$DIR/moto-$PORT.pid"
LOGFILE="$DIR/moto-$PORT.log"
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
python_with_moto() {
  local py
  for py in python3 /root/.pyenv/shims/python3 /usr/bin/python3; do
    command -v "$py" >/dev/null 2>&1 && "$py" -c 'import moto.server' 2>/dev/null && { echo "$py"; return 0; }
  done
  return 1
}
case "${1:-start}" in
  start)
    if running; then log "moto (STS) already running on 127.0.0.1:$PORT"; exit 0; fi
    py=$(python_with_moto) || { log "no python3 with the moto package (pip moto, with its server extra): cannot start the STS stand-in"; exit 1; }
    mkdir -p "$DIR"
    "$py" -m moto.server -H 127.0.0.1 -p "$PORT" >"$LOGFILE" 2>&1 </dev/null & echo $! > "$PIDFILE"
    if wait_tcp 127.0.0.1 "$PORT"; then log "moto (STS) ready on 127.0.0.1:$PORT"; exit 0; fi
    log "moto did not listen on 127.0.0.1:$PORT (see $LOGFILE)"; exit 1 ;;
  stop)
    if ! running; then rm -f "$PIDFILE"; log "moto not running"; exit 0; fi
    kill -TERM "$(cat "$PIDFILE")" 2>/dev/null || true
    for _ in $(seq 1 50); do running || { rm -f "$PIDFILE"; log "moto stopped"; exit 0; }; sleep 0.1; done
    log "moto still running (pid $(cat "$PIDFILE"))"; exit 1 ;;
  status)
    if running; then echo "moto (STS) running on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"; else echo "moto not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
