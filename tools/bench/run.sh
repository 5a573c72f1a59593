#!/usr/bin/env bash
# The throughput harness (issue #9), one command: builds Release and prints msg/s of the raw driver, our
# Producer/Consumer and Python Kombu side by side for each broker on 127.0.0.1, with the ratios.
#   bash tools/bench/run.sh [--count N] [--rounds R] [--brokers memory,amqp] [--readme] [--smoke] [--no-python] [--no-tiered] [--no-curves] [--curves queues,size,consumers]
# Our rows run twice: fully optimized here, and with the runtime's default tiered compilation (what users get) in a
# child process, printed side by side (--no-tiered skips the child; smoke runs skip it).
# --readme rewrites the block between <!-- bench:start --> and <!-- bench:end --> in README.md.
# --rounds R (default 3): the clients take turns R times and each one's median is printed.
# --smoke runs a few thousand messages once, on the memory transport only (unless --brokers is given); tools/test.sh
# calls it so the harness cannot rot. Brokers are not started here: bash tools/brokers/rabbitmq.sh start.
# The micro-benchmarks are separate: bash tools/bench/micro.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Each run lasts well under a second: with tiered compilation it would time tier-0 code for part of the run (memory
# publish measured 180k/s instead of 950k/s), so every client runs fully optimized code from the start.
export DOTNET_TieredCompilation=0
dotnet build tools/bench/Kombu.Bench/Kombu.Bench.csproj -c Release -nologo -v quiet >&2
KOMBU_ROOT="$root" dotnet tools/bench/Kombu.Bench/bin/Release/net10.0/Kombu.Bench.dll "$@"
