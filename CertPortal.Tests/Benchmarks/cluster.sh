#!/usr/bin/env bash
# Renewals all due at once on one instance on SQLite, one on PostgreSQL and two on one PostgreSQL database, and the
# time two instances take to recover the work of one killed mid-run. CERTPORTAL_BENCH_COUNT (default 200) sets the
# number of renewals; 20 makes a quick trial run. Writes TestResults/cluster-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
for program in /usr/bin/pebble /usr/sbin/named /usr/lib/postgresql/15/bin/postgres; do
  [ -x "$program" ] || { echo "needs $program: apt-get install pebble bind9 postgresql" >&2; exit 1; }
done
dotnet test CertPortal.Tests -c Release \
  --filter "Category=Benchmark&FullyQualifiedName~ClusterIssuanceBenchmark" --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/cluster-benchmark.txt
