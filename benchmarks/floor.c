/*
 * The floor of the benchmark: libbtparse parsing a file and nothing else
 * (every value touched, as an importer must), to compare pubdb against.
 */
#include <stdio.h>

#include "floor.h"

int main(int argc, char **argv)
{
	unsigned long entries = 0, chars = 0;
	boolean ok;
	AST *e;
	FILE *fp;

	if (argc != 2 || !(fp = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: floor FILE.bib\n");
		return 2;
	}
	floor_setup();
	while ((e = bt_parse_entry(fp, argv[1], 0, &ok))) {
		if (ok && bt_entry_metatype(e) == BTE_REGULAR) {
			char *name, *text;
			bt_nodetype type;
			AST *f = NULL, *v;

			while ((f = bt_next_field(e, f, &name)))
				for (v = NULL; (v = bt_next_value(f, v, &type, &text));)
					chars += text ? 1 : 0;
			entries++;
		}
		bt_free_ast(e);
	}
	fclose(fp);
	bt_cleanup();
	printf("%lu entries, %lu values\n", entries, chars);
	return 0;
}
