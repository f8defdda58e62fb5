// Whole-process start-up: runs `flashpoint render --timings` on the embedded default, headless, several
// times and reports the median wall time from exec to exit and the phases the binary measured itself
// (load, context, first frame drawn and finished, PNG written).
//
// Usage: fp_startup_bench [runs=7] [size=1920x1080]
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
    const std::string size = argc > 2 ? argv[2] : "1920x1080";
    const std::string out = "/tmp/fp-startup-bench-" + std::to_string(::getpid()) + ".png";
    std::vector<double> wall;
    std::string lastTimings;
    for (int i = 0; i < runs; ++i) {
        const std::string cmd = std::string("EGL_PLATFORM=surfaceless '") + FP_BINARY +
                                "' render --timings -o " + out + " --size " + size + " 2>&1 >/dev/null";
        auto t0 = std::chrono::steady_clock::now();
        FILE* p = popen(cmd.c_str(), "r");
        if (!p) return 1;
        char buf[4096];
        std::string text;
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
        int status = pclose(p);
        auto t1 = std::chrono::steady_clock::now();
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "run %d failed:\n%s\n", i, text.c_str());
            return 1;
        }
        wall.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        lastTimings = text;
    }
    std::remove(out.c_str());
    std::sort(wall.begin(), wall.end());
    std::printf("runs: %d, size %s\n", runs, size.c_str());
    std::printf("whole process, exec to exit: median %.1f ms, min %.1f ms, max %.1f ms\n",
                wall[wall.size() / 2], wall.front(), wall.back());
    std::printf("phases of the last run (from the binary):\n%s", lastTimings.c_str());
    return 0;
}
