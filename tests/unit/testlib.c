#include "testlib.h"

static void collect(void *ctx, const struct pdb_msg *msg)
{
	struct pdb_buf *b = ctx;

	pdb_msg_format(b, "pubdb", msg);
	pdb_buf_addc(b, '\n');
}

void test_diag_init(struct pdb_diag *diag, struct pdb_buf *msgs)
{
	pdb_buf_init(msgs);
	pdb_diag_init(diag, collect, msgs);
}

int test_add_field(struct pdb_entry *e, const char *name, const char *raw, const char *value,
		   unsigned long line)
{
	return pdb_entry_add_field(e, pdb_entry_strdup(e, name), pdb_entry_strdup(e, raw),
				   pdb_entry_strdup(e, value), line);
}
