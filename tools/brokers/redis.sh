#!/usr/bin/env bash
# Redis for the Redis transport tests: 127.0.0.1:6379, daemonized, no persistence (services.md §2).
#   bash tools/brokers/redis.sh start|stop|status
source "$(dirname "$0")/common.sh"
PORT=${KOMBU_REDIS_PORT:-6379}
ping_ok() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }
case "${1:-start}" in
  start)
    apt_install redis-server redis-tools
    if ping_ok; then log "redis already running on 127.0.0.1:$PORT"; exit 0; fi
    redis-server --bind 127.0.0.1 --port "$PORT" --daemonize yes \
      --pidfile "$BROKER_DIR/redis-$PORT.pid" --logfile "$BROKER_DIR/redis-$PORT.log" --dir "$BROKER_DIR" \
      --dbfilename "dump-$PORT.rdb" --save '' --appendonly no
    for _ in $(seq 1 100); do ping_ok && { log "redis ready on 127.0.0.1:$PORT"; exit 0; }; sleep 0.1; done
    log "redis did not answer PING on 127.0.0.1:$PORT (see $BROKER_DIR/redis-$PORT.log)"; exit 1 ;;
  stop)
    if ping_ok; then redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; fi
    for _ in $(seq 1 50); do ping_ok || { log "redis stopped"; exit 0; }; sleep 0.1; done
    log "redis still answering on 127.0.0.1:$PORT"; exit 1 ;;
  status)
    if ping_ok; then echo "redis running on 127.0.0.1:$PORT"; else echo "redis not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
