#!/usr/bin/python3
"""Measures Python Kombu (Debian's python3-kombu 5.2.4) in the fault suite's scenarios, for the README's comparison.

Runs against the fault suite's own brokers (tools/brokers/*-faults.sh): RabbitMQ kombu-faults@localhost on 5682 and
Redis on 6390; it stops, kills and restarts them. Each scenario publishes N numbered messages, runs a consumer
(kombu.mixins.ConsumerMixin in a child process, acknowledging each message, slowed to keep a backlog), injects the fault
and prints: lost, duplicates, seconds from the broker's return to the next delivery.
    /usr/bin/python3 tools/faults/python_reliability.py [SCENARIO...]
"""
import json, os, signal, subprocess, sys, tempfile, threading, time, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
AMQP = "amqp://guest:guest@127.0.0.1:5682//"
REDIS = "redis://127.0.0.1:6390/3"
N = 300
N_KILL = 300

CONSUMER = r'''
import json, sys, time
from kombu import Connection, Exchange, Queue
from kombu.mixins import ConsumerMixin
url, name, delay, options, hold_at = sys.argv[1], sys.argv[2], float(sys.argv[3]), json.loads(sys.argv[4]), int(sys.argv[5])
seen = []
queue = Queue(name, Exchange(name, "direct", durable=True), name, durable=True)
class Worker(ConsumerMixin):
    def __init__(self, connection): self.connection = connection
    def get_consumers(self, Consumer, channel):
        return [Consumer([queue], callbacks=[self.on_message], accept=["json"], prefetch_count=50)]
    def on_message(self, body, message):
        seen.append(body)
        if len(seen) == hold_at:
            time.sleep(3600)   # holds this message, unacknowledged and unprinted, until it is killed
        print(json.dumps({"body": body}), flush=True)
        time.sleep(delay)
        message.ack()
with Connection(url, transport_options=options) as conn:
    Worker(conn).run()
'''


def sh(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)


def ctl(*args):
    sh("/usr/sbin/rabbitmqctl", "-q", "-n", "kombu-faults@localhost", *args)


def publish(url, name, count=N):
    from kombu import Connection, Exchange, Queue
    queue = Queue(name, Exchange(name, "direct", durable=True), name, durable=True)
    options = {"confirm_publish": True} if url.startswith("amqp") else {}
    with Connection(url, transport_options=options) as conn:
        producer = conn.Producer()
        for i in range(count):
            producer.publish(i, exchange=queue.exchange, routing_key=name, serializer="json", delivery_mode=2,
                             declare=[queue] if i == 0 else None, retry=True)
        if count == 0:
            queue(conn.default_channel).declare()


class Ledger:
    def __init__(self, expected=N):
        self.expected = expected
        self.counts, self.times, self.lock, self.t0 = {}, [], threading.Lock(), time.monotonic()

    def now(self):
        return time.monotonic() - self.t0

    def record(self, n):
        with self.lock:
            self.counts[n] = self.counts.get(n, 0) + 1
            self.times.append(self.now())

    def distinct(self):
        with self.lock:
            return len(self.counts)


