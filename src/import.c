#include "pubdb/import.h"

#include "pubdb/bibread.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/*
 * A key defined twice in one file (keys ignore case): BibTeX keeps the
 * first. A copy with the same type and fields loses nothing and only earns
 * a warning; a different entry is an error, since one of the two cannot
 * be kept under that key.
 */
static void report_duplicate(const struct pdb_first_entry *first, const struct pdb_entry *e,
			     struct pdb_import_stats *st, const char *name,
			     struct pdb_diag *diag)
{
	if (first->same) {
		pdb_diag_report(diag, PDB_WARNING, name, e->line,
				"entry '%s' repeats the one at line %lu word for word; ignored",
				e->key, first->line);
		return;
	}
	pdb_diag_report(diag, PDB_ERROR, name, e->line,
			"duplicate key '%s' (first defined at line %lu%s%s); entry skipped",
			e->key, first->line, strcmp(first->key, e->key) ? " as " : "",
			strcmp(first->key, e->key) ? first->key : "");
	st->skipped++;
}

/*
 * known: the store has e as it would parse (PDB_BIBREAD_KNOWN: no fields
 * read); d: pdb_store_derive(e), or NULL.
 */
static int import_entry(struct pdb_store *s, long long file_id, const struct pdb_entry *e,
			int known, const struct pdb_derived *d, const struct pdb_import_opts *opts,
			struct pdb_import_stats *st, const char *name, struct pdb_diag *diag)
{
	enum pdb_put_result res = PDB_PUT_UNCHANGED;
	int rc;

	if (!known && (rc = pdb_store_put_derived(s, file_id, e, d, &res)) < 0)
		return rc;
	if (res == PDB_PUT_DUPLICATE) {
		report_duplicate(pdb_store_first(s), e, st, name, diag);
		return 0;
	}
	for (size_t i = 0; i < opts->ntags; i++)
		if (pdb_store_tag(s, e->key, opts->tags[i], 1) < 0)
			return PDB_EDB;
	if (res == PDB_PUT_ADDED)
		st->added++;
	else if (res == PDB_PUT_UPDATED)
		st->updated++;
	else
		st->unchanged++;
	return 0;
}

struct file_ctx {
	struct pdb_store *s;
	long long file_id;
	long item_pos;		/* items of the file stored so far */
	int finished;		/* pdb_store_finish_import() ran, in the storing thread */
	int finish_rc;		/* what it returned */
};

/* Whether an import whose file was read with rc is kept, with something to finish. */
static int import_to_finish(int rc, const struct pdb_import_opts *opts,
			    const struct pdb_import_stats *st)
{
	return rc == 0 && !(opts->strict && st->skipped) && (st->added || st->updated);
}

static int entry_known(void *ctx, const struct pdb_entry *e)
{
	const struct file_ctx *f = ctx;

	return pdb_store_known(f->s, f->file_id, f->item_pos, e);
}

/* Stores what the reader gave: an entry, or a @string, @preamble or @comment. */
static int store_read(struct file_ctx *f, const struct pdb_entry *e, int known,
		      const struct pdb_derived *d, const struct pdb_import_opts *opts,
		      struct pdb_import_stats *st, const char *name, struct pdb_diag *diag)
{
	if (e->kind == PDB_ENTRY_REGULAR)
		return import_entry(f->s, f->file_id, e, known, d, opts, st, name, diag);
	return pdb_store_put_item(f->s, f->file_id, &f->item_pos, e);
}

static int read_all(struct file_ctx *f, struct pdb_bibread *r,
		    const struct pdb_import_opts *opts, struct pdb_import_stats *st,
		    const char *name, struct pdb_diag *diag)
{
	struct pdb_entry e;
	unsigned long done = 0;
	int rc;

	/* an unchanged entry of an unchanged context need not be parsed again */
	pdb_bibread_set_known(r, entry_known, f);
	pdb_entry_init(&e);
	while ((rc = pdb_bibread_next(r, &e)) > 0) {
		rc = store_read(f, &e, rc == PDB_BIBREAD_KNOWN, NULL, opts, st, name, diag);
		if (rc < 0)
			break;
		if (opts->progress && e.kind == PDB_ENTRY_REGULAR)
			opts->progress(opts->progress_ctx, ++done);
	}
	pdb_entry_release(&e);
	return rc;
}

/*
 * A first import, which parses every entry and finds none stored, reads
 * the file in one thread and stores it in another: on two cores the
 * parsing costs no time. Only the reading thread prints (through its
 * caller's diagnostics and progress): libbtparse points the process's
 * stderr elsewhere while it parses. What either thread reports about an
 * entry is held with the entry and passed on in file order once the entry
 * is stored, so the messages are those, and in the order, of one thread.
 *
 * PIPE_SLOTS entries are in flight between the threads. The two are about
 * as busy, each the slower for a stretch of the file: 128 rather than 64
 * let one run on through the other's slow stretches (150,000 entries,
 * 2.95 -> 2.82 s, medians of 8, interleaved; 0.6 MB more at the peak),
 * and 256 gained no more for 1.9 MB.
 */
