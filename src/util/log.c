/* Logging: one level for the whole process, set once by the cli. The level
 * is the only mutable global in util; it is written before any worker thread
 * starts and only read afterwards. */
#include <stdio.h>
#include <stdlib.h>

#include "util/util.h"

static int current_level = LOG_WARN;

void log_set_level(int level) { current_level = level; }

int log_level(void) { return current_level; }

static void vlog(const char *prefix, const char *fmt, va_list ap) {
    Buf b = BUF_INIT;
    buf_puts(&b, "otel: ");
    buf_puts(&b, prefix);
    buf_vprintf(&b, fmt, ap);
    buf_putc(&b, '\n');
    /* One write per message so lines from threads do not interleave. */
    fwrite(b.data, 1, b.len, stderr);
    buf_free(&b);
}

void log_msg(int level, const char *fmt, ...) {
    if (level > current_level) return;
    va_list ap;
    va_start(ap, fmt);
    vlog("", fmt, ap);
    va_end(ap);
}

void warn(const char *fmt, ...) {
    if (LOG_WARN > current_level) return;
    va_list ap;
    va_start(ap, fmt);
    vlog("warning: ", fmt, ap);
    va_end(ap);
}

void fatal(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vlog("error: ", fmt, ap);
    va_end(ap);
    exit(2);
}
