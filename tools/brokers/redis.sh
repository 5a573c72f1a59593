#!/usr/bin/env bash
# Redis for the Redis transport tests: 127.0.0.1:$KOMBU_REDIS_PORT (default 6379), daemonized, no persistence
# (services.md §2).
#   bash tools/brokers/redis.sh start|stop|status
# start is a no-op when something already answers PING on the port (a Redis of your own is used as it is); stop
# ends only the server this script started (the pid recorded in its pid file), never one it did not start.
# KOMBU_REDIS_PERSIST=1 keeps the data across restarts and kill -9 (append-only file, fsync on every write).
source "$(dirname "$0")/common.sh"
PORT=${KOMBU_REDIS_PORT:-6379}
PIDFILE="$BROKER_DIR/redis-$PORT.pid"
ping_ok() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }
case "${1:-start}" in
  start)
    apt_install redis-server redis-tools
    if answering "$PORT"; then log "something already answers on 127.0.0.1:$PORT: used as it is"; exit 0; fi
    persistence=(--appendonly no)
    if [ "${KOMBU_REDIS_PERSIST:-0}" = 1 ]; then
      persistence=(--appendonly yes --appendfsync always --appenddirname "appendonly-$PORT")
    fi
    redis-server --bind 127.0.0.1 --port "$PORT" --daemonize yes \
      --pidfile "$PIDFILE" --logfile "$BROKER_DIR/redis-$PORT.log" --dir "$BROKER_DIR" \
      --dbfilename "dump-$PORT.rdb" --save '' "${persistence[@]}"
    for _ in $(seq 1 100); do ping_ok && { log "redis ready on 127.0.0.1:$PORT"; exit 0; }; sleep 0.1; done
    log "redis did not answer PING on 127.0.0.1:$PORT (see $BROKER_DIR/redis-$PORT.log)"; exit 1 ;;
  stop) stop_own "$PIDFILE" redis-server "redis on 127.0.0.1:$PORT" ;;
  status)
    if ping_ok; then echo "redis running on 127.0.0.1:$PORT"; else echo "redis not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
