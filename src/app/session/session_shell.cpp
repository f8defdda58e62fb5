// The Session's commands whose effect lies with the shell (theme, exports, browser, geocoded copies), and
// SessionShell's defaults for a program without a window.
#include <spawn.h>
#include <sys/wait.h>

#include <cstring>
#include <thread>

#include "app/session/session.h"
#include "app/session/session_startup.h"
#include "core/project/layer_geocoded_copy.h"
#include "core/util/log.h"
#include "ui/panels/incident_inspector_panel.h"

extern char** environ;

namespace fp {

namespace {

const Color kDarkBackground = Color::rgb(36, 46, 56);

Error unavailable(const std::string& what) {
    return makeError(ErrorCode::InvalidArgument, what, "needs the map window");
}

}  // namespace

Status SessionShell::startAnimationExport(const ExportAnimation&, const std::string&, const ExportSettings&) {
    return unavailable("animation export");
}

Status SessionShell::startImageExport(const ExportImage&, const std::string&) {
    return unavailable("image export");
}

Status SessionShell::saveGeocodedCopy(const MapState& state, const SaveGeocodedCopy& c) {
    auto req = layerGeocodedCopyRequest(state, c.layerId);
    if (!req) return req.error();
    req.value().output = c.outputPath;
    req.value().replaceExisting = c.replaceExisting || c.overwriteSource;
    req.value().allowSourceOverwrite = c.overwriteSource;
    auto saved = writeGeocodedCopy(req.value());
    if (!saved) return saved.error();
    logInfo("Saved geocoded copy " + saved.value().output + ": " + saved.value().describe());
    return {};
}

/// Starts xdg-open in its own process: the URL is one argv entry (no shell ever parses it) and a detached
/// thread reaps the process.
Status SessionShell::openUrl(const std::string& url) {
    std::string program = "xdg-open";
    char* argv[] = {program.data(), const_cast<char*>(url.c_str()), nullptr};
    pid_t pid = 0;
    const int err = posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ);
    if (err != 0)
        return makeError(ErrorCode::NotFound, "xdg-open",
                         std::string("cannot start the browser: ") + std::strerror(err));
    std::thread([pid] {
        int status = 0;
        waitpid(pid, &status, 0);
    }).detach();
    logInfo("Opened " + url);
    return {};
}

Status Session::on(const SetTheme& theme) {
    setBackgroundOverride(theme.theme == Theme::Dark ? std::optional<Color>(kDarkBackground) : std::nullopt);
    shell().applyTheme(theme.theme);
    return {};
}

Status Session::on(const ClearLog&) {
    Log::instance().clear();
    return {};
}

Status Session::on(const OpenUrl& open) {
    if (!isOpenableUrl(open.url))
        return makeError(ErrorCode::InvalidArgument, open.url, "only http:// and https:// links are opened");
    return shell().openUrl(open.url);
}

void Session::rememberExportSettings(const ExportSettings& settings) {
    m_project.exportSettings() = settings;
}

std::string Session::exportTitle() const {
    return briefingTitle(*this, visibleGeoBBox(uncoveredView(), m_state.projection()));
}

Status Session::on(const ExportAnimation& request) {
    ExportSettings settings = m_project.exportSettings();
    settings.lastAnimationPath = request.outputPath;
    settings.fps = request.fps;
    if (Status s = shell().startAnimationExport(request, exportTitle(), settings); !s) return s;
    rememberExportSettings(settings);
    return {};
}

Status Session::on(const CancelAnimationExport&) {
    shell().cancelAnimationExport();
    return {};
}

Status Session::on(const ExportImage& request) {
    if (Status s = shell().startImageExport(request, exportTitle()); !s) return s;
    ExportSettings settings = request.settings;
    // The animation dialog owns these two.
    settings.fps = m_project.exportSettings().fps;
    settings.lastAnimationPath = m_project.exportSettings().lastAnimationPath;
    settings.lastImagePath = request.outputPath;
    rememberExportSettings(settings);
    return {};
}

Status Session::on(const SaveGeocodedCopy& request) {
    return shell().saveGeocodedCopy(m_state, request);
}

}  // namespace fp
