#!/usr/bin/env python3
"""pubdb stats --chart svg -o FILE: a valid SVG with one bar per year whose
heights are proportional to the counts of 'pubdb stats --format json'.

    stats-svg.py PUBDB EXAMPLES_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def run(pubdb, env, *args):
    return subprocess.run([pubdb, *args], env=env, check=True, capture_output=True, text=True)


def main():
    pubdb, examples = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PUBDB_DB=os.path.join(tmp, "db.sqlite"), HOME=tmp, NO_COLOR="1")
        env.pop("PUBDB_ME", None)
        run(pubdb, env, "--quiet", "import", os.path.join(examples, "cv.bib"))
        out = os.path.join(tmp, "years.svg")
        r = run(pubdb, env, "stats", "--chart", "svg", "-o", out)
        assert r.stdout == "" and r.stderr == "", (r.stdout, r.stderr)
        counts = {str(g["year"]): g["count"]
                  for g in json.loads(run(pubdb, env, "stats", "--format", "json").stdout)["by_year"]
                  if g["year"] is not None}
        root = ET.parse(out).getroot()

    assert root.tag == SVG + "svg", root.tag
    title = root.find(SVG + "title")
    assert title is not None and title.text == "Papers per year", "no accessible title"
    bars = [r for r in root.iter(SVG + "rect") if r.get("class") == "bar"]
    years = [b.get("data-year") for b in bars]
    assert sorted(years) == sorted(counts), (years, counts)
    assert years == sorted(years), "years run from left to right: %s" % years
    tallest = max(float(b.get("height")) for b in bars)
    most = max(counts.values())
    for b in bars:
        n = counts[b.get("data-year")]
        assert int(b.get("data-count")) == n
        want = n * tallest / most
        got = float(b.get("height"))
        assert abs(got - want) <= 1, "year %s: height %s, expected %s" % (b.get("data-year"), got, want)
        # the bar stands on the axis
        assert abs(float(b.get("y")) + got - float(bars[0].get("y")) - float(bars[0].get("height"))) <= 0.1
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    for y in counts:
        assert y in texts, "no label for year " + y
    print("ok: %d bars" % len(bars))


if __name__ == "__main__":
    main()
