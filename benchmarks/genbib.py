#!/usr/bin/env python3
"""Writes a large, realistic BibTeX file for the benchmark, deterministically.

usage: genbib.py ENTRIES SEED > big.bib

Entries have 6-12 fields, 3-20 authors (some with LaTeX accents or
equal-contribution marks), abstracts on a third of them, @string journal
macros, month macros and '#' concatenation: what libbtparse accepts and
what real files hold.
"""
import random
import re
import sys

FAMILY = ("Smith Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin "
          "Gao Luo M{\\\"u}ller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz "
          "Hoffmann Garc{\\'\\i}a Mart{\\'\\i}nez L{\\'o}pez Gonz{\\'a}lez Rodr{\\'\\i}guez "
          "P{\\'e}rez Dupont Durand Lefebvre Moreau Laurent Simon Michel Bernard Petit Rossi "
          "Russo Ferrari Esposito Bianchi Romano Colombo Tanaka Suzuki Takahashi Watanabe Ito "
          "Yamamoto Nakamura Kobayashi Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Singh "
          "Kumar Sharma Patel Gupta Shah Johnson Williams Brown Jones Miller Davis Wilson "
          "Anderson Taylor Thomas Moore Jackson White Harris Clark Lewis Robinson Walker "
          "Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell "
          "Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris "
          "Rogers Reed Cook Morgan Bell Murphy Bailey Cooper Richardson Cox Howard Ward "
          "Peterson Gray James Watson Brooks Kelly Sanders Price Bennett Wood Barnes Ross "
          "Henderson Coleman Jenkins Perry Powell Long Patterson Hughes Flores Washington "
          "Butler Simmons Foster Bryant Alexander Russell Griffin Hayes Myers Ford Graham "
          "Sullivan Wallace Woods Cole West Jordan Owens Reynolds Ellis Harrison Gibson "
          "Mcdonald Cruz Marshall Ortiz Gomez Murray Freeman Wells Webb Olson Stone Hunt "
          "Er{\\H{o}}s Ko{\\v{c}}i Nov{\\'a}k Dvo{\\v{r}}{\\'a}k {\\AA}str{\\\"o}m").split()
GIVEN = ("James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David "
         "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Wei Jing Yi Xin "
         "Hao Lei Jun Ming Yan Tao Ying Fang Hui Qiang Haocheng Shuo Ce Yuki Hiroshi Kenji "
         "Min-jun Seo-yeon Ji-ho Arjun Priya Rahul Ananya Fran{\\c{c}}ois Ren{\\'e} "
         "J{\\\"o}rg J{\\\"u}rgen Andr{\\'e} Jos{\\'e} Mar{\\'\\i}a Luca Giulia Matteo "
         "Sofia Anna Peter Klaus Ingrid Lars Sven Olga Ivan Dmitri Elena Nikos").split()
WORDS = ("learning deep neural network networks model models robust efficient scalable "
         "adaptive graph attention transformer transformers language vision image images "
         "representation representations optimization stochastic gradient descent training "
         "inference generative diffusion reinforcement policy agents multi-agent federated "
         "privacy secure analysis theory bounds convergence sparse low-rank quantization "
         "compression pruning distillation contrastive self-supervised semi-supervised "
         "unsupervised benchmark dataset evaluation retrieval search ranking recommendation "
         "causal inference bayesian variational probabilistic kernel methods spectral "
         "clustering embedding embeddings memory hardware accelerator systems distributed "
         "parallel streaming database query queries index compiler program synthesis "
         "verification formal proofs protein molecular climate physics galaxy stellar "
         "quantum circuits control robotics manipulation navigation planning perception "
         "speech audio video segmentation detection tracking 3D point cloud rendering "
         "fairness interpretability explanation uncertainty calibration towards via for "
         "with from of on in and the a beyond revisiting understanding improving").split()
VENUES = (
    ("inproceedings", "booktitle", "Proceedings of the 41st International Conference on Machine Learning"),
    ("inproceedings", "booktitle", "Advances in Neural Information Processing Systems"),
    ("inproceedings", "booktitle", "International Conference on Learning Representations"),
    ("inproceedings", "booktitle", "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition"),
    ("inproceedings", "booktitle", "Proceedings of the AAAI Conference on Artificial Intelligence"),
    ("inproceedings", "booktitle", "Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing"),
    ("inproceedings", "booktitle", "ICML 2024 Workshop on Efficient Systems for Foundation Models"),
    ("inproceedings", "booktitle", "Proceedings of the ACM SIGMOD International Conference on Management of Data"),
    ("inproceedings", "booktitle", "USENIX Symposium on Operating Systems Design and Implementation"),
    ("inproceedings", "booktitle", "Proceedings of the Annual Symposium on Regional Widgetry"),
    ("article", "journal", "Journal of Machine Learning Research"),
    ("article", "journal", "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
    ("article", "journal", "Nature"),
    ("article", "journal", "Physical Review Letters"),
    ("article", "journal", "arXiv preprint arXiv:2401.01234"),
    ("article", "journal", "Quarterly Review of Obscure Studies"),
)
MACROS = (("jmlr", "Journal of Machine Learning Research"),
          ("tpami", "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
          ("prl", "Physical Review Letters"))
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def words(rng, lo, hi):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi)))


