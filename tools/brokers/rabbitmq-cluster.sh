#!/usr/bin/env bash
# A three-node RabbitMQ cluster for the cluster tests (quorum queues, failover URLs, a node stopped under load):
# kombu-c1/2/3@localhost on 127.0.0.1:5701-5703 (Erlang distribution 25701-25703). Each node keeps its data, logs
# and config under $BROKER_DIR/rabbitmq-cluster/<node>; nothing under /etc/rabbitmq is read or written, and the
# shared rabbit@localhost on 5672 is never touched. Debian's /usr/sbin wrappers run every node and rabbitmqctl as user
# rabbitmq, so the nodes share that user's Erlang cookie.
#   bash tools/brokers/rabbitmq-cluster.sh start|stop|status
# start boots kombu-c1, then kombu-c2 and kombu-c3 in parallel (they join kombu-c1 as they boot) and waits until all answer; it
# is a no-op when the cluster already runs, and restarts the application of a node a test left stopped
# (rabbitmqctl stop_app). stop ends only the nodes this script started (their pid files) and deletes their data.
source "$(dirname "$0")/common.sh"
CTL=/usr/sbin/rabbitmqctl
CLUSTER_DIR="$BROKER_DIR/rabbitmq-cluster"
NAMES=(kombu-c1 kombu-c2 kombu-c3)
AMQP_PORTS=(5701 5702 5703)
DIST_PORTS=(25701 25702 25703)
SEED=kombu-c1@localhost

# node_env I: the environment of node I (0-based) for rabbitmq-server and rabbitmqctl.
node_env() {
  local name=${NAMES[$1]} dir="$CLUSTER_DIR/${NAMES[$1]}"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_NODENAME="$name@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="${AMQP_PORTS[$1]}" RABBITMQ_DIST_PORT="${DIST_PORTS[$1]}"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PID_FILE="$dir/$name.pid"
  # No scheduler busy-waiting: three idle nodes on a small shared machine should cost next to no CPU.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"
}

