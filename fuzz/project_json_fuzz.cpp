// Fuzzes the project file reader. A document it accepts must be written back (projectToJson) as text it reads
// again, and that text must be stable: a project saved and reopened is the same project.

#include "core/project/project_document.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fp::fuzz::fillLog();  // a project's left-out parts are logged
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace fp;
    const std::string path = "/projects/briefing.flashpoint.json";
    auto doc = parseProjectJson(std::string(reinterpret_cast<const char*>(data), size), path);
    if (!doc) {
        if (doc.error().describe().find(path) == std::string::npos)
            fuzz::fail("the error does not name the project: " + doc.error().describe());
        return 0;
    }
    const std::string written = projectToJson(doc.value(), path);
    auto reread = parseProjectJson(written, path);
    if (!reread)
        fuzz::fail("a project written cannot be read back: " + reread.error().describe() + "\n" + written);
    const std::string again = projectToJson(reread.value(), path);
    if (again != written)
        fuzz::fail("a project read back writes differently:\n" + written + "\n---\n" + again);
    return 0;
}
