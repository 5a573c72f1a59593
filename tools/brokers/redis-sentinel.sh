#!/usr/bin/env bash
# Redis Sentinel for the Redis transport's sentinel:// tests: a master on 127.0.0.1:6391, its replica on 6392 and one
# sentinel on 26391 watching them as "kombu-sentinel" (docs of the port plan: /work/coord/ports.md). Tests run
# SENTINEL FAILOVER, so either server may be the master; ask the sentinel. The sentinel is Debian's redis-server in
# sentinel mode (the redis-sentinel package only adds a service for it).
#   bash tools/brokers/redis-sentinel.sh start|stop|status
# start is a no-op when the sentinel already answers; stop ends only the servers this script started (pid files).
source "$(dirname "$0")/common.sh"
MASTER=6391 REPLICA=6392 SENTINEL=26391 NAME=kombu-sentinel
DIR="$BROKER_DIR/redis-sentinel"
ping_ok() { redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG; }
# The pid a pid file names, if that process still runs and is a redis-server.
own_pid() {
  local pid; pid=$(cat "$DIR/$1.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && grep -q redis-server "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}
# Both data servers refuse writes without a replica in sync, so a write the old master takes during a failover fails
# loudly (NOREPLICAS) instead of vanishing when it resyncs from the new master; a full resync starts at once.
start_server() {
  local port=$1; shift
  ping_ok "$port" && return 0
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --pidfile "$DIR/$port.pid" \
    --logfile "$DIR/$port.log" --dir "$DIR" --dbfilename "dump-$port.rdb" --save '' --appendonly no \
    --min-replicas-to-write 1 --min-replicas-max-lag 10 --repl-diskless-sync-delay 0 "$@"
  for _ in $(seq 1 100); do ping_ok "$port" && return 0; sleep 0.1; done
  log "redis did not answer PING on 127.0.0.1:$port (see $DIR/$port.log)"; return 1
}
case "${1:-start}" in
  start)
    # openssl: the TLS tests make their certificates with it and start their own redis-server --tls-port.
    apt_install redis-server redis-tools openssl
    if ping_ok "$SENTINEL"; then log "redis sentinel already running on 127.0.0.1:$SENTINEL"; exit 0; fi
    mkdir -p "$DIR"
    start_server "$MASTER"
    start_server "$REPLICA" --replicaof 127.0.0.1 "$MASTER"
    for _ in $(seq 1 100); do
      redis-cli -h 127.0.0.1 -p "$MASTER" info replication 2>/dev/null | grep -q "min_slaves_good_slaves:1" && break
      sleep 0.1
    done
    # The sentinel rewrites its configuration file, so it gets a fresh one in the data directory each start.
    cat >"$DIR/sentinel.conf" <<EOF
bind 127.0.0.1
port $SENTINEL
daemonize yes
pidfile $DIR/$SENTINEL.pid
logfile $DIR/$SENTINEL.log
dir $DIR
sentinel monitor $NAME 127.0.0.1 $MASTER 1
sentinel down-after-milliseconds $NAME 2000
sentinel failover-timeout $NAME 4000
sentinel parallel-syncs $NAME 1
EOF
    redis-server "$DIR/sentinel.conf" --sentinel
    for _ in $(seq 1 100); do
      if redis-cli -h 127.0.0.1 -p "$SENTINEL" sentinel get-master-addr-by-name "$NAME" 2>/dev/null | grep -q 127.0.0.1; then
        log "redis sentinel ready on 127.0.0.1:$SENTINEL (master $NAME on $MASTER, replica $REPLICA)"; exit 0
      fi
      sleep 0.1
    done
    log "redis sentinel did not answer on 127.0.0.1:$SENTINEL (see $DIR/$SENTINEL.log)"; exit 1 ;;
  stop)
    for name in "$SENTINEL" "$REPLICA" "$MASTER"; do
      pid=$(own_pid "$name") || { log "redis on 127.0.0.1:$name was not started by this script: left as it is"; continue; }
      kill -TERM "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$DIR/$name.pid"
    done
    log "redis sentinel stopped" ;;
  status)
    if ping_ok "$SENTINEL"; then
      echo "redis sentinel running on 127.0.0.1:$SENTINEL, master at $(redis-cli -h 127.0.0.1 -p "$SENTINEL" sentinel get-master-addr-by-name "$NAME" | tr '\n' ' ')"
    else
      echo "redis sentinel not running"; exit 3
    fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
