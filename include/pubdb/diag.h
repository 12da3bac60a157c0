/*
 * Diagnostics: how the library tells its caller about problems.
 *
 * The library never prints. Every warning and error goes through a
 * pdb_diag, whose sink (set by the caller) decides where it ends up: the
 * CLI writes "FILE:LINE: error: message" lines to stderr, tests collect
 * them in a buffer.
 */
#ifndef PUBDB_DIAG_H
#define PUBDB_DIAG_H

#include <stdarg.h>

enum pdb_severity {
	PDB_WARNING,
	PDB_ERROR,
};

/* Error codes returned by library functions (0 is success). */
enum pdb_err {
	PDB_OK = 0,
	PDB_EDATA = -1,		/* bad input; detail in the diag */
	PDB_ENOMEM = -2,
	PDB_EIO = -3,
	PDB_EDB = -4,		/* database error, busy, corrupt, newer schema */
	PDB_ENOTFOUND = -5,
	PDB_EUSAGE = -6,	/* invalid argument from the caller */
};

struct pdb_msg {
	enum pdb_severity severity;
	const char *file;	/* NULL when not about an input file */
	unsigned long line;	/* 0 when unknown */
	unsigned long column;	/* 0 when unknown; counted in characters from 1 */
	const char *text;
};

typedef void pdb_diag_sink(void *ctx, const struct pdb_msg *msg);

/*
 * Progress of a long import or export: called after each entry with the
 * number done so far. The library never draws anything; the caller may.
 */
typedef void pdb_progress_fn(void *ctx, unsigned long done);

struct pdb_diag {
	pdb_diag_sink *sink;	/* NULL: messages are only counted */
	void *ctx;
	unsigned long errors;
	unsigned long warnings;
};

void pdb_diag_init(struct pdb_diag *d, pdb_diag_sink *sink, void *ctx);

void pdb_diag_report(struct pdb_diag *d, enum pdb_severity sev,
		     const char *file, unsigned long line,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void pdb_diag_vreport(struct pdb_diag *d, enum pdb_severity sev,
		      const char *file, unsigned long line,
		      const char *fmt, va_list ap);
/* A report at a column of a line too: "FILE:LINE:COLUMN: error: ...". */
void pdb_diag_report_at(struct pdb_diag *d, enum pdb_severity sev,
			const char *file, unsigned long line, unsigned long column,
			const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Counts a message made elsewhere (another pdb_diag's) and hands it to the sink. */
void pdb_diag_pass(struct pdb_diag *d, const struct pdb_msg *msg);

/* Shorthands without a location. */
void pdb_error(struct pdb_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pdb_warning(struct pdb_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * "FILE:LINE: error: text", "FILE:LINE:COLUMN: error: text", "FILE: warning: text" or "pubdb: error: text"
 * (prog is used when msg has no file). Appends no newline.
 */
struct pdb_buf;
void pdb_msg_format(struct pdb_buf *out, const char *prog, const struct pdb_msg *msg);

#endif
