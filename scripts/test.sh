#!/usr/bin/env bash
# npm test: everything, in the order that fails fastest. Browsers come from
# scripts/install-browsers.sh (the README's test line runs it first). The last line is the
# total of every runner's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Runs a node:test script, shows its counts (and its failures in full), keeps its output for the total.
counted() {
  local out
  out=$(mktemp)
  if ! npm run -s "$1" >"$out" 2>&1; then
    cat "$out" >>"$log"
    grep -E '^# (tests|pass|fail)' "$out" || true
    # The failing subtests themselves (indented), with their messages, then the suites they fail.
    grep -B2 -A30 '^ *not ok' "$out" | grep -v '^ *at ' | head -150 || tail -40 "$out"
    rm -f "$out"
    exit 1
  fi
  cat "$out" >>"$log"
  grep -E '^# (tests|pass|fail|timings)' "$out"
  rm -f "$out"
}

echo "== build (sizes of the CDN file below), on Node $(node --version)"
npm run -s build
echo '== type-check'
npm run -s typecheck
echo '== lint and format'
npm run -s lint
echo '== unit tests (node): pure modules, the HTTP call, bundle budget, manifest, import in Node'
counted test:unit
echo '== server module and sandbox (node, real HTTP on loopback)'
counted test:node
echo '== browser tests: Chromium, Firefox ESR, WebKitGTK'
npm run -s test:browsers 2>&1 | tee -a "$log"

echo '== end to end: the demo under npm start, driven in Chromium'
counted test:e2e

echo '== WordPress: the plugin on Debian’s WordPress 6.1 (MariaDB, Apache on 127.0.0.1), paid through in Chromium'
counted test:wordpress

echo '== the package as merchants install it: npm pack, then the docs and the examples from the tarball'
bash scripts/pack.sh
echo '-- every code block of README.md and docs/*.md, type-checked in a consumer project'
counted test:docs
echo '-- each example built by its framework and paid through in Chromium (Node 24; Express on 20, 22 and 24)'
EXAMPLE_NODES=20,22,24 EXAMPLE_TIMINGS=1 counted test:examples

# Node 20 is past its end of life; merchants run 22 and 24. The pure modules, the package's
# import in Node, the server module and the sandbox run on each (the npm registry's `node`
# package brings the binaries); the browser and e2e suites above do not depend on Node's version.
for version in 22 24; do
  bin=$(dirname "$(npx -y -p "node@$version" -c 'command -v node')")
  echo "== Node $("$bin/node" --version): unit tests, server module and sandbox"
  PATH="$bin:$PATH" counted test:unit
  PATH="$bin:$PATH" counted test:node
done

# web-test-runner redraws a progress line per browser; the last one of each holds its counts.
browser_counts() {
  grep -aoE '(Chrome|Firefox|MiniBrowser): +\|[^|]*\| [0-9]+/[0-9]+ test files \| [0-9]+ passed, [0-9]+ failed' "$log" |
    awk -F'|' '{ split($1, b, ":"); split($4, n, " "); p[b[1]] = n[1]; f[b[1]] = n[3] }
      END { for (k in p) { sp += p[k]; sf += f[k] } print sp + 0, sf + 0 }'
}
read -r browser_passed browser_failed < <(browser_counts)
unit_passed=$(grep -aoE '^# pass [0-9]+' "$log" | awk '{ s += $3 } END { print s + 0 }')
unit_failed=$(grep -aoE '^# fail [0-9]+' "$log" | awk '{ s += $3 } END { print s + 0 }')
echo "total: $((unit_passed + browser_passed)) passed, $((unit_failed + browser_failed)) failed"
