// flashpoint: with no arguments opens the GUI on the embedded default; with a subcommand runs headless.
#include "app/cli/cli.h"
#include "app/gui/gui_app.h"

int main(int argc, char** argv) {
    if (argc <= 1) return runGui(argc, argv);
    return fp::runCli(argc, argv);
}
