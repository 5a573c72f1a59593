"""Celery app for interop tests: `celery -A celery_app worker` with KOMBU_INTEROP_BROKER / KOMBU_INTEROP_BACKEND.

  /usr/bin/python3 -m celery -A celery_app worker --pool=solo --concurrency=1 -Q QUEUE -n NAME@%h
  /usr/bin/python3 celery_app.py send TASK ARGS-JSON [--queue Q] [--timeout S] [--no-wait] [--kwargs JSON]
                                     [--countdown S] [--task-id ID] [--protocol 1|2]
      send_task; prints {"id", "before": unix time before sending}, then {"result"} or {"error": {"type", "message", "state"}}
  /usr/bin/python3 celery_app.py revoke ID                   app.control.revoke(ID)
  /usr/bin/python3 celery_app.py inspect METHOD DEST [--timeout S]   one JSON line: the replies of DEST
  /usr/bin/python3 celery_app.py events HOSTNAME UUID [--timeout S]
      EventReceiver: prints "ready" once consuming, then each event of HOSTNAME as JSON, until UUID succeeded
"""
import json
import os
import sys
import time

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


@app.task(name="interop.tsum")
def tsum(values):
    return sum(values)


@app.task(name="interop.fail")
def fail(message):
    raise ValueError(message)


@app.task(name="interop.stamp")
def stamp():
    return time.time()


@app.task(name="interop.flaky", bind=True, max_retries=3)
def flaky(self, times):
    if self.request.retries < times:
        raise self.retry(countdown=0.1)
    return self.request.retries


def option(name, default=None, cast=str):
    return cast(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def send():
    if "--protocol" in sys.argv:
        app.conf.task_protocol = option("--protocol", 2, int)
    before = time.time()
    result = app.send_task(sys.argv[2], args=json.loads(sys.argv[3]), kwargs=json.loads(option("--kwargs", "{}")),
                           queue=option("--queue", "celery"), countdown=option("--countdown", None, float),
                           task_id=option("--task-id"))
    print(json.dumps({"id": result.id, "before": before}), flush=True)
    if "--no-wait" in sys.argv:
        return
    try:
        print(json.dumps({"result": result.get(timeout=option("--timeout", 30, float))}), flush=True)
    except Exception as exc:  # the remote failure, rebuilt by Celery
        print(json.dumps({"error": {"type": type(exc).__name__, "message": str(exc), "state": result.state}}), flush=True)


def events():
    hostname, uuid = sys.argv[2], sys.argv[3]

    def on_event(event):
        if event.get("hostname") != hostname:
            return
        print(json.dumps(event), flush=True)
        if event.get("type") == "task-succeeded" and event.get("uuid") == uuid:
            raise SystemExit(0)

    deadline = time.time() + option("--timeout", 30, float)
    with app.connection() as connection:
        receiver = app.events.Receiver(connection, handlers={"*": on_event})
        with receiver.consumer_context(wakeup=False) as (conn, _, _):
            print("ready", flush=True)
            while time.time() < deadline:
                try:
                    conn.drain_events(timeout=1)
                except (TimeoutError, OSError):
                    pass
    raise SystemExit(1)


if __name__ == "__main__" and len(sys.argv) >= 3:
    command = sys.argv[1]
    if command == "send":
        send()
    elif command == "revoke":
        app.control.revoke(sys.argv[2])
        print(json.dumps({"revoked": sys.argv[2]}), flush=True)
    elif command == "inspect":
        replies = app.control.inspect(destination=[sys.argv[3]], timeout=option("--timeout", 5, float))
        print(json.dumps(getattr(replies, sys.argv[2])()), flush=True)
    elif command == "events":
        events()
