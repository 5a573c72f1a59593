#!/usr/bin/env bash
# RabbitMQ for the AMQP transport tests: Debian's rabbitmq-server on 127.0.0.1:5672 (guest/guest), no systemd.
#   bash tools/brokers/rabbitmq.sh start|stop|status
# start installs the package when missing, starts the node detached and waits until it is ready; it is a
# no-op when the node already runs. Always use /usr/sbin/rabbitmqctl (Debian's wrapper runs as user rabbitmq,
# with the node's Erlang cookie).
source "$(dirname "$0")/common.sh"
CTL=/usr/sbin/rabbitmqctl
PIDFILE=/var/lib/rabbitmq/mnesia/rabbit@localhost.pid
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"

running() { [ -x "$CTL" ] && "$CTL" -q ping >/dev/null 2>&1; }

configure() {
  mkdir -p /etc/rabbitmq
  cat > /etc/rabbitmq/rabbitmq-env.conf <<'CONF'
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
CONF
  cat > /etc/rabbitmq/rabbitmq.conf <<'CONF'
listeners.tcp.default = 127.0.0.1:5672
loopback_users.guest = true
CONF
}

start() {
  apt_install rabbitmq-server
  if running; then log "rabbitmq already running"; return 0; fi
  configure
  log "starting rabbitmq on 127.0.0.1:5672"
  /usr/sbin/rabbitmq-server -detached > "$BROKER_DIR/rabbitmq-start.log" 2>&1 < /dev/null
  # await_startup fails at once before the node registers; `wait <pidfile>` waits for it.
  "$CTL" -q wait --timeout 120 "$PIDFILE" >/dev/null
  "$CTL" -q await_startup --timeout 60 >/dev/null
  wait_tcp 127.0.0.1 5672
  log "rabbitmq ready"
}

stop() {
  if running; then
    log "stopping rabbitmq"
    "$CTL" -q shutdown >/dev/null 2>&1 || true
  fi
  command -v epmd >/dev/null && epmd -kill >/dev/null 2>&1 || true
  [ -x /usr/lib/erlang/bin/epmd ] && /usr/lib/erlang/bin/epmd -kill >/dev/null 2>&1 || true
  return 0
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "rabbitmq running on 127.0.0.1:5672"; else echo "rabbitmq stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
