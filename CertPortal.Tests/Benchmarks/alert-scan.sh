#!/usr/bin/env bash
# The issue's alert scan benchmark: 10,000 certificates of 200 customers and 1,000 client certificates, their ends
# spread over a year; the first scan, the scans with nothing new (goal ≤ 1 s) and the scan a day later. About a
# minute. Writes TestResults/alert-scan-benchmark.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet test CertPortal.Tests -c Release --filter "Category=Benchmark&FullyQualifiedName~AlertScanBenchmark" --logger "console;verbosity=detailed" --nologo
cat CertPortal.Tests/TestResults/alert-scan-benchmark.txt
