#!/usr/bin/env python3
"""pubdb list on a terminal (a pseudo-terminal of a chosen width): every
line fits the width, long titles end with an ellipsis, key, year and venue
are coloured unless NO_COLOR (non-empty) or --color=never says otherwise,
and --color=always wins over NO_COLOR.

    terminal.py PUBDB EXAMPLES_DIR
"""
import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios
import unicodedata

SGR = re.compile(r"\x1b\[[0-9;]*m")


def on_terminal(argv, env, cols):
    """Runs argv with stdout on a pseudo-terminal cols wide; returns its output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    p = subprocess.Popen(argv, env=env, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    _, err = p.communicate()
    assert p.returncode == 0 and not err, (p.returncode, err)
    return out.decode("utf-8").replace("\r\n", "\n")


def width(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in SGR.sub("", line))


def main():
    pubdb, examples = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PUBDB_DB=os.path.join(tmp, "db.sqlite"), HOME=tmp)
        env.pop("NO_COLOR", None)
        env.pop("COLUMNS", None)
        subprocess.run([pubdb, "--quiet", "import", os.path.join(examples, "cv.bib")],
                       env=env, check=True)
        for cols in (120, 84, 70, 60):
            out = on_terminal([pubdb, "list"], env, cols)
            lines = out.splitlines()
            if len(lines) != 8:
                failures.append("%d columns: %d lines, expected 8" % (cols, len(lines)))
            for line in lines:
                if width(line) > cols:
                    failures.append("%d columns: %r is %d wide" % (cols, line, width(line)))
            if not any(line.endswith("\u2026") for line in lines):
                failures.append("%d columns: no title cut with an ellipsis" % cols)
            if "\x1b[33mxi2024jetfire\x1b[0m" not in out or "\x1b[32m2024\x1b[0m" not in out \
                    or "\x1b[36mICML\x1b[0m" not in out:
                failures.append("%d columns: key, year and venue are not coloured" % cols)
        cases = [
            ("NO_COLOR=1", [], {"NO_COLOR": "1"}, False),
            ("NO_COLOR empty", [], {"NO_COLOR": ""}, True),
            ("--color=never", ["--color=never"], {}, False),
            ("--color=always with NO_COLOR=1", ["--color=always"], {"NO_COLOR": "1"}, True),
        ]
        for name, flags, extra, coloured in cases:
            out = on_terminal([pubdb, *flags, "list"], dict(env, **extra), 100)
            if bool(SGR.search(out)) != coloured:
                failures.append("%s: colours %s" % (name, "missing" if coloured else "present"))
    for f in failures:
        print(f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
