/*
 * LaTeX to UTF-8 and folded matching keys.
 *
 * pdb_tex_to_utf8 works in three linear passes:
 *   1. invalid UTF-8 bytes become U+FFFD, so later passes see valid text;
 *   2. a single left-to-right scan expands commands, accents, ligatures and
 *      drops grouping braces; brace depth is a counter, never recursion;
 *   3. utf8proc composes to NFC, then whitespace is collapsed and trimmed.
 *
 * Accents are handled by "pending marks": an accent command records its
 * combining mark, and the mark is written after the next character that is
 * emitted.  This covers \"u, \"{u}, {\"u}, \"\i, \'{\"u} and \t{oo} alike.
 * A mark whose braced argument closes without a character (\~{}) is written
 * in its spacing form (~); one with no argument at all is dropped.
 */
#include "pubdb/texnorm.h"
#include "pubdb/buf.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_PENDING 16

enum cmd_action {
	CMD_TEXT,	/* emit the replacement */
	CMD_DROP_ARG,	/* \noopsort{...}: the argument vanishes too */
	CMD_HREF,	/* \href{url}{text}: the url vanishes, text stays */
	CMD_URL,	/* \url{...}: the argument is copied verbatim */
};

struct command {
	const char *name;
	const char *text;
	enum cmd_action action;
};

/*
 * Sorted by byte value of name (bsearch).  Commands not listed here, such
 * as \textbf, \emph, \bf or \foo, are dropped and their argument, being an
 * ordinary brace group, is kept.
 */
