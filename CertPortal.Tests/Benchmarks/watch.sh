#!/usr/bin/env bash
# Issue #10's benchmark: publishes the portal (Release, as the Dockerfile does), fills its database with 200
# customers, 10,000 certificates and 50,000 deployment runs, and measures the dashboard's server render, the
# dashboard and attention API, the alert scan and resident memory. Writes TestResults/benchmark-watch.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish CertPortal/CertPortal.csproj -c Release -o "$out/app" --use-current-runtime --self-contained false -p:PublishReadyToRun=true --nologo -v quiet
CERTPORTAL_BENCH_APP="$out/app/CertPortal.dll" dotnet test CertPortal.Tests -c Release --filter "Category=Benchmark&FullyQualifiedName~WatchBenchmark" \
  --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/benchmark-watch.md
