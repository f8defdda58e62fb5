// The bad-input corpus (tests/fixtures/bad): every case through `flashpoint info` and `flashpoint render`,
// each with the exit code the table says and a message naming the file and the reason. None may crash,
// hang (the run is stopped after 60 s), or be accepted without a word.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.h"

namespace fs = std::filesystem;

namespace fp {
namespace {

using test::has;

const std::string kBad = std::string(FP_FIXTURES_DIR) + "/bad";

/// One row of tests/fixtures/bad/cases.tsv.
struct BadCase {
    std::string file;    ///< under cases/ (or the large folder made at test time, for "large_*")
    std::string as;      ///< how render takes it: incidents, layer or project
    int infoExit = 1;    ///< expected exit code of `info FILE`
    int renderExit = 1;  ///< expected exit code of `render`
    std::string reason;  ///< a fragment of the message both must print (with the file's name)
};

std::vector<BadCase> loadCases() {
    std::vector<BadCase> cases;
    std::ifstream in(kBad + "/cases.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream row(line);
        BadCase c;
        std::string info, render;
        std::getline(row, c.file, '\t');
        std::getline(row, c.as, '\t');
        std::getline(row, info, '\t');
        std::getline(row, render, '\t');
        std::getline(row, c.reason);
        c.infoExit = std::stoi(info);
        c.renderExit = std::stoi(render);
        cases.push_back(c);
    }
    return cases;
}

std::string caseName(const ::testing::TestParamInfo<BadCase>& info) {
    return std::regex_replace(info.param.file, std::regex("[^A-Za-z0-9]"), "_");
}

class BadInputCorpus : public test::CliFixture, public ::testing::WithParamInterface<BadCase> {
protected:
    /// Where the case's file is: the checked-in cases, or (large_*) made by generate.py into the test folder.
    std::string casePath(const BadCase& c) {
        if (c.file.rfind("large_", 0) != 0) return kBad + "/cases/" + c.file;
        const std::string large = path("large");
        if (!fs::exists(large)) {
            EXPECT_EQ(std::system(("python3 '" + kBad + "/generate.py' --large '" + large + "'").c_str()), 0);
        }
        return large + "/" + c.file;
    }
    /// Runs under a 60 s limit: a hang is a failure (exit 124), not a stuck test.
    test::CliRun runLimited(const std::string& args) const { return run(args, "timeout -s KILL 60"); }
};

TEST_P(BadInputCorpus, InfoAndRenderRefuseOrWarnNamingFileAndReason) {
    const BadCase& c = GetParam();
    const std::string file = casePath(c);
    const std::string name = fs::path(file).filename().string();
    const test::CliRun info = runLimited("info '" + file + "'");
    EXPECT_EQ(info.exitCode, c.infoExit) << "info " << file << "\n" << info.out << info.err;
    if (c.infoExit != 0) {
        EXPECT_TRUE(has(info.err, "flashpoint: error: ")) << info.err;
        EXPECT_TRUE(has(info.err, name)) << info.err;
        // info reads a project as a data source (and says it is none): the reason is checked on render.
        if (c.as != "project") {
            EXPECT_TRUE(has(info.err, c.reason)) << "wanted '" << c.reason << "' in:\n" << info.err;
        }
    }
    std::string args = "render --size 64x64 -o '" + path("out.png") + "' ";
    if (c.as == "project")
        args += "'" + file + "'";
    else
        args += "--no-default-layers --" + c.as + " '" + file + "'";
    const test::CliRun render = runLimited(args);
    EXPECT_EQ(render.exitCode, c.renderExit) << args << "\n" << render.out << render.err;
    EXPECT_TRUE(has(render.err, name)) << "render must name " << name << ":\n" << render.err;
    if (c.renderExit != 0) {
        EXPECT_TRUE(has(render.err, "flashpoint: error: ")) << render.err;
        EXPECT_TRUE(has(render.err, c.reason)) << "wanted '" << c.reason << "' in:\n" << render.err;
        EXPECT_FALSE(fs::exists(path("out.png")));
    } else {
        // Accepted only with a warning that says what was wrong.
        EXPECT_TRUE(has(render.err, "flashpoint: warning: ")) << render.err;
        EXPECT_TRUE(has(render.err, c.reason)) << "wanted '" << c.reason << "' in:\n" << render.err;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInputCorpus, ::testing::ValuesIn(loadCases()), caseName);

TEST(BadInputCorpusTable, HoldsAtLeast120CasesEachWithAFile) {
    const auto cases = loadCases();
    EXPECT_GE(cases.size(), 120u);
    for (const auto& c : cases) {
        EXPECT_TRUE(c.as == "incidents" || c.as == "layer" || c.as == "project") << c.file;
        EXPECT_FALSE(c.reason.empty()) << c.file;
        if (c.file.rfind("large_", 0) != 0) {
            struct stat st {};
            EXPECT_EQ(::lstat((kBad + "/cases/" + c.file).c_str(), &st), 0) << c.file;
        }
    }
}

}  // namespace
}  // namespace fp