enum { PIPE_SLOTS = 128 };

struct held_msg {
	enum pdb_severity severity;
	char *file;
	unsigned long line, column;
	char *text;
};

struct held_msgs {
	struct held_msg *v;
	size_t n, alloc;
	int oom;
};

/* A pdb_diag whose messages go into *cur, or straight on when cur is NULL. */
struct holder {
	struct pdb_diag diag;
	struct held_msgs *cur;
	struct pdb_diag *next;
};

static void hold_msg(void *ctx, const struct pdb_msg *m)
{
	struct holder *h = ctx;
	struct held_msgs *l = h->cur;
	struct held_msg *msg;

	if (!l) {
		pdb_diag_pass(h->next, m);
		return;
	}
	if (l->n == l->alloc) {
		size_t alloc = l->alloc ? 2 * l->alloc : 4;
		struct held_msg *v = realloc(l->v, alloc * sizeof(*v));

		if (!v) {
			l->oom = 1;
			return;
		}
		l->v = v;
		l->alloc = alloc;
	}
	msg = &l->v[l->n];
	msg->severity = m->severity;
	msg->file = m->file ? strdup(m->file) : NULL;
	msg->line = m->line;
	msg->column = m->column;
	msg->text = strdup(m->text);
	if (!msg->text || (m->file && !msg->file)) {
		free(msg->file);
		free(msg->text);
		l->oom = 1;
		return;
	}
	l->n++;
}

static void holder_init(struct holder *h, struct pdb_diag *next)
{
	pdb_diag_init(&h->diag, hold_msg, h);
	h->cur = NULL;
	h->next = next;
}

/* Passes the held messages on (diag NULL: drops them), in order, and forgets them. */
static int pass_held(struct held_msgs *l, struct pdb_diag *diag)
{
	int oom = l->oom;

	for (size_t i = 0; i < l->n; i++) {
		struct held_msg *h = &l->v[i];
		struct pdb_msg m = { h->severity, h->file, h->line, h->column, h->text };

		if (diag)
			pdb_diag_pass(diag, &m);
		free(h->file);
		free(h->text);
	}
	l->n = 0;
	l->oom = 0;
	return oom ? PDB_ENOMEM : 0;
}

struct slot {
	struct pdb_entry e;
	struct pdb_derived *d;	/* of a regular entry */
	int read_rc;		/* pdb_bibread_next's: > 0 an entry, 0 the end, < 0 failed */
	int store_rc;
	struct held_msgs msgs;	/* from reading it, then from storing it */
};

struct pipeline {
	pthread_mutex_t mu;
	pthread_cond_t to_store;	/* a slot was read, or the import failed */
	pthread_cond_t to_read;		/* half the slots are stored, or storing ended */
	int storer_waits, reader_waits;
	/* slots read, stored and passed on so far (slot i is slot[i % PIPE_SLOTS]) */
	unsigned long read, stored, passed;
	int stopped;		/* the storing thread has stored its last slot */
	int cancelled;		/* the reading thread has failed: store no more */
	enum tail_word { TAIL_UNSAID, TAIL_FINISH, TAIL_NONE } tail;	/* the reading thread's */
	struct slot slot[PIPE_SLOTS];
	/* the storing thread's */
	struct file_ctx *f;
	const struct pdb_import_opts *opts;
	struct pdb_import_stats *st;
	const char *name;
	struct holder store_diag;
};

/*
 * The reading thread, ahead, waits until half the slots are stored, not
 * one: the threads then wake each other once every PIPE_SLOTS / 2 entries.
 */
static int reader_may_go_on(const struct pipeline *p)
{
	return p->stopped || p->stored - p->passed >= PIPE_SLOTS / 2;
}

/*
 * Likewise the storing thread, when it waits, is woken once half the
 * slots are read, or when reading ends: waking it for every entry cost
 * a context switch in each thread per entry.
 */
static int storer_may_go_on(const struct pipeline *p, int read_rc)
{
	return read_rc <= 0 || p->read - p->stored >= PIPE_SLOTS / 2;
}

/*
 * Once storing has ended, the storing thread waits for the reading
 * thread's word and, if the import is kept, finishes it: the indexes are
 * sorted in the thread whose page cache has just given its memory back,
 * from the same malloc arena, which the sort reuses. Sorted in the other
 * thread, that memory had to go back to the system first (malloc_trim)
 * to keep the peak within 32 MB, and be faulted in again: an import of
 * 20,000 entries took 0.81 s, now 0.75 s (medians of 6, interleaved).
 */
