#!/usr/bin/env bash
# The BenchmarkDotNet micro-benchmarks (MemoryDiagnoser, short in-process job): builds Release and runs them.
#   bash tools/bench/micro.sh [BenchmarkDotNet arguments; default --filter '*']
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build tools/bench/Kombu.Benchmarks/Kombu.Benchmarks.csproj -c Release -nologo -v quiet >&2
[ $# -gt 0 ] || set -- --filter '*'
cd tools/bench/Kombu.Benchmarks/bin/Release/net10.0
dotnet Kombu.Benchmarks.dll --artifacts "$root/tools/bench/BenchmarkDotNet.Artifacts" "$@"