static const struct command commands[] = {
	{ "!", "", CMD_TEXT },
	{ "#", "#", CMD_TEXT },
	{ "$", "$", CMD_TEXT },
	{ "%", "%", CMD_TEXT },
	{ "&", "&", CMD_TEXT },
	{ ",", " ", CMD_TEXT },
	{ "-", "", CMD_TEXT },
	{ "/", "", CMD_TEXT },
	{ ":", " ", CMD_TEXT },
	{ ";", " ", CMD_TEXT },
	{ "@", "", CMD_TEXT },
	{ "AA", "\u00c5", CMD_TEXT },
	{ "AE", "\u00c6", CMD_TEXT },
	{ "BibTeX", "BibTeX", CMD_TEXT },
	{ "DH", "\u00d0", CMD_TEXT },
	{ "DJ", "\u0110", CMD_TEXT },
	{ "L", "\u0141", CMD_TEXT },
	{ "LaTeX", "LaTeX", CMD_TEXT },
	{ "NG", "\u014a", CMD_TEXT },
	{ "O", "\u00d8", CMD_TEXT },
	{ "OE", "\u0152", CMD_TEXT },
	{ "P", "\u00b6", CMD_TEXT },
	{ "S", "\u00a7", CMD_TEXT },
	{ "SS", "SS", CMD_TEXT },
	{ "TH", "\u00de", CMD_TEXT },
	{ "TeX", "TeX", CMD_TEXT },
	{ "\\", " ", CMD_TEXT },
	{ "_", "_", CMD_TEXT },
	{ "aa", "\u00e5", CMD_TEXT },
	{ "aap", "Astronomy and Astrophysics", CMD_TEXT },	/* AAS */
	{ "aapr", "Astronomy and Astrophysics Review", CMD_TEXT },	/* AAS */
	{ "aaps", "Astronomy and Astrophysics Supplement Series", CMD_TEXT },	/* AAS */
	{ "actaa", "Acta Astronomica", CMD_TEXT },	/* AAS */
	{ "ae", "\u00e6", CMD_TEXT },
	{ "aj", "Astronomical Journal", CMD_TEXT },	/* AAS */
	{ "ao", "Applied Optics", CMD_TEXT },	/* AAS */
	{ "apj", "Astrophysical Journal", CMD_TEXT },	/* AAS */
	{ "apjl", "Astrophysical Journal Letters", CMD_TEXT },	/* AAS */
	{ "apjlett", "Astrophysical Journal Letters", CMD_TEXT },	/* AAS */
	{ "apjs", "Astrophysical Journal Supplement Series", CMD_TEXT },	/* AAS */
	{ "apjsupp", "Astrophysical Journal Supplement Series", CMD_TEXT },	/* AAS */
	{ "aplett", "Astrophysical Letters", CMD_TEXT },	/* AAS */
	{ "applopt", "Applied Optics", CMD_TEXT },	/* AAS */
	{ "apspr", "Astrophysics and Space Physics Reviews", CMD_TEXT },	/* AAS */
	{ "apss", "Astrophysics and Space Science", CMD_TEXT },	/* AAS */
	{ "araa", "Annual Review of Astronomy and Astrophysics", CMD_TEXT },	/* AAS */
	{ "astap", "Astronomy and Astrophysics", CMD_TEXT },	/* AAS */
	{ "azh", "Astronomicheskii Zhurnal", CMD_TEXT },	/* AAS */
	{ "baas", "Bulletin of the American Astronomical Society", CMD_TEXT },	/* AAS */
	{ "bac", "Bulletin of the Astronomical Institutes of Czechoslovakia", CMD_TEXT },	/* AAS */
	{ "bain", "Bulletin of the Astronomical Institutes of the Netherlands", CMD_TEXT },	/* AAS */
	{ "caa", "Chinese Astronomy and Astrophysics", CMD_TEXT },	/* AAS */
	{ "cjaa", "Chinese Journal of Astronomy and Astrophysics", CMD_TEXT },	/* AAS */
	{ "copyright", "\u00a9", CMD_TEXT },
	{ "dag", "\u2020", CMD_TEXT },
	{ "ddag", "\u2021", CMD_TEXT },
	{ "dh", "\u00f0", CMD_TEXT },
	{ "dj", "\u0111", CMD_TEXT },
	{ "dots", "\u2026", CMD_TEXT },
	{ "euro", "\u20ac", CMD_TEXT },
	{ "fcp", "Fundamentals of Cosmic Physics", CMD_TEXT },	/* AAS */
	{ "gca", "Geochimica et Cosmochimica Acta", CMD_TEXT },	/* AAS */
	{ "grl", "Geophysical Research Letters", CMD_TEXT },	/* AAS */
	{ "guillemetleft", "\u00ab", CMD_TEXT },
	{ "guillemetright", "\u00bb", CMD_TEXT },
	{ "guillemotleft", "\u00ab", CMD_TEXT },
	{ "guillemotright", "\u00bb", CMD_TEXT },
	{ "href", "", CMD_HREF },
	{ "i", "\u0131", CMD_TEXT },
	{ "iaucirc", "IAU Circulars", CMD_TEXT },	/* AAS */
	{ "icarus", "Icarus", CMD_TEXT },	/* AAS */
	{ "j", "\u0237", CMD_TEXT },
	{ "jcap", "Journal of Cosmology and Astroparticle Physics", CMD_TEXT },	/* AAS */
	{ "jcp", "Journal of Chemical Physics", CMD_TEXT },	/* AAS */
	{ "jgr", "Journal of Geophysical Research", CMD_TEXT },	/* AAS */
	{ "jqsrt", "Journal of Quantitative Spectroscopy and Radiative Transfer", CMD_TEXT },	/* AAS */
	{ "jrasc", "Journal of the Royal Astronomical Society of Canada", CMD_TEXT },	/* AAS */
	{ "l", "\u0142", CMD_TEXT },
	{ "ldots", "\u2026", CMD_TEXT },
	{ "memras", "Memoirs of the Royal Astronomical Society", CMD_TEXT },	/* AAS */
	{ "memsai", "Memorie della Societ\u00e0 Astronomica Italiana", CMD_TEXT },	/* AAS */
	{ "mnras", "Monthly Notices of the Royal Astronomical Society", CMD_TEXT },	/* AAS */
	{ "na", "New Astronomy", CMD_TEXT },	/* AAS */
	{ "nar", "New Astronomy Reviews", CMD_TEXT },	/* AAS */
	{ "nat", "Nature", CMD_TEXT },	/* AAS */
	{ "ng", "\u014b", CMD_TEXT },
	{ "nobreakspace", "\u00a0", CMD_TEXT },
	{ "noopsort", "", CMD_DROP_ARG },
	{ "nphysa", "Nuclear Physics A", CMD_TEXT },	/* AAS */
	{ "o", "\u00f8", CMD_TEXT },
	{ "oe", "\u0153", CMD_TEXT },
	{ "pasa", "Publications of the Astronomical Society of Australia", CMD_TEXT },	/* AAS */
	{ "pasj", "Publications of the Astronomical Society of Japan", CMD_TEXT },	/* AAS */
	{ "pasp", "Publications of the Astronomical Society of the Pacific", CMD_TEXT },	/* AAS */
	{ "physrep", "Physics Reports", CMD_TEXT },	/* AAS */
	{ "physscr", "Physica Scripta", CMD_TEXT },	/* AAS */
	{ "planss", "Planetary and Space Science", CMD_TEXT },	/* AAS */
	{ "pounds", "\u00a3", CMD_TEXT },
	{ "pra", "Physical Review A", CMD_TEXT },	/* AAS */
	{ "prb", "Physical Review B", CMD_TEXT },	/* AAS */
	{ "prc", "Physical Review C", CMD_TEXT },	/* AAS */
	{ "prd", "Physical Review D", CMD_TEXT },	/* AAS */
	{ "pre", "Physical Review E", CMD_TEXT },	/* AAS */
	{ "prl", "Physical Review Letters", CMD_TEXT },	/* AAS */
	{ "procspie", "Proceedings of the SPIE", CMD_TEXT },	/* AAS */
	{ "psj", "Planetary Science Journal", CMD_TEXT },	/* AAS */
	{ "qjras", "Quarterly Journal of the Royal Astronomical Society", CMD_TEXT },	/* AAS */
	{ "qquad", " ", CMD_TEXT },
	{ "quad", " ", CMD_TEXT },
	{ "relax", "", CMD_TEXT },
	{ "rmxaa", "Revista Mexicana de Astronom\u00eda y Astrof\u00edsica", CMD_TEXT },	/* AAS */
	{ "skytel", "Sky and Telescope", CMD_TEXT },	/* AAS */
	{ "solphys", "Solar Physics", CMD_TEXT },	/* AAS */
	{ "sovast", "Soviet Astronomy", CMD_TEXT },	/* AAS */
	{ "ss", "\u00df", CMD_TEXT },
	{ "ssr", "Space Science Reviews", CMD_TEXT },	/* AAS */
	{ "textasciicircum", "^", CMD_TEXT },
	{ "textasciitilde", "~", CMD_TEXT },
	{ "textbackslash", "\\", CMD_TEXT },
	{ "textbar", "|", CMD_TEXT },
	{ "textbraceleft", "{", CMD_TEXT },
	{ "textbraceright", "}", CMD_TEXT },
	{ "textcopyright", "\u00a9", CMD_TEXT },
	{ "textdagger", "\u2020", CMD_TEXT },
	{ "textdaggerdbl", "\u2021", CMD_TEXT },
	{ "textdegree", "\u00b0", CMD_TEXT },
	{ "textellipsis", "\u2026", CMD_TEXT },
	{ "textemdash", "\u2014", CMD_TEXT },
	{ "textendash", "\u2013", CMD_TEXT },
	{ "texteuro", "\u20ac", CMD_TEXT },
	{ "textexclamdown", "\u00a1", CMD_TEXT },
	{ "textgreater", ">", CMD_TEXT },
	{ "textless", "<", CMD_TEXT },
	{ "textparagraph", "\u00b6", CMD_TEXT },
	{ "textperiodcentered", "\u00b7", CMD_TEXT },
	{ "textquestiondown", "\u00bf", CMD_TEXT },
	{ "textquotedblleft", "\u201c", CMD_TEXT },
	{ "textquotedblright", "\u201d", CMD_TEXT },
	{ "textquoteleft", "\u2018", CMD_TEXT },
	{ "textquoteright", "\u2019", CMD_TEXT },
	{ "textregistered", "\u00ae", CMD_TEXT },
	{ "textsection", "\u00a7", CMD_TEXT },
	{ "textsterling", "\u00a3", CMD_TEXT },
	{ "texttrademark", "\u2122", CMD_TEXT },
	{ "textunderscore", "_", CMD_TEXT },
	{ "th", "\u00fe", CMD_TEXT },
	{ "url", "", CMD_URL },
	{ "zap", "Zeitschrift f\u00fcr Astrophysik", CMD_TEXT },	/* AAS */
	{ "{", "{", CMD_TEXT },
	{ "}", "}", CMD_TEXT },
};

