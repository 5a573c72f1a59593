#!/usr/bin/env bash
# The packaging test (tools/test.sh runs it after the build): packs every shipped project into a local folder, then,
# as a new user would, creates a console app in a temporary folder, adds Kombu and a transport from that folder,
# compiles the README's quick overview into it and runs it on memory://, then compiles (and runs, on memory://) every other
# README sample marked `<!-- sample: NAME run|compile [on memory://] -->` in a second app that adds Kombu.Compat and
# Kombu.Extensions.Hosting, and installs the kombu tool from the folder and runs `kombu demo`. Exits non-zero, saying which step failed, when any step fails.
# Usage: bash tools/pack-test.sh [--no-build]   (--no-build packs what the last Release build left)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build_flag=()
[ "${1:-}" = --no-build ] && build_flag=(--no-build)

work="$(mktemp -d "${TMPDIR:-/tmp}/kombu-pack-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
step() { echo "pack-test: [${SECONDS}s] $*"; }
fail() { echo "pack-test: FAILED: $*" >&2; exit 1; }

# A version of this run's own, so no package cache can hand back an older build of the same version.
suffix="packtest.$(date +%s)"
version="$(dotnet msbuild Kombu/Kombu.csproj -getProperty:VersionPrefix)-$suffix"

step "packing $version into $feed"
dotnet pack Kombu.sln -c Release -nologo -v quiet "${build_flag[@]}" -o "$feed" \
  -p:VersionSuffix="$suffix" -p:ContinuousIntegrationBuild=true >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log" >&2; fail "dotnet pack"; }
expected=(Kombu Kombu.Compat Kombu.Cli Kombu.Celery Kombu.Celery.Redis Kombu.Celery.Hosting Kombu.Extensions.Hosting
  Kombu.Transport.Amqp Kombu.Transport.Redis Kombu.Transport.Sqs Kombu.Transport.Beanstalk Kombu.Transport.MongoDb
  Kombu.Transport.CouchDb Kombu.Transport.Sql)
for id in "${expected[@]}"; do
  [ -f "$feed/$id.$version.nupkg" ] || fail "no $id.$version.nupkg"
  [ -f "$feed/$id.$version.snupkg" ] || fail "no $id.$version.snupkg (symbols)"
done
packed=$(find "$feed" -name '*.nupkg' | wc -l)
[ "$packed" -eq "${#expected[@]}" ] || fail "$packed packages packed, expected ${#expected[@]}: $(ls "$feed")"
# Each package carries its README, and the libraries their XML docs.
/usr/bin/python3 - "$feed" "$version" <<'PY' || fail "package contents"
import sys, zipfile, pathlib
feed, version = pathlib.Path(sys.argv[1]), sys.argv[2]
for nupkg in sorted(feed.glob("*.nupkg")):
    names = zipfile.ZipFile(nupkg).namelist()
    pid = nupkg.name[: -len(f".{version}.nupkg")]
    assert "README.md" in names, f"{nupkg.name}: no README.md"
    if pid != "Kombu.Cli":
        assert f"lib/net10.0/{pid}.xml" in names, f"{nupkg.name}: no XML docs"
    else:
        assert any(n.startswith("tools/net10.0/any/") for n in names), f"{nupkg.name}: not a dotnet tool"
PY

# Restore from the local folder for Kombu packages only, the machine's usual registry for everything else; packages
# land in a private folder, falling back to the machine's cache for the third-party ones already there.
cache="$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')"
upstream="$(dotnet nuget list source --format short 2>/dev/null | awk '$1 ~ /^E/ {print $2; exit}')"
[ -n "$upstream" ] || upstream="https://api.nuget.org/v3/index.json"
cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <fallbackPackageFolders>
    <add key="machine" value="$cache" />
  </fallbackPackageFolders>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="upstream" value="$upstream" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="Kombu" />
      <package pattern="Kombu.*" />
    </packageSource>
    <packageSource key="upstream">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
EOF

step "new console app with Kombu and Kombu.Transport.Redis"
app="$work/app"
dotnet new console -o "$app" -n QuickOverview >"$work/new.log" 2>&1 || { cat "$work/new.log" >&2; fail "dotnet new console"; }
for id in Kombu Kombu.Transport.Redis; do
  (cd "$app" && dotnet add package "$id" --version "$version") >"$work/add.log" 2>&1 \
    || { cat "$work/add.log" >&2; fail "dotnet add package $id"; }
