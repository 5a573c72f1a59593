#!/usr/bin/python3
"""Python Kombu peer for interop tests (run with Debian's /usr/bin/python3).

  kombu_peer.py publish URL --exchange E [--type direct] [--routing-key K] [--serializer json]
                [--compression zlib] [--headers JSON] [--properties JSON] [--priority N]
                [--declare-queue Q [--binding-key K] [--max-priority N]] [--count N]
                (--body JSON | --raw-b64 B64 [--content-type T --content-encoding E])
  kombu_peer.py consume URL --queue Q [--exchange E --type T --routing-key K] [--limit N]
                [--timeout S] [--accept json,...] [--max-priority N] [--no-ack] [--get]
      prints one JSON object per message: body (decoded; bytes as {"__bytes_b64__": ...}),
      body_b64 (raw body), content_type, content_encoding, headers, properties, delivery_info
  kombu_peer.py mailbox-node URL NAMESPACE HOSTNAME [--type fanout]
      serves ping (-> "pong") and echo (-> its arguments) until killed; prints READY once listening
  kombu_peer.py mailbox-call URL NAMESPACE METHOD [ARGS-JSON] [--destination H,...] [--timeout S]
                [--type fanout] [--limit N]
      prints the list of replies as one JSON line
  Every command also takes --transport-options JSON (e.g. '{"visibility_timeout": 2}'); consume takes
  --exit-without-ack: print the first message, then die at once (os._exit) without acking or restoring it;
  --restore-visible: first run the Redis QoS visibility-timeout sweep once (what a Celery worker does when its
  event loop starts; kombu's synchronous drain_events only sweeps after an idle poll shorter than the BRPOP timeout).
"""
import argparse
import base64
import datetime
import decimal
import json
import os
import sys
import uuid

from kombu import Connection, Consumer, Exchange, Producer, Queue, pidbox


