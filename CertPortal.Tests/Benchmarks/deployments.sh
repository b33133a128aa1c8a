#!/usr/bin/env bash
# The issue's deployment benchmark: an ssh run to a real nginx through a real sshd (run now → verified, median of
# 7; goal ≤ 3 s) and one certificate bound to 20 firewall simulators, its new version run on all at once until all
# are verified (goal ≤ 10 s). Certificates come from Pebble on BIND. About a minute. Writes TestResults/deployment-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
for program in /usr/bin/pebble /usr/sbin/named /usr/sbin/sshd /usr/sbin/nginx; do
  [ -x "$program" ] || { echo "needs $program: apt-get install pebble bind9 openssh-server nginx" >&2; exit 1; }
done
dotnet test CertPortal.Tests -c Release --filter "Category=Benchmark&FullyQualifiedName~DeploymentBenchmark" --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/deployment-benchmark.txt
