#!/usr/bin/env python3
"""What pubdb understands of real CV files, checked against a person's reading.

    corpus-cv.py PUBDB CORPUSDIR [DATADIR]

DATADIR (default: corpus/cv/ beside this script) holds one FILE.tsv per
CORPUSDIR/FILE.bib: the owner's name spellings (a "# me:" line) and, for every
entry, the facts a person reads off the file: equal-contribution and
corresponding authors, the owner's position, first or co-first authorship,
venue, workshop, selected and awards. The .tsv headers say what each column
means. The expectations were written by reading the files, never copied from
pubdb's output: a failure is a disagreement to be judged, not re-recorded.

Each file is imported into a fresh database in a temporary folder; then
"export --format json" and "list --first-author --format json" run with --me
set to the owner's spellings, and every expectation is compared exactly.
Every mismatch is printed as FILE KEY FIELD: expected ..., got ...; the last
line is "N passed, N failed" (one check per entry and field).
Exit 0 pass, 1 fail, 77 skip (no corpus), 2 usage.
"""

import json
import os
import subprocess
import sys
import tempfile

COLUMNS = ['key', 'year', 'equal', 'corresponding', 'owner', 'first', 'venue',
           'workshop', 'selected', 'awards', 'note']


class Failures:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, file, key, field, expected, got):
        if expected == got:
            self.passed += 1
        else:
            self.failed += 1
            print(f'FAIL: {file} {key} {field}: expected {json.dumps(expected, ensure_ascii=False)}, '
                  f'got {json.dumps(got, ensure_ascii=False)}')

    def error(self, file, what):
        self.failed += 1
        print(f'FAIL: {file}: {what}')


def positions(text):
    return [] if text == '-' else [int(p) for p in text.split(',')]


def yes_no(text, where):
    if text not in ('yes', 'no'):
        raise ValueError(f'{where}: "{text}" is neither yes nor no')
    return text == 'yes'


def read_tsv(path):
    """(me, rows): rows are dicts keyed by COLUMNS, values parsed."""
    me = None
    rows = []
    header_seen = False
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            where = f'{path}:{n}'
            if line.startswith('#'):
                if line.startswith('# me:'):
                    me = line[len('# me:'):].strip()
                continue
            if not line.strip():
                continue
            cells = line.split('\t')
            if not header_seen:
                if cells != COLUMNS:
                    raise ValueError(f'{where}: header is not {COLUMNS}')
                header_seen = True
                continue
            if len(cells) != len(COLUMNS):
                raise ValueError(f'{where}: {len(cells)} columns, want {len(COLUMNS)}')
            r = dict(zip(COLUMNS, cells))
            r['year'] = int(r['year'])
            r['equal'] = positions(r['equal'])
            r['corresponding'] = positions(r['corresponding'])
            r['owner'] = positions(r['owner'])
            if r['first'] not in ('first', 'co-first', 'no'):
                raise ValueError(f'{where}: first is "{r["first"]}"')
            if (r['first'] == 'first') != (r['owner'] == [1]):
                raise ValueError(f'{where}: "first" and the owner position disagree')
            if r['first'] == 'co-first' and not (1 in r['equal'] and r['owner'][0] in r['equal']):
                raise ValueError(f'{where}: co-first, but owner and author 1 are not both marked equal')
            r['workshop'] = yes_no(r['workshop'], where)
            r['selected'] = yes_no(r['selected'], where)
            if r['venue'] == '-' and not r['workshop']:
                raise ValueError(f'{where}: venue "-" is for workshop papers only')
            r['awards'] = [] if r['awards'] == '-' else r['awards'].split(' | ')
            rows.append(r)
    if me is None:
        raise ValueError(f'{path}: no "# me:" line')
    return me, rows


