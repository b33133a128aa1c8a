#!/usr/bin/env bash
# Issue #10's dashboard benchmark: publishes the portal (Release), seeds 200 customers, 10,000 certificates and
# 50,000 deployment runs, and measures p95 of GET /api/v1/dashboard and /api/v1/attention, the dashboard's server
# render and resident memory. A few minutes. Writes TestResults/dashboard-benchmark.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Published as the Dockerfile does: ReadyToRun for the machine's runtime.
dotnet publish CertPortal/CertPortal.csproj -c Release -o "$out/app" --use-current-runtime --self-contained false -p:PublishReadyToRun=true --nologo -v quiet
CERTPORTAL_BENCH_APP="$out/app/CertPortal.dll" dotnet test CertPortal.Tests -c Release --filter "Category=Benchmark&FullyQualifiedName~DashboardBenchmark" \
  --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/dashboard-benchmark.md
