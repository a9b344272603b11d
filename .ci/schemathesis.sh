#!/usr/bin/env bash
# Schemathesis against the running server with openapi.yaml: every operation, authenticated as
# an admin and as an officer, failing on any 5xx and on any response the spec does not describe
# (status, content type, headers, body schema). Needs no standard input.
#
#   bash .ci/schemathesis.sh      # MAX_EXAMPLES (default 30) per operation and phase
#   SCHEMATHESIS_ROLES="admin officer requester" SCHEMATHESIS_SEED=1 bash .ci/schemathesis.sh
#
# Builds the dev binary, starts it on a temporary SQLite database on 127.0.0.1, seeds one
# notification (so the /v1/notifications/{id}/… operations reach their logic), and stops the
# server at the end. Prints the number of generated cases; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MAX_EXAMPLES=${MAX_EXAMPLES:-30}
SEED=${SCHEMATHESIS_SEED:-$(date +%s)}


# 4.32 or later: the dictionaries of the run's configuration (below) need it.
if ! schemathesis --version 2>/dev/null | grep -Eq 'version 4\.(3[2-9]|[4-9][0-9])'; then
    echo "installing schemathesis 4 from PyPI"
    python3 -m pip install --quiet --disable-pip-version-check 'schemathesis>=4.32,<5' </dev/null
fi
schemathesis --version

echo "building corridor (dev profile)"
cargo build --quiet --bin corridor
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/corridor"

