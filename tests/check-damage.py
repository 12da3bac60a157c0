#!/usr/bin/env python3
"""'pubdb check' finds a damaged database: exact findings, status 3.

  check-damage.py PUBDB DATADIR

An intact database gives no 'integrity:' line. Then rows are taken out
behind pubdb's back: the text of one entry, the end of another's fields,
the first author of a third, the words of a fourth in the full-text index,
and a file that entries still point to
(with foreign keys off, as any other SQLite client may have them); check
must name each one, and show and import must still work on what is left.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile

WANT = """integrity: foreign key from file_items to missing files
integrity: foreign key from entries row 1 to missing files
integrity: foreign key from entries row 2 to missing files
integrity: foreign key from entries row 3 to missing files
integrity: foreign key from entries row 4 to missing files
integrity: foreign key from entries row 5 to missing files
integrity: entry child2020: no text
integrity: entry xi2023training: fields damaged
integrity: entry muller2019: authors not numbered 0..1
integrity: entry xi2024jetfire: not in the full-text index
"""


def check(pubdb, db):
    return subprocess.run([pubdb, '--db', db, 'check'], capture_output=True, text=True)


def main(pubdb, data):
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, 'db.sqlite')
        subprocess.run([pubdb, '--db', db, '--quiet', 'import', os.path.join(data, 'basic.bib')],
                       check=True)
        intact = check(pubdb, db)
        if intact.returncode == 3 or 'integrity' in intact.stdout or intact.stderr:
            sys.exit('intact database: status %d\n%s%s' % (intact.returncode, intact.stdout,
                                                          intact.stderr))
        con = sqlite3.connect(db)
        con.execute("DELETE FROM entry_texts WHERE entry_id ="
                    " (SELECT id FROM entries WHERE key = 'child2020')")
        con.execute("UPDATE entry_texts SET fields = substr(fields, 1, length(fields) - 1)"
                    " WHERE entry_id = (SELECT id FROM entries WHERE key = 'xi2023training')")
        con.execute("DELETE FROM entry_persons WHERE pos = 0 AND role = 'author' AND entry_id ="
                    " (SELECT id FROM entries WHERE key = 'muller2019')")
        con.execute("DELETE FROM entries_fts WHERE rowid ="
                    " (SELECT id FROM entries WHERE key = 'xi2024jetfire')")
        con.execute("DELETE FROM files")
        con.commit()
        con.close()
        damaged = check(pubdb, db)
        lines = [l for l in damaged.stdout.splitlines(True) if l.startswith('integrity:')]
        if damaged.returncode != 3 or ''.join(lines) != WANT or damaged.stderr:
            sys.exit('damaged database: status %d, stdout:\n%s\nstderr: %s\nwanted status 3 and:\n%s'
                     % (damaged.returncode, damaged.stdout, damaged.stderr, WANT))
        # what is left is still read and imported into
        shown = subprocess.run([pubdb, '--db', db, 'show', 'child2020'], capture_output=True,
                               text=True)
        if (shown.returncode != 0 or shown.stderr or '(null)' in shown.stdout
                or 'title    Notes on the Analytical Engine\n' not in shown.stdout):
            sys.exit('show of the entry without text: status %d\n%s%s'
                     % (shown.returncode, shown.stdout, shown.stderr))
        again = subprocess.run([pubdb, '--db', db, 'import', os.path.join(data, 'basic.bib')],
                               capture_output=True, text=True)
        if again.returncode != 0 or again.stderr != 'imported 0, updated 0, merged 0, unchanged 5, skipped 0\n':
            sys.exit('import into the damaged database: status %d\n%s%s'
                     % (again.returncode, again.stdout, again.stderr))
    print('check: intact database has no integrity findings; damage found, status 3')


if __name__ == '__main__':
    main(os.path.abspath(sys.argv[1]), sys.argv[2])
