#!/usr/bin/env python3
"""Writes deterministic .bib files too big to keep in the repository.

  gen-bib.py big-field BYTES      one entry whose abstract has BYTES bytes
  gen-bib.py many-authors N       one entry with N authors
  gen-bib.py deep-braces N        a title with braces nested N deep, then a good entry
  gen-bib.py many-fields N        one entry with N fields
  gen-bib.py macros N PREFIX      N @string entries, 60-byte names, then an entry using the last
  gen-bib.py long-macro-name N    a @string whose macro name has N bytes, then an entry
  gen-bib.py entries N [PREFIX]   N ordinary entries with keys PREFIXi

The file goes to standard output.
"""
import sys

VENUES = ['Proceedings of ICML', 'NeurIPS', 'Journal of Machine Learning Research',
          'arXiv preprint', 'CVPR']


def big_field(size):
    words = ('lorem ipsum dolor sit amet ' * (size // 27 + 1))[:size]
    return ('@article{bigfield, author = {Long, Abby}, title = {A long abstract},\n'
            '  year = 2020, abstract = {%s}}\n' % words)


def many_authors(n):
    names = ' and '.join('Author%d, First%d' % (i, i) for i in range(n))
    return '@article{crowd, author = {%s}, title = {Everyone}, year = 2021}\n' % names


def deep_braces(n):
    return ('@misc{deep, title = {%sdeep%s}}\n'
            '@misc{afterdeep, title = {After the deep one}}\n' % ('{' * n, '}' * n))


def many_fields(n):
    fields = ''.join(',\n  f%d = {value %d}' % (i, i) for i in range(1, n + 1))
    return '@misc{wide%d%s\n}\n' % (n, fields)


def macros(n, prefix):
    names = ['%s%0*d' % (prefix, 60 - len(prefix), i) for i in range(n)]
    return ''.join('@string{%s = "%s"}\n' % (m, m[-6:]) for m in names) + \
        '@misc{%s, title = %s}\n' % (prefix, names[-1])


def long_macro_name(n):
    return '@string{%s = "x"}\n@misc{afterlong, title = {After the long name}}\n' % ('m' * n)


def entries(n, prefix='e'):
    out = []
    for i in range(n):
        out.append('@inproceedings{%s%d,\n'
                   '  author = {Family%d, Given and Other%d, A. and M{\\"u}ller, J\\"org},\n'
                   '  title = {Title number %d about {LaTeX} and $x^2$},\n'
                   '  booktitle = {%s},\n'
                   '  year = %d,\n'
                   '  keywords = {topic%d},\n'
                   '  abstract = {%s}\n'
                   '}\n\n' % (prefix, i, i, i % 7, i, VENUES[i % len(VENUES)],
                              2000 + i % 25, i % 5, 'words ' * 40))
    return ''.join(out)


def main(argv):
    kinds = {'big-field': big_field, 'many-authors': many_authors,
             'deep-braces': deep_braces, 'many-fields': many_fields,
             'long-macro-name': long_macro_name}
    if len(argv) >= 2 and argv[0] in kinds:
        sys.stdout.write(kinds[argv[0]](int(argv[1])))
    elif len(argv) == 3 and argv[0] == 'macros':
        sys.stdout.write(macros(int(argv[1]), argv[2]))
    elif len(argv) >= 2 and argv[0] == 'entries':
        sys.stdout.write(entries(int(argv[1]), *argv[2:3]))
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv[1:])
