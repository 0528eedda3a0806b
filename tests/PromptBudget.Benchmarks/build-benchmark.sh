#!/usr/bin/env bash
# The analyzer in a real build: packs PromptBudget, writes the generated 1,000-file project (300 prompt
# calls) that references it, and builds it with the compiler's own analyzer timing (-p:ReportAnalyzer=true),
# alternating PromptBudget on and off (PromptBudgetEnabled=false). Prints the compiler's per-analyzer
# execution times and the CoreCompile wall times. Usage: tests/PromptBudget.Benchmarks/build-benchmark.sh [runs]
set -euo pipefail
runs=${1:-3}
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
for run in $(seq "$runs"); do
  for enabled in true false; do
    out=$(dotnet build --no-restore --no-incremental -p:PromptBudgetEnabled=$enabled -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary 2>&1 | grep -v 'csc /noconfig')
    compile=$(echo "$out" | grep -E '^\s+[0-9]+ ms\s+CoreCompile' | tail -1 | awk '{print $1}')
    pb=$(echo "$out" | grep -E '^\s+[0-9.]+\s+\S+\s+PromptBudget\.Analyzers, Version' | awk '{print $1}' | head -1 || true)
    total=$(echo "$out" | grep -E 'Total analyzer execution time' | grep -Eo '[0-9]+\.[0-9]+' | head -1 || true)
    [ -n "${KEEP:-}" ] && echo "$out" > "$work/build-$run-$enabled.log"
    echo "run $run PromptBudgetEnabled=$enabled: CoreCompile ${compile} ms; all analyzers ${total:-?} s; PromptBudget.Analyzers ${pb:-0} s"
  done
done
[ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
