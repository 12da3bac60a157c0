#!/usr/bin/env python3
"""Two imports and a list at once on one database.

  concurrency.py PUBDB

Three rounds: imports of two different files (1,500 entries each) and a
list start together. Each must finish, or fail with exactly 'pubdb: error:
database is busy: ...' and status 3; a file's entries are then all in the
database or none of them, and the database passes its integrity check.
Then a writer that holds the database longer than pubdb waits (its busy
timeout): the import must fail that way and change nothing; and one that
locks it as a first import does (a rollback journal): a list must fail
that way too, and list everything once the lock is gone.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUSY = 'pubdb: error: database is busy: another pubdb is using it'
N = 1500


def start(pubdb, db, *args):
    return subprocess.Popen([pubdb, '--db', db] + list(args), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finished(proc, what):
    """True if proc succeeded, False if it lost with the busy message."""
    out, err = proc.communicate()
    if proc.returncode == 0:
        return True
    if proc.returncode == 3 and err.startswith(BUSY) and err.count('pubdb: error:') == 1:
        return False
    sys.exit('%s: status %d, stderr: %s' % (what, proc.returncode, err))


def keys_with(db, prefix):
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM entries WHERE key LIKE ? || '%'", (prefix,)).fetchone()[0]
    con.close()
    return n


def check_integrity(db, what):
    con = sqlite3.connect(db)
    rows = con.execute('PRAGMA integrity_check').fetchall()
    fks = con.execute('PRAGMA foreign_key_check').fetchall()
    con.close()
    if rows != [('ok',)] or fks:
        sys.exit('%s: integrity %r, foreign keys %r' % (what, rows, fks))


def race(pubdb, tmp, files, round_no):
    db = os.path.join(tmp, 'race%d.sqlite' % round_no)
    subprocess.run([pubdb, '--db', db, 'list'], capture_output=True, check=True)
    procs = [('import a', start(pubdb, db, '--quiet', 'import', files['a'])),
             ('import b', start(pubdb, db, '--quiet', 'import', files['b'])),
             ('list', start(pubdb, db, 'list'))]
    results = {what: finished(p, 'round %d: %s' % (round_no, what)) for what, p in procs}
    check_integrity(db, 'round %d' % round_no)
    for prefix in 'ab':
        n = keys_with(db, prefix)
        want = N if results['import ' + prefix] else 0
        if n != want:
            sys.exit('round %d: %d entries of file %s, expected %d' % (round_no, n, prefix, want))
    return results


def hold_lock(db, seconds, locked):
    con = sqlite3.connect(db, isolation_level=None, timeout=30)
    con.execute('BEGIN IMMEDIATE')
    locked.set()
    time.sleep(seconds)
    con.execute('ROLLBACK')
    con.close()


def run_while_held(pubdb, tmp, files, name, hold, args):
    """A database of file a, held by hold() for 12 s while pubdb runs args."""
    db = os.path.join(tmp, name)
    subprocess.run([pubdb, '--db', db, '--quiet', 'import', files['a']], check=True)
    locked = threading.Event()
    holder = threading.Thread(target=hold, args=(db, 12, locked))
    holder.start()
    locked.wait()
    proc = start(pubdb, db, *args)
    out, err = proc.communicate()
    holder.join()
    return db, proc.returncode, out, err


def busy_writer(pubdb, tmp, files):
    db, status, _, err = run_while_held(pubdb, tmp, files, 'held.sqlite', hold_lock,
                                        ['import', files['b']])
    want = (BUSY + ' (starting a transaction)\n'
            'imported 0, updated 0, merged 0, unchanged 0, skipped 0\n')
    if status != 3 or err != want:
        sys.exit('held database: status %d, stderr %r, expected 3 and %r'
                 % (status, err, want))
    check_integrity(db, 'held database')
    if keys_with(db, 'b') != 0 or keys_with(db, 'a') != N:
        sys.exit('held database: the failed import changed entries')


def hold_exclusive(db, seconds, locked):
    """Holds db as a first import does: a rollback journal, the file locked."""
    con = sqlite3.connect(db, isolation_level=None, timeout=30)
    con.execute('PRAGMA journal_mode = TRUNCATE')
    con.execute('BEGIN EXCLUSIVE')
    locked.set()
    time.sleep(seconds)
    con.execute('ROLLBACK')
    con.execute('PRAGMA journal_mode = WAL')
    con.close()


def busy_reader(pubdb, tmp, files):
    db, status, out, err = run_while_held(pubdb, tmp, files, 'first.sqlite', hold_exclusive,
                                          ['list', '--format', 'keys'])
    want = BUSY + ' (opening the database)\n'
    if status != 3 or out or err != want:
        sys.exit('locked database: status %d, stdout %r, stderr %r, expected 3, nothing and %r'
                 % (status, out, err, want))
    proc = start(pubdb, db, 'list', '--format', 'keys')
    out, err = proc.communicate()
    if proc.returncode != 0 or len(out.splitlines()) != N:
        sys.exit('locked database, once free: status %d, %d keys'
                 % (proc.returncode, len(out.splitlines())))


def main(pubdb):
    pubdb = os.path.abspath(pubdb)
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for prefix in 'ab':
            files[prefix] = os.path.join(tmp, prefix + '.bib')
            with open(files[prefix], 'w') as f:
                subprocess.run([sys.executable, os.path.join(HERE, 'gen-bib.py'), 'entries',
                                str(N), prefix], stdout=f, check=True)
        for round_no in range(3):
            results = race(pubdb, tmp, files, round_no)
            print('round %d: %s' % (round_no, ', '.join(
                '%s %s' % (what, 'finished' if ok else 'busy') for what, ok in results.items())))
        busy_writer(pubdb, tmp, files)
        print('held database: the import failed as busy, nothing changed')
        busy_reader(pubdb, tmp, files)
        print('locked database: the list failed as busy, then listed it')


if __name__ == '__main__':
    main(sys.argv[1])
