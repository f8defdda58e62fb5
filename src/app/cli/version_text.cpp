#include "app/cli/version_text.h"

#include "core/io/gdal_env.h"
#include "core/proj/crs.h"

namespace fp {

std::string versionText(const std::string& openGl) {
    return std::string("flashpoint ") + FP_VERSION + "\nGDAL " + gdalVersion() + "\nPROJ " + projVersion() +
           "\nOpenGL " + openGl;
}

}  // namespace fp
