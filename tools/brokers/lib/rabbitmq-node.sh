# An extra RabbitMQ node beside the shared rabbit@localhost (sourced, not run): its own name, ports, data, logs,
# config and enabled-plugins files under $BROKER_DIR/<name>; nothing under /etc/rabbitmq is read or written.
# Debian's /usr/sbin wrappers run the node and rabbitmqctl as user rabbitmq, so it shares that user's Erlang cookie.
# Set NODE_NAME (short, e.g. kombu-faults), NODE_PORT and DIST_PORT, then call node_start|node_stop|node_status.
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
node_running() { [ -x "$CTL" ] && node_ctl ping >/dev/null 2>&1; }
node_pid() { cat "$NODE_PIDFILE" 2>/dev/null; }

# Writes this node's own files (never a running node's: start calls it only when the node is down).
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
  if node_running; then log "rabbitmq $NODE already running on 127.0.0.1:$NODE_PORT"; return 0; fi
  node_configure
  log "starting rabbitmq $NODE on 127.0.0.1:$NODE_PORT"
  /usr/sbin/rabbitmq-server -detached > "$NODE_DIR/start.log" 2>&1 < /dev/null
  node_ctl wait --timeout 120 "$NODE_PIDFILE" >/dev/null
  node_ctl await_startup --timeout 60 >/dev/null
  wait_tcp 127.0.0.1 "$NODE_PORT"
  log "rabbitmq $NODE ready"
}

node_stop() {
  node_env
  if node_running; then
    log "stopping rabbitmq $NODE"
    node_ctl shutdown >/dev/null 2>&1 || true
  fi
  local pid; pid=$(node_pid)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$NODE_PIDFILE"
}

node_status() {
  node_env
  if node_running; then echo "rabbitmq $NODE running on 127.0.0.1:$NODE_PORT (pid $(node_pid))"
  else echo "rabbitmq $NODE stopped"; return 3; fi
}
