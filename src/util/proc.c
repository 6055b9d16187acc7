/* Child processes: posix_spawnp with stdout captured through a pipe. Used
 * for `go list` and `go env`; stderr is inherited so go's own diagnostics
 * reach the user unchanged. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/util.h"

extern char **environ;

int run_capture(char *const argv[], const char *dir, Buf *out) {
    int fds[2];
    if (out && pipe2(fds, O_CLOEXEC) != 0) return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (out) posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    if (dir) posix_spawn_file_actions_addchdir_np(&fa, dir);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (out) close(fds[1]);
    if (rc != 0) {
        if (out) close(fds[0]);
        errno = rc;
        return -1;
    }
    if (out) {
        for (;;) {
            buf_reserve(out, 65536);
            ssize_t n = read(fds[0], out->data + out->len, out->cap - out->len - 1);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            out->len += (size_t)n;
            out->data[out->len] = '\0';
        }
        close(fds[0]);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return -1;
}