def start_consumer(url, name, ledger, delay, options, hold_at=0):
    proc = subprocess.Popen([sys.executable, "-c", CONSUMER, url, name, str(delay), json.dumps(options), str(hold_at)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def read():
        for line in proc.stdout:
            try:
                ledger.record(json.loads(line)["body"])
            except (ValueError, KeyError):
                pass
    proc.reader = threading.Thread(target=read, daemon=True)
    proc.reader.start()
    return proc


def wait(cond, timeout):
    end = time.monotonic() + timeout
    while not cond() and time.monotonic() < end:
        time.sleep(0.05)
    return cond()


def broker_fault(label, url, fault, delay=0.05, options=None):
    name = "kt-py-" + uuid.uuid4().hex[:12]
    publish(url, name)
    ledger = Ledger()
    proc = start_consumer(url, name, ledger, delay, options or {})
    wait(lambda: ledger.distinct() >= 20, 60)
    fault()
    back = ledger.now()
    wait(lambda: ledger.distinct() >= N, 60)
    proc.kill()
    after = [t for t in ledger.times if t >= back]
    report(label, ledger, (min(after) - back) if after else None)


def consumer_kill(label, url, options):
    name = "kt-py-" + uuid.uuid4().hex[:12]
    publish(url, name, N_KILL)
    ledger = Ledger(N_KILL)
    proc = start_consumer(url, name, ledger, 0, {}, hold_at=20)
    wait(lambda: ledger.distinct() >= 19, 60)
    time.sleep(1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.reader.join(10)
    label += " (first consumer printed %d)" % ledger.distinct()
    proc = start_consumer(url, name, ledger, 0, options)
    wait(lambda: ledger.distinct() >= N_KILL, 30)
    proc.kill()
    report(label, ledger, None)


def report(label, ledger, recovery):
    lost = sum(1 for i in range(ledger.expected) if i not in ledger.counts)
    duplicates = sum(n - 1 for n in ledger.counts.values())
    rec = "never" if recovery is None else "%.1f s" % recovery
    print(json.dumps({"scenario": label, "published": ledger.expected, "lost": lost, "duplicates": duplicates, "first_delivery_after_return": rec}))
    sys.stdout.flush()


def stop_app(seconds):
    def fault():
        ctl("stop_app")
        time.sleep(seconds)
        ctl("start_app")
    return fault


def rabbit_kill():
    pid = open(os.path.join(os.environ.get("KOMBU_BROKER_DIR", "/tmp/kombu-brokers"), "rabbitmq-kombu-faults", "kombu-faults.pid")).read().strip()
    os.kill(int(pid), signal.SIGKILL)
    time.sleep(0.5)
    sh("bash", "tools/brokers/rabbitmq-faults.sh", "start")


def redis_shutdown():
    subprocess.run(["redis-cli", "-p", "6390", "SHUTDOWN"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    sh("bash", "tools/brokers/redis-faults.sh", "start")


def redis_client_kill():
    sh("redis-cli", "-p", "6390", "CLIENT", "KILL", "TYPE", "normal")


def undecodable(label, url, poison):
    """Poison (entries Kombu cannot decode) ahead of 10 valid messages: what a ConsumerMixin does with them."""
    name = "kt-py-" + uuid.uuid4().hex[:12]
    publish(url, name, 0)
    poison(name)
    publish(url, name, 10)
    ledger = Ledger(10)
    proc = start_consumer(url, name, ledger, 0, {})
    wait(lambda: ledger.distinct() >= 10 or proc.poll() is not None, 20)
    time.sleep(1)
    alive = proc.poll() is None
    proc.kill()
    print(json.dumps({"scenario": label, "valid_received": ledger.distinct(), "consumer": "running" if alive else "exited %s" % proc.returncode}))
    sys.stdout.flush()


def amqp_poison(name):
    import zlib
    from kombu import Connection
    with Connection(AMQP) as conn:
        producer = conn.Producer()
        for body in (zlib.compress(b'{"a": 1}')[:-3], b"\xff\xfe{"):
            producer.publish(body, routing_key=name, content_type="application/json", content_encoding="utf-8",
                             headers={"compression": "application/x-gzip"} if body[:1] == b"x" else {})


def redis_poison(name):
    import redis
    client = redis.Redis(port=6390, db=3)
    client.lpush(name, "this is not json")


def bomb(label):
    """A zlib bomb (1 GiB of zeros, ~1 MiB compressed) on RabbitMQ: peak RSS of a Python Kombu consumer and of ours."""
    import zlib
    from kombu import Connection
    name = "kt-py-" + uuid.uuid4().hex[:12]
    publish(AMQP, name, 0)
    z = zlib.compressobj()
    chunk = bytes(16 << 20)
    body = b"".join([z.compress(chunk) for _ in range(64)] + [z.flush()])
    with Connection(AMQP) as conn:
        conn.Producer().publish(body, routing_key=name, content_type="application/json", content_encoding="utf-8",
                                headers={"compression": "application/x-gzip"})
    results = {}
    cli = os.environ.get("KOMBU_CLI", os.path.join(ROOT, "Kombu.Tests", "bin", "Release", "net10.0", "Kombu.Cli.dll"))
    for who, args in (("python", [sys.executable, "-c", CONSUMER, AMQP, name, "0", "{}", "0"]),
                      ("ours", ["dotnet", cli, "consume", "--url", AMQP, "--queue", name, "--limit", "1", "--requeue"])):
        with tempfile.TemporaryFile("w+") as out:
            proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, text=True)
            timer = threading.Timer(60, proc.kill)
            timer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            timer.cancel()
            out.seek(0)
            lines = out.read().strip().splitlines()
        results[who] = {"peak_rss_mib": round(usage.ru_maxrss / 1024), "exit": os.waitstatus_to_exitcode(status),
                        "said": (lines[-1] if lines else "")[:200]}
    print(json.dumps({"scenario": label, **results}))
    sys.stdout.flush()


PUBLISHER = r'''
import sys
from kombu import Connection
url, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
confirmed = 0
try:
    with Connection(url, transport_options={"confirm_publish": True}) as conn:
        producer = conn.Producer()
        for i in range(count):
            producer.publish(i, routing_key=name, serializer="json", delivery_mode=2)
            confirmed += 1
finally:
    print(confirmed, flush=True)
'''


def publish_kill(label, count=20000):
    """A confirming Python publisher (one publish after another, each confirmed) when the node is killed with SIGKILL."""
    name = "kt-py-" + uuid.uuid4().hex[:12]
    publish(AMQP, name, 0)
    proc = subprocess.Popen([sys.executable, "-c", PUBLISHER, AMQP, name, str(count)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wait(lambda: queue_size(name) >= 500, 60)
    rabbit_kill()
    out, err = proc.communicate(timeout=120)
    confirmed = int(out.strip() or 0)
    size = queue_size(name)
    print(json.dumps({"scenario": label, "published": count, "confirmed": confirmed, "in_queue_after_restart": size,
                      "confirmed_lost": max(0, confirmed - size), "exit": proc.returncode,
                      "said": (err.strip().splitlines() or [""])[-1][:160]}))
    sys.stdout.flush()


def queue_size(name):
    from kombu import Connection
    try:
        with Connection(AMQP) as conn:
            return conn.default_channel.queue_declare(name, passive=True).message_count
    except Exception:
        return 0


SCENARIOS = {
    "amqp-stop-app-1.5": lambda: broker_fault("RabbitMQ stop_app 1.5 s, ConsumerMixin", AMQP, stop_app(1.5)),
    "amqp-stop-app-10": lambda: broker_fault("RabbitMQ stop_app 10 s, ConsumerMixin", AMQP, stop_app(10)),
    "amqp-kill": lambda: broker_fault("RabbitMQ kill -9 + restart, ConsumerMixin", AMQP, rabbit_kill),
    "redis-shutdown": lambda: broker_fault("Redis SHUTDOWN + restart, ConsumerMixin", REDIS, redis_shutdown),
    "redis-client-kill": lambda: broker_fault("Redis CLIENT KILL, ConsumerMixin", REDIS, redis_client_kill),
    "amqp-consumer-kill": lambda: consumer_kill("consumer SIGKILL, RabbitMQ", AMQP, {}),
    "redis-consumer-kill": lambda: consumer_kill("consumer SIGKILL, Redis (visibility_timeout 1 s)", REDIS, {"visibility_timeout": 1}),
    "sqlite-consumer-kill": lambda: consumer_kill("consumer SIGKILL, SQLite",
                                                  "sqla+sqlite:///" + os.path.join(tempfile.mkdtemp(), "k.db"), {}),
    "postgresql-consumer-kill": lambda: consumer_kill("consumer SIGKILL, PostgreSQL",
                                                      "sqla+postgresql://kombu:kombu@127.0.0.1:5432/kombu_test", {}),
    "amqp-undecodable": lambda: undecodable("undecodable (truncated zlib, garbage) before 10 valid, RabbitMQ", AMQP, amqp_poison),
    "redis-undecodable": lambda: undecodable("entry that is no envelope before 10 valid, Redis", REDIS, redis_poison),
    "amqp-publish-kill": lambda: publish_kill("kill -9 under a confirming publisher, RabbitMQ"),
    "bomb": lambda: bomb("zlib bomb, 1 GiB of zeros, RabbitMQ"),
}

if __name__ == "__main__":
    for key in sys.argv[1:] or SCENARIOS:
        SCENARIOS[key]()
