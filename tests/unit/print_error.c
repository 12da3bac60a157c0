/*
 * Linked into every unit test binary.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

void print_error(const char *const format, ...);

/*
 * libcmocka and libbtparse both export print_error(). tests/meson.build
 * links cmocka first, so libbtparse's own calls to print_error(bt_error *)
 * would land in cmocka's print_error(const char *fmt, ...), which takes
 * the struct for a format string: every btparse message reaches pubdb as
 * garbage ("\x05") and without its line number. The pubdb executable does
 * not link cmocka and is not affected. This definition (the executable's
 * comes first) sends each caller to its own function.
 */
void print_error(const char *const format, ...)
{
	static void (*bt_print_error)(const void *err);
	Dl_info info;
	va_list ap;

	if (dladdr(__builtin_return_address(0), &info) && info.dli_fname &&
	    strstr(info.dli_fname, "libbtparse")) {
		if (!bt_print_error) {
			void *h = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);

			if (h) {
				*(void **)&bt_print_error = dlsym(h, "print_error");
				dlclose(h);
			}
		}
		if (bt_print_error && bt_print_error != (void (*)(const void *))print_error)
			bt_print_error(format);
		return;
	}
	va_start(ap, format);
	vprint_error(format, ap);
	va_end(ap);
}
