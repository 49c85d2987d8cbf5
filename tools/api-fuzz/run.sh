#!/usr/bin/env bash
# Property-based tests of the JSON API against its own openapi.json, with PyPI's schemathesis:
# starts `kansli serve --demo` in a throwaway data directory on loopback, makes an API token for
# each demo role, and runs schemathesis as the public, the secretary and the administrator with
# the demo's authority, body and planned meeting as path parameters. Fails on a 5xx, a status
# code openapi.json does not list, or an answer that breaks its schema or content type.
#
# Usage: tools/api-fuzz/run.sh [BINARY]   (default: this tree's release binary, built if needed)
#   KANSLI_FUZZ_EXAMPLES=N   examples per operation and phase (default 25)
#   KANSLI_FUZZ_VENV=DIR     the venv holding schemathesis (default ~/.cache/kansli-schemathesis)
#   KANSLI_FUZZ_ROLES="…"    whom to run as: public and demo accounts by their name before the @
#                            (default "public sekreterare admin"; also registrator, ledamot,
#                            ordforande, lomma)
# Not part of `cargo test`: a run takes ~10 minutes and finds new inputs each time (its seed is
# printed; `st replay ID` repeats a failure). What it found: bench/README.md, "The API against its
# own document".
set -euo pipefail
cd "$(dirname "$0")/../.."
binary="${1:-}"
if [ -z "$binary" ]; then
    cargo build --release -q -p kansli
    binary="${CARGO_TARGET_DIR:-target}/release/kansli"
fi
venv="${KANSLI_FUZZ_VENV:-$HOME/.cache/kansli-schemathesis}"
if ! "$venv/bin/st" --version >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'schemathesis>=4.32,<5'
fi
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$binary" --data-dir "$work/demo" serve --demo --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" >/dev/null && break
    sleep 0.5
done
cat > "$work/st.toml" <<TOML
[parameters]
"path.a" = "kommunalforbundet-itsam"
"path.b" = "direktionen"
TOML
meeting=$(curl -s "http://127.0.0.1:$port/api/v1/authorities/kommunalforbundet-itsam/bodies/direktionen/meetings" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["slug"])')
echo "\"path.m\" = \"$meeting\"" >> "$work/st.toml"
# A case of the diarium that exists (the first Dnr of a held meeting), so that the case
# operations reach their logic instead of answering 404 to every generated key.
case_key=$(python3 - "http://127.0.0.1:$port/api/v1/authorities/kommunalforbundet-itsam/bodies/direktionen/meetings" <<'PY'
import json, sys, urllib.request
meetings = sys.argv[1]
for m in json.load(urllib.request.urlopen(meetings))["data"]:
    meeting = json.load(urllib.request.urlopen(f"{meetings}/{m['slug']}"))
    keys = [p["case_key"] for p in meeting.get("paragraphs", []) if p.get("case_key")]
    if keys:
        print(keys[0])
        break
PY
)
[ -n "$case_key" ] && echo "\"path.key\" = \"$case_key\"" >> "$work/st.toml"
status=0
for who in ${KANSLI_FUZZ_ROLES:-public sekreterare admin}; do
    auth=()
    if [ "$who" != public ]; then
        token=$("$binary" --data-dir "$work/demo" token create "$who@demo.kansli")
        auth=(-H "Authorization: Bearer $token")
    fi
    echo "== schemathesis as $who"
    "$venv/bin/st" --config-file "$work/st.toml" run "http://127.0.0.1:$port/api/v1/openapi.json" \
        "${auth[@]}" \
        --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance \
        --workers 1 --max-examples "${KANSLI_FUZZ_EXAMPLES:-25}" \
        --phases examples,coverage,fuzzing --request-timeout 20 || status=1
done
if grep -q "panicked" "$work/serve.log"; then
    echo "the server panicked:"; grep -A3 "panicked" "$work/serve.log" | head -20
    status=1
fi
exit $status
