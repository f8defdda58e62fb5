// `flashpoint gui --at/--window`: malformed values are usage errors before any window opens (no display
// needed).
#include "cli_harness.h"

namespace fp {
namespace {

using GuiTimeFlags = test::CliFixture;

TEST_F(GuiTimeFlags, MalformedDatesAndWindowsAreUsageErrorsNamingTheFlag) {
    struct Case {
        const char* args;
        const char* flag;
        const char* value;
    };
    for (const Case& c : {Case{"--at 2022-13-01", "--at", "2022-13-01"},
                          Case{"--at yesterday --window 1w", "--at", "yesterday"},
                          Case{"--at 2022-12-20 --window 1y", "--window", "1y"},
                          Case{"--window 7d", "--window", "needs --at"}}) {
        const test::CliRun r = run(std::string("gui ") + c.args + " --screenshot " + path("x.png"));
        EXPECT_EQ(r.exitCode, 2) << c.args << "\n" << r.err;
        EXPECT_NE(r.err.find(c.flag), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.value), std::string::npos) << r.err;
        EXPECT_FALSE(std::filesystem::exists(path("x.png")));
    }
}

}  // namespace
}  // namespace fp
