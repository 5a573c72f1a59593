#!/usr/bin/env bash
# beanstalkd for the beanstalk transport tests: Debian's beanstalkd on 127.0.0.1:11300, in memory (no binlog).
#   bash tools/brokers/beanstalkd.sh start|stop|status
# start installs the package when missing, starts the server in the background with a pid file under
# $BROKER_DIR and waits until it accepts connections; it is a no-op when the server already runs.
source "$(dirname "$0")/common.sh"
PIDFILE="$BROKER_DIR/beanstalkd.pid"
LOGFILE="$BROKER_DIR/beanstalkd.log"

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

start() {
  apt_install beanstalkd
  if running; then log "beanstalkd already running (pid $(cat "$PIDFILE"))"; return 0; fi
  log "starting beanstalkd on 127.0.0.1:11300"
  # exec: the recorded pid is beanstalkd's own, and no shell keeps the caller's stdout open.
  (exec beanstalkd -l 127.0.0.1 -p 11300 > "$LOGFILE" 2>&1 < /dev/null) &
  echo $! > "$PIDFILE"
  wait_tcp 127.0.0.1 11300
  log "beanstalkd ready"
}

stop() {
  if running; then
    log "stopping beanstalkd"
    kill -TERM "$(cat "$PIDFILE")"
    for _ in $(seq 1 50); do running || break; sleep 0.1; done
  fi
  rm -f "$PIDFILE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "beanstalkd running on 127.0.0.1:11300 (pid $(cat "$PIDFILE"))"; else echo "beanstalkd stopped"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