def run(argv, env):
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def check_file(pubdb, bib, tsv, tmp, env, res):
    name = os.path.basename(bib)
    me, rows = read_tsv(tsv)
    db = os.path.join(tmp, name + '.db')
    for suffix in ('', '-wal', '-shm'):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)

    status, _, err = run([pubdb, '--db', db, 'import', bib], env)
    if status not in (0, 1):
        res.error(name, f'import exited {status}: {err.strip()}')
        return
    status, out, err = run([pubdb, '--db', db, '--me', me, 'export', '--format', 'json'], env)
    if status != 0:
        res.error(name, f'export exited {status}: {err.strip()}')
        return
    try:
        exported = json.loads(out)
    except ValueError as e:
        res.error(name, f'export is not JSON: {e}')
        return
    status, out, err = run([pubdb, '--db', db, '--me', me, 'list', '--first-author',
                            '--format', 'json'], env)
    if status != 0:
        res.error(name, f'list --first-author exited {status}: {err.strip()}')
        return
    try:
        first_keys = {e['key'] for e in json.loads(out)}
    except ValueError as e:
        res.error(name, f'list --first-author output is not JSON: {e}')
        return

    by_key = {}
    for e in exported:
        by_key.setdefault(e['key'], e)
    expected_keys = {r['key'] for r in rows}
    for key in sorted(set(by_key) - expected_keys):
        res.check(name, key, 'entry', 'absent', 'exported')
    for key in sorted(first_keys - set(by_key)):
        res.check(name, key, 'first-author', 'absent', 'listed')

    for r in rows:
        key = r['key']
        e = by_key.get(key)
        res.check(name, key, 'entry', 'exported', 'exported' if e else 'absent')
        if not e:
            continue
        authors = e.get('authors') or []
        venue = e.get('venue') or {}
        res.check(name, key, 'year', r['year'], e.get('year'))
        res.check(name, key, 'equal', r['equal'],
                  [i for i, a in enumerate(authors, 1) if a.get('equal')])
        res.check(name, key, 'equal_contribution', bool(r['equal']), e.get('equal_contribution'))
        res.check(name, key, 'corresponding', r['corresponding'],
                  [i for i, a in enumerate(authors, 1) if a.get('corresponding')])
        res.check(name, key, 'owner', r['owner'],
                  [i for i, a in enumerate(authors, 1) if a.get('me')])
        res.check(name, key, 'first-author', r['first'] != 'no', key in first_keys)
        want_short = None if r['venue'] in ('unknown', '-') else r['venue']
        res.check(name, key, 'venue.short', want_short, venue.get('short'))
        res.check(name, key, 'venue.workshop', r['workshop'], venue.get('workshop'))
        res.check(name, key, 'selected', r['selected'], e.get('selected'))
        res.check(name, key, 'awards', r['awards'], e.get('awards'))


def main(argv):
    if len(argv) not in (3, 4):
        print(f'usage: {argv[0]} PUBDB CORPUSDIR [DATADIR]', file=sys.stderr)
        return 2
    pubdb, corpus = os.path.abspath(argv[1]), argv[2]
    data = argv[3] if len(argv) == 4 else os.path.join(os.path.dirname(os.path.abspath(argv[0])),
                                                       'corpus', 'cv')
    if not os.path.isdir(corpus):
        print(f"skip: corpus folder '{corpus}' is not available")
        return 77
    tsvs = sorted(f for f in os.listdir(data) if f.endswith('.tsv')) if os.path.isdir(data) else []
    if not tsvs:
        print(f"FAIL: no expectations (*.tsv) in '{data}'")
        return 1

    res = Failures()
    with tempfile.TemporaryDirectory(prefix='pubdb-corpus-cv.') as tmp:
        env = {k: v for k, v in os.environ.items()
               if k not in ('PUBDB_DB', 'PUBDB_ME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME')}
        env.update(HOME=tmp, NO_COLOR='1', LC_ALL='C.UTF-8')
        for tsv in tsvs:
            bib = os.path.join(corpus, tsv[:-len('.tsv')] + '.bib')
            if not os.path.isfile(bib):
                res.error(os.path.basename(bib), 'missing from the corpus')
                continue
            try:
                check_file(pubdb, bib, os.path.join(data, tsv), tmp, env, res)
            except ValueError as e:
                res.error(tsv, f'bad expectations: {e}')
    print(f'{res.passed} passed, {res.failed} failed')
    return 1 if res.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