struct accent {
	const char *name;
	const char *mark;	/* combining mark, written after the base */
	const char *spacing;	/* what \x{} alone prints */
};

static const struct accent accents[] = {
	{ "\"", "\u0308", "\u00a8" },
	{ "'", "\u0301", "\u00b4" },
	{ ".", "\u0307", "\u02d9" },
	{ "=", "\u0304", "\u00af" },
	{ "H", "\u030b", "\u02dd" },
	{ "^", "\u0302", "^" },
	{ "`", "\u0300", "`" },
	{ "b", "\u0331", "_" },
	{ "c", "\u0327", "\u00b8" },
	{ "d", "\u0323", "." },
	{ "k", "\u0328", "\u02db" },
	{ "r", "\u030a", "\u02da" },
	{ "t", "\u0361", "" },	/* tie: after the first of two letters */
	{ "u", "\u0306", "\u02d8" },
	{ "v", "\u030c", "\u02c7" },
	{ "~", "\u0303", "~" },
};

/* TeX input ligatures, longest first where they share a prefix. */
static const struct {
	const char *from;
	const char *to;
} ligatures[] = {
	{ "---", "\u2014" },
	{ "--", "\u2013" },
	{ "``", "\u201c" },
	{ "''", "\u201d" },
	{ "?`", "\u00bf" },
	{ "!`", "\u00a1" },
	{ "~", "\u00a0" },
};

