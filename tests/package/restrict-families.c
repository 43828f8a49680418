/* restrict-families FAMILY... -- COMMAND [ARG...]
 * Runs COMMAND with socket() and socketpair() refused (EAFNOSUPPORT) for every address family
 * but the ones named, as systemd's RestrictAddressFamilies= does, so that tst_package can run
 * the unit's command under the unit's own list without a service manager. Families: AF_UNIX,
 * AF_INET, AF_INET6, AF_NETLINK, AF_PACKET. x86-64 only (socket() is not multiplexed there). */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_FAMILIES 8

static int family_number(const char *name)
{
    static const struct {
        const char *name;
        int number;
    } known[] = {{"AF_UNIX", AF_UNIX},
                 {"AF_INET", AF_INET},
                 {"AF_INET6", AF_INET6},
                 {"AF_NETLINK", AF_NETLINK},
                 {"AF_PACKET", AF_PACKET}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; ++i)
        if (strcmp(known[i].name, name) == 0)
            return known[i].number;
    return -1;
}

int main(int argc, char *argv[])
{
    int families[MAX_FAMILIES];
    int count = 0;
    int arg = 1;
    for (; arg < argc && strcmp(argv[arg], "--") != 0; ++arg) {
        const int number = family_number(argv[arg]);
        if (number < 0 || count == MAX_FAMILIES) {
            fprintf(stderr, "restrict-families: unknown or too many families: %s\n", argv[arg]);
            return 2;
        }
        families[count++] = number;
    }
    if (arg + 1 >= argc) {
        fprintf(stderr, "usage: restrict-families FAMILY... -- COMMAND [ARG...]\n");
        return 2;
    }

    /* arch check; load the call number; socket/socketpair → check args[0] against the list. */
    struct sock_filter program[9 + MAX_FAMILIES];
    int n = 0;
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                                offsetof(struct seccomp_data, arch));
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                                offsetof(struct seccomp_data, nr));
    /* Neither socket nor socketpair: skip the family checks and the refusal, to the allow. */
    const unsigned char skip = (unsigned char)(count + 3);
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 1, 0);
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socketpair, 0,
                                                skip - 1);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                                offsetof(struct seccomp_data, args[0]));
    for (int i = 0; i < count; ++i) /* an allowed family jumps over the rest to the allow */
        program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
                                                    (unsigned)families[i],
                                                    (unsigned char)(count - i), 0);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EAFNOSUPPORT);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);

    const struct sock_fprog filter = {.len = (unsigned short)n, .filter = program};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter) != 0) {
        perror("restrict-families: seccomp");
        return 2;
    }
    execvp(argv[arg + 1], &argv[arg + 1]);
    perror("restrict-families: exec");
    return 127;
}
