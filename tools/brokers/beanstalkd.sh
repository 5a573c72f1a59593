#!/usr/bin/env bash
# beanstalkd for the beanstalk transport tests: Debian's beanstalkd on 127.0.0.1:$KOMBU_BEANSTALKD_PORT (default
# 11300), in memory (no binlog).
#   bash tools/brokers/beanstalkd.sh start|stop|status
# start installs the package when missing, starts the server in the background with a pid file under $BROKER_DIR
# and waits until it accepts connections; it is a no-op when the port already answers (a server of your own is used
# as it is). stop ends only the server this script started (the pid in its pid file).
# KOMBU_BEANSTALKD_BINLOG=1 keeps the jobs across restarts and kill -9 (binlog under $BROKER_DIR, fsync each write).
source "$(dirname "$0")/common.sh"
PORT=${KOMBU_BEANSTALKD_PORT:-11300}
if [ "$PORT" = 11300 ]; then NAME=beanstalkd; else NAME="beanstalkd-$PORT"; fi
PIDFILE="$BROKER_DIR/$NAME.pid"
LOGFILE="$BROKER_DIR/$NAME.log"

start() {
  apt_install beanstalkd
  if answering "$PORT"; then log "something already answers on 127.0.0.1:$PORT: used as it is"; return 0; fi
  log "starting beanstalkd on 127.0.0.1:$PORT"
  local binlog=()
  if [ "${KOMBU_BEANSTALKD_BINLOG:-0}" = 1 ]; then
    mkdir -p "$BROKER_DIR/$NAME.binlog"
    binlog=(-b "$BROKER_DIR/$NAME.binlog" -f 0)
  fi
  # exec: the recorded pid is beanstalkd's own, and no shell keeps the caller's stdout open.
  (exec beanstalkd -l 127.0.0.1 -p "$PORT" "${binlog[@]}" > "$LOGFILE" 2>&1 < /dev/null) &
  echo $! > "$PIDFILE"
  wait_tcp 127.0.0.1 "$PORT"
  log "beanstalkd ready on 127.0.0.1:$PORT"
}

case "${1:-start}" in
  start) start ;;
  stop) stop_own "$PIDFILE" beanstalkd "beanstalkd on 127.0.0.1:$PORT" ;;
  status) if answering "$PORT"; then echo "beanstalkd running on 127.0.0.1:$PORT"; else echo "beanstalkd stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