/* Folding: letters that casefold + decomposition leave alone. */
static const struct {
	utf8proc_int32_t cp;
	const char *to;
} fold_letters[] = {
	{ 0x00e6, "ae" },	/* æ */
	{ 0x00f0, "d" },	/* ð */
	{ 0x00f8, "o" },	/* ø */
	{ 0x00fe, "th" },	/* þ */
	{ 0x0111, "d" },	/* đ */
	{ 0x0127, "h" },	/* ħ */
	{ 0x0131, "i" },	/* ı */
	{ 0x0142, "l" },	/* ł */
	{ 0x014b, "n" },	/* ŋ */
	{ 0x0153, "oe" },	/* œ */
	{ 0x0167, "t" },	/* ŧ */
	{ 0x0237, "j" },	/* ȷ */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- UTF-8 ---- */

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 if invalid. */
static size_t utf8_seq_len(const unsigned char *p, size_t n)
{
	unsigned char b = p[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (b < 0x80)
		return 1;
	if (b < 0xc2 || b > 0xf4)
		return 0;
	len = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
	if (b == 0xe0)
		lo = 0xa0;	/* overlong */
	else if (b == 0xed)
		hi = 0x9f;	/* surrogates */
	else if (b == 0xf0)
		lo = 0x90;	/* overlong */
	else if (b == 0xf4)
		hi = 0x8f;	/* above U+10FFFF */
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

/* Length of the character starting with lead byte b in text known valid. */
static size_t utf8_lead_len(unsigned char b)
{
	return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

/* The ASCII bytes from p on, eight at a time while they last. */
static size_t ascii_len(const unsigned char *p, size_t n)
{
	size_t i = 0;
	uint64_t w;

	while (n - i >= 8) {
		memcpy(&w, p + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
		i += 8;
	}
	while (i < n && p[i] < 0x80)
		i++;
	return i;
}

int pdb_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		i += ascii_len(p + i, n - i);
		if (i == n)
			break;
		k = utf8_seq_len(p + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

char *pdb_latin1_to_utf8(const char *s, size_t n)
{
	struct pdb_buf b = PDB_BUF_INIT;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			pdb_buf_addc(&b, (char)c);
		} else {
			pdb_buf_addc(&b, (char)(0xc0 | (c >> 6)));
			pdb_buf_addc(&b, (char)(0x80 | (c & 0x3f)));
		}
	}
	return pdb_buf_detach(&b);
}

/* Every byte that does not start a valid sequence becomes U+FFFD. */
static void add_replacing_invalid(struct pdb_buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < n) {
		k = utf8_seq_len(p + i, n - i);
		if (k) {
			pdb_buf_add(out, s + i, k);
			i += k;
		} else {
			pdb_buf_adds(out, "\xef\xbf\xbd");
			i++;
		}
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
		|| c == '\v';
}

/* Appends s with whitespace runs made one space, ends trimmed. */
static void add_collapsing_space(struct pdb_buf *out, const char *s, size_t n)
{
	int gap = 0;
	size_t i = 0, start;

	while (i < n) {
		if (is_space(s[i])) {
			gap = 1;
			i++;
			continue;
		}
		if (gap && out->len)
			pdb_buf_addc(out, ' ');
		gap = 0;
		/* words and the single spaces between them, copied at once */
		for (start = i; i < n; i++) {
			if ((unsigned char)s[i] > ' ' || !is_space(s[i]))
				continue;
			if (s[i] != ' ' || i + 1 == n || is_space(s[i + 1]))
				break;
		}
		pdb_buf_add(out, s + start, i - start);
	}
}

/* ---- the LaTeX scanner ---- */

struct pending {
	const struct accent *acc;
	size_t depth;	/* brace depth the accent's argument lives at */
	int braced;	/* argument was {...}: print spacing form if empty */
};

struct scan {
	const char *s;
	size_t len;
	size_t pos;
	size_t depth;
	struct pending pend[MAX_PENDING];
	size_t npend;
	struct pdb_buf *out;
};

/* The first character gets the marks; a dotless i or j regains its dot. */
static void add_base_with_marks(struct scan *sc, const char *p, size_t n)
{
	if (n == 2 && memcmp(p, "\u0131", 2) == 0)
		pdb_buf_addc(sc->out, 'i');
	else if (n == 2 && memcmp(p, "\u0237", 2) == 0)
		pdb_buf_addc(sc->out, 'j');
	else
		pdb_buf_add(sc->out, p, n);
	/* innermost accent first: \'{\"u} is u, diaeresis, acute */
	while (sc->npend)
		pdb_buf_adds(sc->out, sc->pend[--sc->npend].acc->mark);
}

static void emit(struct scan *sc, const char *p, size_t n)
{
	size_t first;

	if (!n)
		return;
	if (!sc->npend || is_space(p[0])) {
		pdb_buf_add(sc->out, p, n);
		return;
	}
	first = utf8_lead_len((unsigned char)p[0]);
	if (first > n)
		first = n;
	add_base_with_marks(sc, p, first);
	pdb_buf_add(sc->out, p + first, n - first);
}

static void emits(struct scan *sc, const char *s)
{
	emit(sc, s, strlen(s));
}

/* Math and URLs: copied as written; an accent cannot reach into them. */
static void emit_verbatim(struct scan *sc, size_t from, size_t to)
{
	sc->npend = 0;
	pdb_buf_add(sc->out, sc->s + from, to - from);
}

static void skip_space(struct scan *sc)
{
	while (sc->pos < sc->len && is_space(sc->s[sc->pos]))
		sc->pos++;
}

static int at(const struct scan *sc, char c)
{
	return sc->pos < sc->len && sc->s[sc->pos] == c;
}

static int starts_with(const struct scan *sc, size_t pos, const char *lit)
{
	size_t n = strlen(lit);

	return n <= sc->len - pos && memcmp(sc->s + pos, lit, n) == 0;
}

/* Position just after the } matching the { at open, or the end. */
static size_t group_end(const struct scan *sc, size_t open)
{
	size_t i = open + 1, depth = 1;

	while (i < sc->len) {
		char c = sc->s[i++];

		if (c == '\\' && i < sc->len)
			i++;
		else if (c == '{')
			depth++;
		else if (c == '}' && --depth == 0)
			break;
	}
	return i;
}

static void skip_group_if_any(struct scan *sc)
{
	if (at(sc, '{'))
		sc->pos = group_end(sc, sc->pos);
}

static void copy_group_verbatim(struct scan *sc)
{
	size_t open = sc->pos, end;

	if (!at(sc, '{'))
		return;
	end = group_end(sc, open);
	/* without the braces; an unclosed group has no closing brace */
	if (end > open + 1 && sc->s[end - 1] == '}')
		emit_verbatim(sc, open + 1, end - 1);
	else
		emit_verbatim(sc, open + 1, end);
	sc->pos = end;
}

static void push_pending(struct scan *sc, const struct accent *acc, int braced)
{
	if (sc->npend == MAX_PENDING)
		return;	/* absurd stacking: extra accents are dropped */
	sc->pend[sc->npend].acc = acc;
	sc->pend[sc->npend].depth = sc->depth;
	sc->pend[sc->npend].braced = braced;
	sc->npend++;
}

/* { followed only by spaces and } */
static size_t empty_group_len(const struct scan *sc)
{
	size_t i = sc->pos + 1;

	while (i < sc->len && is_space(sc->s[i]))
		i++;
	return i < sc->len && sc->s[i] == '}' ? i + 1 - sc->pos : 0;
}

/*
 * Reads the accent's argument: {x}, x, \cmd or {} (spacing form).  Spaces
 * before it are skipped as TeX does when reading a macro argument, so
 * \c c and \" u both work.  A missing argument drops the accent.
 */
static void start_accent(struct scan *sc, const struct accent *acc)
{
	size_t empty;

	skip_space(sc);
	if (sc->pos == sc->len || at(sc, '}'))
		return;
	if (!at(sc, '{')) {
		push_pending(sc, acc, 0);
		return;
	}
	empty = empty_group_len(sc);
	if (empty) {
		sc->pos += empty;
		emits(sc, acc->spacing);
		return;
	}
	sc->pos++;
	sc->depth++;
	push_pending(sc, acc, 1);
}

static void open_group(struct scan *sc)
{
	sc->pos++;
	sc->depth++;
}

static void close_group(struct scan *sc)
{
	sc->pos++;
	if (!sc->depth)
		return;	/* stray } */
	while (sc->npend && sc->pend[sc->npend - 1].depth >= sc->depth) {
		const struct pending p = sc->pend[--sc->npend];

		if (p.braced)
			emits(sc, p.acc->spacing);
	}
	sc->depth--;
}

static const struct accent *find_accent(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < COUNT(accents); i++)
		if (strlen(accents[i].name) == n
		    && memcmp(accents[i].name, name, n) == 0)
			return &accents[i];
	return NULL;
}

struct name_key {
	const char *p;
	size_t n;
};

static int compare_command(const void *key, const void *elem)
{
	const struct name_key *k = key;
	const char *name = ((const struct command *)elem)->name;
	size_t len = strlen(name);
	int c = memcmp(k->p, name, k->n < len ? k->n : len);

	if (c)
		return c;
	return k->n < len ? -1 : k->n > len;
}

static const struct command *find_command(const char *name, size_t n)
{
	struct name_key key = { name, n };

	return bsearch(&key, commands, COUNT(commands), sizeof(commands[0]),
		       compare_command);
}

static void run_command(struct scan *sc, const struct command *cmd)
{
	switch (cmd->action) {
	case CMD_TEXT:
		emits(sc, cmd->text);
		break;
	case CMD_DROP_ARG:
	case CMD_HREF:
		skip_space(sc);
		skip_group_if_any(sc);
		break;
	case CMD_URL:
		skip_space(sc);
		copy_group_verbatim(sc);
		break;
	}
}

/* Either an accent, a table entry, or unknown (dropped). */
static void dispatch(struct scan *sc, const char *name, size_t n)
{
	const struct accent *acc = find_accent(name, n);
	const struct command *cmd;

	if (acc) {
		start_accent(sc, acc);
		return;
	}
	cmd = find_command(name, n);
	if (cmd)
		run_command(sc, cmd);
}

/* \( ... \) as written; unclosed runs to the end. */
static void copy_paren_math(struct scan *sc)
{
	size_t start = sc->pos - 1, i = sc->pos + 1;

	while (i < sc->len) {
		if (sc->s[i] != '\\') {
			i++;
			continue;
		}
		if (i + 1 < sc->len && sc->s[i + 1] == ')') {
			i += 2;
			break;
		}
		i += 2;
	}
	if (i > sc->len)
		i = sc->len;
	emit_verbatim(sc, start, i);
	sc->pos = i;
}

/* After the backslash: a control word, a control symbol, or nothing. */
static void scan_command(struct scan *sc)
{
	size_t start = ++sc->pos, n;
	char c;

	if (sc->pos == sc->len)
		return;	/* trailing backslash */
	c = sc->s[sc->pos];
	if (pdb_is_ascii_letter(c)) {
		while (sc->pos < sc->len && pdb_is_ascii_letter(sc->s[sc->pos]))
			sc->pos++;
		n = sc->pos - start;
		skip_space(sc);	/* TeX eats spaces after a control word */
		dispatch(sc, sc->s + start, n);
		return;
	}
	if (c == '(') {
		copy_paren_math(sc);
		return;
	}
	if (is_space(c)) {
		sc->pos++;
		pdb_buf_addc(sc->out, ' ');
		return;
	}
	if ((unsigned char)c >= 0x80)
		return;	/* \é: drop the backslash, keep the letter */
	sc->pos++;
	dispatch(sc, sc->s + start, 1);
}

/* $...$ or $$...$$ as written; unbalanced keeps the rest verbatim. */
static void copy_dollar_math(struct scan *sc)
{
	size_t start = sc->pos;
	int display = starts_with(sc, start, "$$");
	size_t i = start + (display ? 2 : 1);

	while (i < sc->len) {
		if (sc->s[i] == '\\') {
			i += 2;
			continue;
		}
		if (sc->s[i] == '$') {
			if (!display) {
				i++;
				break;
			}
			if (starts_with(sc, i, "$$")) {
				i += 2;
				break;
			}
		}
		i++;
	}
	if (i > sc->len)
		i = sc->len;
	emit_verbatim(sc, start, i);
	sc->pos = i;
}

static int try_ligature(struct scan *sc)
{
	size_t i;

	for (i = 0; i < COUNT(ligatures); i++) {
		if (starts_with(sc, sc->pos, ligatures[i].from)) {
			sc->pos += strlen(ligatures[i].from);
			emits(sc, ligatures[i].to);
			return 1;
		}
	}
	return 0;
}

static void copy_char(struct scan *sc)
{
	size_t n = utf8_lead_len((unsigned char)sc->s[sc->pos]);

	if (n > sc->len - sc->pos)
		n = sc->len - sc->pos;
	emit(sc, sc->s + sc->pos, n);
	sc->pos += n;
}

/*
 * The bytes the scanner acts on (NUL included, as strchr() counted it):
 * LaTeX prints every other byte as it is, whatever follows it.
 */
static const unsigned char tex_special[256] = {
	[0] = 1, ['\\'] = 1, ['{'] = 1, ['}'] = 1, ['$'] = 1,
	['-'] = 1, ['`'] = 1, ['\''] = 1, ['?'] = 1, ['!'] = 1, ['~'] = 1,
};

static int is_ordinary(char c)
{
	return !tex_special[(unsigned char)c];
}

/* A run of ordinary bytes that no accent is waiting for, copied at once. */
static size_t copy_ordinary_run(struct scan *sc)
{
	size_t start = sc->pos;

	if (sc->npend)
		return 0;
	while (sc->pos < sc->len && is_ordinary(sc->s[sc->pos]))
		sc->pos++;
	pdb_buf_add(sc->out, sc->s + start, sc->pos - start);
	return sc->pos - start;
}

static void scan_tex(struct scan *sc)
{
	while (sc->pos < sc->len) {
		char c = sc->s[sc->pos];

		if (copy_ordinary_run(sc))
			continue;
		if (c == '\\')
			scan_command(sc);
		else if (c == '{')
			open_group(sc);
		else if (c == '}')
			close_group(sc);
		else if (c == '$')
			copy_dollar_math(sc);
		else if (is_ordinary(c) || !try_ligature(sc))
			copy_char(sc);	/* an accent's first letter, or no ligature after all */
	}
	/* accents still waiting have no argument: \" at the end */
	sc->npend = 0;
}

static int is_ascii(const char *s, size_t n)
{
	return ascii_len((const unsigned char *)s, n) == n;
}

/*
 * Appends the NFC of s, valid UTF-8, composing only what needs it. No
 * canonical reordering or composition involves an ASCII character but as
 * the base a mark follows, so text can be cut before any ASCII byte without
 * changing its NFC: each run of non-ASCII bytes goes through utf8proc with
 * the character before it, and the rest (most text) is copied.
 */
static int add_nfc(struct pdb_buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t run = ascii_len((const unsigned char *)s + i, n - i);
		size_t from = i + run, to = from;
		utf8proc_uint8_t *dst = NULL;
		utf8proc_ssize_t r;

		if (from == n) {
			pdb_buf_add(out, s + i, run);
			break;
		}
		if (run)
			from--;	/* the base the run's marks may belong to */
		pdb_buf_add(out, s + i, from - i);
		while (to < n && (unsigned char)s[to] >= 0x80)
			to++;
		r = utf8proc_map((const utf8proc_uint8_t *)s + from, (utf8proc_ssize_t)(to - from),
				 &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (r < 0)
			return -1;
		pdb_buf_add(out, (const char *)dst, (size_t)r);
		free(dst);
		i = to;
	}
	return pdb_buf_failed(out) ? -1 : 0;
}

/*
 * ASCII with no command, group, math, ligature or tie: LaTeX changes
 * nothing but spacing. Most abstracts, titles and names are such text,
 * and skip the scanner.
 */
static int is_plain_text(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80 && !tex_special[c])
			continue;
		if (c >= 0x80 || c == '\\' || c == '{' || c == '}' || c == '$' || c == '~')
			return 0;
		if ((c == '-' && s[1] == '-') || (c == '`' && s[1] == '`') ||
		    (c == '\'' && s[1] == '\'') || ((c == '?' || c == '!') && s[1] == '`'))
			return 0;
	}
	return 1;
}

char *pdb_tex_to_utf8(const char *tex)
{
	struct pdb_buf clean = PDB_BUF_INIT, raw = PDB_BUF_INIT;
	struct pdb_buf nfc = PDB_BUF_INIT, out = PDB_BUF_INIT;
	struct scan sc = { .out = &raw };
	const struct pdb_buf *text = &raw;
	size_t n;

	if (!tex)
		tex = "";
	n = strlen(tex);
	/* what is appended is about as long as the input: one allocation each */
	pdb_buf_grow(&out, n);
	if (is_plain_text(tex)) {
		add_collapsing_space(&out, tex, n);
		return pdb_buf_detach(&out);
	}
	sc.s = tex;
	sc.len = n;
	if (!pdb_utf8_valid(tex, n)) {
		add_replacing_invalid(&clean, tex, n);
		sc.s = pdb_buf_str(&clean);
		sc.len = clean.len;
	}
	pdb_buf_grow(&raw, sc.len);
	if (!pdb_buf_failed(&clean))
		scan_tex(&sc);
	if (pdb_buf_failed(&clean) || pdb_buf_failed(&raw))
		out.oom = 1;	/* the input is valid: only memory can fail */
	else if (!is_ascii(pdb_buf_str(&raw), raw.len)) {
		/* ASCII, which NFC leaves alone, skips this copy */
		if (add_nfc(&nfc, pdb_buf_str(&raw), raw.len) < 0)
			out.oom = 1;
		text = &nfc;
	}
	if (!out.oom)
		add_collapsing_space(&out, pdb_buf_str(text), text->len);
	pdb_buf_release(&clean);
	pdb_buf_release(&raw);
	pdb_buf_release(&nfc);
	return pdb_buf_detach(&out);
}

/* ---- folding ---- */

static const char *fold_letter(utf8proc_int32_t cp)
{
	size_t i;

	for (i = 0; i < COUNT(fold_letters); i++)
		if (fold_letters[i].cp == cp)
			return fold_letters[i].to;
	return NULL;
}

static int is_unicode_space(utf8proc_int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0x80)
		return is_space((char)cp);
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL
		|| cat == UTF8PROC_CATEGORY_ZP;
}

