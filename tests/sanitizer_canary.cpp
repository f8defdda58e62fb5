// The sanitizer canary (built with FP_SANITIZE only): proves that scripts/sanitize sees a report made in a
// child process, as when a CLI test starts `flashpoint` and takes its exit code 1 for a clean error. Run
// without arguments, it starts itself three times, with a heap overflow, a use after free and a signed
// overflow, and exits 0 whatever the children did, like a test that passed; the reports must then be in the
// sanitizers' log files (ASAN_OPTIONS/UBSAN_OPTIONS log_path), which scripts/sanitize checks before the
// tests run.
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

int overflowTheHeap() {
    char* bytes = new char[8];
    volatile size_t past = 8;  // volatile: the compiler must not see the overflow coming
    bytes[past] = 1;
    const int kept = bytes[0];
    delete[] bytes;
    return kept;
}

int useAfterFree() {
    int* numbers = new int[4]{1, 2, 3, 4};
    delete[] numbers;
    volatile int* freed = numbers;
    return freed[2];
}

int overflowASignedInt() {
    volatile int big = INT_MAX;
    const int sum = big + 1;
    return sum == INT_MIN ? 0 : 1;
}

/// Runs this program again with `mode` and waits for it; its outcome does not matter here.
void runChild(const char* self, const char* mode) {
    const pid_t pid = fork();
    if (pid == 0) {
        execl(self, self, mode, static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    if (pid > 0) waitpid(pid, &status, 0);
    std::printf("canary: child %s ended with status %d\n", mode, status);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--heap-overflow") == 0) return overflowTheHeap();
    if (argc == 2 && std::strcmp(argv[1], "--use-after-free") == 0) return useAfterFree();
    if (argc == 2 && std::strcmp(argv[1], "--signed-overflow") == 0) return overflowASignedInt();
    runChild("/proc/self/exe", "--heap-overflow");
    runChild("/proc/self/exe", "--use-after-free");
    runChild("/proc/self/exe", "--signed-overflow");
    return 0;
}