WORK=$(mktemp -d /tmp/corridor-schemathesis.XXXXXX)
SERVER_PID=""
cleanup() {
    set +e
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$WORK/corridor.db"
export CORRIDOR_BIND=127.0.0.1:0
export CORRIDOR_POLICIES="$ROOT/policies"
CORRIDOR_JWT_SECRET=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
export CORRIDOR_JWT_SECRET
export RUST_LOG=${RUST_LOG:-warn}
# Thousands of generated submissions from one user: the per-user rate (tested end to end in
# tests/e2e/hardening.rs) would answer most of them 429 and hide the rest of the contract.
export CORRIDOR_SUBMISSIONS_PER_MINUTE=0
# Outside development mode the server needs a key that signs permit bundles.
"$BIN" permit keygen "$WORK/permit-key.pem" >/dev/null
export CORRIDOR_PERMIT_KEY="$WORK/permit-key.pem"

"$BIN" serve </dev/null >"$WORK/stdout" 2>"$WORK/stderr" &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 300); do
    line=$(head -n 1 "$WORK/stdout" 2>/dev/null || true)
    case "$line" in
        "corridor listening on "*)
            BASE=${line#corridor listening on }
            break
            ;;
    esac
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "the server exited:"
        cat "$WORK/stderr"
        exit 1
    fi
    sleep 0.1
done
if [ -z "$BASE" ]; then
    echo "the server did not start"
    cat "$WORK/stderr"
    exit 1
fi
for _ in $(seq 1 300); do
    curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fsS "$BASE/readyz" >/dev/null
echo "server at $BASE"

# Accounts and their tokens.
password() { python3 -c 'import secrets; print(secrets.token_urlsafe(24))'; }
token() {
    curl -fsS -H 'content-type: application/json' \
        -d "{\"username\": \"$1\", \"password\": \"$2\"}" "$BASE/v1/auth/token" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
ADMIN_PW=$(password)
OFFICER_PW=$(password)
REQUESTER_PW=$(password)
printf '%s' "$ADMIN_PW" | "$BIN" user add --username st.admin --role admin --password-stdin >/dev/null
printf '%s' "$OFFICER_PW" | "$BIN" user add --username st.officer --role officer --nation DE \
    --stages movcon,dg_authority,road_authority,police --password-stdin >/dev/null
printf '%s' "$REQUESTER_PW" | "$BIN" user add --username st.planner --role requester --nation NL \
    --unit "43 Mechanised Brigade" --password-stdin >/dev/null
ADMIN_TOKEN=$(token st.admin "$ADMIN_PW")
OFFICER_TOKEN=$(token st.officer "$OFFICER_PW")
REQUESTER_TOKEN=$(token st.planner "$REQUESTER_PW")

# One notification crossing DE, departing in three days (the fixture's times, shifted).
python3 - "$ROOT/tests/fixtures/crisis_ammunition.json" >"$WORK/movement.json" <<'PY'
import datetime as dt, json, re, sys
movement = json.load(open(sys.argv[1]))
parse = lambda s: dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
shift = now + dt.timedelta(days=3) - parse(movement["departure_at"])
def move(v):
    if isinstance(v, dict):
        return {k: move(x) for k, x in v.items()}
    if isinstance(v, list):
        return [move(x) for x in v]
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", v):
        return (parse(v) + shift).strftime("%Y-%m-%dT%H:%M:%SZ")
    return v
json.dump(move(movement), sys.stdout)
PY
curl -fsS -H "Authorization: Bearer $REQUESTER_TOKEN" -H 'content-type: application/json' \
    --data-binary @"$WORK/movement.json" "$BASE/v1/notifications" >"$WORK/notification.json"

# The run draws the notification's id, its ETags, nations and stage keys from dictionaries
# part of the time, and generates values the rest of the time.
python3 - "$WORK/notification.json" "$WORK/schemathesis.toml" <<'PY'
import json, sys
n = json.load(open(sys.argv[1]))
etags = ['"r1"'] + [st["etag"] for r in n["nations"] for st in r["stages"]]
nations = [r["nation"] for r in n["nations"]]
keys = sorted({st["key"] for r in n["nations"] for st in r["stages"]})
values = lambda xs: "[" + ", ".join(json.dumps(x) for x in xs) + "]"
with open(sys.argv[2], "w") as f:
    f.write(f"""[dictionaries.notification_ids]
values = {values([n["id"]])}
[dictionaries.etags]
values = {values(etags)}
[dictionaries.nations]
values = {values(nations)}
[dictionaries.stage_keys]
values = {values(keys)}

[parameters]
"path.id" = {{ dictionary = "notification_ids", probability = 0.8 }}
"header.If-Match" = {{ dictionary = "etags", probability = 0.5 }}
"header.If-None-Match" = {{ dictionary = "etags", probability = 0.3 }}
"path.nation" = {{ dictionary = "nations", probability = 0.5 }}
"path.key" = {{ dictionary = "stage_keys", probability = 0.5 }}
""")
print(f"seeded notification {n['reference']} ({n['id']}) across {', '.join(nations)}")
PY

# The spec allows a long poll of up to 30 s on /v1/changes; a fuzz run that waits 30 s a case
# would take half an hour, so the run's copy of the spec caps `wait` at 1 s (nothing else changes).
python3 - "$ROOT/openapi.yaml" "$WORK/openapi.yaml" <<'PY'
import sys, yaml
spec = yaml.safe_load(open(sys.argv[1]))
for p in spec["paths"]["/v1/changes"]["get"]["parameters"]:
    if p.get("name") == "wait":
        p["schema"]["maximum"] = 1
yaml.safe_dump(spec, open(sys.argv[2], "w"), sort_keys=False, allow_unicode=True)
PY

CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
status=0
total=0
for who in ${SCHEMATHESIS_ROLES:-admin officer}; do
    case "$who" in
        admin) tok=$ADMIN_TOKEN ;;
        officer) tok=$OFFICER_TOKEN ;;
        requester) tok=$REQUESTER_TOKEN ;;
        *) echo "SCHEMATHESIS_ROLES: admin, officer or requester, not $who"; exit 2 ;;
    esac
    echo
    echo "=== schemathesis as the $who (at most $MAX_EXAMPLES examples per operation, seed $SEED)"
    report="$WORK/$who.ndjson"
    set +e
    # From $WORK, so that schemathesis's own files stay out of the repository.
    (cd "$WORK" && schemathesis --config-file "$WORK/schemathesis.toml" run "$WORK/openapi.yaml" \
        --url "$BASE" \
        -H "Authorization: Bearer $tok" \
        --checks "$CHECKS" \
        --max-examples "$MAX_EXAMPLES" \
        --seed "$SEED" \
        --workers 1 \
        --generation-database none \
        --report ndjson --report-ndjson-path "$report" \
        --no-color \
        </dev/null 2>&1) | tee "$WORK/$who.log"
    rc=${PIPESTATUS[0]}
    set -e
    cases=$(python3 - "$report" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1]):
    try:
        event = json.loads(line)
    except ValueError:
        continue
    finished = event.get("ScenarioFinished") if isinstance(event, dict) else None
    if isinstance(finished, dict):
        n += len((finished.get("recorder") or {}).get("cases") or {})
print(n)
PY
)
    echo "schemathesis as the $who: $cases generated cases, exit $rc"
    total=$((total + cases))
    [ "$rc" -eq 0 ] || status=1
done

if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    wait "$SERVER_PID"
    echo "the server died during the run (exit status $?); its last log lines:"
    SERVER_PID=""
    tail -n 40 "$WORK/stderr"
    status=1
fi
if grep -q "panicked" "$WORK/stderr"; then
    echo "the server panicked:"
    grep -B2 -A10 "panicked" "$WORK/stderr" | head -60
    status=1
fi
echo
if [ $status -eq 0 ]; then
    echo "schemathesis: $total generated cases, 0 failures (no 5xx, no response outside openapi.yaml)"
else
    echo "schemathesis: $total generated cases; FAILURES above"
fi
exit $status
