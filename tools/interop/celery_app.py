"""Celery app for interop tests: `celery -A celery_app worker` with KOMBU_INTEROP_BROKER / KOMBU_INTEROP_BACKEND.

  /usr/bin/python3 -m celery -A celery_app worker --pool=solo --concurrency=1 -Q QUEUE -n NAME@%h
  /usr/bin/python3 celery_app.py send TASK ARGS-JSON [--queue Q] [--timeout S]   (send_task, prints the result)
"""
import json
import os
import sys

from celery import Celery

app = Celery("interop", broker=os.environ.get("KOMBU_INTEROP_BROKER", "amqp://guest:guest@127.0.0.1:5672//"),
             backend=os.environ.get("KOMBU_INTEROP_BACKEND", "rpc://"))
app.conf.update(task_serializer="json", result_serializer="json", accept_content=["json"],
                worker_hijack_root_logger=False, broker_connection_retry_on_startup=True)


@app.task(name="interop.add")
def add(x, y):
    return x + y


@app.task(name="interop.echo")
def echo(value):
    return value


if __name__ == "__main__" and len(sys.argv) >= 4 and sys.argv[1] == "send":
    queue = sys.argv[sys.argv.index("--queue") + 1] if "--queue" in sys.argv else "celery"
    timeout = float(sys.argv[sys.argv.index("--timeout") + 1]) if "--timeout" in sys.argv else 30
    wait = "--no-wait" not in sys.argv
    result = app.send_task(sys.argv[2], args=json.loads(sys.argv[3]), queue=queue)
    print(json.dumps({"id": result.id}), flush=True)
    if wait:
        print(json.dumps({"result": result.get(timeout=timeout)}), flush=True)
