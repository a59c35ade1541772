#!/bin/sh
# Waits for the shared rndc key (written once by the rndc-key service), then runs named in the
# foreground. The key authorises the pool manager's rndc; only holders of the key can add zones.
set -eu
for i in $(seq 1 60); do [ -s /keys/rndc.key ] && break; sleep 1; done
[ -s /keys/rndc.key ] || { echo "no rndc key in /keys/rndc.key" >&2; exit 1; }
exec named -g -u bind -c /etc/bind/zonecast-named.conf
