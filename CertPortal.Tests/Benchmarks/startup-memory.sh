#!/usr/bin/env bash
# Issue #3's benchmark: publishes the portal (Release) and measures cold start to healthy and resident memory after
# a browser sign-in and the customers page with 1,000 customers, on SQLite and then on PostgreSQL (the test run's own
# server; BENCH_DATABASES="sqlite" for one). Writes TestResults/benchmark-startup-memory-<database>.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x /usr/bin/chromium ] || { echo "needs Debian's chromium: apt-get install chromium" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Published as the Dockerfile does: ReadyToRun for the machine's runtime.
dotnet publish CertPortal/CertPortal.csproj -c Release -o "$out/app" --use-current-runtime --self-contained false -p:PublishReadyToRun=true --nologo -v quiet
for database in ${BENCH_DATABASES:-sqlite postgres}; do
  CERTPORTAL_TEST_DATABASE=$database CERTPORTAL_BENCH_APP="$out/app/CertPortal.dll" dotnet test CertPortal.Tests -c Release \
    --filter "Category=Benchmark&FullyQualifiedName~StartupMemoryBenchmark" --logger "console;verbosity=detailed" --nologo
  cat "CertPortal.Tests/TestResults/benchmark-startup-memory-$database.md"
done
