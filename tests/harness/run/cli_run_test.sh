#!/usr/bin/env bash
# `wirecheck run` end to end, one scenario per CTest test:
#   cli_run_test.sh SCENARIO WIRECHECK SOURCE_DIR
# Exit 0 when the scenario behaves, 1 (with what went wrong) when not, 77 to skip.
set -uo pipefail
scenario="$1"
wirecheck="$2"
src="$3"
cases="$src/tests/data/run-cases/cli"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/wirecheck-cli-run.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL ($scenario): $*" >&2
  echo "--- stdout" >&2
  cat "$tmp/out" >&2 2>/dev/null
  echo "--- stderr" >&2
  cat "$tmp/err" >&2 2>/dev/null
  exit 1
}
expect_exit() {
  [ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1"
}
expect_in() {  # FILE TEXT
  grep -qF -- "$2" "$1" || fail "$(basename "$1") does not contain: $2"
}

case "$scenario" in
  reference)
    # No --target: the reference server is started in-process and passes these cases.
    "$wirecheck" run "$cases/reference-selftest.yaml" --color never >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 0
    expect_in "$tmp/err" "no --target; testing the reference server on 127.0.0.1:"
    expect_in "$tmp/out" "PASSED: 5 of 5 cases"
    ;;

  unreachable)
    # Nothing listens on port 1: one clear message, exit 3, no per-case noise.
    "$wirecheck" run "$cases/reference-selftest.yaml" --target 127.0.0.1:1 >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 3
    expect_in "$tmp/err" "the target cannot be reached, so no case was run: cannot connect to 127.0.0.1:1"
    [ "$(grep -c . "$tmp/err")" -eq 1 ] || fail "expected exactly one line on stderr"
    [ ! -s "$tmp/out" ] || fail "expected nothing on stdout"
    ;;

  failures)
    # A failing case: exit 1, and every report written.
    "$wirecheck" run "$cases/failing.yaml" "$cases/reference-selftest.yaml" --color never \
      --report junit="$tmp/r.xml" --report json="$tmp/r.json" --report markdown="$tmp/r.md" \
      --report html="$tmp/r.html" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 1
    expect_in "$tmp/out" "failing-teapot"
    expect_in "$tmp/out" "expected: status 418"
    for f in r.xml r.json r.md r.html; do [ -s "$tmp/$f" ] || fail "report $f missing"; done
    expect_in "$tmp/r.xml" "failing-teapot"
    expect_in "$tmp/r.json" "\"failing-teapot\""
    # No temporary files are left beside the reports.
    [ "$(ls "$tmp" | grep -vcE '^(out|err|r\.(xml|json|md|html))$')" -eq 0 ] || fail "stray files: $(ls "$tmp")"
    ;;

  strict)
    # A SHOULD not met is a warning: exit 0, but 1 with --strict.
    "$wirecheck" run "$cases/warning.yaml" --color never >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 0
    expect_in "$tmp/out" "warning-teapot"
    "$wirecheck" run "$cases/warning.yaml" --strict --color never >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 1
    ;;

  usage)
    "$wirecheck" run "$cases/reference-selftest.yaml" --report xml="$tmp/r.xml" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 2
    expect_in "$tmp/err" "--report 'xml="
    "$wirecheck" run "$cases/reference-selftest.yaml" --timeout-scale 0 >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 2
    expect_in "$tmp/err" "--timeout-scale must be more than 0"
    "$wirecheck" run "$cases/reference-selftest.yaml" --id no-such-case >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 2
    expect_in "$tmp/err" "no case matches the selection"
    "$wirecheck" run "$cases/reference-selftest.yaml" --target "127.0.0.1" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 2
    expect_in "$tmp/err" "--target '127.0.0.1'"
    ;;

  bad-case-file)
    printf 'suite: broken\nspec: RFC 9112\ncases:\n  - id: x\n    title: t\n    ref: { level: MUST }\n    steps:\n      - sned: "GET /"\n' >"$tmp/bad.yaml"
    "$wirecheck" run "$tmp/bad.yaml" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 2
    expect_in "$tmp/err" "bad.yaml:8:"
    expect_in "$tmp/err" "nothing was run"
    ;;

  transcripts)
    "$wirecheck" run "$cases/reference-selftest.yaml" --save-transcripts "$tmp/tr" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 0
    for id in selftest-get-ok selftest-missing selftest-head selftest-chunked selftest-missing-host; do
      [ -s "$tmp/tr/$id.txt" ] || fail "no transcript for $id"
    done
    expect_in "$tmp/tr/selftest-get-ok.txt" "main  send @0"
    expect_in "$tmp/tr/selftest-get-ok.txt" "| GET / HTTP/1.1\\r\\n"
    expect_in "$tmp/tr/selftest-get-ok.txt" "main  receive @0"
    ;;

  interrupt)
    # SIGINT while a case pauses for a minute: the run stops at once, exits 128+2, and the
    # JSON report holds the finished cases only (never the interrupted one).
    "$wirecheck" run "$cases/interrupt.yaml" --report json="$tmp/r.json" --color never >"$tmp/out" 2>"$tmp/err" &
    pid=$!
    sleep 1
    kill -INT "$pid"
    wait "$pid"
    rc=$?
    expect_exit 130
    expect_in "$tmp/err" "stopped by SIGINT"
    [ -s "$tmp/r.json" ] || fail "no JSON report after SIGINT"
    if grep -qF '"interrupt-slow"' "$tmp/r.json"; then fail "the interrupted case is in the report"; fi
    # ... and says it is a short run, as the console does.
    grep -qE '"interrupted": ?true' "$tmp/r.json" || fail "the JSON report does not say it was interrupted"
    expect_in "$tmp/out" "INTERRUPTED: "
    ;;

  terminate)
    # SIGTERM as for SIGINT, with 128+15.
    "$wirecheck" run "$cases/interrupt.yaml" --report junit="$tmp/r.xml" --color never >"$tmp/out" 2>"$tmp/err" &
    pid=$!
    sleep 1
    kill -TERM "$pid"
    wait "$pid"
    rc=$?
    expect_exit 143
    expect_in "$tmp/err" "stopped by SIGTERM"
    [ -s "$tmp/r.xml" ] || fail "no JUnit report after SIGTERM"
    if grep -qF 'interrupt-slow' "$tmp/r.xml"; then fail "the interrupted case is in the report"; fi
    ;;

  tcp-reply)
    # A plain-TCP profile without --target: the reference server runs in its reply mode.
    "$wirecheck" run "$cases/tcp" --profile "$cases/profiles/gbk-reply.yaml" --color never \
      >"$tmp/out" 2>"$tmp/err"
    rc=$?
    expect_exit 0
    expect_in "$tmp/err" "(plain TCP, reply mode)"
    expect_in "$tmp/out" "PASSED: 2 of 2 cases"
    ;;

  ipv6)
    # A target given as [::1]:PORT: the reference server listens there (skip without IPv6).
    "$wirecheck" serve --listen "[::1]:0" --quiet >"$tmp/serve.out" 2>"$tmp/serve.err" &
    server=$!
    port=""
    for _ in $(seq 1 50); do
      port="$(sed -n 's/.*listening on http:\/\/\[::1\]:\([0-9]*\).*/\1/p' "$tmp/serve.out")"
      [ -n "$port" ] && break
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
    if [ -z "$port" ]; then
      kill "$server" 2>/dev/null; wait "$server" 2>/dev/null
      echo "skipping: no IPv6 loopback ($(cat "$tmp/serve.err"))"
      exit 77
    fi
    "$wirecheck" run "$cases/reference-selftest.yaml" --target "[::1]:$port" --color never >"$tmp/out" 2>"$tmp/err"
    rc=$?
    kill "$server" 2>/dev/null; wait "$server" 2>/dev/null
    expect_exit 0
    expect_in "$tmp/out" "[::1]:$port"
    ;;

  *)
    echo "unknown scenario $scenario" >&2
    exit 2
    ;;
esac
echo "ok ($scenario)"
