#!/usr/bin/env bash
# The OCSP benchmark (issues #5 and #14): the portal's /pki/{id}/ocsp beside `openssl ocsp -port` for a CA with
# 10,000 issued certificates, with nonces and without (pre-signed answers). About two minutes. Writes TestResults/ocsp-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v openssl >/dev/null || { echo "needs openssl: apt-get install openssl" >&2; exit 1; }
# wrk (a load generator in C) measures the answers without nonces without the test process's client in the way.
[ -x /usr/bin/wrk ] || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"; $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
dotnet test CertPortal.Tests -c Release --filter "Category=Benchmark&FullyQualifiedName~OcspHttpBenchmark" --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/ocsp-benchmark.txt
