#!/bin/sh
# CSL-JSON export, read by pandoc and checked against the whole corpus.
#
#   pandoc-citeproc.sh PUBDB CORPUSDIR
#
# 1. Every .bib of the corpus (top level, malformed/, large/) is imported
#    into a fresh database and exported with --format csl-json: the export
#    must exit 0 with nothing on stderr, parse as JSON, and be an array of
#    objects that keep to CSL-JSON: a non-empty string id, a known CSL
#    type, names as {family, given, non-dropping-particle, suffix} or
#    {literal}, issued as {"date-parts": [[year, month?]]}, every other
#    value a non-empty string.
# 2. A few entries with accents, particles, editors, literal names, pages
#    and an arXiv preprint are rendered by pandoc --citeproc with its
#    default style (Chicago author-date) and compared, line by line, to
#    corpus/csl/references.txt (rendered by Debian 12's pandoc 2.17 and
#    checked by eye against the .bib sources).
#
# Exit 0 pass, 1 fail, 77 skip (no corpus, no pandoc or no python3).
set -u
. "$(dirname "$0")/corpus-lib.sh"

if [ $# -ne 2 ]; then
	echo "usage: $0 PUBDB CORPUSDIR" >&2
	exit 2
fi
pubdb=$1 corpus=$2

skip_unless_corpus "$corpus"
skip_unless_tools "" pandoc python3

golden=$(cd "$(dirname "$0")" && pwd)/corpus/csl/references.txt
enter_scratch

failed=0
fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# ---- 1. every export is CSL-JSON ----

# Reads "NAME<TAB>PATH" lines; prints a line for each problem, nothing when all is well.
check_csl_json() {
	python3 -c '
import json, sys

TYPES = set("""article article-journal article-magazine article-newspaper bill book
broadcast chapter classic collection dataset document entry entry-dictionary
entry-encyclopedia event figure graphic hearing interview legal_case legislation
manuscript map motion_picture musical_score pamphlet paper-conference patent
performance periodical personal_communication post post-weblog regulation report
review review-book software song speech standard thesis treaty webpage""".split())
NAME_KEYS = {"family", "given", "non-dropping-particle", "suffix"}
PEOPLE = {"author", "editor"}

def problems(objs):
    if not isinstance(objs, list):
        yield "not an array"
        return
    for n, o in enumerate(objs):
        where = "object %d" % n
        if not isinstance(o, dict):
            yield where + ": not an object"
            continue
        if not isinstance(o.get("id"), str) or not o["id"]:
            yield where + ": no id"
        else:
            where += " (%s)" % o["id"]
        if o.get("type") not in TYPES:
            yield where + ": type %r is no CSL type" % o.get("type")
        for k, v in o.items():
            if k in PEOPLE:
                ok = isinstance(v, list) and v and all(
                    isinstance(p, dict) and p and all(isinstance(x, str) and x for x in p.values())
                    and (set(p) == {"literal"} or (set(p) <= NAME_KEYS and "family" in p))
                    for p in v)
            elif k == "issued":
                parts = v.get("date-parts") if isinstance(v, dict) else None
                ok = (set(v) == {"date-parts"} and isinstance(parts, list) and len(parts) == 1
                      and isinstance(parts[0], list) and 1 <= len(parts[0]) <= 2
                      and all(type(x) is int for x in parts[0])
                      and (len(parts[0]) == 1 or 1 <= parts[0][1] <= 12))
            else:
                ok = isinstance(v, str) and v != ""
            if not ok:
                yield where + ": bad %s: %s" % (k, json.dumps(v, ensure_ascii=False)[:200])

for line in sys.stdin:
    name, path = line.rstrip("\n").split("\t")
    try:
        with open(path, encoding="utf-8") as f:
            objs = json.load(f)
    except (ValueError, UnicodeDecodeError) as e:
        print("%s: not JSON: %s" % (name, e))
        continue
    for i, p in enumerate(problems(objs)):
        if i == 5:
            print("%s: ..." % name)
            break
        print("%s: %s" % (name, p))
'
}

files=0 objects=0
: >"$tmp/exports"
for f in "$corpus"/*.bib "$corpus"/malformed/*.bib "$corpus"/large/*.bib; do
	[ -f "$f" ] || continue
	files=$((files + 1))
	db=$tmp/db$files
	out=$tmp/export$files.json
	"$pubdb" --db "$db" import "$f" >/dev/null 2>&1
	st=$?
	if [ $st -ne 0 ] && [ $st -ne 1 ]; then
		fail "$f: import exited $st"
		continue
	fi
	"$pubdb" --db "$db" export --format csl-json >"$out" 2>"$tmp/err"
	st=$?
	rm -f "$db" "$db-wal" "$db-shm"
	if [ $st -ne 0 ] || [ -s "$tmp/err" ]; then
		fail "$f: export --format csl-json exited $st"
		head -n 5 "$tmp/err" | sed 's/^/    /'
		continue
	fi
	printf '%s\t%s\n' "${f#"$corpus"/}" "$out" >>"$tmp/exports"
done
if [ $files -eq 0 ]; then
	echo "FAIL: no .bib file found in '$corpus'"
	exit 1
fi
check_csl_json <"$tmp/exports" >"$tmp/problems"
if [ -s "$tmp/problems" ]; then
	fail "exports that are not CSL-JSON:"
	head -n 40 "$tmp/problems" | cut -c 1-300 | sed 's/^/    /'
fi
objects=$(cut -f 2 "$tmp/exports" | xargs cat | grep -c '^{')
echo "$files files exported, $objects objects checked"

# ---- 2. pandoc renders chosen entries as the golden file says ----

# FILE KEY: accents (LaTeX and UTF-8), von particles, editors, a literal
# (braced) name list, page ranges, series, a thesis, a book, an arXiv preprint.
render_keys='
bibtex-xampl.bib inproceedings-full
biblatex-examples.bib aksin
biblatex-examples.bib baez/online
biblatex-examples.bib brandt
biblatex-examples.bib geer
biblatex-examples.bib herrmann
biblatex-examples.bib vangennep
alfolio-31.bib Brito2015b
alfolio-31.bib Brito2018
alfolio-31.bib tangDesignSurgicalDevice2024
'

db=$tmp/render.db
set --
for file in $(echo "$render_keys" | awk 'NF { print $1 }' | sort -u); do
	"$pubdb" --db "$db" import "$corpus/$file" >/dev/null 2>"$tmp/err"
	st=$?
	# alfolio-31.bib has an entry pubdb skips: 1 is fine
	[ $st -le 1 ] || fail "import of $file for rendering exited $st"
done
for key in $(echo "$render_keys" | awk 'NF { print $2 }'); do
	set -- "$@" --key "$key"
done
if ! "$pubdb" --db "$db" export --format csl-json "$@" >"$tmp/refs.json" 2>"$tmp/err"; then
	fail "export of the entries to render failed:"
	head -n 5 "$tmp/err" | sed 's/^/    /'
fi
got=$(grep -c '^{' "$tmp/refs.json")
want=$(echo "$render_keys" | grep -c .)
[ "$got" -eq "$want" ] || fail "exported $got of the $want entries to render"

printf -- "---\nnocite: '@*'\n---\n" >"$tmp/refs.md"
if ! pandoc --citeproc --bibliography "$tmp/refs.json" -f markdown -t plain --wrap=none \
	"$tmp/refs.md" -o "$tmp/rendered.txt" 2>"$tmp/pandoc.err" || [ -s "$tmp/pandoc.err" ]; then
	fail "pandoc --citeproc did not take the export:"
	head -n 10 "$tmp/pandoc.err" | sed 's/^/    /'
elif ! diff -u "$golden" "$tmp/rendered.txt" >"$tmp/diff"; then
	fail "pandoc's rendering differs from $golden ($(pandoc --version | head -n 1)):"
	sed -n '3,60p' "$tmp/diff" | sed 's/^/    /'
fi

[ $failed -eq 0 ] && echo "pass" || echo "$failed checks failed"
[ $failed -eq 0 ]
