#!/usr/bin/env python3
"""An import killed with SIGKILL at any point leaves the database as it was.

  crash-safety.py PUBDB

Imports a base file and takes a JSON export, then several times starts an
import of a large file (12,000 entries, tests/gen-bib.py: more than SQLite's page cache holds, so
the open transaction spills pages to the WAL before it commits) into a copy of
that database and kills it after a delay spread over the import's
duration. After each kill SQLite's
integrity check must say ok, 'pubdb check' must find no damage and the
JSON export must equal the one before (or, for a kill that came after the
commit, the one after the whole import: nothing in between). At least
half of the kills must land inside the import, and one after its open
transaction had written pages to the WAL; the last import runs to the
end and adds all. The same again for a first import (into a database with
no entries), which writes through a rollback journal, straight into the
database file: killed, it must leave the database empty.
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
KILLS = 10
LARGE = 12000


def run(pubdb, db, *args):
    return subprocess.run([pubdb, '--db', db] + list(args), capture_output=True, text=True)


def export(pubdb, db):
    out = run(pubdb, db, 'export', '--format', 'json', '--sort', 'title')
    if out.returncode != 0:
        sys.exit('export failed: %s' % out.stderr)
    return out.stdout


def check_intact(pubdb, db, before, after, what):
    """Checks db; returns True if it is as before, False if as after the import."""
    con = sqlite3.connect(db)
    integrity = con.execute('PRAGMA integrity_check').fetchall()
    fks = con.execute('PRAGMA foreign_key_check').fetchall()
    con.close()
    if integrity != [('ok',)] or fks:
        sys.exit('%s: integrity %r, foreign keys %r' % (what, integrity, fks))
    check = run(pubdb, db, 'check')
    if check.returncode == 3 or 'integrity' in check.stdout:
        sys.exit('%s: pubdb check: %s%s' % (what, check.stdout, check.stderr))
    now = export(pubdb, db)
    if now not in (before, after):
        sys.exit('%s: the export is neither the one before the import nor after it' % what)
    return now == before


def wal_size(db, start_size):
    """Bytes in the WAL: written by the import's open transaction."""
    try:
        return os.path.getsize(db + '-wal')
    except OSError:
        return 0


def growth(db, start_size):
    """Bytes the database file grew by: a first import writes it directly."""
    return os.path.getsize(db) - start_size


def timed_import(pubdb, db, big):
    """How long a whole import of big into db takes, and the export after it."""
    start = time.monotonic()
    run(pubdb, db, '--quiet', 'import', big)
    return time.monotonic() - start, export(pubdb, db)


def kill_series(pubdb, tmp, rng, start_db, big, written, what):
    """Imports big into copies of start_db, killed at delays over the import."""
    before = export(pubdb, start_db)
    scratch = os.path.join(tmp, 'scratch.sqlite')
    shutil.copyfile(start_db, scratch)
    duration, after = timed_import(pubdb, scratch, big)
    start_size = os.path.getsize(start_db)
    landed = mid_write = 0
    for i in range(KILLS):
        # each attempt starts from start_db; the delays cover the import
        attempt = os.path.join(tmp, 'attempt.sqlite')
        shutil.copyfile(start_db, attempt)
        delay = duration * (i + rng.random()) / KILLS
        proc = subprocess.Popen([pubdb, '--db', attempt, '--quiet', 'import', big],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            wrote = written(attempt, start_size)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            # a kill between the commit and the exit finds the import done
            if check_intact(pubdb, attempt, before, after,
                            '%s: kill %d after %.3fs' % (what, i, delay)):
                landed += 1
                mid_write += wrote > 0
        else:
            proc.wait()
        for suffix in ('', '-wal', '-shm', '-journal'):
            if os.path.exists(attempt + suffix):
                os.remove(attempt + suffix)
    print('%s: import takes %.2fs; %d of %d kills landed inside it, %d after it'
          ' had written pages' % (what, duration, landed, KILLS, mid_write))
    if landed < KILLS // 2 or mid_write < 1:
        sys.exit('%s: too few kills landed inside the import' % what)


def main(pubdb):
    pubdb = os.path.abspath(pubdb)
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'db.sqlite')
        empty = os.path.join(tmp, 'empty.sqlite')
        big = os.path.join(tmp, 'big.bib')
        base = os.path.join(tmp, 'base.bib')
        gen = [sys.executable, os.path.join(HERE, 'gen-bib.py')]
        with open(big, 'w') as f:
            subprocess.run(gen + ['entries', str(LARGE)], stdout=f, check=True)
        with open(base, 'w') as f:
            subprocess.run(gen + ['entries', '20', 'base'], stdout=f, check=True)
        if run(pubdb, db, '--quiet', 'import', base).returncode != 0:
            sys.exit('base import failed')
        # an import into a database with entries writes through the WAL
        kill_series(pubdb, tmp, rng, db, big, wal_size, 'into entries')
        # a first one through a rollback journal, straight into the file
        if run(pubdb, empty, 'list').returncode != 0:
            sys.exit('cannot make an empty database')
        kill_series(pubdb, tmp, rng, empty, big, growth, 'first import')

        done = run(pubdb, db, 'import', big)
        if done.returncode != 0 or 'imported %d,' % LARGE not in done.stderr:
            sys.exit('the import after the kills: %s' % done.stderr)
        count = run(pubdb, db, 'list')
        if len(count.stdout.splitlines()) != 1 + 20 + LARGE:
            sys.exit('after the full import: %d lines listed' % len(count.stdout.splitlines()))


if __name__ == '__main__':
    main(sys.argv[1])