static void finish_if_told(struct pipeline *p)
{
	enum tail_word word;

	pthread_mutex_lock(&p->mu);
	while (p->tail == TAIL_UNSAID)
		pthread_cond_wait(&p->to_store, &p->mu);
	word = p->tail;
	pthread_mutex_unlock(&p->mu);
	if (word == TAIL_FINISH) {
		pdb_store_release_memory(p->f->s);
		p->f->finish_rc = pdb_store_finish_import(p->f->s);
		p->f->finished = 1;
	}
}

static void tell_storer(struct pipeline *p, enum tail_word tail)
{
	pthread_mutex_lock(&p->mu);
	p->tail = tail;
	pthread_cond_signal(&p->to_store);
	pthread_mutex_unlock(&p->mu);
}

/* Waits until the storing thread has stored its last slot. */
static void wait_stored(struct pipeline *p)
{
	pthread_mutex_lock(&p->mu);
	p->reader_waits = 1;
	while (!p->stopped)
		pthread_cond_wait(&p->to_read, &p->mu);
	p->reader_waits = 0;
	pthread_mutex_unlock(&p->mu);
}

static void *store_slots(void *arg)
{
	struct pipeline *p = arg;
	int end;

	do {
		struct slot *sl;

		pthread_mutex_lock(&p->mu);
		p->storer_waits = 1;
		while (p->stored == p->read && !p->cancelled)
			pthread_cond_wait(&p->to_store, &p->mu);
		p->storer_waits = 0;
		sl = &p->slot[p->stored % PIPE_SLOTS];
		end = p->cancelled;
		pthread_mutex_unlock(&p->mu);
		if (end)
			break;
		p->store_diag.cur = &sl->msgs;
		sl->store_rc = sl->read_rc > 0 ? store_read(p->f, &sl->e, 0, sl->d, p->opts, p->st,
							    p->name, &p->store_diag.diag) : 0;
		end = sl->read_rc <= 0 || sl->store_rc < 0;
		pthread_mutex_lock(&p->mu);
		p->stored++;
		p->stopped = end;
		if (p->reader_waits && reader_may_go_on(p))
			pthread_cond_signal(&p->to_read);
		pthread_mutex_unlock(&p->mu);
	} while (!end);
	finish_if_told(p);
	return NULL;
}

/* Passes on a stored slot's messages and progress; its store_rc. */
static int pass_slot(struct slot *sl, const struct pdb_import_opts *opts, unsigned long *done,
		     struct pdb_diag *diag)
{
	int rc = pass_held(&sl->msgs, diag);

	if (rc == 0)
		rc = sl->store_rc;
	if (rc == 0 && sl->read_rc > 0 && opts->progress && sl->e.kind == PDB_ENTRY_REGULAR)
		opts->progress(opts->progress_ctx, ++*done);
	return rc;
}

/*
 * Passes on every slot stored so far; then, with wait, if no slot is free
 * to read into, waits for some and passes them on. 0, or the first failure
 * of a slot (< 0).
 */