done
# The README's samples: the csharp block after each line `<!-- sample: NAME run|compile [on memory://] -->`.
# `samples` lists "NAME MODE memory|as-written", one a line; `sample NAME FILE` writes that block to FILE, as written
# or, for `on memory://`, with each `new Connection("…")` URL swapped for memory:// (a fresh broker every run).
readme_samples() {
  /usr/bin/python3 - README.md "$@" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
found = re.findall(r"^<!-- sample: (\S+) (run|compile)( on memory://)? -->\n```csharp\n(.*?)```", text, re.S | re.M)
if len(sys.argv) == 2:
    for name, mode, memory, _ in found:
        print(name, mode, "memory" if memory else "as-written")
else:
    name, target = sys.argv[2], sys.argv[3]
    _, _, memory, code = next(f for f in found if f[0] == name)
    if memory:
        code = re.sub(r'new Connection\("[^"]*"', 'new Connection("memory://"', code)
    open(target, "w", encoding="utf-8").write(code)
PY
}
samples="$(readme_samples)" || fail "reading the README's samples"
sample() { readme_samples "$1" "$2" || fail "no sample '$1' in README.md"; }
# Builds (and for mode run, runs within 60 s) the sample in app folder $1; prints what it printed.
build_sample() {
  local dir="$1" name="$2" mode="$3"
  sample "$name" "$dir/Program.cs"
  (cd "$dir" && dotnet build -c Release -nologo -v quiet) >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; fail "building README sample '$name'"; }
  if [ "$mode" = run ]; then
    local project
    project="$(basename "$dir"/*.csproj .csproj)"
    (cd "$dir" && timeout 60 dotnet "bin/Release/net10.0/$project.dll") || fail "running README sample '$name'"
  fi
}

output="$(build_sample "$app" quick-overview run)"
echo "$output"
[ "$output" = "Received /tmp/lolcat1.avi (1301013 bytes) from video" ] || fail "the quick overview printed '$output'"

step "new console app with Kombu.Compat and Kombu.Extensions.Hosting: the other README samples"
others="$work/samples"
dotnet new console -o "$others" -n Samples >"$work/new.log" 2>&1 || { cat "$work/new.log" >&2; fail "dotnet new console"; }
for id in Kombu.Compat Kombu.Extensions.Hosting Kombu.Transport.Amqp; do
  (cd "$others" && dotnet add package "$id" --version "$version") >"$work/add.log" 2>&1 \
    || { cat "$work/add.log" >&2; fail "dotnet add package $id"; }
done
# Host.CreateApplicationBuilder is the application's choice of host, so the sample's app brings it.
hosting_version="$(sed -n 's/.*PackageVersion Include="Microsoft.Extensions.Hosting.Abstractions" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)"
(cd "$others" && dotnet add package Microsoft.Extensions.Hosting --version "$hosting_version") >"$work/add.log" 2>&1 \
  || { cat "$work/add.log" >&2; fail "dotnet add package Microsoft.Extensions.Hosting"; }
count=0
while read -r name mode _; do
  [ "$name" = quick-overview ] && continue
  step "README sample '$name' ($mode)"
  output="$(build_sample "$others" "$name" "$mode")"
  [ -z "$output" ] || echo "$output"
  case "$name" in
    carrot) [ "$output" = "Got feed import message: http://cnn.com/rss/edition.rss" ] || fail "the carrot sample printed '$output'" ;;
  esac
  count=$((count + 1))
done <<<"$samples"
[ "$count" -ge 2 ] || fail "only $count README samples besides the quick overview are marked"

step "dotnet tool install Kombu.Cli, then kombu demo"
(cd "$work" && dotnet tool install Kombu.Cli --version "$version" --tool-path "$work/tools") >"$work/tool.log" 2>&1 \
  || { cat "$work/tool.log" >&2; fail "dotnet tool install Kombu.Cli"; }
demo="$("$work/tools/kombu" demo)" || fail "kombu demo"
echo "$demo"
[ "$demo" = '{"name": "/tmp/lolcat1.avi", "size": 1301013}' ] || fail "kombu demo printed '$demo'"
step "passed"
