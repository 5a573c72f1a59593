#!/usr/bin/env bash
# The recorded public API of every shipped library (Microsoft.CodeAnalysis.PublicApiAnalyzers, see Directory.Build.targets).
#   tools/public-api.sh           rewrite each tracked project's PublicAPI.Unshipped.txt from the code as it is now
#   tools/public-api.sh --count   print public types and members per project, from the recorded files
# A release moves the Unshipped lines into PublicAPI.Shipped.txt by hand; this script never touches Shipped files
# except to create an empty one (the "#nullable enable" header only) for a project that has none.
set -euo pipefail
cd "$(dirname "$0")/.."

header='#nullable enable'

# Projects whose build sets TrackPublicApi (the packable libraries; not tests, tools or the kombu dotnet tool).
tracked_projects() {
  git ls-files '*.csproj' | while read -r project; do
    if [ "$(dotnet msbuild "$project" -nologo -getProperty:TrackPublicApi 2>/dev/null)" = "true" ]; then
      echo "$project"
    fi
  done
}

# Types are the entries without a signature ("Kombu.Queue"); members are the rest, a property's get/set/init counted once;
# entries are the recorded lines (each accessor and overload a line of its own).
count() {
  printf '%-40s %6s %8s %8s\n' project types members entries
  local total_types=0 total_members=0 total_entries=0
  for file in $(git ls-files --cached --others --exclude-standard '*PublicAPI.Unshipped.txt' | xargs -n1 dirname | sort); do
    local name types members entries
    name=$(basename "$file")
    types=$(cat "$file"/PublicAPI.*.txt | { grep -v -e "^$header\$" -e '^ *$' -e ' -> ' || true; } | wc -l)
    members=$(cat "$file"/PublicAPI.*.txt | { grep -- ' -> ' || true; } | sed -E 's/\.(get|set|init) -> .*$//; s/ -> .*$//' | sort -u | wc -l)
    entries=$(cat "$file"/PublicAPI.*.txt | { grep -v -e "^$header\$" -e '^ *$' || true; } | wc -l)
    printf '%-40s %6d %8d %8d\n' "$name" "$types" "$members" "$entries"
    total_types=$((total_types + types)); total_members=$((total_members + members)); total_entries=$((total_entries + entries))
  done
  printf '%-40s %6d %8d %8d\n' total "$total_types" "$total_members" "$total_entries"
}

if [ "${1:-}" = "--count" ]; then
  count
  exit 0
fi

projects=$(tracked_projects)
for project in $projects; do
  dir=$(dirname "$project")
  [ -f "$dir/PublicAPI.Shipped.txt" ] || echo "$header" > "$dir/PublicAPI.Shipped.txt"
  echo "$header" > "$dir/PublicAPI.Unshipped.txt"
done
# The analyzers' own code fix adds what the code declares and is not recorded (RS0016), and drops what is recorded but
# gone (RS0017). One run per project: a run over the whole solution fixes only the first project's file.
for project in $projects; do
  echo "recording $project" >&2
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity info --verbosity quiet
done
count
