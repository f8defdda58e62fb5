// flashpoint: with no arguments opens the GUI on the embedded default; with a subcommand runs headless.
#include <cstdio>
#include <exception>
#include <new>

#include "app/cli/cli.h"
#include "app/gui/gui_app.h"

int main(int argc, char** argv) {
    // Nothing may end the program with an abort and a core dump: an input too large for memory, or any
    // other exception that escaped, is one clear line and exit code 1.
    try {
        if (argc <= 1) return runGui(argc, argv);
        return fp::runCli(argc, argv);
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "flashpoint: error: out of memory: the input is too large for this machine\n");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "flashpoint: error: internal error: %s\n", e.what());
    } catch (...) {
        std::fprintf(stderr, "flashpoint: error: internal error (unknown exception)\n");
    }
    return fp::kExitFailure;
}
