#!/usr/bin/env bash
# The packaging test (tools/test.sh runs it after the build): packs every shipped project into a local folder, then,
# as a new user would, creates a console app in a temporary folder, adds Kombu and a transport from that folder,
# compiles the README's quick overview into it and runs it on memory://, compiles the README's Generic Host sample
# against Kombu.Extensions.Hosting, and installs the kombu tool from the folder and runs `kombu demo`. Exits non-zero, saying which step failed, when any step fails.
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
# A README sample, as written: the first csharp block after a heading.
sample() {
  /usr/bin/python3 - README.md "$1" "$2" <<'PY' || fail "no csharp block after '$1' in README.md"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text.split(sys.argv[2] + "\n", 1)[1]
block = re.search(r"```csharp\n(.*?)```", section, re.S).group(1)
open(sys.argv[3], "w", encoding="utf-8").write(block)
PY
}
sample "## Quick overview" "$app/Program.cs"
step "building and running the quick overview"
(cd "$app" && dotnet build -c Release -nologo -v quiet) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "building the quick overview"; }
output="$(cd "$app" && dotnet bin/Release/net10.0/QuickOverview.dll)" || fail "running the quick overview"
echo "$output"
[ "$output" = "Received /tmp/lolcat1.avi (1301013 bytes) from video" ] || fail "the quick overview printed '$output'"

step "new console app with Kombu.Extensions.Hosting: compiling the Generic Host sample"
hosted="$work/hosted"
dotnet new console -o "$hosted" -n HostedSample >"$work/new.log" 2>&1 || { cat "$work/new.log" >&2; fail "dotnet new console"; }
for id in Kombu.Extensions.Hosting Kombu.Transport.Amqp; do
  (cd "$hosted" && dotnet add package "$id" --version "$version") >"$work/add.log" 2>&1 \
    || { cat "$work/add.log" >&2; fail "dotnet add package $id"; }
done
# Host.CreateApplicationBuilder is the application's choice of host, so the sample's app brings it.
hosting_version="$(sed -n 's/.*PackageVersion Include="Microsoft.Extensions.Hosting.Abstractions" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)"
(cd "$hosted" && dotnet add package Microsoft.Extensions.Hosting --version "$hosting_version") >"$work/add.log" 2>&1 \
  || { cat "$work/add.log" >&2; fail "dotnet add package Microsoft.Extensions.Hosting"; }
sample "## Use in ASP.NET Core / Generic Host" "$hosted/Program.cs"
(cd "$hosted" && dotnet build -c Release -nologo -v quiet) >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "building the Generic Host sample"; }

step "dotnet tool install Kombu.Cli, then kombu demo"
(cd "$work" && dotnet tool install Kombu.Cli --version "$version" --tool-path "$work/tools") >"$work/tool.log" 2>&1 \
  || { cat "$work/tool.log" >&2; fail "dotnet tool install Kombu.Cli"; }
demo="$("$work/tools/kombu" demo)" || fail "kombu demo"
echo "$demo"
[ "$demo" = '{"name": "/tmp/lolcat1.avi", "size": 1301013}' ] || fail "kombu demo printed '$demo'"
step "passed"
