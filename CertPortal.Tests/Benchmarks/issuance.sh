#!/usr/bin/env bash
# Issue #4's benchmark: publishes the portal (Release) and times DNS-01 issuance against one Pebble + BIND beside
# Debian's lego: one certificate, then 50 renewals at once (lego: 50 one after another). Takes about 5-10 minutes.
# Writes TestResults/issuance-benchmark.txt. CERTPORTAL_BENCH_COUNT=5 makes a quick trial run.
set -euo pipefail
cd "$(dirname "$0")/../.."
for program in /usr/bin/lego /usr/bin/pebble /usr/sbin/named; do
  [ -x "$program" ] || { echo "needs $program: apt-get install lego pebble bind9" >&2; exit 1; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Published as the Dockerfile does: ReadyToRun for the machine's runtime.
dotnet publish CertPortal/CertPortal.csproj -c Release -o "$out/app" --use-current-runtime --self-contained false -p:PublishReadyToRun=true --nologo -v quiet
CERTPORTAL_BENCH_APP="$out/app/CertPortal.dll" dotnet test CertPortal.Tests -c Release \
  --filter "Category=Benchmark&FullyQualifiedName~IssuanceBenchmark" --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/issuance-benchmark.txt
