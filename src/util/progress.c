/* A status line for setups that take more than a second (a cold `go list`
 * of a large module). Silent when stderr is not a terminal, so logs and CI
 * output stay clean. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

struct Progress {
    const char *label;
    _Atomic(const char *) phase;
    atomic_bool done;
    bool shown;
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

static double elapsed_since(const struct timespec *t0) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Wait up to ms milliseconds or until stopped; true when stopped. */
static bool wait_or_stop(Progress *p, long ms) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->mu);
    while (!atomic_load(&p->done))
        if (pthread_cond_timedwait(&p->cv, &p->mu, &until) != 0) break;
    bool done = atomic_load(&p->done);
    pthread_mutex_unlock(&p->mu);
    return done;
}

static void *progress_loop(void *arg) {
    Progress *p = arg;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (wait_or_stop(p, 1000)) return NULL;
    do {
        const char *phase = atomic_load(&p->phase);
        fprintf(stderr, "\r\033[K%s: %s (%.1fs)", p->label, phase ? phase : "", elapsed_since(&t0));
        fflush(stderr);
        p->shown = true;
    } while (!wait_or_stop(p, 250));
    return NULL;
}

Progress *progress_start(const char *label) {
    Progress *p = xcalloc(1, sizeof *p);
    p->label = label;
    atomic_init(&p->phase, "starting");
    atomic_init(&p->done, false);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    if (isatty(2) && pthread_create(&p->thread, NULL, progress_loop, p) == 0) p->started = true;
    return p;
}

void progress_phase(Progress *p, const char *phase) {
    if (p) atomic_store(&p->phase, phase);
}

void progress_stop(Progress *p) {
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    atomic_store(&p->done, true);
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    if (p->started) pthread_join(p->thread, NULL);
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
}
