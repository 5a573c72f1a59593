#!/usr/bin/env bash
# pouchdb-server 4.2.0 (npm, CouchDB HTTP API) for the couchdb transport tests: 127.0.0.1:5984, in memory
# (services.md §6). Installed with --ignore-scripts: the memory adapter needs none of the native modules.
#   bash tools/brokers/pouchdb.sh start|stop|status
source "$(dirname "$0")/common.sh"
PORT=${KOMBU_POUCHDB_PORT:-5984}
DIR="$BROKER_DIR/pouchdb"
PIDFILE="$DIR/pouchdb-$PORT.pid"
LOGFILE="$DIR/pouchdb-$PORT.log"
install() {
  mkdir -p "$DIR"
  [ -f "$DIR/node_modules/pouchdb-server/package.json" ] && return 0
  log "npm install pouchdb-server@4.2.0 into $DIR"
  (cd "$DIR" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund --ignore-scripts pouchdb-server@4.2.0 >/dev/null 2>&1)
}
case "${1:-start}" in
  start)
    if answering "$PORT"; then log "something already answers on 127.0.0.1:$PORT: used as it is"; exit 0; fi
    install
    # The server writes config.json and log.txt into its working directory, so it runs inside $DIR.
    (cd "$DIR" && exec node node_modules/pouchdb-server/bin/pouchdb-server --in-memory --host 127.0.0.1 \
      --port "$PORT" --no-stdout-logs) >"$LOGFILE" 2>&1 </dev/null & echo $! > "$PIDFILE"
    if wait_tcp 127.0.0.1 "$PORT"; then log "pouchdb-server ready on 127.0.0.1:$PORT"; exit 0; fi
    log "pouchdb-server did not listen on 127.0.0.1:$PORT (see $LOGFILE)"; exit 1 ;;
  stop) stop_own "$PIDFILE" node "pouchdb-server on 127.0.0.1:$PORT" ;;
  status)
    if answering "$PORT"; then echo "pouchdb-server running on 127.0.0.1:$PORT"; else echo "pouchdb-server not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
