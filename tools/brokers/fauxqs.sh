#!/usr/bin/env bash
# fauxqs 1.9.2 (npm SQS emulator, AWS JSON protocol) for the SQS transport tests: 127.0.0.1:4566 (services.md §5).
#   bash tools/brokers/fauxqs.sh start|stop|status
source "$(dirname "$0")/common.sh"
PORT=${KOMBU_FAUXQS_PORT:-4566}
DIR="$BROKER_DIR/fauxqs"
PIDFILE="$DIR/fauxqs-$PORT.pid"
LOGFILE="$DIR/fauxqs-$PORT.log"
install() {
  mkdir -p "$DIR"
  if [ ! -f "$DIR/node_modules/fauxqs/package.json" ]; then
    log "npm install fauxqs@1.9.2 into $DIR"
    (cd "$DIR" && { [ -f package.json ] || npm init -y >/dev/null; } \
      && npm install --no-audit --no-fund --ignore-scripts fauxqs@1.9.2 >/dev/null 2>&1)
  fi
  # The CLI listens on 0.0.0.0 and names queues after sqs.<region>.localhost; this launcher binds 127.0.0.1
  # and leaves the host empty so QueueUrl = http://127.0.0.1:PORT/000000000000/NAME.
  cat > "$DIR/serve.mjs" <<'JS'
import { buildApp } from "fauxqs";
import { SqsStore } from "./node_modules/fauxqs/dist/sqs/sqsStore.js";
import { SnsStore } from "./node_modules/fauxqs/dist/sns/snsStore.js";
import { S3Store } from "./node_modules/fauxqs/dist/s3/s3Store.js";
const port = parseInt(process.env.FAUXQS_PORT ?? "4566");
const sqsStore = new SqsStore(); sqsStore.host = "";   // QueueUrl = http://127.0.0.1:PORT/000000000000/NAME
const app = buildApp({ logger: false, defaultRegion: "us-east-1", stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() } });
await app.listen({ port, host: "127.0.0.1" });
for (const s of ["SIGTERM", "SIGINT"]) process.on(s, () => app.close().then(() => process.exit(0)));
JS
}
case "${1:-start}" in
  start)
    apt_install python3-boto3   # for the Python Kombu SQS peer, tools/interop/sqs_peer.py
    if answering "$PORT"; then log "something already answers on 127.0.0.1:$PORT: used as it is"; exit 0; fi
    install
    (cd "$DIR" && FAUXQS_PORT=$PORT exec node serve.mjs) >"$LOGFILE" 2>&1 </dev/null & echo $! > "$PIDFILE"
    if wait_tcp 127.0.0.1 "$PORT"; then log "fauxqs ready on 127.0.0.1:$PORT"; exit 0; fi
    log "fauxqs did not listen on 127.0.0.1:$PORT (see $LOGFILE)"; exit 1 ;;
  stop) stop_own "$PIDFILE" node "fauxqs on 127.0.0.1:$PORT" ;;
  status)
    if answering "$PORT"; then echo "fauxqs running on 127.0.0.1:$PORT"; else echo "fauxqs not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