static int pass_stored(struct pipeline *p, int wait, unsigned long *done, struct pdb_diag *diag)
{
	int rc = 0;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (rc == 0 && p->passed < p->stored) {
			struct slot *sl = &p->slot[p->passed % PIPE_SLOTS];

			pthread_mutex_unlock(&p->mu);
			rc = pass_slot(sl, p->opts, done, diag);
			pthread_mutex_lock(&p->mu);
			p->passed++;
		}
		if (rc < 0 || !wait || p->read - p->passed < PIPE_SLOTS)
			break;
		if (p->stopped) {	/* cannot happen: its last slot is passed on */
			rc = PDB_EUSAGE;
			break;
		}
		p->reader_waits = 1;
		while (!reader_may_go_on(p))
			pthread_cond_wait(&p->to_read, &p->mu);
		p->reader_waits = 0;
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

/*
 * Reads into the next free slot, works out what the store derives from a
 * regular entry, and hands the slot over; what the reader returned (or a
 * failure to derive).
 */
static int read_slot(struct pipeline *p, struct pdb_bibread *r, struct holder *read_diag)
{
	struct slot *sl = &p->slot[p->read % PIPE_SLOTS];

	pdb_derived_free(sl->d);
	sl->d = NULL;
	read_diag->cur = &sl->msgs;
	sl->read_rc = pdb_bibread_next(r, &sl->e);
	if (sl->read_rc > 0 && sl->e.kind == PDB_ENTRY_REGULAR) {
		int rc = pdb_store_derive(p->f->s, &sl->e, &sl->d);

		if (rc < 0)
			sl->read_rc = rc;
	}
	read_diag->cur = NULL;
	pthread_mutex_lock(&p->mu);
	p->read++;
	if (p->storer_waits && storer_may_go_on(p, sl->read_rc))
		pthread_cond_signal(&p->to_store);
	pthread_mutex_unlock(&p->mu);
	return sl->read_rc;
}

static void pipeline_release(struct pipeline *p)
{
	for (int i = 0; i < PIPE_SLOTS; i++) {
		pass_held(&p->slot[i].msgs, NULL);
		free(p->slot[i].msgs.v);
		pdb_entry_release(&p->slot[i].e);
		pdb_derived_free(p->slot[i].d);
	}
	pthread_cond_destroy(&p->to_store);
	pthread_cond_destroy(&p->to_read);
	pthread_mutex_destroy(&p->mu);
}

/* read_all() in two threads; 1 (nothing done) when a thread cannot start. */
static int read_all_pipelined(struct pipeline *p, struct pdb_bibread *r, struct holder *read_diag,
			      struct pdb_diag *diag)
{
	struct pdb_diag *store_was;
	unsigned long done = 0;
	pthread_t storer;
	int rc, read_rc;

	store_was = pdb_store_set_diag(p->f->s, &p->store_diag.diag);
	if (pthread_create(&storer, NULL, store_slots, p) != 0) {
		pdb_store_set_diag(p->f->s, store_was);
		return 1;
	}
	do {
		rc = pass_stored(p, 1, &done, diag);
		read_rc = rc == 0 ? read_slot(p, r, read_diag) : 0;
	} while (rc == 0 && read_rc > 0);
	if (rc < 0) {	/* what was read after the failure is not stored */
		pthread_mutex_lock(&p->mu);
		p->cancelled = 1;
		p->tail = TAIL_NONE;
		pthread_cond_signal(&p->to_store);
		pthread_mutex_unlock(&p->mu);
		pthread_join(storer, NULL);
		pdb_store_set_diag(p->f->s, store_was);
		return rc;
	}
	wait_stored(p);
	pdb_store_set_diag(p->f->s, store_was);	/* where the storing thread's finish reports */
	rc = pass_stored(p, 0, &done, diag);
	if (rc == 0)
		rc = read_rc;
	tell_storer(p, import_to_finish(rc, p->opts, p->st) ? TAIL_FINISH : TAIL_NONE);
	pthread_join(storer, NULL);
	return rc;
}

static int read_file(struct file_ctx *f, struct pdb_bibread *r, struct holder *read_diag,
		     const struct pdb_import_opts *opts, struct pdb_import_stats *st,
		     const char *name, struct pdb_diag *diag)
{
	struct pipeline *p;
	int rc = 1;

	if (pdb_store_first_import(f->s) && (p = calloc(1, sizeof(*p)))) {
		pthread_mutex_init(&p->mu, NULL);
		pthread_cond_init(&p->to_store, NULL);
		pthread_cond_init(&p->to_read, NULL);
		for (int i = 0; i < PIPE_SLOTS; i++)
			pdb_entry_init(&p->slot[i].e);
		p->f = f;
		p->opts = opts;
		p->st = st;
		p->name = name;
		holder_init(&p->store_diag, diag);
		rc = read_all_pipelined(p, r, read_diag, diag);
		pipeline_release(p);
		free(p);
	}
	if (rc == 1)
		rc = read_all(f, r, opts, st, name, diag);
	st->skipped += pdb_bibread_skipped(r);
	return rc;
}

int pdb_import(struct pdb_store *s, FILE *fp, const char *name, const char *path,
	       const struct pdb_import_opts *opts, struct pdb_import_stats *stats,
	       struct pdb_diag *diag)
{
	struct pdb_bibread *r = NULL;
	struct file_ctx f = { s, 0, 0, 0, 0 };
	struct holder read_diag;
	int rc;

	memset(stats, 0, sizeof(*stats));
	holder_init(&read_diag, diag);
	rc = pdb_store_begin_import(s);
	if (rc < 0)
		return rc;
	rc = pdb_store_file(s, path, &f.file_id);
	if (rc == 0)
		rc = pdb_bibread_open(&r, fp, name, &read_diag.diag);
	if (rc == 0)
		rc = read_file(&f, r, &read_diag, opts, stats, name, diag);
	pdb_bibread_close(r);
	if (rc == PDB_EIO)
		pdb_diag_report(diag, PDB_ERROR, name, 0, "read error");
	if (rc == 0 && opts->strict && stats->skipped) {
		stats->rolled_back = 1;
		rc = PDB_EDATA;
	}
	if (import_to_finish(rc, opts, stats))	/* else nothing to redo */
		rc = f.finished ? f.finish_rc : pdb_store_finish_import(s);
	if (rc == 0)
		rc = pdb_store_commit(s);
	if (rc < 0) {
		pdb_store_rollback(s);
		return rc;
	}
	return stats->skipped ? PDB_EDATA : 0;
}
