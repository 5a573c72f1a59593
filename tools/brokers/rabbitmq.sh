#!/usr/bin/env bash
# RabbitMQ for the AMQP transport tests: Debian's rabbitmq-server, node rabbit@localhost on 127.0.0.1:5672
# (guest/guest, dist 25672), no systemd; data, logs and config under $BROKER_DIR/rabbitmq-rabbit, never /etc/rabbitmq.
#   bash tools/brokers/rabbitmq.sh start|stop|status
# start installs the package when missing, starts the node detached and waits until it is ready; it is a no-op when
# something already answers on 5672 (a RabbitMQ of your own is used as it is). stop ends only a node this script
# started. Control the node with `/usr/sbin/rabbitmqctl -n rabbit@localhost` (Debian's wrapper runs as user rabbitmq,
# with the node's Erlang cookie).
source "$(dirname "$0")/common.sh"
NODE_NAME=rabbit NODE_PORT=5672 DIST_PORT=25672
source "$(dirname "$0")/lib/rabbitmq-node.sh"
case "${1:-start}" in
  start) node_start ;;
  stop) node_stop ;;
  status) node_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