ctl() { local i=$1; shift; ( node_env "$i"; "$CTL" -q -n "${NAMES[$i]}@localhost" "$@" ); }
answering() { (exec 3<>"/dev/tcp/127.0.0.1/${AMQP_PORTS[$1]}") 2>/dev/null; }
pid_file() { echo "$CLUSTER_DIR/${NAMES[$1]}/${NAMES[$1]}.pid"; }
# own_pid I: node I's pid when this script started it and it still runs.
own_pid() {
  local pid; pid=$(cat "$(pid_file "$1")" 2>/dev/null) || return 1
  [ -n "$pid" ] && grep -q beam "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}
# members: the running nodes of kombu-c1's cluster, one a line.
members() { ctl 0 eval 'rabbit_nodes:all_running().' 2>/dev/null | tr -d "[]' " | tr ',' '\n' | grep -c '@' || true; }
formed() { answering 0 && answering 1 && answering 2 && [ "$(members)" = 3 ]; }

configure() {
  local dir="$CLUSTER_DIR/${NAMES[$1]}"
  rm -rf "$dir"
  mkdir -p "$dir/mnesia" "$dir/log"
  : > "$dir/rabbitmq-env.conf"
  echo '[].' > "$dir/enabled_plugins"
  cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:${AMQP_PORTS[$1]}
loopback_users.guest = true
CONF
  # kombu-c2 and kombu-c3 join kombu-c1 as they boot (peer discovery from this file), waiting up to a minute for it.
  if [ "$1" != 0 ]; then
    cat >> "$dir/rabbitmq.conf" <<CONF
cluster_formation.peer_discovery_backend = classic_config
cluster_formation.classic_config.nodes.1 = $SEED
cluster_formation.discovery_retry_limit = 240
cluster_formation.discovery_retry_interval = 250
CONF
  fi
  if [ "$(id -u)" = 0 ]; then chown -R rabbitmq: "$dir"; fi
}

# boot I: starts node I (or only its application, when a test stopped it) and waits until it has booted.
boot() {
  if answering "$1"; then return 0; fi
  if own_pid "$1" >/dev/null; then
    log "starting the rabbitmq application of ${NAMES[$1]}@localhost"
    ctl "$1" start_app >/dev/null
  else
    configure "$1"
    log "starting rabbitmq ${NAMES[$1]}@localhost on 127.0.0.1:${AMQP_PORTS[$1]}"
    ( node_env "$1"; /usr/sbin/rabbitmq-server -detached > "$CLUSTER_DIR/${NAMES[$1]}/start.log" 2>&1 < /dev/null )
    # await_startup fails at once before the node registers; `wait <pidfile>` waits for it.
    ctl "$1" wait --timeout 120 "$(pid_file "$1")" >/dev/null
  fi
  ctl "$1" await_startup --timeout 120 >/dev/null
}

# boot_again I: boots node I, and once more from a fresh data folder if the first boot failed.
boot_again() {
  boot "$1" && return 0
  log "${NAMES[$1]}@localhost did not boot: trying once more (see $CLUSTER_DIR/${NAMES[$1]}/log)"
  local pid; pid=$(own_pid "$1") && kill -KILL "$pid" 2>/dev/null
  boot "$1"
}

# join I: makes node I a member of kombu-c1's cluster unless it already is one (it joined as it booted).
join() {
  if ctl 0 eval 'rabbit_nodes:all().' 2>/dev/null | grep -q "${NAMES[$1]}@localhost"; then return 0; fi
  log "joining ${NAMES[$1]}@localhost to $SEED"
  # join_cluster prints harmless errors about tables of the node it just stopped: kept out of the way.
  ctl "$1" stop_app >/dev/null
  ctl "$1" join_cluster "$SEED" > "$CLUSTER_DIR/${NAMES[$1]}/join.log" 2>&1 || { cat "$CLUSTER_DIR/${NAMES[$1]}/join.log" >&2; return 1; }
  ctl "$1" start_app >/dev/null
}

start() {
  apt_install rabbitmq-server
  mkdir -p "$CLUSTER_DIR"
  if formed; then log "rabbitmq cluster already running on 127.0.0.1:5701-5703"; return 0; fi
  # Three nodes booting at once on a fresh machine would each create the shared Erlang cookie: make it first.
  local cookie=/var/lib/rabbitmq/.erlang.cookie
  if [ "$(id -u)" = 0 ] && [ ! -s "$cookie" ]; then
    (umask 077; od -An -N20 -tu1 /dev/urandom | awk '{for (i = 1; i <= NF; i++) printf "%c", 65 + $i % 26}' > "$cookie")
    chown rabbitmq: "$cookie"
    chmod 400 "$cookie"
  fi
  # The seed boots first: a node joining while the seed still migrates its schema can fail the schema check and crash
  # (seen under load). The other two then boot in parallel; a node that failed anyway is booted once more, afresh.
  local pids=() i failed=0
  boot_again 0 || failed=1
  for i in 1 2; do boot_again "$i" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  [ "$failed" = 0 ] || { log "a cluster node did not boot (logs under $CLUSTER_DIR)"; return 1; }
  join 1
  join 2
  for i in 0 1 2; do wait_tcp 127.0.0.1 "${AMQP_PORTS[$i]}"; done
  [ "$(members)" = 3 ] || { log "the cluster did not form (logs under $CLUSTER_DIR)"; return 1; }
  log "rabbitmq cluster ready: ${NAMES[*]} on 127.0.0.1:5701-5703"
}

# stop_node I: shuts node I down (killing it if it hangs) and deletes its data, when this script started it.
stop_node() {
  local pid
  pid=$(own_pid "$1") || return 1
  log "stopping rabbitmq ${NAMES[$1]}@localhost"
  ctl "$1" shutdown >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -rf "${CLUSTER_DIR:?}/${NAMES[$1]}"
}

stop() {
  local pids=() i stopped=0
  for i in 0 1 2; do stop_node "$i" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" && stopped=1; done
  [ "$stopped" = 1 ] || log "no cluster node was started by this script: left as it is"
  # epmd was started by the first node; end it only when no Erlang node is left registered with it.
  local epmd=/usr/lib/erlang/bin/epmd
  if [ -x "$epmd" ] && ! "$epmd" -names 2>/dev/null | grep -q '^name '; then "$epmd" -kill >/dev/null 2>&1 || true; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if formed; then echo "rabbitmq cluster running on 127.0.0.1:5701-5703"; else echo "rabbitmq cluster not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