def title(rng):
    t = words(rng, 3, 10)
    t = t[0].upper() + t[1:]
    if rng.random() < 0.2:
        t = "{" + rng.choice(("BERT", "GAN", "SGD", "LLM", "ViT")) + "}: " + t
    return t


def author(rng, i, n, marked):
    fam, giv = rng.choice(FAMILY), rng.choice(GIVEN)
    star = "*" if marked and i < 2 else ""
    if rng.random() < 0.5:
        return f"{fam}{star}, {giv}"
    if rng.random() < 0.3:
        return f"{giv[0]}. {fam}{star}"
    return f"{giv} {fam}{star}"


def abstract(rng):
    sentences = []
    for _ in range(rng.randint(1, 3)):
        s = words(rng, 8, 20)
        sentences.append(s[0].upper() + s[1:] + ".")
    text = " ".join(sentences)
    # wrap as people do, so that abstracts span lines
    out, line = [], ""
    for w in text.split():
        if len(line) + len(w) > 70:
            out.append(line)
            line = ""
        line += (" " if line else "") + w
    out.append(line)
    return "\n    ".join(out)


def entry(rng, n):
    etype, vfield, venue = rng.choice(VENUES)
    nauth = min(20, int(rng.expovariate(1 / 2.5)) + 3)
    marked = rng.random() < 0.1
    authors = " and ".join(author(rng, i, nauth, marked) for i in range(nauth))
    year = rng.randint(1990, 2025)
    stem = re.sub(r"[^a-z]", "", rng.choice(FAMILY).lower()) or "x"
    key = f"{stem}{year}{rng.choice(WORDS)}{n}"
    fields = [("title", "{" + title(rng) + "}"), ("author", "{" + authors + "}")]
    macro = next((m for m, full in MACROS if full == venue), None)
    if macro and rng.random() < 0.5:
        fields.append((vfield, macro))
    else:
        fields.append((vfield, "{" + venue + "}"))
    fields.append(("year", str(year) if rng.random() < 0.7 else "{" + str(year) + "}"))
    optional = [
        ("month", lambda: rng.choice(MONTHS) if rng.random() < 0.7 else '"1~" # ' + rng.choice(MONTHS)),
        ("pages", lambda: f"{{{(p := rng.randint(1, 9000))}--{p + rng.randint(5, 30)}}}"),
        ("volume", lambda: str(rng.randint(1, 300))),
        ("number", lambda: str(rng.randint(1, 12))),
        ("publisher", lambda: "{" + rng.choice(("PMLR", "Springer", "ACM", "IEEE", "Curran Associates, Inc.")) + "}"),
        ("doi", lambda: f"{{10.{rng.randint(1000, 9999)}/{rng.randint(100000, 999999)}.{n}}}"),
        ("url", lambda: f"{{https://example.org/papers/{n}.pdf}}"),
        ("keywords", lambda: "{" + ", ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))) + "}"),
        ("note", lambda: "{" + rng.choice(("Oral presentation", "Spotlight", "To appear", "Best Paper Award")) + "}"),
        ("address", lambda: "{" + rng.choice(("Vienna, Austria", "New Orleans, LA, USA", "Z{\\\"u}rich")) + "}"),
        ("editor", lambda: "{" + " and ".join(author(rng, 9, 2, False) for _ in range(rng.randint(1, 3))) + "}"),
        ("isbn", lambda: f"{{978-{rng.randint(0, 9)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{rng.randint(0, 9)}}}"),
    ]
    rng.shuffle(optional)
    for name, make in optional[:rng.randint(2, 7)]:
        fields.append((name, make()))
    if rng.random() < 1 / 3:
        fields.append(("abstract", "{" + abstract(rng) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{etype}{{{key},\n{body}\n}}\n\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: genbib.py ENTRIES SEED")
    count, rng = int(sys.argv[1]), random.Random(int(sys.argv[2]))
    out = sys.stdout
    out.write("% Generated by benchmarks/genbib.py for the pubdb benchmark.\n\n")
    for name, full in MACROS:
        out.write(f'@string{{{name} = "{full}"}}\n')
    out.write("\n")
    for n in range(count):
        out.write(entry(rng, n))


main()
