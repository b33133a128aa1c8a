#!/bin/sh
# A DNS hook as an admin would write one: HOOK add|remove <record name> <value>, writing the TXT record with nsupdate
# (RFC 2136, TSIG) into the test BIND. Its settings are in hook.conf beside it: SERVER, PORT, ZONE, KEY_NAME, SECRET,
# and for the failure tests HANG_SECONDS (starts a child that outlives the time limit, its pid in child.pid).
set -eu
here=$(dirname "$0")
. "$here/hook.conf"

if [ "${HANG_SECONDS:-0}" -gt 0 ]; then
    sleep "$HANG_SECONDS" &
    echo $! > "$here/child.pid"
    wait
fi

case "${1:-}" in
    add) line="update add $2. 60 IN TXT \"$3\"" ;;
    remove) line="update delete $2. TXT \"$3\"" ;;
    *) echo "usage: $0 add|remove <record name> <value>" >&2; exit 2 ;;
esac

printf 'server %s %s\nzone %s\n%s\nsend\n' "$SERVER" "$PORT" "$ZONE" "$line" \
    | nsupdate -y "hmac-sha256:$KEY_NAME:$SECRET"
