#!/usr/bin/env python3
"""Every JSON export of the corpus validates against schema/pubdb-export.schema.json.

    json-schema.py PUBDB CORPUSDIR SCHEMA

Each corpus file is imported into a fresh database and exported with
--format json (with an owner set, so that "me" is exercised); every object
must validate (JSON Schema draft 2020-12): the schema describes the whole
export, an array of entry objects. Exit 0 pass, 1 fail, 77 skip
(no corpus, or no jsonschema module).
"""
import glob
import json
import os
import subprocess
import sys
import tempfile


def main(pubdb, corpus, schema_path):
    if not os.path.isdir(corpus):
        print("skip: the corpus is not available")
        return 77
    try:
        import jsonschema
    except ImportError:
        print("skip: python3 jsonschema is not installed")
        return 77
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(glob.glob(os.path.join(corpus, "**", "*.bib"), recursive=True))
    failed = objects = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, path in enumerate(files):
            db = os.path.join(tmp, "%d.db" % n)
            subprocess.run([pubdb, "--db", db, "--quiet", "import", path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            out = subprocess.run([pubdb, "--db", db, "--me", "Haocheng Xi", "export",
                                  "--format", "json"], capture_output=True)
            name = os.path.relpath(path, corpus)
            if out.returncode != 0:
                print("FAIL: %s: export exited %d: %s" % (name, out.returncode,
                                                        out.stderr.decode()[:200]))
                failed += 1
                continue
            entries = json.loads(out.stdout.decode("utf-8"))
            errors = list(validator.iter_errors(entries))	# the schema is the array's
            objects += len(entries)
            if errors:
                failed += 1
                print("FAIL: %s: %s at %s" % (name, errors[0].message[:200],
                                              "/".join(str(p) for p in errors[0].path)))
    print("%d files, %d objects validated" % (len(files), objects))
    print("%d passed, %d failed" % (len(files) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: json-schema.py PUBDB CORPUSDIR SCHEMA")
    sys.exit(main(*sys.argv[1:]))
