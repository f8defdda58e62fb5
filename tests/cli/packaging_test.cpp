// What the Debian package ships besides the binary: the man page covers every subcommand and flag the program
// accepts, --version names the libraries, a double-clicked project opens the window on it, and an installed
// binary finds its data under share/flashpoint (never the source tree).
#include <regex>
#include <set>

#include "cli_harness.h"

namespace fp {
namespace {

namespace fs = std::filesystem;

class PackagingTest : public test::CliFixture {};

std::set<std::string> matches(const std::string& text, const std::regex& pattern, int group) {
    std::set<std::string> found;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator();
         ++it)
        found.insert((*it)[group].str());
    return found;
}

/// How a word is written in roff: every '-' escaped.
std::string roff(const std::string& word) {
    std::string out;
    for (char c : word) out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
}

TEST_F(PackagingTest, ManPageNamesEverySubcommandAndFlag) {
    const std::string man = test::slurp(std::string(FP_PACKAGING_DIR) + "/flashpoint.1");
    ASSERT_FALSE(man.empty());
    const test::CliRun top = run("--help");
    ASSERT_EQ(top.exitCode, 0) << top.err;
    const std::string subcommandList = top.out.substr(top.out.find("Subcommands:"));
    const auto subcommands = matches(subcommandList, std::regex(R"(\n  ([a-z][a-z-]*) )"), 1);
    ASSERT_GE(subcommands.size(), 6u) << top.out;
    for (const std::string& sub : subcommands) {
        EXPECT_NE(man.find(".B " + roff(sub)), std::string::npos) << "man page lacks subcommand " << sub;
        const test::CliRun help = run(sub + " --help");
        ASSERT_EQ(help.exitCode, 0) << sub << ": " << help.err;
        for (const std::string& flag : matches(help.out, std::regex(R"((--[a-z][a-z0-9-]*))"), 1))
            EXPECT_NE(man.find(roff(flag)), std::string::npos) << "man page lacks " << sub << " " << flag;
    }
}

TEST_F(PackagingTest, ManPageAndCompletionNameEveryImageFormat) {
    const std::string man = test::slurp(std::string(FP_PACKAGING_DIR) + "/flashpoint.1");
    const std::string completion = test::slurp(std::string(FP_PACKAGING_DIR) + "/flashpoint.bash-completion");
    const test::CliRun help = run("render --help");
    ASSERT_EQ(help.exitCode, 0) << help.err;
    const std::string output = help.out.substr(help.out.find("--output"), 200);
    const auto extensions = matches(output, std::regex(R"(\.([a-z]{3,4})\b)"), 1);
    ASSERT_GE(extensions.size(), 4u) << output;
    for (const std::string& ext : extensions) {
        EXPECT_NE(man.find("." + ext), std::string::npos) << "man page lacks ." << ext;
        EXPECT_NE(completion.find(ext + "|"), std::string::npos) << "completion lacks ." << ext;
    }
}

TEST_F(PackagingTest, VersionNamesGdalProjAndOpenGl) {
    const test::CliRun v = run("--version");
    ASSERT_EQ(v.exitCode, 0) << v.err;
    EXPECT_TRUE(std::regex_search(v.out, std::regex(R"(^flashpoint \d+\.\d+\.\d+\nGDAL \d+\.\d+\.\d+\n)")))
        << v.out;
    EXPECT_TRUE(std::regex_search(v.out, std::regex(R"(\nPROJ \d+\.\d+\.\d+\n)"))) << v.out;
    EXPECT_TRUE(std::regex_search(v.out, std::regex(R"(\nOpenGL .+ / \d+\.\d+)"))) << v.out;
}

TEST_F(PackagingTest, AProjectFileAsTheOnlyArgumentOpensTheWindowOnIt) {
    const std::string project = path("briefing.flashpoint.json");
    {
        std::ofstream out(project);
        out << R"({"format": "flashpoint-project", "version": 1, "name": "Double-clicked", "layers": []})";
    }
    const std::string home = path("home");
    fs::create_directories(home);
    const std::string shot = path("gui.png");
    const std::string cmd = "cd '" + m_dir.string() + "' && HOME='" + home +
                            "' xvfb-run -a -s '-screen 0 1024x700x24' '" + std::string(FP_BINARY) + "' '" +
                            project + "' --frames 2 --screenshot '" + shot + "' >'" + path("out.txt") +
                            "' 2>&1";
    const int status = std::system(cmd.c_str());
    const std::string out = test::slurp(path("out.txt"));
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
    EXPECT_TRUE(fs::exists(shot)) << out;
    EXPECT_EQ(out.find("unknown option or subcommand"), std::string::npos) << out;
}

TEST_F(PackagingTest, ACopiedBinaryOutsideItsBuildTreeDoesNotReadTheSourceTree) {
    const std::string copy = path("bin/flashpoint");
    fs::create_directories(path("bin"));
    fs::copy_file(FP_BINARY, copy);
    const std::string cmd = "env -u DISPLAY -u FLASHPOINT_DATA_DIR EGL_PLATFORM=surfaceless '" + copy +
                            "' render -o '" + path("x.png") + "' --size 64x64 >'" + path("out.txt") +
                            "' 2>&1";
    const int status = std::system(cmd.c_str());
    const std::string out = test::slurp(path("out.txt"));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << out;
    EXPECT_NE(out.find("embedded data folder not found"), std::string::npos) << out;

    // Laid out as installed (<prefix>/bin and <prefix>/share/flashpoint), the same copy finds its data.
    fs::create_directories(path("share/flashpoint"));
    fs::create_directory_symlink(FP_GEODATA_DIR, path("share/flashpoint/geodata"));
    const int installed =
        std::system(("env -u DISPLAY -u FLASHPOINT_DATA_DIR EGL_PLATFORM=surfaceless '" + copy +
                     "' render -o '" + path("y.png") + "' --size 64x64 >/dev/null 2>&1")
                        .c_str());
    EXPECT_TRUE(WIFEXITED(installed) && WEXITSTATUS(installed) == 0);
    EXPECT_TRUE(fs::exists(path("y.png")));
}

}  // namespace
}  // namespace fp