/* Maps the leftover letters and spaces; collapses and trims spacing. */
static void add_folded_letters(struct pdb_buf *out, const utf8proc_uint8_t *s,
			       utf8proc_ssize_t n)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t i = 0, k;
	utf8proc_uint8_t enc[4];
	const char *to;
	int gap = 0;

	while (i < n) {
		k = utf8proc_iterate(s + i, n - i, &cp);
		if (k <= 0)
			break;	/* cannot happen: utf8proc wrote it */
		i += k;
		if (is_unicode_space(cp)) {
			gap = 1;
			continue;
		}
		if (gap && out->len)
			pdb_buf_addc(out, ' ');
		gap = 0;
		to = fold_letter(cp);
		if (to)
			pdb_buf_adds(out, to);
		else
			pdb_buf_add(out, enc, (size_t)utf8proc_encode_char(cp, enc));
	}
}

/* Folds text, in Unicode, which it takes: freed, or returned folded. */
static char *fold_taken(char *text)
{
	struct pdb_buf out = PDB_BUF_INIT;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t r;

	if (!text)
		return NULL;
	if (is_ascii(text, strlen(text))) {
		/* the mapping below does nothing to ASCII but fold its case, and
		   the text's spacing is already collapsed and trimmed */
		for (char *p = text; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		return text;
	}
	/* LUMP makes dashes, quotes and spaces ASCII; IGNORE drops soft hyphens */
	r = utf8proc_map((const utf8proc_uint8_t *)text, 0, &mapped,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE
			 | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK
			 | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_LUMP);
	free(text);
	if (r < 0)
		return NULL;
	add_folded_letters(&out, mapped, r);
	free(mapped);
	return pdb_buf_detach(&out);
}

char *pdb_fold(const char *s)
{
	return fold_taken(pdb_tex_to_utf8(s));
}

char *pdb_fold_converted(const char *text)
{
	return fold_taken(strdup(text));
}

int pdb_display_prefix(const char *s, int max, size_t *len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int w = 0;

	while (*p) {
		utf8proc_int32_t cp = *p;
		utf8proc_ssize_t n = 1;
		int cw = 1;	/* printable ASCII, most of what is measured */

		if (cp < 0x20 || cp >= 0x7f) {
			n = utf8proc_iterate(p, -1, &cp);
			if (n <= 0) {	/* an invalid byte: shown as U+FFFD, one column */
				n = 1;
				cp = 0xfffd;
			}
			cw = utf8proc_charwidth(cp);
		}
		if (max >= 0 && w + cw > max)
			break;
		w += cw;
		p += n;
	}
	if (len)
		*len = (size_t)(p - (const utf8proc_uint8_t *)s);
	return w;
}

int pdb_display_width(const char *s)
{
	return pdb_display_prefix(s, -1, NULL);
}
