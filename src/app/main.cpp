// flashpoint: with no arguments opens the GUI on the embedded default; with a subcommand runs headless.
#include <malloc.h>

#include <cstdio>
#include <exception>
#include <new>

#include "app/cli/cli.h"
#include "app/gui/gui_app.h"

int main(int argc, char** argv) {
    // glibc raises its mmap threshold each time a large block is freed, up to 32 MiB, after which the
    // big column and image buffers a load, a preparation or an export frees stay in the heap and count in
    // the resident size for the rest of the run (~30 MiB at a 1M-incident 4K export). A fixed threshold
    // gives every block of 1 MiB or more back to the system when it is freed.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
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
