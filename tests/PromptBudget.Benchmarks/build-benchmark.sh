#!/usr/bin/env bash
# PromptBudget in a real build: packs the package, writes the generated 1,000-file project (300 prompt
# calls, the SDK's default analyzers) that references it, and times whole builds with PromptBudget off,
# off with only an ErrorLog set, and as installed, alternating. Needs bc.
# Usage: tests/PromptBudget.Benchmarks/build-benchmark.sh [runs]   (default 5)
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
version="0.1.0-bench.$(date +%s)"
dotnet pack "$root/build/PromptBudget.Package.csproj" -c Release -o "$work/feed" -p:Version="$version" --disable-build-servers -v:q >/dev/null
dotnet build "$root/tests/PromptBudget.Benchmarks" -c Release -v:q >/dev/null
mkdir -p "$work/app"
dotnet "$root/tests/PromptBudget.Benchmarks/bin/Release/net10.0/PromptBudget.Benchmarks.dll" write-project "$work/app"
openai=$(grep -o 'PackageVersion Include="OpenAI" Version="[^"]*"' "$root/Directory.Packages.props" | sed 's/.*Version="//; s/"//')
cat > "$work/app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>disable</ImplicitUsings>
    <NoWarn>\$(NoWarn);CS8618;CS8602</NoWarn></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="OpenAI" Version="$openai" />
    <PackageReference Include="PromptBudget" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat > "$work/app/nuget.config" <<XML
<configuration><packageSources><add key="local" value="$work/feed" /></packageSources></configuration>
XML
echo '<Project />' > "$work/app/Directory.Build.props"
echo '<Project />' > "$work/app/Directory.Packages.props"
cd "$work/app"
dotnet restore -v:q >/dev/null
# One untimed build first: the compiler server starts and JITs once, outside the measured runs.
dotnet build --no-restore -v:q >/dev/null
# Three builds, alternating, compiler server warm, --no-incremental (CoreCompile always runs):
#   off      PromptBudgetEnabled=false (the baseline: the SDK's own analyzers only)
#   errorlog PromptBudgetEnabled=false plus an ErrorLog (what the old SARIF channel cost: csc then runs every Info-level analyzer)
#   default  PromptBudget as installed (analyzer, payload file, report task)
# Prints each build's wall time per run, then the medians and the ratios to `off`.
declare -A times
for run in $(seq "$runs"); do
  for mode in off errorlog default; do
    case $mode in
      off) args=(-p:PromptBudgetEnabled=false) ;;
      errorlog) args=(-p:PromptBudgetEnabled=false "-p:ErrorLog=$work/app/bench.sarif%2Cversion=2.1") ;;
      default) args=() ;;
    esac
    start=$(date +%s.%N)
    dotnet build --no-restore --no-incremental -v:q -nologo "${args[@]}" >/dev/null
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    times[$mode]="${times[$mode]:-} $t"
    echo "run $run $mode: $t s"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
if [ "$runs" -gt 0 ]; then
base=$(echo "${times[off]}" | median)
for mode in off errorlog default; do
  m=$(echo "${times[$mode]}" | median)
  echo "median $mode: $m s, ratio to off $(echo "scale=3; $m / $base" | bc)"
done
fi
# The compiler's own per-analyzer timing of one default build, for the record.
out=$(dotnet build --no-restore --no-incremental -p:ReportAnalyzer=true -v:d 2>&1 | grep -v 'csc /noconfig')
echo "$out" | grep -E '^\s+[0-9.]+\s+\S+\s+PromptBudget\.Analyzers, Version' | head -1 | awk '{print "PromptBudget.Analyzers (compiler timing): " $1 " s"}' || true
echo "$out" | grep -E 'Total analyzer execution time' | head -1 || true
[ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
