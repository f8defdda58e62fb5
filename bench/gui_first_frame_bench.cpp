// GUI start-up: runs `flashpoint gui --screenshot FILE --frames 1` on the embedded default several times with
// FLASHPOINT_REPORT_FIRST_FRAME=1, which makes the app finish its first map frame (glFinish) and say so on
// stderr, and reports the median wall time from starting the process to that line. Needs an X display: run
// it under xvfb-run, which starts one X server for all runs (its start is not measured).
//
// Usage: xvfb-run -a -s "-screen 0 1920x1080x24" build/bench/fp_gui_first_frame_bench [runs=5]
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "fp_gui_first_frame_bench: no DISPLAY; run it under xvfb-run\n");
        return 2;
    }
    const std::string shot = "/tmp/fp-gui-first-frame-" + std::to_string(::getpid()) + ".png";
    const std::string config = "/tmp/fp-gui-first-frame-config-" + std::to_string(::getpid());
    std::vector<double> firstFrame, whole;
    for (int i = 0; i < runs; ++i) {
        // A fresh configuration folder each run: no saved window geometry or recent projects.
        const std::string cmd = "rm -rf '" + config + "' && XDG_CONFIG_HOME='" + config +
                                "' FLASHPOINT_REPORT_FIRST_FRAME=1 '" + FP_BINARY + "' gui --screenshot " +
                                shot + " --frames 1 2>&1 >/dev/null";
        const auto t0 = std::chrono::steady_clock::now();
        FILE* p = popen(cmd.c_str(), "r");
        if (!p) return 1;
        char line[4096];
        std::string text;
        double seen = -1.0;
        while (std::fgets(line, sizeof line, p)) {
            if (seen < 0 && std::string(line).find("first map frame drawn") != std::string::npos)
                seen =
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            text += line;
        }
        const int status = pclose(p);
        const double all =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || seen < 0) {
            std::fprintf(stderr, "run %d failed:\n%s\n", i, text.c_str());
            return 1;
        }
        firstFrame.push_back(seen);
        whole.push_back(all);
    }
    std::remove(shot.c_str());
    std::system(("rm -rf '" + config + "'").c_str());
    std::sort(firstFrame.begin(), firstFrame.end());
    std::sort(whole.begin(), whole.end());
    std::printf("runs: %d\n", runs);
    std::printf("process start to first map frame finished: median %.1f ms, min %.1f ms, max %.1f ms\n",
                firstFrame[firstFrame.size() / 2], firstFrame.front(), firstFrame.back());
    std::printf("whole process (incl. screenshot PNG and exit): median %.1f ms\n", whole[whole.size() / 2]);
    return 0;
}
