#!/usr/bin/env bash
# Issue #14's discovery benchmark: a scan of 1,024 loopback address:port pairs (127.0.0.1 × 1,024 ports, three of them
# nginx serving TLS, the rest closed) by the portal as a separate process, with the default rate limit and with it
# lifted: time to finished and peak resident memory (VmHWM). Writes TestResults/benchmark-discovery.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x /usr/sbin/nginx ] || { echo "needs nginx: apt-get install nginx" >&2; exit 1; }
dotnet test CertPortal.Tests -c Release --filter "Category=Benchmark&FullyQualifiedName~DiscoveryBenchmark" --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/benchmark-discovery.md
