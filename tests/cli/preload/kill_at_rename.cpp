// Loaded with LD_PRELOAD into a flashpoint process under test: the Nth rename() of the process (N from
// FP_KILL_AT_RENAME) kills it with SIGKILL instead of renaming, the worst moment of an atomic write (the new
// content is whole in its temporary file, the final name still holds the old). Every other rename goes on
// to the C library's. Needs no ptrace, so it works in any container.
#include <dlfcn.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace {

std::atomic<int> g_renames{0};

int killAt() {
    const char* text = std::getenv("FP_KILL_AT_RENAME");
    return text ? std::atoi(text) : 0;
}

}  // namespace

extern "C" int rename(const char* from, const char* to) {
    using Rename = int (*)(const char*, const char*);
    static const auto real = reinterpret_cast<Rename>(dlsym(RTLD_NEXT, "rename"));
    if (++g_renames == killAt()) raise(SIGKILL);
    return real(from, to);
}
