#pragma once

// Helpers for tests that run external programs (ffmpeg, ffprobe, sh).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

namespace fp::test {

/// True when `name` is an executable on PATH.
inline bool onPath(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && ::access((std::filesystem::path(dir) / name).c_str(), X_OK) == 0) return true;
    return false;
}

/// The standard output of the shell command `cmd` (empty when it cannot be started).
inline std::string captureOutput(const std::string& cmd) {
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
        char buf[256];
        while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

/// ffmpeg and ffprobe are installed by scripts/setup: tests that need them fail (never skip) without them.
inline constexpr const char* kNeedsFfmpeg =
    "ffmpeg/ffprobe not on PATH: run scripts/setup (it installs ffmpeg)";

}  // namespace fp::test
