#!/usr/bin/env bash
# Runs every CertPortal test. Installs what the tests need from Debian packages when it is missing (the tests start
# these programs themselves on loopback ports; a missing one fails its tests, never skips them), then runs
# `dotnet test` in two lanes side by side and ends with the line "N passed, N failed":
#   sqlite   - every test, the portal on SQLite;
#   postgres - the data, issuance, deployment, endpoint and API tests again, the portal on PostgreSQL.
# TEST_LANES chooses lanes (default "sqlite postgres"); TEST_FILTER narrows both (a dotnet test filter, e.g.
# FullyQualifiedName~Deployments).
set -uo pipefail
cd "$(dirname "$0")/.."

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v openssl >/dev/null || packages+=(openssl)
command -v sqlite3 >/dev/null || packages+=(sqlite3)
[ -x /usr/bin/pebble ] && [ -x /usr/bin/pebble-challtestsrv ] || packages+=(pebble)
[ -x /usr/sbin/named ] || packages+=(bind9)
[ -x /usr/sbin/nginx ] || packages+=(nginx)
[ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null || packages+=(openssh-server)
[ -x /usr/sbin/vsftpd ] || packages+=(vsftpd)
[ -x /usr/lib/postgresql/15/bin/postgres ] && [ -f /usr/share/postgresql/15/extension/citext.control ] || packages+=(postgresql postgresql-contrib)
command -v curl >/dev/null || packages+=(curl)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || packages+=(python3-aiosmtpd)
command -v dig >/dev/null || packages+=(bind9-dnsutils)
[ -x /usr/bin/lego ] || packages+=(lego)
[ -x /usr/bin/certbot ] && /usr/bin/python3 -c "import certbot_dns_rfc2136" 2>/dev/null || packages+=(certbot python3-certbot-dns-rfc2136)
[ -x /usr/sbin/pdns_server ] && [ -f /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql ] || packages+=(pdns-server pdns-backend-sqlite3)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing test peers: ${packages[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq || exit 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null || exit 1
fi

results="$PWD/CertPortal.Tests/TestResults"
mkdir -p "$results"
rm -f "$results"/results*.trx
lanes="${TEST_LANES:-sqlite postgres}"
postgres_tests="FullyQualifiedName~Tests.Data.|FullyQualifiedName~Tests.AcmeServer.|FullyQualifiedName~Tests.Certificates.|FullyQualifiedName~Tests.Deployments.|FullyQualifiedName~Tests.Endpoints.|FullyQualifiedName~Api"

# "name: message" of each failed test in a trx file (theory rows keep their arguments).
failures() {
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); failing = 1 }
    failing && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print name ": " substr($0, 1, 400); failing = 0 }
  ' "$1"
}
count() { grep -o '<Counters [^>]*>' "$1" | head -n1 | sed -E "s/.* $2=\"([0-9]+)\".*/\1/"; }

# Test classes run this many at a time in each lane (TEST_THREADS, default 4), so that classes waiting on peers and
# timers overlap with those computing; on 2 cores both are busy throughout, so more would not be faster.
threads="${TEST_THREADS:-4}"

# One lane: lane NAME FILTER, writing "passed failed" to $results/lane-NAME.count and its failures to lane-NAME.failed.
# A hung test must not hold CI for 90 minutes: blame-hang ends the run and names it.
lane() {
  local name=$1 filter=$2 trx="$results/results-$1.trx" lane_status passed failed listed=""
  CERTPORTAL_TEST_DATABASE=$name dotnet test CertPortal.sln --configuration Release --no-build \
    --filter "Category!=Benchmark${filter:+&(${filter})}${TEST_FILTER:+&(${TEST_FILTER})}" \
    --logger "trx;LogFileName=results-$name.trx" --logger "console;verbosity=normal" --results-directory "$results" \
    --blame-hang --blame-hang-timeout 10m --blame-hang-dump-type none -- xUnit.MaxParallelThreads="$threads"
  lane_status=$?
  if [ ! -f "$trx" ]; then
    echo "0 1" > "$results/lane-$name.count"; echo "the lane did not run (exit $lane_status)" > "$results/lane-$name.failed"
    return
  fi
  passed=$(count "$trx" passed)
  failed=$(( $(count "$trx" failed) + $(count "$trx" error) ))
  listed=$(failures "$trx")

  # A test that fails once is run once more, alone: one that then passes is reported as FLAKY (to be fixed, never
  # hidden); one that fails again fails the run. More than five failures are a real breakage and are not retried.
  if [ "$failed" -gt 0 ] && [ "$failed" -le 5 ] && [ -n "$listed" ]; then
    local retry_filter retry="$results/results-$name-retry.trx"
    retry_filter=$(echo "$listed" | sed -E 's/^([^(:]*).*/FullyQualifiedName=\1/' | sort -u | paste -sd'|')
    echo "Running the $failed failed test(s) once more: $retry_filter"
    CERTPORTAL_TEST_DATABASE=$name dotnet test CertPortal.sln --configuration Release --no-build --filter "$retry_filter" \
      --logger "trx;LogFileName=results-$name-retry.trx" --logger "console;verbosity=normal" --results-directory "$results" \
      --blame-hang --blame-hang-timeout 10m --blame-hang-dump-type none
    if [ -f "$retry" ] && [ "$(count "$retry" failed)" -eq 0 ] && [ "$(count "$retry" error)" -eq 0 ]; then
      echo "$listed" | sed "s/^/FLAKY [$name] (passed when run again): /"
      passed=$((passed + failed))
      failed=0
      lane_status=0
    fi
  fi
  [ "$failed" -eq 0 ] || echo "$listed" > "$results/lane-$name.failed"
  if [ "$failed" -eq 0 ] && [ "$lane_status" -ne 0 ]; then
    failed=1; echo "dotnet test exited $lane_status" > "$results/lane-$name.failed"
  fi
  echo "$passed $failed" > "$results/lane-$name.count"
  echo "== Lane $name: $passed passed, $failed failed"
}

dotnet build CertPortal.sln --configuration Release --nologo -v quiet || { echo "0 passed, 1 failed (the build failed)"; exit 1; }
rm -f "$results"/lane-*.count "$results"/lane-*.failed

# The lanes run side by side, each line of their output marked with its lane.
pids=()
for name in $lanes; do
  case "$name" in
    sqlite) filter="" ;;
    postgres) filter="Database!=sqlite&FullyQualifiedName!~Browser&($postgres_tests)" ;;
    *) echo "Unknown lane '$name' in TEST_LANES"; exit 64 ;;
  esac
  echo "== Lane $name"
  ( lane "$name" "$filter" 2>&1 | sed -u "s/^/[$name] /" ) &
  pids+=($!)
done
wait "${pids[@]}"

total_passed=0; total_failed=0; all_listed=""; status=0
for name in $lanes; do
  read -r passed failed < "$results/lane-$name.count" || { passed=0; failed=1; }
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed))
  [ -f "$results/lane-$name.failed" ] && all_listed="$all_listed${all_listed:+$'\n'}$(sed "s/^/[$name] /" "$results/lane-$name.failed")"
done

# The failures again at the very end, so a CI log that keeps only its tail still names them and says why.
[ -z "$all_listed" ] || echo "$all_listed" | sed 's/^/FAILED /'
echo "Screenshots: $results/screenshots"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ] || status=1
exit "$status"
