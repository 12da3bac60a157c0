#include "pubdb/diag.h"

#include "pubdb/buf.h"

void pdb_diag_init(struct pdb_diag *d, pdb_diag_sink *sink, void *ctx)
{
	d->sink = sink;
	d->ctx = ctx;
	d->errors = 0;
	d->warnings = 0;
}

static void count(struct pdb_diag *d, enum pdb_severity sev)
{
	if (sev == PDB_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void pdb_diag_pass(struct pdb_diag *d, const struct pdb_msg *msg)
{
	count(d, msg->severity);
	if (d->sink)
		d->sink(d->ctx, msg);
}

static void vreport(struct pdb_diag *d, enum pdb_severity sev, const char *file,
		    unsigned long line, unsigned long column, const char *fmt, va_list ap)
{
	struct pdb_buf text = PDB_BUF_INIT;
	struct pdb_msg msg;

	if (!d->sink) {
		count(d, sev);
		return;
	}
	pdb_buf_vaddf(&text, fmt, ap);
	msg.severity = sev;
	msg.file = file;
	msg.line = line;
	msg.column = column;
	msg.text = pdb_buf_failed(&text) ? "out of memory" : pdb_buf_str(&text);
	pdb_diag_pass(d, &msg);
	pdb_buf_release(&text);
}

void pdb_diag_vreport(struct pdb_diag *d, enum pdb_severity sev,
		      const char *file, unsigned long line,
		      const char *fmt, va_list ap)
{
	vreport(d, sev, file, line, 0, fmt, ap);
}

void pdb_diag_report_at(struct pdb_diag *d, enum pdb_severity sev,
			const char *file, unsigned long line, unsigned long column,
			const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(d, sev, file, line, column, fmt, ap);
	va_end(ap);
}

void pdb_diag_report(struct pdb_diag *d, enum pdb_severity sev,
		     const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pdb_diag_vreport(d, sev, file, line, fmt, ap);
	va_end(ap);
}

void pdb_error(struct pdb_diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pdb_diag_vreport(d, PDB_ERROR, NULL, 0, fmt, ap);
	va_end(ap);
}

void pdb_warning(struct pdb_diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pdb_diag_vreport(d, PDB_WARNING, NULL, 0, fmt, ap);
	va_end(ap);
}

void pdb_msg_format(struct pdb_buf *out, const char *prog, const struct pdb_msg *msg)
{
	const char *sev = msg->severity == PDB_ERROR ? "error" : "warning";

	if (msg->file && msg->line && msg->column)
		pdb_buf_addf(out, "%s:%lu:%lu: %s: %s", msg->file, msg->line, msg->column, sev,
			     msg->text);
	else if (msg->file && msg->line)
		pdb_buf_addf(out, "%s:%lu: %s: %s", msg->file, msg->line, sev, msg->text);
	else if (msg->file)
		pdb_buf_addf(out, "%s: %s: %s", msg->file, sev, msg->text);
	else
		pdb_buf_addf(out, "%s: %s: %s", prog, sev, msg->text);
}
