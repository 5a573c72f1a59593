#!/usr/bin/env bash
# The fault suite's own Redis on 127.0.0.1:6390 (append-only file, so data survives), which tests SHUTDOWN, kill -9,
# CLIENT KILL and restart; the shared Redis on 6379 is never touched.
#   bash tools/brokers/redis-faults.sh start|stop|status
KOMBU_REDIS_PORT=6390 KOMBU_REDIS_PERSIST=1 exec bash "$(dirname "$0")/redis.sh" "$@"
