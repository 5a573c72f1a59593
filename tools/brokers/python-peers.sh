#!/usr/bin/env bash
# The Python peers interop tests run against: Debian's python3-kombu and python3-celery, used with
# /usr/bin/python3 (the python3 on PATH may not see Debian's packages). Nothing to start or stop.
#   bash tools/brokers/python-peers.sh start|stop|status
source "$(dirname "$0")/common.sh"
case "${1:-start}" in
  start|install)
    apt_install python3-kombu python3-celery python3-redis python3-yaml python3-msgpack python3-sqlalchemy \
      python3-brotli python3-zstandard
    /usr/bin/python3 -c 'import kombu, celery' ;;
  stop) ;;
  status) /usr/bin/python3 -c 'import kombu, celery; print("kombu", kombu.__version__, "celery", celery.__version__)' ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
