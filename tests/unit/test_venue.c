/*
 * Venue table and recognition.
 *
 * The table is loaded the way a database gets it: schema/0001_init.sql,
 * schema/0002_*.sql (if present) and schema/0003_venues.sql are executed
 * into ":memory:", then pdb_venues_load() reads it. The schema folder is
 * found through the environment variable PUBDB_SOURCE_DIR (the source
 * root), else the compile-time define PUBDB_SOURCE_DIR, else ".".
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pubdb/buf.h"
#include "pubdb/diag.h"
#include "pubdb/model.h"
#include "testlib.h"
#include "venue.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct fixture {
	sqlite3 *db;
	struct pdb_venues *venues;
};

/* ---- loading the schema ---- */

static const char *source_dir(void)
{
	const char *dir = getenv("PUBDB_SOURCE_DIR");

	if (dir && *dir)
		return dir;
#ifdef PUBDB_SOURCE_DIR
	return PUBDB_SOURCE_DIR;
#else
	return ".";
#endif
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	long n;

	if (!f) {
		print_error("cannot open '%s'\n", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		text = malloc((size_t)n + 1);
		if (text && fread(text, 1, (size_t)n, f) == (size_t)n) {
			text[n] = '\0';
		} else {
			free(text);
			text = NULL;
		}
	}
	fclose(f);
	return text;
}

/* path = the schema file numbered number ("0002_*.sql"); 0 if there is none. */
static int migration_path(int number, struct pdb_buf *path)
{
	struct pdb_buf dirname = PDB_BUF_INIT;
	char prefix[16];
	struct dirent *d;
	DIR *dir;
	int found = 0;

	pdb_buf_addf(&dirname, "%s/schema", source_dir());
	snprintf(prefix, sizeof(prefix), "%04d_", number);
	dir = opendir(pdb_buf_str(&dirname));
	while (dir && !found && (d = readdir(dir)) != NULL) {
		size_t n = strlen(d->d_name);

		if (strncmp(d->d_name, prefix, 5) == 0 && n > 4
		    && strcmp(d->d_name + n - 4, ".sql") == 0) {
			pdb_buf_addf(path, "%s/%s", pdb_buf_str(&dirname), d->d_name);
			found = 1;
		}
	}
	if (dir)
		closedir(dir);
	pdb_buf_release(&dirname);
	return found;
}

/* Runs one migration as pubdb does: in a transaction of its own. */
static int run_migration(sqlite3 *db, int number)
{
	struct pdb_buf path = PDB_BUF_INIT;
	char *sql = NULL, *err = NULL;
	int rc = SQLITE_ERROR;

	if (!migration_path(number, &path)) {
		pdb_buf_release(&path);
		if (number != 2)	/* 0002 belongs to another change */
			print_error("no schema/%04d_*.sql under '%s' (set PUBDB_SOURCE_DIR to the"
				    " source root)\n", number, source_dir());
		return number == 2 ? 0 : -1;
	}
	sql = read_file(pdb_buf_str(&path));
	if (sql)
		rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		print_error("%s: %s\n", pdb_buf_str(&path), err ? err : sqlite3_errmsg(db));
	sqlite3_free(err);
	free(sql);
	pdb_buf_release(&path);
	return rc == SQLITE_OK ? 0 : -1;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	int number;

	if (!fx || sqlite3_open(":memory:", &fx->db) != SQLITE_OK)
		return -1;
	*state = fx;
	for (number = 1; number <= 3; number++)
		if (run_migration(fx->db, number))
			return -1;
	if (pdb_venues_new(&fx->venues) || pdb_venues_load(fx->venues, fx->db))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	if (fx) {
		pdb_venues_free(fx->venues);
		sqlite3_close(fx->db);
		free(fx);
	}
	return 0;
}

static long long query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* ---- the table ---- */

static void test_table_size_and_kinds(void **state)
{
	struct fixture *fx = *state;

	assert_true(query_int(fx->db, "SELECT count(*) FROM venues") >= 150);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM venues WHERE kind NOT IN"
				   " ('conference', 'journal', 'workshop', 'preprint', 'other')"), 0);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM (SELECT lower(short) FROM venues"
				   " GROUP BY lower(short) HAVING count(*) > 1)"), 0);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM venues"
				   " WHERE trim(short) = '' OR trim(full) = ''"), 0);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM venue_aliases a"
				   " LEFT JOIN venues v ON v.id = a.venue_id WHERE v.id IS NULL"), 0);
	assert_int_equal(query_int(fx->db, "SELECT count(*) FROM pmlr_volumes p"
				   " LEFT JOIN venues v ON v.id = p.venue_id WHERE v.id IS NULL"), 0);
	/* every venue can be found by its short name's key */
	assert_true(query_int(fx->db, "SELECT count(*) FROM venue_aliases") >= 400);
}

