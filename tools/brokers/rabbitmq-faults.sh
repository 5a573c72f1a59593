#!/usr/bin/env bash
# The fault suite's own RabbitMQ node, kombu-faults@localhost on 127.0.0.1:5682 (dist 25682), which tests stop,
# kill -9 and restart; the shared rabbit@localhost on 5672 is never touched. Data, logs and config under
# $BROKER_DIR/rabbitmq-kombu-faults.
#   bash tools/brokers/rabbitmq-faults.sh start|stop|status
source "$(dirname "$0")/common.sh"
NODE_NAME=kombu-faults NODE_PORT=5682 DIST_PORT=25682
source "$(dirname "$0")/lib/rabbitmq-node.sh"
case "${1:-start}" in
  start) node_start ;;
  stop) node_stop ;;
  status) node_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
