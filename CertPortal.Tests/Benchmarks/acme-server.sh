#!/usr/bin/env bash
# Issue #14's benchmark: publishes the portal (Release) and measures certificates per second from its ACME server to
# 10 lego clients in parallel (dns-01 through BIND), then the same 10 lego loops against Pebble on this machine.
# Writes TestResults/acme-server-benchmark.txt. CERTPORTAL_BENCH_COUNT=2 (certificates per client) makes a quick run.
set -euo pipefail
cd "$(dirname "$0")/../.."
for program in /usr/bin/lego /usr/bin/pebble /usr/sbin/named /usr/bin/nsupdate; do
  [ -x "$program" ] || { echo "needs $program: apt-get install lego pebble bind9 bind9-dnsutils" >&2; exit 1; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Published as the Dockerfile does: ReadyToRun for the machine's runtime.
dotnet publish CertPortal/CertPortal.csproj -c Release -o "$out/app" --use-current-runtime --self-contained false -p:PublishReadyToRun=true --nologo -v quiet
CERTPORTAL_BENCH_APP="$out/app/CertPortal.dll" dotnet test CertPortal.Tests -c Release \
  --filter "Category=Benchmark&FullyQualifiedName~AcmeServerBenchmark" --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/acme-server-benchmark.txt