static void test_aliases_are_fixed_points(void **state)
{
	struct fixture *fx = *state;
	sqlite3_stmt *st = NULL;
	int rows = 0;

	assert_int_equal(sqlite3_prepare_v2(fx->db, "SELECT alias FROM venue_aliases", -1, &st,
					    NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *alias = (const char *)sqlite3_column_text(st, 0);
		char *key = pdb_venue_key(alias);

		assert_non_null(key);
		if (strcmp(key, alias) != 0)
			print_error("alias '%s' is not normalised: its key is '%s'\n", alias, key);
		assert_string_equal(key, alias);
		assert_true(*key != '\0');
		free(key);
		rows++;
	}
	sqlite3_finalize(st);
	assert_true(rows > 0);
}

/* Every venue's short and full names lead back to it. */
static void test_names_find_their_venue(void **state)
{
	struct fixture *fx = *state;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_prepare_v2(fx->db, "SELECT short, full FROM venues", -1, &st,
					    NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *short_name = (const char *)sqlite3_column_text(st, 0);
		const char *full = (const char *)sqlite3_column_text(st, 1);
		const struct pdb_venue *v = pdb_venues_lookup(fx->venues, short_name);

		assert_non_null(v);
		assert_string_equal(v->short_name, short_name);
		v = pdb_venues_lookup(fx->venues, full);
		if (!v || strcmp(v->short_name, short_name) != 0)
			print_error("full name '%s' does not find %s\n", full, short_name);
		assert_non_null(v);
		assert_string_equal(v->short_name, short_name);
		assert_true(pdb_venue_names(fx->venues, v, short_name));
		assert_true(pdb_venue_names(fx->venues, v, full));
	}
	sqlite3_finalize(st);
}

/* ---- keys ---- */

struct key_case {
	const char *in;
	const char *want;
};

static void test_key_examples(void **state)
{
	static const struct key_case c[] = {
		{ "Proceedings of the 41st International Conference on Machine Learning",
		  "conference on machine learning" },
		{ "Forty-first International Conference on Machine Learning",
		  "conference on machine learning" },
		{ "Forty-Second International Conference on Machine Learning",
		  "conference on machine learning" },
		{ "The Thirteenth International Conference on Learning Representations",
		  "conference on learning representations" },
		{ "In Proceedings of the Twenty-Ninth Annual Conference", "conference" },
		{ "ICML 2024", "icml" },
		{ "ICML '24", "icml" },
		{ "ICML\xe2\x80\x99" "24", "icml" },
		{ "Proc. ICML", "icml" },
		{ "IJCAI-22", "ijcai" },
		{ "NeurIPS2023", "neurips" },
		{ "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
		  "conference on computer vision and pattern recognition" },
		{ "2023 {{IEEE}}/{{RSJ International Conference}} on {{Intelligent Robots}} and {{Systems}}",
		  "conference on intelligent robots and systems" },
		{ "Robotics: Science and Systems XIX", "robotics science and systems" },
		{ "ACM SIGKDD Conference on Knowledge Discovery \\& Data Mining",
		  "sigkdd conference on knowledge discovery and data mining" },
		{ "Learning for Dynamics &amp; Control", "learning for dynamics and control" },
		{ "Proc. Natl. Acad. Sci. U.S.A.", "natl acad sci u s a" },
		{ "IEEE Robotics and Automation Letters (RA-L)",
		  "robotics and automation letters ra l" },
		{ "Conf{\\'e}rence Fran{\\c{c}}aise", "conference francaise" },
		{ "Women's Workshop", "womens workshop" },
		{ "Информатика и её применения", "информатика и ее применения" },
		{ "Proceedings of the IEEE", "ieee" },
		{ "ACM", "acm" },
		{ "", "" },
		{ "2024", "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(c); i++) {
		char *key = pdb_venue_key(c[i].in);
		char *again;

		assert_non_null(key);
		if (strcmp(key, c[i].want) != 0)
			print_error("pdb_venue_key(\"%s\")\n", c[i].in);
		assert_string_equal(key, c[i].want);
		again = pdb_venue_key(key);
		assert_non_null(again);
		assert_string_equal(again, key);
		free(again);
		free(key);
	}
}

/* ---- recognition ---- */

/* fields: name, value, name, value, ... NULL */
struct rcase {
	const char *fields[12];
	const char *want;	/* short name, NULL: unknown */
	int workshop;
	const char *source;	/* NULL: not checked */
};

static void make_entry(struct pdb_entry *e, const char *const *fields)
{
	size_t i;

	pdb_entry_init(e);
	e->kind = PDB_ENTRY_REGULAR;
	for (i = 0; fields[i]; i += 2)
		assert_int_equal(test_add_field(e, fields[i], fields[i + 1], fields[i + 1], 1), 0);
}

static void describe(const struct rcase *c)
{
	size_t i;

	for (i = 0; c->fields[i]; i += 2)
		print_error("  %s = {%s}\n", c->fields[i], c->fields[i + 1]);
}

/* Every case twice: the second time the table's memo answers for the texts. */
static void run_cases(struct pdb_venues *venues, const struct rcase *c, size_t n)
{
	for (size_t k = 0; k < 2 * n; k++) {
		size_t i = k % n;
		struct pdb_entry e;
		struct pdb_venue_match m;
		const char *got;

		make_entry(&e, c[i].fields);
		assert_int_equal(pdb_venue_recognise(venues, &e, &m), 0);
		got = m.venue ? m.venue->short_name : NULL;
		if ((got == NULL) != (c[i].want == NULL) || (got && strcmp(got, c[i].want) != 0)
		    || m.workshop != c[i].workshop
		    || (c[i].source && (!m.source || strcmp(m.source, c[i].source) != 0))) {
			print_error("case %zu: want %s%s (%s), got %s%s (%s)\n", i,
				    c[i].want ? c[i].want : "NULL", c[i].workshop ? " workshop" : "",
				    c[i].source ? c[i].source : "-", got ? got : "NULL",
				    m.workshop ? " workshop" : "", m.source ? m.source : "-");
			describe(&c[i]);
		}
		if (c[i].want) {
			assert_non_null(got);
			assert_string_equal(got, c[i].want);
		} else {
			assert_null(got);
			assert_null(m.source);
		}
		assert_int_equal(m.workshop, c[i].workshop);
		if (c[i].source)
			assert_string_equal(m.source, c[i].source);
		pdb_entry_release(&e);
	}
}

static void test_icml_spellings(void **state)
{
	static const struct rcase c[] = {
		{ { "booktitle", "Proceedings of the 41st International Conference on Machine Learning",
		    NULL }, "ICML", 0, "booktitle" },
		{ { "booktitle", "Forty-first International Conference on Machine Learning", NULL },
		  "ICML", 0, NULL },
		{ { "booktitle", "Forty-Second International Conference on Machine Learning", NULL },
		  "ICML", 0, NULL },
		{ { "booktitle", "ICML 2024", NULL }, "ICML", 0, NULL },
		{ { "booktitle", "ICML '24", NULL }, "ICML", 0, NULL },
		{ { "booktitle", "Proc. ICML", NULL }, "ICML", 0, NULL },
		{ { "booktitle", "International Conference on Machine Learning (ICML)", NULL },
		  "ICML", 0, NULL },
		{ { "booktitle", "Proceedings of the 37th International Conference on Machine Learning,"
		    " {ICML} 2020, 13-18 July 2020, Virtual Event", NULL }, "ICML", 0, NULL },
		{ { "series", "ICML '24", "booktitle",
		    "Proceedings of the 41st International Conference on Machine Learning", NULL },
		  "ICML", 0, "series" },
		{ { "series", "ICML '24", NULL }, "ICML", 0, "series" },
		{ { "journal", "ICML", NULL }, "ICML", 0, "journal" },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

static void test_pmlr(void **state)
{
	static const struct rcase c[] = {
		{ { "booktitle", "Proceedings of the 41st International Conference on Machine Learning",
		    "publisher", "PMLR", "volume", "235", "series",
		    "Proceedings of Machine Learning Research", NULL }, "ICML", 0, "booktitle" },
		{ { "series", "Proceedings of Machine Learning Research", "volume", "202", NULL },
		  "ICML", 0, "volume" },
		{ { "publisher", "PMLR", "volume", "238", NULL }, "AISTATS", 0, "volume" },
		{ { "series", "JMLR Workshop and Conference Proceedings", "volume", "37", NULL },
		  "ICML", 0, "volume" },
		{ { "booktitle", "Proceedings of Thirty Seventh Conference on Learning Theory",
		    "series", "Proceedings of Machine Learning Research", "volume", "247", NULL },
		  "COLT", 0, "booktitle" },
		{ { "booktitle", "Proceedings of the 6th Annual Learning for Dynamics &amp; Control"
		    " Conference", "publisher", "PMLR", "volume", "242", NULL }, "L4DC", 0, NULL },
		{ { "booktitle", "Proceedings of The 7th Conference on Robot Learning", "volume", "229",
		    NULL }, "CoRL", 0, NULL },
		{ { "booktitle", "Proceedings of the Thirty-Ninth Conference on Uncertainty in"
		    " Artificial Intelligence", NULL }, "UAI", 0, NULL },
		{ { "booktitle", "Proceedings of The 27th International Conference on Artificial"
		    " Intelligence and Statistics", NULL }, "AISTATS", 0, NULL },
		/* an unknown volume, and a volume without PMLR, say nothing */
		{ { "series", "Proceedings of Machine Learning Research", "volume", "9999", NULL },
		  NULL, 0, NULL },
		{ { "publisher", "Springer", "volume", "235", NULL }, NULL, 0, NULL },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

static void test_neurips_iclr(void **state)
{
	static const struct rcase c[] = {
		{ { "booktitle", "Advances in Neural Information Processing Systems", NULL },
		  "NeurIPS", 0, NULL },
		{ { "booktitle", "NIPS", NULL }, "NeurIPS", 0, NULL },
		{ { "booktitle", "NeurIPS 2023", NULL }, "NeurIPS", 0, NULL },
		{ { "booktitle", "Advances in Neural Information Processing Systems 36 (NeurIPS 2023)",
		    NULL }, "NeurIPS", 0, NULL },
		{ { "booktitle", "Advances in Neural Information Processing Systems",
		    "volume", "32", "publisher", "Curran Associates, Inc.", NULL }, "NeurIPS", 0, NULL },
		{ { "booktitle", "The Thirty-eighth Annual Conference on Neural Information Processing"
		    " Systems", NULL }, "NeurIPS", 0, NULL },
		{ { "booktitle", "Thirty-seventh Conference on Neural Information Processing Systems"
		    " Datasets and Benchmarks Track", NULL }, "NeurIPS", 0, NULL },
		{ { "journal", "Neural Information Processing Systems (NeurIPS)", NULL },
		  "NeurIPS", 0, NULL },
		{ { "booktitle", "The Thirteenth International Conference on Learning Representations",
		    NULL }, "ICLR", 0, NULL },
		{ { "booktitle", "ICLR 2025", NULL }, "ICLR", 0, NULL },
		{ { "booktitle", "The Fourteenth International Conference on Learning Representations"
		    " (ICLR)", NULL }, "ICLR", 0, NULL },
		{ { "journal", "ICLR 2026", NULL }, "ICLR", 0, "journal" },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

static void test_arxiv(void **state)
{
	static const struct rcase c[] = {
		{ { "journal", "arXiv preprint arXiv:2403.12422", NULL }, "arXiv", 0, "journal" },
		{ { "eprint", "2403.12422", "archiveprefix", "arXiv", "primaryclass", "cs.LG", NULL },
		  "arXiv", 0, "eprint" },
		{ { "eprint", "2403.12422", "eprinttype", "arxiv", NULL }, "arXiv", 0, "eprint" },
		{ { "journal", "CoRR", "volume", "abs/2106.09685", NULL }, "arXiv", 0, "journal" },
		{ { "journal", "ArXiv", "volume", "abs/2106.09685", NULL }, "arXiv", 0, NULL },
		{ { "howpublished", "arXiv:2306.11987", NULL }, "arXiv", 0, "howpublished" },
		{ { "howpublished", "\\url{https://arxiv.org/abs/2306.11987}", NULL }, "arXiv", 0, NULL },
		{ { "journal", "arXiv e-prints", "eprint", "2101.00001", NULL }, "arXiv", 0, NULL },
		{ { "journal", "arXiv preprint arXiv:2506.11298, presented at SEMANTiCS 2025"
		    " Developers Workshop, 3 September, 2025, Vienna, Austria", NULL }, "arXiv", 0, NULL },
		{ { "publisher", "arXiv", "doi", "10.48550/arXiv.2403.12422", NULL }, "arXiv", 0, NULL },
		{ { "doi", "10.48550/ARXIV.2403.12422", NULL }, "arXiv", 0, "doi" },
		{ { "arxiv", "2403.12422", NULL }, "arXiv", 0, "arxiv" },
		{ { "journal", "Under review", "eprint", "2403.12422", "archiveprefix", "arXiv", NULL },
		  "arXiv", 0, "eprint" },
		/* a real venue beats arXiv, wherever each one is */
		{ { "booktitle", "ICML", "eprint", "2403.12422", "archiveprefix", "arXiv", NULL },
		  "ICML", 0, "booktitle" },
		{ { "journal", "arXiv preprint arXiv:2403.12422", "booktitle", "NeurIPS", NULL },
		  "NeurIPS", 0, "booktitle" },
		{ { "booktitle", "arXiv", "journal", "Nature", NULL }, "Nature", 0, "journal" },
		{ { "journal", "Physical Review B", "eprint", "2403.12422", "archiveprefix", "arXiv",
		    NULL }, "Phys. Rev. B", 0, "journal" },
		{ { "journal", "\\apj", "eprint", "2403.12422", "archiveprefix", "arXiv", NULL },
		  "ApJ", 0, "journal" },
		/* a journal we do not know is still not arXiv */
		{ { "journal", "Revista Brasileira de Ensino de F{\\'i}sica", "eprint", "2403.12422",
		    "archiveprefix", "arXiv", NULL }, NULL, 0, NULL },
		{ { "journal", "\\foojnl", "eprint", "2403.12422", "archiveprefix", "arXiv", NULL },
		  NULL, 0, NULL },
		{ { "eprint", "hep-th/9901001", "archiveprefix", "CTAN", NULL }, NULL, 0, NULL },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

static void test_workshops(void **state)
{
	static const struct rcase c[] = {
		{ { "booktitle", "ICML 2024 Workshop on Efficient Systems for Foundation Models", NULL },
		  "ICML", 1, "booktitle" },
		{ { "booktitle", "Workshop on Distribution Shifts at NeurIPS 2023", NULL },
		  "NeurIPS", 1, NULL },
		{ { "booktitle", "Workshop on Distribution Shifts, NeurIPS 2023", NULL },
		  "NeurIPS", 1, NULL },
		{ { "booktitle", "NeurIPS 2023 Workshop on Instruction Tuning and Instruction Following",
		    NULL }, "NeurIPS", 1, NULL },
		{ { "journal", "NeurIPS 2020 (Workshop on ML for Systems).", NULL }, "NeurIPS", 1, NULL },
		{ { "booktitle", "ICLR 2024 Workshop on Reliable and Responsible Foundation Models",
		    NULL }, "ICLR", 1, NULL },
		{ { "booktitle", "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern"
		    " Recognition (CVPR) Workshops", NULL }, "CVPR", 1, NULL },
		{ { "booktitle", "IEEE/CVF Conference on Computer Vision and Pattern Recognition"
		    " Workshops (CVPRW)", NULL }, "CVPR", 1, NULL },
		{ { "booktitle", "CVPRW", NULL }, "CVPR", 1, NULL },
		{ { "booktitle", "Proceedings of the IEEE/CVF International Conference on Computer"
		    " Vision Workshops", NULL }, "ICCV", 1, NULL },
		{ { "booktitle", "Proceedings of the 61st Annual Meeting of the Association for"
		    " Computational Linguistics (Volume 4: Student Research Workshop)", NULL },
		  "ACL", 1, NULL },
		{ { "booktitle", "Proc. of IEEE INFOCOM - Workshop on Shaping the Future of Telecoms -"
		    " Networks for Joint Intelligence, Sustainability, Security, and Resilience",
		    NULL }, "INFOCOM", 1, NULL },
		{ { "booktitle", "Proceedings of the Workshop on Data Quality co-located with ICML 2024",
		    "series", "CEUR Workshop Proceedings", NULL }, "ICML", 1, "booktitle" },
		/* the host given by abbr, the workshop by booktitle */
		{ { "abbr", "NeurIPS", "booktitle", "Workshop on Machine Learning for Systems", NULL },
		  "NeurIPS", 1, "abbr" },
		/* venues that are workshops by name are venues */
		{ { "booktitle", "2023 IEEE Automatic Speech Recognition and Understanding Workshop"
		    " (ASRU)", NULL }, "ASRU", 0, NULL },
		{ { "booktitle", "Proceedings of the 19th Workshop on Hot Topics in Operating Systems",
		    NULL }, "HotOS", 0, NULL },
		{ { "booktitle", "Proceedings of the 22nd ACM Workshop on Hot Topics in Networks",
		    NULL }, "HotNets", 0, NULL },
		/* a workshop nobody hosts is unknown */
		/* a workshop whose host pubdb does not know: no venue, still a workshop */
		{ { "booktitle", "Proceedings of the 5th Workshop on Representation Learning for NLP",
		    NULL }, NULL, 1, NULL },
		{ { "booktitle", "International Conference on Software Engineering -- Software"
		    " Engineering in Practice: Poster Track", NULL }, "ICSE", 0, "booktitle" },
		{ { "journal", "arXiv preprint arXiv:2505.18193", "note", "NeurIPS 2025, San Diego, USA",
		    NULL }, "NeurIPS", 0, "note" },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

static void test_abbr_wins(void **state)
{
	static const struct rcase c[] = {
		{ { "booktitle", "Advances in Neural Information Processing Systems", "abbr", "ICML",
		    NULL }, "ICML", 0, "abbr" },
		{ { "abbr", "CVPR 2025", "journal", "Computer Vision and Pattern Recognition (CVPR)",
		    NULL }, "CVPR", 0, "abbr" },
		{ { "abbr", "arXiv", "journal", "Nature", NULL }, "arXiv", 0, "abbr" },
		/* an abbr that names no venue is passed over */
		{ { "abbr", "Article", "journal", "Nature", NULL }, "Nature", 0, "journal" },
		{ { "abbr", "Thesis", NULL }, NULL, 0, NULL },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

static void test_unknown(void **state)
{
	static const struct rcase c[] = {
		{ { "journal", "Transport Miejski i Regionalny", NULL }, NULL, 0, NULL },
		{ { "journal", "Nature Reviews Earth & Environment", NULL }, NULL, 0, NULL },
		{ { "journal", "Science China Information Sciences", NULL }, NULL, 0, NULL },
		{ { "journal", "ESA Bulletin", NULL }, NULL, 0, NULL },
		{ { "journal", "\xd0\x98\xd0\xbd\xd1\x84\xd0\xbe\xd1\x80\xd0\xbc\xd0\xb0\xd1\x82\xd0\xb8"
		    "\xd0\xba\xd0\xb0", NULL }, NULL, 0, NULL },
		{ { "booktitle", "Proceedings of the 44th Review of Progress in Quantitative"
		    " Nondestructive Evaluation", NULL }, NULL, 0, NULL },
		{ { "title", "ICML 2024 is not a venue field", NULL }, NULL, 0, NULL },
		/* one-word names in a list are not venues; a journal is not a booktitle */
		{ { "booktitle", "Symposium on Privacy, Security, Multimedia", NULL }, NULL, 0, NULL },
		{ { "booktitle", "Frontiers of Research, Nature, 2023", NULL }, NULL, 0, NULL },
		{ { "journal", "Nature, 2023", NULL }, "Nature", 0, NULL },
		{ { "journal", "", "booktitle", "   ", NULL }, NULL, 0, NULL },
		{ { NULL }, NULL, 0, NULL },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

/* Google Scholar and DBLP spellings of the major venues. */
static void test_real_world_spellings(void **state)
{
	static const struct rcase c[] = {
		{ { "booktitle", "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern"
		    " Recognition", NULL }, "CVPR", 0, NULL },
		{ { "booktitle", "{IEEE/CVF} Conference on Computer Vision and Pattern Recognition,"
		    " {CVPR} 2023, Vancouver, BC, Canada, June 17-24, 2023", NULL }, "CVPR", 0, NULL },
		{ { "journal", "Computer Vision and Pattern Recognition (CVPR)", NULL }, "CVPR", 0, NULL },
		{ { "booktitle", "Proceedings of the IEEE/CVF International Conference on Computer"
		    " Vision", NULL }, "ICCV", 0, NULL },
		{ { "journal", "International Conference on Computer Vision (ICCV)", NULL },
		  "ICCV", 0, NULL },
		{ { "booktitle", "Computer Vision -- ECCV 2022: 17th European Conference, Tel Aviv,"
		    " Israel, October 23--27, 2022, Proceedings, Part XIV", NULL }, "ECCV", 0, NULL },
		{ { "booktitle", "European Conference on Computer Vision", NULL }, "ECCV", 0, NULL },
		{ { "booktitle", "Proceedings of the 62nd Annual Meeting of the Association for"
		    " Computational Linguistics (Volume 1: Long Papers)", NULL }, "ACL", 0, NULL },
		{ { "journal", "Proceedings of the 48th Annual Meeting of the Association for"
		    " Computational Linguistics (ACL)", NULL }, "ACL", 0, NULL },
		{ { "booktitle", "Proceedings of the 2023 Conference on Empirical Methods in Natural"
		    " Language Processing", NULL }, "EMNLP", 0, NULL },
		{ { "booktitle", "Findings of the Association for Computational Linguistics: EMNLP 2023",
		    NULL }, "Findings", 0, NULL },
		{ { "booktitle", "Findings of the Association for Computational Linguistics ACL 2024",
		    NULL }, "Findings", 0, NULL },
		{ { "booktitle", "{EMNLP} (Findings)", NULL }, "Findings", 0, NULL },
		{ { "booktitle", "Proceedings of the 2024 Conference of the North American Chapter of"
		    " the Association for Computational Linguistics: Human Language Technologies"
		    " (Volume 1: Long Papers)", NULL }, "NAACL", 0, NULL },
		{ { "booktitle", "Proceedings of the 2019 Conference of the North American Chapter of"
		    " the Association for Computational Linguistics: Human Language Technologies,"
		    " Volume 1 (Long and Short Papers)", NULL }, "NAACL", 0, NULL },
		{ { "booktitle", "Proceedings of the AAAI Conference on Artificial Intelligence",
		    "volume", "37", "number", "9", NULL }, "AAAI", 0, NULL },
		{ { "booktitle", "Proceedings of the Thirty-Seventh AAAI Conference on Artificial"
		    " Intelligence", NULL }, "AAAI", 0, NULL },
		{ { "booktitle", "Proceedings of the Thirty-Second International Joint Conference on"
		    " Artificial Intelligence, {IJCAI-23}", NULL }, "IJCAI", 0, NULL },
		{ { "booktitle", "Proceedings of the 29th {ACM} {SIGKDD} Conference on Knowledge"
		    " Discovery \\& Data Mining", NULL }, "KDD", 0, NULL },
		{ { "booktitle", "International Conference on Knowledge Discovery and Data Mining (KDD)",
		    NULL }, "KDD", 0, NULL },
		{ { "booktitle", "Proceedings of the 2022 International Conference on Management of"
		    " Data", NULL }, "SIGMOD", 0, NULL },
		{ { "journal", "Proceedings of the ACM on Management of Data", NULL }, "SIGMOD", 0, NULL },
		{ { "journal", "Proceedings of the VLDB Endowment", NULL }, "VLDB", 0, NULL },
		{ { "journal", "Proc. {VLDB} Endow.", NULL }, "VLDB", 0, NULL },
		{ { "booktitle", "17th USENIX Symposium on Operating Systems Design and Implementation"
		    " (OSDI 23)", NULL }, "OSDI", 0, NULL },
		{ { "booktitle", "Proceedings of the 29th Symposium on Operating Systems Principles",
		    NULL }, "SOSP", 0, NULL },
		{ { "series", "SOSP '25", NULL }, "SOSP", 0, NULL },
		{ { "booktitle", "20th USENIX Symposium on Networked Systems Design and Implementation"
		    " (NSDI 23)", NULL }, "NSDI", 0, NULL },
		{ { "booktitle", "Proceedings of the 50th Annual International Symposium on Computer"
		    " Architecture", NULL }, "ISCA", 0, NULL },
		{ { "booktitle", "Proceedings of the 56th Annual IEEE/ACM International Symposium on"
		    " Microarchitecture", NULL }, "MICRO", 0, NULL },
		{ { "booktitle", "Proceedings of the ACM SIGCOMM 2023 Conference", NULL },
		  "SIGCOMM", 0, NULL },
		{ { "booktitle", "Proceedings of the 2023 ACM SIGSAC Conference on Computer and"
		    " Communications Security", NULL }, "CCS", 0, NULL },
		{ { "booktitle", "32nd USENIX Security Symposium (USENIX Security 23)", NULL },
		  "USENIX Security", 0, NULL },
		{ { "booktitle", "2024 IEEE Symposium on Security and Privacy (SP)", NULL },
		  "S&P", 0, NULL },
		{ { "booktitle", "Proceedings of the 55th Annual ACM Symposium on Theory of Computing",
		    NULL }, "STOC", 0, NULL },
		{ { "booktitle", "2023 IEEE 64th Annual Symposium on Foundations of Computer Science"
		    " (FOCS)", NULL }, "FOCS", 0, NULL },
		{ { "booktitle", "Proceedings of the 2023 CHI Conference on Human Factors in Computing"
		    " Systems", "series", "CHI '23", NULL }, "CHI", 0, "series" },
		{ { "booktitle", "Extended Abstracts of the 2023 CHI Conference on Human Factors in"
		    " Computing Systems", "series", "CHI EA '23", NULL }, "CHI EA", 0, NULL },
		{ { "booktitle", "ACM SIGGRAPH 2023 Conference Proceedings", NULL },
		  "SIGGRAPH", 0, NULL },
		{ { "booktitle", "SIGGRAPH Asia 2023 Conference Papers", NULL }, "SIGGRAPH Asia", 0,
		  NULL },
		{ { "journal", "ACM Transactions on Graphics", NULL }, "TOG", 0, NULL },
		{ { "journal", "{ACM} Trans. Graph.", NULL }, "TOG", 0, NULL },
		{ { "journal", "Nature", NULL }, "Nature", 0, NULL },
		{ { "journal", "Science", "publisher", "American Association for the Advancement of"
		    " Science", NULL }, "Science", 0, NULL },
		{ { "journal", "Proceedings of the National Academy of Sciences", NULL },
		  "PNAS", 0, NULL },
		{ { "journal", "Proc. Natl. Acad. Sci. U.S.A.", NULL }, "PNAS", 0, NULL },
		{ { "journal", "Proc Natl Acad Sci USA", NULL }, "PNAS", 0, NULL },
		{ { "journal", "Journal of Machine Learning Research", NULL }, "JMLR", 0, NULL },
		{ { "journal", "J. Mach. Learn. Res.", NULL }, "JMLR", 0, NULL },
		{ { "journal", "IEEE Transactions on Pattern Analysis and Machine Intelligence", NULL },
		  "TPAMI", 0, NULL },
		{ { "journal", "{IEEE} Trans. Pattern Anal. Mach. Intell.", NULL }, "TPAMI", 0, NULL },
		{ { "journal", "Transactions on Machine Learning Research", NULL }, "TMLR", 0, NULL },
		{ { "journal", "Transactions of Machine Learning Research (TMLR)", NULL }, "TMLR", 0,
		  NULL },
		{ { "booktitle", "2023 {{IEEE}}/{{RSJ International Conference}} on {{Intelligent"
		    " Robots}} and {{Systems}} ({{IROS}})", NULL }, "IROS", 0, NULL },
		{ { "booktitle", "Proceedings - {{IEEE International Conference}} on {{Robotics}} and"
		    " {{Automation}}", NULL }, "ICRA", 0, NULL },
		{ { "booktitle", "Robotics: Science and Systems XIX", NULL }, "RSS", 0, NULL },
		{ { "journal", "IEEE Robotics and Automation Letters", NULL }, "RA-L", 0, NULL },
		{ { "booktitle", "Proc. Interspeech 2023", NULL }, "Interspeech", 0, NULL },
		{ { "booktitle", "ICASSP 2023 - 2023 IEEE International Conference on Acoustics, Speech"
		    " and Signal Processing (ICASSP)", NULL }, "ICASSP", 0, NULL },
		{ { "journal", "Proc. of IEEE INFOCOM 2009, Rio de Janeiro, Brazil", NULL },
		  "INFOCOM", 0, NULL },
		{ { "journal", "Transactions of the Association for Computational Linguistics", NULL },
		  "TACL", 0, NULL },
		{ { "booktitle", "Medical Image Computing and Computer Assisted Intervention --"
		    " MICCAI 2023", NULL }, "MICCAI", 0, NULL },
		{ { "booktitle", "Machine Learning: ECML 2007", NULL }, "ECML PKDD", 0, NULL },
		{ { "journal", "Machine Learning", NULL }, "MLJ", 0, NULL },
		{ { "journal", "Machine Learning: Science and Technology", NULL }, "MLST", 0, NULL },
		{ { "journal", "Nature Machine Intelligence", NULL }, "Nat. Mach. Intell.", 0, NULL },
		{ { "journal", "Nat. Commun.", NULL }, "Nat. Commun.", 0, NULL },
		{ { "journal", "COLM 2025", NULL }, "COLM", 0, NULL },
		{ { "journal", "Third Conference on Lifelong Learning Agents", NULL }, "CoLLAs", 0, NULL },
		{ { "booktitle", "Proceedings of the 31st ACM International Conference on Information"
		    " \\& Knowledge Management", NULL }, "CIKM", 0, NULL },
		{ { "booktitle", "Proceedings of the ACM Web Conference 2023", NULL }, "WWW", 0, NULL },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

/* Science, medicine, social science and more applied computing venues. */
static void test_more_fields(void **state)
{
	static const struct rcase c[] = {
		/* NASA ADS writes journals as AAS macros */
		{ { "journal", "\\apj", NULL }, "ApJ", 0, "journal" },
		{ { "journal", "{\\apjl}", NULL }, "ApJL", 0, NULL },
		{ { "journal", "\\apjs", NULL }, "ApJS", 0, NULL },
		{ { "journal", "\\mnras", NULL }, "MNRAS", 0, NULL },
		{ { "journal", "\\aap", NULL }, "A&A", 0, NULL },
		{ { "journal", "\\aj", NULL }, "AJ", 0, NULL },
		{ { "journal", "\\prd", NULL }, "Phys. Rev. D", 0, NULL },
		{ { "journal", "\\jcap", NULL }, "JCAP", 0, NULL },
		{ { "journal", "\\nat", NULL }, "Nature", 0, NULL },
		{ { "journal", "The Astrophysical Journal Letters", NULL }, "ApJL", 0, NULL },
		{ { "journal", "Astron. Astrophys.", NULL }, "A&A", 0, NULL },
		{ { "journal", "Mon. Not. R. Astron. Soc.", NULL }, "MNRAS", 0, NULL },
		/* physics and mathematics */
		{ { "journal", "JHEP", NULL }, "JHEP", 0, NULL },
		{ { "journal", "Phys. Rev. E", NULL }, "Phys. Rev. E", 0, NULL },
		{ { "journal", "Physical Review B", NULL }, "Phys. Rev. B", 0, NULL },
		{ { "journal", "Phys. Rev. Res.", NULL }, "Phys. Rev. Res.", 0, NULL },
		{ { "journal", "PRX Quantum", NULL }, "PRX Quantum", 0, NULL },
		{ { "journal", "Quantum", NULL }, "Quantum", 0, NULL },
		{ { "journal", "Journal of Physics A: Mathematical and Theoretical", NULL },
		  "J. Phys. A", 0, NULL },
		{ { "journal", "EPL (Europhysics Letters)", NULL }, "EPL", 0, NULL },
		{ { "journal", "J. Plasma Phys. (accepted)", NULL }, "J. Plasma Phys.", 0, NULL },
		{ { "journal", "Comm. Math. Phys.", NULL }, "Commun. Math. Phys.", 0, NULL },
		{ { "journal", "Calc. Var. Partial Differential Equations", NULL },
		  "Calc. Var. Partial Differ. Equ.", 0, NULL },
		{ { "journal", "Proceedings of the Royal Society A; Mathematical, Physical and"
		    " Engineering Sciences", NULL }, "Proc. R. Soc. A", 0, NULL },
		/* biology and medicine, PubMed's abbreviations too */
		{ { "journal", "J Virol", NULL }, "J. Virol.", 0, NULL },
		{ { "journal", "Mol Biol Evol", NULL }, "Mol. Biol. Evol.", 0, NULL },
		{ { "journal", "Virus Evol", NULL }, "Virus Evol.", 0, NULL },
		{ { "journal", "AIDS Res Hum Retroviruses", NULL }, "AIDS Res. Hum. Retroviruses", 0,
		  NULL },
		{ { "journal", "Evolution - International Journal of Organic Evolution", NULL },
		  "Evolution", 0, NULL },
		{ { "journal", "N Engl J Med", NULL }, "N. Engl. J. Med.", 0, NULL },
		{ { "journal", "The Lancet", NULL }, "Lancet", 0, NULL },
		{ { "journal", "Lancet Infect Dis", NULL }, "Lancet Infect. Dis.", 0, NULL },
		/* a Nature journal is not Nature, nor Chaos, Solitons & Fractals Chaos */
		{ { "journal", "Nature Genetics", NULL }, "Nat. Genet.", 0, NULL },
		{ { "journal", "Nature Microbiology", NULL }, "Nat. Microbiol.", 0, NULL },
		{ { "journal", "Nature Electronics", NULL }, "Nat. Electron.", 0, NULL },
		{ { "journal", "Nature Astronomy", NULL }, "Nat. Astron.", 0, NULL },
		{ { "journal", "Chaos, Solitons & Fractals", NULL }, "Chaos Solitons Fractals", 0, NULL },
		/* economics and politics */
		{ { "journal", "American Economic Review", NULL }, "Am. Econ. Rev.", 0, NULL },
		{ { "journal", "Journal of Economic Dynamics and Control", NULL }, "J. Econ. Dyn. Control",
		  0, NULL },
		{ { "journal", "Journal of European Public Policy", NULL }, "J. Eur. Public Policy", 0,
		  NULL },
		{ { "journal", "West European Politics", NULL }, "West Eur. Polit.", 0, NULL },
		{ { "journal", "Research & Politics", NULL }, "Res. Polit.", 0, NULL },
		/* applied computing, control and communications */
		{ { "journal", "ACM SIGMETRICS Performance Evaluation Review", NULL },
		  "Perform. Eval. Rev.", 0, NULL },
		{ { "journal", "Performance Evaluation", NULL }, "Perform. Eval.", 0, NULL },
		{ { "journal", "Expert Systems with Applications", NULL }, "Expert Syst. Appl.", 0, NULL },
		{ { "journal", "\xd0\x90\xd0\xb2\xd1\x82\xd0\xbe\xd0\xbc\xd0\xb0\xd1\x82\xd0\xb8\xd0\xba"
		    "\xd0\xb0 \xd0\xb8 \xd1\x82\xd0\xb5\xd0\xbb\xd0\xb5\xd0\xbc\xd0\xb5\xd1\x85\xd0\xb0"
		    "\xd0\xbd\xd0\xb8\xd0\xba\xd0\xb0", NULL }, "Autom. Remote Control", 0, NULL },
		{ { "booktitle", "CLEF (Working Notes)", NULL }, "CLEF", 0, NULL },
		{ { "booktitle", "IEEE/ACM 19th International Conference on Mining Software Repositories"
		    " (MSR `22)", NULL }, "MSR", 0, NULL },
		{ { "booktitle", "2023 IEEE 31st International Requirements Engineering Conference"
		    " Workshops (REW)", NULL }, "RE", 1, NULL },
		{ { "booktitle", "Proc. of IEEE Vehicular Technology Conference (VTC2019-Spring)", NULL },
		  "VTC", 0, NULL },
		{ { "booktitle", "2011 50th IEEE Conference on Decision and Control and European Control"
		    " Conference", NULL }, "CDC", 0, NULL },
		{ { "booktitle", "2019 International Joint Conference on Neural Networks (IJCNN)", NULL },
		  "IJCNN", 0, NULL },
		{ { "booktitle", "Proc. of IEEE International Conference on Communications Workshops"
		    " (ICC Workshops)", NULL }, "ICC", 1, NULL },
		{ { "booktitle", "TRB 100th Annual Meeting, Washington DC", NULL }, "TRB", 0, NULL },
	};

	run_cases(((struct fixture *)*state)->venues, c, COUNT(c));
}

/* A value of about n bytes made of pieces. */
static void repeat_pieces(struct pdb_buf *text, const char *const *pieces, size_t count, size_t n)
{
	size_t i;

	for (i = 0; text->len < n; i++)
		pdb_buf_adds(text, pieces[i % count]);
	pdb_buf_adds(text, "(((");	/* groups that never close */
	assert_false(pdb_buf_failed(text));
}

static void recognise_hostile(struct pdb_venues *venues, const char *text)
{
	struct pdb_venue_match m;
	struct pdb_entry e;
	char *key;

	make_entry(&e, (const char *const[]){ "abbr", text, "series", text, "booktitle", text,
					      "journal", text, "howpublished", text, NULL });
	assert_int_equal(pdb_venue_recognise(venues, &e, &m), 0);
	pdb_entry_release(&e);
	key = pdb_venue_key(text);
	assert_non_null(key);
	free(key);
	pdb_venues_lookup(venues, text);
}

/*
 * Long and hostile values: every step is linear (a quadratic one would
 * take minutes here) and nothing is read out of bounds.
 */
static void test_hostile_values(void **state)
{
	static const char *const unknown[] = {
		"ZZQX 2024 Workshop at ", "(FOOB) ", "[x]] ", ", : ; ", "Proceedings of the ",
		"forty-", "\\'{e}", "\xc3\xa9", "\xff", "&amp;", "QQQW ", "'", "workshop track ",
		"with ", "ABCD'24 ",
	};
	static const char *const known[] = {
		"ICML 2024 Workshop at ", "(NeurIPS) ", "arXiv:", "workshops, ",
	};
	const struct fixture *fx = *state;
	struct pdb_buf text = PDB_BUF_INIT;

	repeat_pieces(&text, unknown, COUNT(unknown), 200000);
	recognise_hostile(fx->venues, text.s);
	pdb_buf_reset(&text);
	repeat_pieces(&text, known, COUNT(known), 200000);
	recognise_hostile(fx->venues, text.s);
	pdb_buf_release(&text);
}

/* ---- --venue and lookups ---- */

static const struct pdb_venue *lookup(const struct fixture *fx, const char *text)
{
	const struct pdb_venue *v = pdb_venues_lookup(fx->venues, text);

	assert_non_null(v);
	return v;
}

static void test_venue_names(void **state)
{
	struct fixture *fx = *state;
	const struct pdb_venue *icml = lookup(fx, "ICML");
	const struct pdb_venue *neurips = lookup(fx, "neurips");

	assert_string_equal(icml->full, "International Conference on Machine Learning");
	assert_string_equal(icml->kind, "conference");
	assert_string_equal(neurips->short_name, "NeurIPS");
	assert_string_equal(neurips->full, "Conference on Neural Information Processing Systems");
	assert_true(pdb_venue_names(fx->venues, icml, "icml"));
	assert_true(pdb_venue_names(fx->venues, icml, "ICML"));
	assert_true(pdb_venue_names(fx->venues, icml, "international conference on machine learning"));
	assert_true(pdb_venue_names(fx->venues, icml, "ICML 2024"));
	assert_false(pdb_venue_names(fx->venues, icml, "NeurIPS"));
	assert_false(pdb_venue_names(fx->venues, icml, "ICML Workshop"));
	assert_false(pdb_venue_names(fx->venues, icml, ""));
	assert_true(pdb_venue_names(fx->venues, neurips, "nips"));
	assert_true(pdb_venue_names(fx->venues, neurips, "Advances in Neural Information Processing"
				    " Systems"));
	assert_false(pdb_venue_names(fx->venues, neurips, "cvprw"));
	assert_string_equal(lookup(fx, "s&p")->short_name, "S&P");
	assert_string_equal(lookup(fx, "usenix security")->short_name, "USENIX Security");
	assert_string_equal(lookup(fx, "ECML PKDD")->short_name, "ECML PKDD");
	assert_string_equal(lookup(fx, "corr")->short_name, "arXiv");
	assert_string_equal(lookup(fx, "arxiv preprint")->short_name, "arXiv");
	assert_string_equal(lookup(fx, "arXiv")->kind, "preprint");
	assert_string_equal(lookup(fx, "Findings")->full,
			    "Findings of the Association for Computational Linguistics");
	assert_null(pdb_venues_lookup(fx->venues, "Conference on Nothing in Particular"));
	assert_null(pdb_venues_lookup(fx->venues, ""));
	assert_null(pdb_venues_lookup(fx->venues, "CVPRW"));	/* a workshop, not CVPR */
}

/* A table built by hand: what `pubdb venues add` relies on. */
static void test_add_api(void **state)
{
	struct pdb_venues *v = NULL;
	const struct pdb_venue *got;
	struct pdb_entry e;
	struct pdb_venue_match m;
	static const char *const fields[] = { "booktitle", "Proc. of the 3rd Intl. Foo Summit",
					      NULL };

	(void)state;
	assert_int_equal(pdb_venues_new(&v), 0);
	assert_int_equal(pdb_venues_add(v, 1, "FOO", "International Foo Conference",
					"conference"), 0);
	assert_int_equal(pdb_venues_add(v, 2, "Bar", "Bar Journal", "journal"), 0);
	assert_int_equal(pdb_venues_add(v, 1, "BAZ", "Baz", "conference"), PDB_EUSAGE);
	assert_int_equal(pdb_venues_add(v, 3, "foo", "Another Foo", "conference"), PDB_EUSAGE);
	assert_int_equal(pdb_venues_add_alias(v, "Intl. Foo Summit", 1), 0);
	assert_int_equal(pdb_venues_add_alias(v, "x", 99), PDB_ENOTFOUND);
	assert_int_equal(pdb_venues_add_alias(v, "2024", 1), PDB_EUSAGE);
	assert_int_equal(pdb_venues_add_pmlr(v, 7, 2), 0);
	assert_int_equal(pdb_venues_add_pmlr(v, 8, 99), PDB_ENOTFOUND);
	/* an explicit alias takes a key from another venue's name */
	assert_int_equal(pdb_venues_add_alias(v, "bar journal", 1), 0);
	got = pdb_venues_lookup(v, "Bar Journal");
	assert_non_null(got);
	assert_string_equal(got->short_name, "FOO");
	got = pdb_venues_lookup(v, "bar");
	assert_non_null(got);
	assert_string_equal(got->short_name, "Bar");
	assert_true(pdb_venue_names(v, got, "Bar Journal"));

	make_entry(&e, fields);
	assert_int_equal(pdb_venue_recognise(v, &e, &m), 0);
	assert_non_null(m.venue);
	assert_string_equal(m.venue->short_name, "FOO");
	pdb_entry_release(&e);

	/* without an arXiv venue, arXiv spellings are simply unknown */
	make_entry(&e, (const char *const[]){ "journal", "arXiv preprint arXiv:1", NULL });
	assert_int_equal(pdb_venue_recognise(v, &e, &m), 0);
	assert_null(m.venue);
	pdb_entry_release(&e);

	/* a spelling added after a text was recognised counts: the memo is forgotten */
	make_entry(&e, (const char *const[]){ "journal", "Quux Letters", NULL });
	assert_int_equal(pdb_venue_recognise(v, &e, &m), 0);
	assert_null(m.venue);
	assert_int_equal(pdb_venues_add_alias(v, "Quux Letters", 2), 0);
	assert_int_equal(pdb_venue_recognise(v, &e, &m), 0);
	assert_non_null(m.venue);
	assert_string_equal(m.venue->short_name, "Bar");
	pdb_entry_release(&e);
	pdb_venues_free(v);
	pdb_venues_free(NULL);
}

/* Loading: the tables must exist; pmlr_volumes may be missing. */
static void test_load(void **state)
{
	struct pdb_venues *v = NULL;
	sqlite3 *db = NULL;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(pdb_venues_new(&v), 0);
	assert_int_equal(pdb_venues_load(v, db), PDB_EDB);
	pdb_venues_free(v);
	assert_int_equal(run_migration(db, 1), 0);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO venues(short, full, kind) VALUES"
				      " ('ICML', 'International Conference on Machine Learning',"
				      " 'conference');"
				      "INSERT INTO venue_aliases VALUES ('icml again', 1);",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(pdb_venues_new(&v), 0);
	assert_int_equal(pdb_venues_load(v, db), 0);
	assert_non_null(pdb_venues_lookup(v, "ICML Again 2024"));
	assert_non_null(pdb_venues_lookup(v, "Proceedings of the 40th International Conference"
					  " on Machine Learning"));
	pdb_venues_free(v);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_size_and_kinds),
		cmocka_unit_test(test_aliases_are_fixed_points),
		cmocka_unit_test(test_names_find_their_venue),
		cmocka_unit_test(test_key_examples),
		cmocka_unit_test(test_icml_spellings),
		cmocka_unit_test(test_pmlr),
		cmocka_unit_test(test_neurips_iclr),
		cmocka_unit_test(test_arxiv),
		cmocka_unit_test(test_workshops),
		cmocka_unit_test(test_abbr_wins),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_real_world_spellings),
		cmocka_unit_test(test_more_fields),
		cmocka_unit_test(test_hostile_values),
		cmocka_unit_test(test_venue_names),
		cmocka_unit_test(test_add_api),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
