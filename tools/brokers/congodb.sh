#!/usr/bin/env bash
# CongoDB, the in-memory MongoDB-wire server inside the npm package @push.rocks/smartmongo@2.2.0, for the mongodb
# transport tests: 127.0.0.1:27017 (services.md §7). Also installs python3-pymongo for the Python Kombu interop tests.
#   bash tools/brokers/congodb.sh start|stop|status
# With KOMBU_MONGODB_URL set, the tests use that real MongoDB instead: start only installs pymongo and starts nothing.
source "$(dirname "$0")/common.sh"
PORT=${KOMBU_CONGODB_PORT:-27017}
DIR="$BROKER_DIR/congodb"
PIDFILE="$DIR/congodb-$PORT.pid"
LOGFILE="$DIR/congodb-$PORT.log"

install() {
  apt_install python3-pymongo
  mkdir -p "$DIR"
  if [ ! -f "$DIR/congodb/index.js" ]; then
    # The package's full dependency tree does not resolve (ETARGET), so only the server folder is taken from its
    # tarball, with the six packages it imports.
    log "npm pack @push.rocks/smartmongo@2.2.0 into $DIR (CongoDB)"
    (cd "$DIR" && echo '{"private":true,"type":"module"}' > package.json \
      && npm pack --silent @push.rocks/smartmongo@2.2.0 >/dev/null \
      && tar xzf push.rocks-smartmongo-2.2.0.tgz \
      && rm -rf congodb && cp -r package/dist_ts/congodb ./congodb && rm -rf package push.rocks-smartmongo-2.2.0.tgz \
      && npm install --no-audit --no-fund --ignore-scripts --loglevel=error @push.rocks/smartfs@^1.3.1 \
           @push.rocks/smartpath@^5.0.11 @push.rocks/smartpromise@^4.0.3 @push.rocks/smartrx@^3.0.0 bson@^6.10.0 \
           mingo@^7.2.0 >/dev/null)
    # pymongo 3.11 (Debian) sends 'buildinfo' in lower case, which a real mongod accepts; CongoDB only knows 'buildInfo'.
    sed -i "s/else if (command.buildInfo !== undefined) {/else if (command.buildInfo !== undefined || command.buildinfo !== undefined) {/" \
      "$DIR/congodb/server/handlers/AdminHandler.js"
    sed -i "s/this.handlers.set('buildInfo', adminHandler);/this.handlers.set('buildInfo', adminHandler); this.handlers.set('buildinfo', adminHandler);/" \
      "$DIR/congodb/server/CommandRouter.js"
  fi
  cat > "$DIR/serve.mjs" <<'JS'
import { CongoServer } from './congodb/index.js';
const server = new CongoServer({ port: parseInt(process.env.CONGO_PORT ?? '27017'), host: '127.0.0.1' });
await server.start();
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => server.stop().then(() => process.exit(0)));
JS
}

case "${1:-start}" in
  start)
    if [ -n "${KOMBU_MONGODB_URL:-}" ]; then
      apt_install python3-pymongo
      log "KOMBU_MONGODB_URL is set: the tests use that MongoDB, CongoDB is not started"; exit 0
    fi
    if answering "$PORT"; then log "something already answers on 127.0.0.1:$PORT: used as it is"; exit 0; fi
    install
    # exec: the recorded pid is node's own, and no shell keeps the caller's stdout open.
    (cd "$DIR" && CONGO_PORT=$PORT exec node serve.mjs) >"$LOGFILE" 2>&1 </dev/null & echo $! > "$PIDFILE"
    if wait_tcp 127.0.0.1 "$PORT"; then log "CongoDB ready on 127.0.0.1:$PORT"; exit 0; fi
    log "CongoDB did not listen on 127.0.0.1:$PORT (see $LOGFILE)"; exit 1 ;;
  stop) stop_own "$PIDFILE" node "CongoDB on 127.0.0.1:$PORT" ;;
  status)
    if answering "$PORT"; then echo "CongoDB running on 127.0.0.1:$PORT"; else echo "CongoDB not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
