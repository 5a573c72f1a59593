# A RabbitMQ node run by these scripts (sourced, not run): its own name, ports, data, logs, config and
# enabled-plugins files under $BROKER_DIR/rabbitmq-<name>; nothing under /etc/rabbitmq is read or written, so it
# coexists with any other node. Debian's /usr/sbin wrappers run the node and rabbitmqctl as user rabbitmq, so every
# node shares that user's Erlang cookie.
# Set NODE_NAME (short, e.g. kombu-faults), NODE_PORT and DIST_PORT, then call node_start|node_stop|node_status.
# start is a no-op when the AMQP port already answers (a broker of your own is used as it is); stop ends only the
# node this script started (its pid file under $BROKER_DIR, written by the node itself).
CTL=/usr/sbin/rabbitmqctl
NODE="$NODE_NAME@localhost"
NODE_DIR="$BROKER_DIR/rabbitmq-$NODE_NAME"
NODE_PIDFILE="$NODE_DIR/$NODE_NAME.pid"

node_env() {
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_NODENAME="$NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$NODE_PORT"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  export RABBITMQ_CONF_ENV_FILE="$NODE_DIR/rabbitmq-env.conf" RABBITMQ_CONFIG_FILE="$NODE_DIR/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$NODE_DIR/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$NODE_DIR/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$NODE_DIR/mnesia" RABBITMQ_LOG_BASE="$NODE_DIR/log" RABBITMQ_PID_FILE="$NODE_PIDFILE"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

node_ctl() { "$CTL" -q -n "$NODE" "$@"; }
node_answering() { (exec 3<>"/dev/tcp/127.0.0.1/$NODE_PORT") 2>/dev/null; }
# The node's pid when this script started it and it still runs.
node_own_pid() {
  local pid; pid=$(cat "$NODE_PIDFILE" 2>/dev/null) || return 1
  [ -n "$pid" ] && grep -q beam "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}

# Writes this node's own files (only when it is down).
node_configure() {
  mkdir -p "$NODE_DIR/mnesia" "$NODE_DIR/log"
  : > "$NODE_DIR/rabbitmq-env.conf"
  echo '[].' > "$NODE_DIR/enabled_plugins"
  cat > "$NODE_DIR/rabbitmq.conf" <<CONF
listeners.tcp.default = 127.0.0.1:$NODE_PORT
loopback_users.guest = true
CONF
  if [ "$(id -u)" = 0 ]; then chown -R rabbitmq: "$NODE_DIR"; fi
}

node_start() {
  apt_install rabbitmq-server
  node_env
  if node_answering; then log "rabbitmq already running on 127.0.0.1:$NODE_PORT (used as it is)"; return 0; fi
  if node_own_pid >/dev/null; then
    # Our node runs with its application stopped (rabbitmqctl stop_app): start the application.
    log "starting the rabbitmq application of $NODE"
    node_ctl start_app >/dev/null
  else
    node_configure
    log "starting rabbitmq $NODE on 127.0.0.1:$NODE_PORT"
    /usr/sbin/rabbitmq-server -detached > "$NODE_DIR/start.log" 2>&1 < /dev/null
    # await_startup fails at once before the node registers; `wait <pidfile>` waits for it.
    node_ctl wait --timeout 120 "$NODE_PIDFILE" >/dev/null
    node_ctl await_startup --timeout 60 >/dev/null
  fi
  wait_tcp 127.0.0.1 "$NODE_PORT"
  log "rabbitmq $NODE ready"
}

node_stop() {
  node_env
  local pid
  pid=$(node_own_pid) || { log "rabbitmq on 127.0.0.1:$NODE_PORT was not started by this script: left as it is"; return 0; }
  log "stopping rabbitmq $NODE"
  node_ctl shutdown >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$NODE_PIDFILE"
  # epmd was started by the node; end it only when no Erlang node is left registered with it.
  local epmd=/usr/lib/erlang/bin/epmd
  if [ -x "$epmd" ] && ! "$epmd" -names 2>/dev/null | grep -q '^name '; then "$epmd" -kill >/dev/null 2>&1 || true; fi
}

node_status() {
  node_env
  if node_answering; then echo "rabbitmq running on 127.0.0.1:$NODE_PORT"
  else echo "rabbitmq $NODE stopped"; return 3; fi
}