def plain(value):
    """Turns a decoded body into JSON-printable data, marking bytes and other non-JSON values."""
    if isinstance(value, (bytes, bytearray)):
        return {"__bytes_b64__": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return {"__isoformat__": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, uuid.UUID):
        return {"__uuid__": str(value)}
    return value


def connect(args):
    """Opens the connection with the --transport-options given, if any."""
    options = json.loads(args.transport_options) if getattr(args, "transport_options", None) else None
    return Connection(args.url, transport_options=options)


def queue_for(args, exchange):
    qargs = {"x-max-priority": args.max_priority} if args.max_priority else None
    return Queue(args.queue, exchange=exchange,
                 routing_key=args.routing_key if args.routing_key is not None else args.queue,
                 queue_arguments=qargs, durable=False, auto_delete=False)


def publish(args):
    exchange = Exchange(args.exchange, type=args.type, durable=False)
    with connect(args) as conn:
        channel = conn.channel()
        declare = []
        if args.declare_queue:
            qargs = {"x-max-priority": args.max_priority} if args.max_priority else None
            declare.append(Queue(args.declare_queue, exchange=exchange,
                                 routing_key=args.binding_key if args.binding_key is not None else args.routing_key,
                                 queue_arguments=qargs, durable=False, auto_delete=False))
        producer = Producer(channel, exchange=exchange)
        kwargs = dict(routing_key=args.routing_key, headers=json.loads(args.headers) if args.headers else None,
                      priority=args.priority, compression=args.compression, declare=declare,
                      **(json.loads(args.properties) if args.properties else {}))
        if args.raw_b64 is not None:
            body = base64.b64decode(args.raw_b64)
            if args.content_type:
                kwargs.update(content_type=args.content_type, content_encoding=args.content_encoding or "binary")
            else:
                kwargs.update(serializer=args.serializer)
        else:
            body = json.loads(args.body)
            kwargs.update(serializer=args.serializer or "json")
        for _ in range(args.count):
            producer.publish(body, **kwargs)
    print("PUBLISHED", flush=True)


def describe(body, message):
    return {
        "body": plain(body),
        "body_b64": base64.b64encode(message.body if isinstance(message.body, bytes) else message.body.encode()).decode(),
        "content_type": message.content_type,
        "content_encoding": message.content_encoding,
        "headers": plain(message.headers),
        "properties": plain({k: v for k, v in message.properties.items() if k != "delivery_info"}),
        "delivery_info": plain({k: v for k, v in message.delivery_info.items()
                                if k in ("exchange", "routing_key", "redelivered")}),
    }


def consume(args):
    exchange = Exchange(args.exchange, type=args.type, durable=False) if args.exchange else Exchange("")
    accept = args.accept.split(",") if args.accept else None
    seen = 0
    with connect(args) as conn:
        channel = conn.channel()
        queue = queue_for(args, exchange)(channel)
        queue.declare()
        if args.restore_visible:
            channel.qos.restore_visible(num=getattr(channel, "unacked_restore_limit", None) or 10)
        if args.get:
            while seen < args.limit:
                message = queue.get(no_ack=args.no_ack, accept=accept)
                if message is None:
                    break
                print(json.dumps(describe(message.decode(), message)), flush=True)
                if not args.no_ack:
                    message.ack()
                seen += 1
            return

        def on_message(body, message):
            nonlocal seen
            print(json.dumps(describe(body, message)), flush=True)
            if args.exit_without_ack:
                os._exit(0)
            if not args.no_ack:
                message.ack()
            seen += 1

        with Consumer(channel, [queue], callbacks=[on_message], accept=accept, no_ack=args.no_ack):
            print("READY", file=sys.stderr, flush=True)
            while seen < args.limit:
                try:
                    conn.drain_events(timeout=args.timeout)
                except Exception:  # socket.timeout and friends: nothing more arrived
                    break


def mailbox_node(args):
    mailbox = pidbox.Mailbox(args.namespace, type=args.type)

    # kombu's Mailbox has no handler decorator (that is Celery's Panel): handlers go to the Node.
    def ping(state, **kwargs):
        return "pong"

    def echo(state, **kwargs):
        return kwargs

    with connect(args) as conn:
        node = mailbox(conn).Node(args.hostname, state={}, handlers={"ping": ping, "echo": echo})
        consumer = node.listen(channel=conn.channel())
        print("READY", flush=True)
        try:
            while True:
                try:
                    conn.drain_events(timeout=1)
                except Exception:
                    pass
        finally:
            consumer.cancel()


def mailbox_call(args):
    mailbox = pidbox.Mailbox(args.namespace, type=args.type)
    arguments = json.loads(args.arguments) if args.arguments else {}
    with connect(args) as conn:
        bound = mailbox(conn)
        if args.destination:
            replies = bound._broadcast(args.method, arguments, args.destination.split(","), reply=True,
                                       timeout=args.timeout, limit=args.limit)
        else:
            replies = bound._broadcast(args.method, arguments, None, reply=True, timeout=args.timeout,
                                       limit=args.limit)
        print(json.dumps(plain(replies)), flush=True)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("publish")
    p.add_argument("url")
    p.add_argument("--exchange", default="")
    p.add_argument("--type", default="direct")
    p.add_argument("--routing-key", default="")
    p.add_argument("--serializer")
    p.add_argument("--compression")
    p.add_argument("--headers")
    p.add_argument("--properties")
    p.add_argument("--priority", type=int, default=0)
    p.add_argument("--declare-queue")
    p.add_argument("--binding-key")
    p.add_argument("--max-priority", type=int)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--body")
    p.add_argument("--raw-b64")
    p.add_argument("--content-type")
    p.add_argument("--content-encoding")
    c = sub.add_parser("consume")
    c.add_argument("url")
    c.add_argument("--queue", required=True)
    c.add_argument("--exchange")
    c.add_argument("--type", default="direct")
    c.add_argument("--routing-key")
    c.add_argument("--limit", type=int, default=1)
    c.add_argument("--timeout", type=float, default=10)
    c.add_argument("--accept")
    c.add_argument("--max-priority", type=int)
    c.add_argument("--no-ack", action="store_true")
    c.add_argument("--get", action="store_true")
    c.add_argument("--exit-without-ack", action="store_true")
    c.add_argument("--restore-visible", action="store_true")
    n = sub.add_parser("mailbox-node")
    n.add_argument("url")
    n.add_argument("namespace")
    n.add_argument("hostname")
    n.add_argument("--type", default="direct")
    m = sub.add_parser("mailbox-call")
    m.add_argument("url")
    m.add_argument("namespace")
    m.add_argument("method")
    m.add_argument("arguments", nargs="?")
    m.add_argument("--destination")
    m.add_argument("--timeout", type=float, default=5)
    m.add_argument("--limit", type=int)
    m.add_argument("--type", default="direct")
    for command in (p, c, n, m):
        command.add_argument("--transport-options")
    args = parser.parse_args()
    {"publish": publish, "consume": consume, "mailbox-node": mailbox_node, "mailbox-call": mailbox_call}[args.command](args)


if __name__ == "__main__":
    main()
