/*
 * What the floor and the plain importer share: libbtparse set up as pubdb
 * sets it up, so that both parse exactly what pubdb's reader would.
 */
#ifndef BENCHMARKS_FLOOR_H
#define BENCHMARKS_FLOOR_H

#include <btparse.h>

static inline void floor_setup(void)
{
	static const char *const months[12] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
	};

	bt_initialize();
	bt_set_stringopts(BTE_PREAMBLE, BTO_MACRO);
	for (int m = 0; m < 12; m++)	/* as pubdb does */
		bt_add_macro_text((char *)months[m], (char *)months[m], NULL, 0);
}

#endif
