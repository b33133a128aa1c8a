#!/usr/bin/env bash
# The OCSP benchmark (issues #5 and #14): the portal's /pki/{id}/ocsp beside `openssl ocsp -port` for a CA with
# 10,000 issued certificates, with nonces and without (pre-signed answers). About two minutes. Writes TestResults/ocsp-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v openssl >/dev/null || { echo "needs openssl: apt-get install openssl" >&2; exit 1; }
# ApacheBench is the load generator for the answers without nonces.
[ -x /usr/bin/ab ] || apt-get install -y -q apache2-utils >/dev/null
dotnet test CertPortal.Tests -c Release --filter "Category=Benchmark&FullyQualifiedName~OcspHttpBenchmark" --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/ocsp-benchmark.txt
