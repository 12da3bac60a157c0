#!/usr/bin/env python3
"""Schema migrations of a database from pubdb's first schema version.

  migrate.py PUBDB SCHEMADIR

tests/data/migrate-v1.db was written by the first schema's pubdb (the
migrate-v1 case compares what the current one reads from it). Here: a
copy opened by this pubdb reaches the current user_version, every entry
is kept and derived again (its exports equal those of a fresh import of
tests/data/migrate-v1.bib), the database passes its checks; and a migration that fails
(an object in the way of 0002) leaves the copy exactly as it was, with
one message and status 3.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, 'data', 'migrate-v1.db')


def snapshot(db):
    con = sqlite3.connect(db)
    state = (con.execute('PRAGMA user_version').fetchone()[0],
             con.execute('SELECT type, name, sql FROM sqlite_master ORDER BY name').fetchall(),
             con.execute('SELECT * FROM entries ORDER BY id').fetchall())
    con.close()
    return state


def main(pubdb, schema_dir):
    current = len([f for f in os.listdir(schema_dir) if f[:4].isdigit() and f.endswith('.sql')])
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'v1.db')
        shutil.copyfile(FIXTURE, db)
        version, _, entries = snapshot(db)
        if version != 1 or len(entries) != 4:
            sys.exit('the fixture: version %d with %d entries' % (version, len(entries)))
        check = subprocess.run([pubdb, '--db', db, 'check'], capture_output=True, text=True)
        if check.returncode == 3 or 'integrity' in check.stdout or check.stderr:
            sys.exit('check after the migration: %s%s' % (check.stdout, check.stderr))
        version, _, entries = snapshot(db)
        if version != current or len(entries) != 4:
            sys.exit('migrated: version %d (want %d), %d entries' % (version, current, len(entries)))
        fresh = os.path.join(tmp, 'fresh.db')
        subprocess.run([pubdb, '--db', fresh, '--quiet', 'import',
                        os.path.join(HERE, 'data', 'migrate-v1.bib')], check=True)
        for fmt in ('json', 'bibtex', 'csl-json'):
            got, want = (subprocess.run([pubdb, '--db', d, '--me', 'Haocheng Xi', 'export',
                                         '--format', fmt], capture_output=True, text=True,
                                        check=True).stdout for d in (db, fresh))
            if got != want:
                sys.exit('migrated: the %s export differs from a fresh import' % fmt)

        broken = os.path.join(tmp, 'broken.db')
        shutil.copyfile(FIXTURE, broken)
        con = sqlite3.connect(broken)
        con.execute('CREATE INDEX entries_venue ON entries(key)')	# 0002 creates this name
        con.commit()
        con.close()
        before = snapshot(broken)
        run = subprocess.run([pubdb, '--db', broken, 'list'], capture_output=True, text=True)
        want = ('pubdb: error: database error while upgrading the schema:'
                ' index entries_venue already exists\n')
        if run.returncode != 3 or run.stderr != want or run.stdout:
            sys.exit('failed migration: status %d, stderr %r, expected 3 and %r'
                     % (run.returncode, run.stderr, want))
        if snapshot(broken) != before:
            sys.exit('failed migration: the database changed')
    print('migrated version 1 to %d keeping 4 entries; a failed migration changed nothing'
          % current)


if __name__ == '__main__':
    main(os.path.abspath(sys.argv[1]), sys.argv[2])
