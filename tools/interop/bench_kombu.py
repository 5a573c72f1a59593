"""The Python Kombu side of the throughput harness (tools/bench/run.sh).

    /usr/bin/python3 tools/interop/bench_kombu.py URL N [--prefetch P] [--confirm | --pidbox]

Publishes N messages of a 100-byte JSON body to a fresh queue, then consumes them with a callback that acks
each one (prefetch P), and prints one JSON line: {"publish": msg/s, "consume": msg/s}. With --confirm it only
publishes, with the confirm_publish transport option, and prints consume 0. With --pidbox it times N pidbox
calls to a node served by a thread on a second connection and prints {"p50": ms, "p99": ms}.
"""
import argparse
import json
import math
import socket
import threading
import time
import uuid

from kombu import Connection, Consumer, Producer, Queue
from kombu.pidbox import Mailbox

SIZE = 100


def body(index):
    doc = {"i": index, "task": "bench", "pad": ""}
    empty = len(json.dumps(doc).encode())
    doc["pad"] = "x" * max(0, SIZE - empty)
    return doc


def wait_ready(queue, count):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        _, ready, _ = queue.queue_declare(passive=True)
        if ready >= count:
            return
        time.sleep(0.02)


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(max(math.ceil(p * len(ordered)) - 1, 0), len(ordered) - 1)]


def pidbox(url, count):
    mailbox = Mailbox("kombu.bench." + uuid.uuid4().hex, type="direct")
    stop = threading.Event()
    with Connection(url) as node_conn, Connection(url) as client:
        node = mailbox(node_conn).Node("bench@node")
        node.handlers["ping"] = lambda state, **kwargs: "pong"
        node.listen(channel=node_conn.default_channel)

        def serve():
            while not stop.is_set():
                try:
                    node_conn.drain_events(timeout=0.1)
                except socket.timeout:
                    pass

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        bound = mailbox(client)
        for _ in range(20):
            bound._broadcast("ping", destination=["bench@node"], reply=True, timeout=5)
        samples = []
        for _ in range(count):
            start = time.perf_counter()
            replies = bound._broadcast("ping", destination=["bench@node"], reply=True, timeout=5)
            samples.append((time.perf_counter() - start) * 1000)
            if len(replies) != 1:
                raise SystemExit("pidbox: got %d replies" % len(replies))
        stop.set()
        thread.join()
    print(json.dumps({"p50": percentile(samples, 0.5), "p99": percentile(samples, 0.99)}))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("count", type=int)
    parser.add_argument("--prefetch", type=int, default=100)
    parser.add_argument("--confirm", action="store_true")
    parser.add_argument("--pidbox", action="store_true")
    args = parser.parse_args()
    if args.pidbox:
        pidbox(args.url, args.count)
        return
    options = {"confirm_publish": True} if args.confirm else {}
    queue = Queue("kombu.bench.python." + uuid.uuid4().hex)
    bodies = [body(i) for i in range(args.count)]
    with Connection(args.url, transport_options=options) as conn:
        channel = conn.default_channel
        bound = queue(channel)
        bound.declare()
        producer = Producer(channel, routing_key=queue.name, serializer="json")
        start = time.perf_counter()
        for item in bodies:
            producer.publish(item)
        publish = args.count / (time.perf_counter() - start)
        consume = 0.0
        if not args.confirm:
            if not args.url.startswith("memory"):
                wait_ready(bound, args.count)
            received = [0]

            def on_message(_body, message):
                received[0] += 1
                message.ack()

            with Consumer(channel, [queue], callbacks=[on_message], prefetch_count=args.prefetch):
                start = time.perf_counter()
                while received[0] < args.count:
                    conn.drain_events(timeout=30)
                consume = args.count / (time.perf_counter() - start)
        bound.delete()
    print(json.dumps({"publish": publish, "consume": consume}))


if __name__ == "__main__":
    main()
