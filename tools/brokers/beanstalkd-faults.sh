#!/usr/bin/env bash
# The fault suite's own beanstalkd on 127.0.0.1:11310 (binlog, so jobs survive), which tests kill -9 and restart; the
# shared one on 11300 is never touched.
#   bash tools/brokers/beanstalkd-faults.sh start|stop|status
KOMBU_BEANSTALKD_PORT=11310 KOMBU_BEANSTALKD_BINLOG=1 exec bash "$(dirname "$0")/beanstalkd.sh" "$@"
