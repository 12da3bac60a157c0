/*
 * The table `pubdb list` prints: key, year, venue, first author, title,
 * in aligned columns. Columns have fixed widths so that rows can be
 * written as they come; long values are cut with an ellipsis.
 */
#include "pubdb/export.h"

#include "pubdb/buf.h"
#include "pubdb/texnorm.h"

#include <string.h>
#include <utf8proc.h>

enum {
	KEY_WIDTH = 24,
	YEAR_WIDTH = 4,
	VENUE_WIDTH = 20,
	AUTHOR_WIDTH = 18,
	GAP = 2,
};

/* Decodes one character; an invalid byte is U+FFFD. Returns its length. */
static int next_char(const utf8proc_uint8_t *p, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t n = utf8proc_iterate(p, -1, cp);

	if (n <= 0) {
		*cp = 0xfffd;
		return 1;
	}
	return (int)n;
}

/* SGR colours of the columns that help the eye: key, year, venue. */
#define COLOR_KEY "\033[33m"
#define COLOR_YEAR "\033[32m"
#define COLOR_VENUE "\033[36m"
#define COLOR_RESET "\033[0m"

/*
 * Writes s in exactly width columns (width < 0: as it is), cut with "…",
 * in colour (an SGR sequence, or NULL) that does not extend to the padding.
 */
static void put_cell(FILE *out, const char *s, int width, int last, const char *color)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	int fits = width < 0 || pdb_display_width((const char *)p) <= width;
	int room = fits ? width : width - 1;
	int used = 0, n;
	const utf8proc_uint8_t *run;

	if (!*p)
		color = NULL;	/* nothing to colour */
	if (color)
		fputs(color, out);
	for (run = p; *p; p += n) {
		utf8proc_int32_t cp = *p;
		int w = 1;

		n = 1;
		if (cp < 0x20 || cp >= 0x7f) {	/* printable ASCII is one column */
			n = next_char(p, &cp);
			w = utf8proc_charwidth(cp);
		}
		if (room >= 0 && used + w > room)
			break;
		if (cp == 0xfffd || cp == '\n' || cp == '\t') {
			fwrite(run, 1, (size_t)(p - run), out);
			fputs(cp == 0xfffd ? "\xef\xbf\xbd" : " ", out);
			run = p + n;
		}
		used += w;
	}
	fwrite(run, 1, (size_t)(p - run), out);	/* the characters as they are */
	if (!fits) {
		fputs("\xe2\x80\xa6", out);
		used++;
	}
	if (color)
		fputs(COLOR_RESET, out);
	if (!last && used < width + GAP)
		fprintf(out, "%*s", width + GAP - used, "");
}

static void first_author(struct pdb_buf *b, const struct pdb_record *rec)
{
	pdb_buf_reset(b);
	if (!rec->lead)
		return;
	pdb_buf_adds(b, rec->lead);
	if (rec->lead_names > 1)
		pdb_buf_adds(b, " et al.");
}

struct columns {
	int key, venue, author, title;	/* title < 0: no limit */
};

/*
 * The widths for a terminal of x->opts->width columns: the title gets what
 * the others leave, at least MIN_TITLE; on a narrow terminal the author,
 * venue and key columns give up room first, down to their minimums.
 */
static void column_widths(const struct pdb_export *x, struct columns *c)
{
	enum { MIN_TITLE = 10, MIN_KEY = 12, MIN_VENUE = 8, MIN_AUTHOR = 10 };
	const struct {
		int *col;
		int min;
	} shrink[] = { { &c->author, MIN_AUTHOR }, { &c->venue, MIN_VENUE }, { &c->key, MIN_KEY } };
	int width = x->opts->width;
	int over;

	c->key = KEY_WIDTH;
	c->venue = VENUE_WIDTH;
	c->author = AUTHOR_WIDTH;
	c->title = -1;
	if (width <= 0)
		return;
	over = KEY_WIDTH + YEAR_WIDTH + VENUE_WIDTH + AUTHOR_WIDTH + 4 * GAP + MIN_TITLE - width;
	for (size_t i = 0; i < sizeof(shrink) / sizeof(shrink[0]) && over > 0; i++) {
		int spare = *shrink[i].col - shrink[i].min;
		int give = spare < over ? spare : over;

		*shrink[i].col -= give;
		over -= give;
	}
	c->title = width - (c->key + YEAR_WIDTH + c->venue + c->author + 4 * GAP);
	if (c->title < MIN_TITLE)
		c->title = MIN_TITLE;
}

static int table_begin(struct pdb_export *x)
{
	struct columns c;

	x->priv = NULL;
	column_widths(x, &c);
	put_cell(x->out, "KEY", c.key, 0, NULL);
	put_cell(x->out, "YEAR", YEAR_WIDTH, 0, NULL);
	put_cell(x->out, "VENUE", c.venue, 0, NULL);
	put_cell(x->out, "FIRST AUTHOR", c.author, 0, NULL);
	put_cell(x->out, "TITLE", c.title, 1, NULL);
	fputc('\n', x->out);
	return ferror(x->out) ? PDB_EIO : 0;
}

static int table_entry(struct pdb_export *x, const struct pdb_record *rec)
{
	struct pdb_buf author = PDB_BUF_INIT;
	int color = x->opts->color;
	struct columns c;
	char year[8] = "";

	if (rec->year)
		snprintf(year, sizeof(year), "%d", rec->year);
	first_author(&author, rec);
	column_widths(x, &c);
	put_cell(x->out, rec->key, c.key, 0, color ? COLOR_KEY : NULL);
	put_cell(x->out, year, YEAR_WIDTH, 0, color ? COLOR_YEAR : NULL);
	put_cell(x->out, rec->venue_short && !rec->workshop ? rec->venue_short : rec->venue,
		 c.venue, 0, color ? COLOR_VENUE : NULL);
	put_cell(x->out, pdb_buf_str(&author), c.author, 0, NULL);
	put_cell(x->out, rec->title, c.title, 1, NULL);
	fputc('\n', x->out);
	pdb_buf_release(&author);
	return ferror(x->out) ? PDB_EIO : 0;
}

static int table_end(struct pdb_export *x)
{
	return ferror(x->out) ? PDB_EIO : 0;
}

const struct pdb_exporter pdb_export_table = {
	"table", "aligned columns for reading (the default of list)", table_begin,
	NULL, table_entry, table_end, 0,	/* the lead author is a column */
};
