#!/usr/bin/env python3
"""Counts TAP subtests in meson's testlog.json and prints the closing line
`N passed, N failed[, N skipped]`.  A test program that fails without
reporting any TAP result (a crash, a timeout) counts as one failure."""
import json
import re
import sys

passed = failed = skipped = 0
ok_re = re.compile(r'^(not )?ok\b(.*)$')
try:
    with open(sys.argv[1], encoding='utf-8') as log:
        entries = [json.loads(line) for line in log if line.strip()]
except OSError as e:
    print(f'could not read the test log: {e}', file=sys.stderr)
    print('0 passed, 1 failed')
    sys.exit(1)

for entry in entries:
    seen = 0
    bad = 0
    for line in (entry.get('stdout') or '').splitlines():
        m = ok_re.match(line.strip())
        if not m:
            continue
        seen += 1
        rest = m.group(2)
        if re.search(r'#\s*SKIP', rest, re.I):
            skipped += 1
        elif m.group(1) and not re.search(r'#\s*TODO', rest, re.I):
            failed += 1
            bad += 1
        else:
            passed += 1
    result = entry.get('result', '')
    if result in ('FAIL', 'TIMEOUT', 'ERROR', 'UNEXPECTEDPASS') and bad == 0:
        failed += 1
    elif seen == 0 and result == 'OK':
        passed += 1
    elif seen == 0 and result == 'SKIP':
        skipped += 1

line = f'{passed} passed, {failed} failed'
if skipped:
    line += f', {skipped} skipped'
print(line)
sys.exit(1 if failed else 0)
