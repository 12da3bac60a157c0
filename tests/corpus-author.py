#!/usr/bin/env python3
"""Every author of the real-data corpus is found by --author, as written.

    corpus-author.py PUBDB CORPUSDIR

"list --author NAME" looks for its candidates in the full-text index, by
the words of the names of the people called NAME, then keeps the entries
that name one of them. This checks that the shortcut loses nothing on the
names people really write: each file is imported into a fresh database,
and for names of its authors, as written in the file, "list --author NAME"
must list every entry that has that name among its authors. The names
checked are every one with LaTeX, braces, quotes, math or a non-ASCII
letter, and every tenth of the others (up to 20 a file).
Prints a line for each name that misses entries; the last line is
"N names, N failed".
Exit 0 pass, 1 fail, 77 skip (no corpus), 2 usage.
"""

import glob
import os
import sqlite3
import subprocess
import sys
import tempfile

PLAIN_LIMIT = 20


def is_special(name):
    return any(c in name for c in '\\{}"$~') or any(ord(c) > 127 for c in name)


def names_to_check(authors):
    names = sorted(authors)
    special = [n for n in names if is_special(n)]
    plain = [n for n in names if not is_special(n)][::10][:PLAIN_LIMIT]
    return special + plain


def authors_by_name(db):
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT ep.raw, e.key FROM entry_persons ep JOIN entries e ON e.id = ep.entry_id"
            " WHERE ep.role = 'author'").fetchall()
    finally:
        con.close()
    authors = {}
    for raw, key in rows:
        authors.setdefault(raw, set()).add(key)
    return authors


def check_file(pubdb, path, tmp, env):
    """Names checked and failures for one file."""
    db = os.path.join(tmp, 'db.sqlite')
    for suffix in ('', '-wal', '-shm', '-journal'):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    run = subprocess.run([pubdb, '--quiet', '--db', db, 'import', path], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if run.returncode not in (0, 1):
        print(f'FAIL: {path}: import exited with {run.returncode}')
        return 0, 1
    authors = authors_by_name(db)
    checked = failed = 0
    for name in names_to_check(authors):
        checked += 1
        out = subprocess.run([pubdb, '--db', db, 'list', '--author=' + name, '--format', 'keys'],
                             env=env, capture_output=True, text=True)
        listed = set(out.stdout.split())
        missing = sorted(authors[name] - listed)
        if out.returncode != 0 or missing:
            failed += 1
            print(f'FAIL: {os.path.basename(path)}: --author {name!r}: exit {out.returncode}, '
                  f'missing {missing}')
    return checked, failed


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    pubdb, corpus = sys.argv[1], sys.argv[2]
    if not os.path.isdir(corpus):
        print(f"skip: corpus folder '{corpus}' is not available")
        return 77
    files = sorted(glob.glob(os.path.join(corpus, '*.bib')) +
                   glob.glob(os.path.join(corpus, 'malformed', '*.bib')) +
                   glob.glob(os.path.join(corpus, 'large', '*.bib')))
    names = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items()
               if k not in ('PUBDB_DB', 'PUBDB_ME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME')}
        env.update(HOME=tmp, NO_COLOR='1', LC_ALL='C.UTF-8')
        for path in files:
            n, bad = check_file(pubdb, path, tmp, env)
            names += n
            failed += bad
    print(f'{names} names, {failed} failed')
    return 1 if failed or not names else 0


if __name__ == '__main__':
    sys.exit(main())
