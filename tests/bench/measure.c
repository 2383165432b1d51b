/*
 * measure - run a command, report its wall time and peak memory.
 *
 *   measure OUTFILE -- cmd args...
 *
 * Writes one line to OUTFILE:
 *   wall_s=<seconds, 3 decimals> maxrss_kb=<ru_maxrss of the child> status=<exit code>
 *   user_s=<CPU seconds in user mode> sys_s=<CPU seconds in the kernel>
 * and exits with the command's exit code (128+N if it was killed by signal N,
 * 127 if it could not be started).  The command's stdin/stdout/stderr are
 * inherited.
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror -pedantic -o measure measure.c
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* wait4 (glibc) */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void usage(void)
{
    fprintf(stderr, "usage: measure OUTFILE -- cmd [args...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 4 || strcmp(argv[2], "--") != 0 || argv[3][0] == '\0')
        usage();
    const char *outfile = argv[1];
    char **cmd = argv + 3;

    /* open the report file first: fail before running anything */
    int ofd = open(outfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (ofd < 0) {
        fprintf(stderr, "measure: cannot open %s: %s\n", outfile, strerror(errno));
        return 2;
    }
    FILE *out = fdopen(ofd, "w");
    if (!out) {
        fprintf(stderr, "measure: fdopen: %s\n", strerror(errno));
        return 2;
    }

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "measure: fork: %s\n", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        execvp(cmd[0], cmd);
        fprintf(stderr, "measure: cannot run %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }

    int st = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid_t w;
    do
        w = wait4(pid, &st, 0, &ru);
    while (w < 0 && errno == EINTR);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (w < 0) {
        fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
        return 2;
    }

    int status;
    if (WIFEXITED(st))
        status = WEXITSTATUS(st);
    else if (WIFSIGNALED(st))
        status = 128 + WTERMSIG(st);
    else
        status = 255;

    /* integer arithmetic: no locale-dependent decimal point, exact rounding */
    long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    long long ms = (ns + 500000) / 1000000;
    long maxrss = ru.ru_maxrss;
#ifdef __APPLE__
    maxrss /= 1024; /* bytes on macOS, kilobytes on Linux and the BSDs */
#endif

    long long us = (long long)ru.ru_utime.tv_sec * 1000 + ru.ru_utime.tv_usec / 1000;
    long long ss = (long long)ru.ru_stime.tv_sec * 1000 + ru.ru_stime.tv_usec / 1000;

    fprintf(out, "wall_s=%lld.%03lld maxrss_kb=%ld status=%d user_s=%lld.%03lld sys_s=%lld.%03lld\n",
            ms / 1000, ms % 1000, maxrss, status, us / 1000, us % 1000, ss / 1000, ss % 1000);
    if (fclose(out) != 0) {
        fprintf(stderr, "measure: cannot write %s: %s\n", outfile, strerror(errno));
        return 2;
    }
    return status;
}
