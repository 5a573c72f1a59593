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
}

if __name__ == "__main__":
    for key in sys.argv[1:] or SCENARIOS:
        SCENARIOS[key]()
