// The still image export dialog: what it emits, what it refuses (naming the field) and asking before
// replacing a file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "command_find.h"
#include "ui/panels/image_export_dialog.h"

namespace fp {
namespace {

using test::findCommand;

TEST(ImageExportDialog, FormatFollowsTheExtensionAndSettingsTravelWithTheCommand) {
    ImageExportDialog d;
    d.open();
    d.exportSettings().widthPx = 3508;
    d.exportSettings().heightPx = 2480;
    d.exportSettings().dpi = 300;
    d.exportSettings().furniture.titleText = "Briefing";
    const std::string dir = std::filesystem::temp_directory_path().string();
    for (auto [name, format] :
         {std::pair{"/fp-x.png", ImageFormat::Png}, std::pair{"/fp-x.JPG", ImageFormat::Jpeg},
          std::pair{"/fp-x.tif", ImageFormat::GeoTiff}, std::pair{"/fp-x.pdf", ImageFormat::GeoPdf},
          std::pair{"/fp-x.PDF", ImageFormat::GeoPdf}}) {
        d.output = dir + name;
        auto r = d.request();
        ASSERT_TRUE(r.ok()) << r.error().describe();
        EXPECT_EQ(r->settings.format, format) << name;
        EXPECT_EQ(r->settings.widthPx, 3508);
        EXPECT_EQ(r->settings.furniture.titleText, "Briefing");
    }
    d.output = dir + "/fp-x.png";
    d.worldFile = true;
    EXPECT_EQ(d.request()->settings.format, ImageFormat::PngWorldFile);
}

TEST(ImageExportDialog, BadInputNamesTheField) {
    ImageExportDialog d;
    d.open();
    d.output = "map.bmp";
    EXPECT_NE(d.request().error().describe().find("'.bmp'"), std::string::npos);
    d.output = "/no/such/folder/map.png";
    EXPECT_NE(d.request().error().describe().find("does not exist"), std::string::npos);
    d.output = "map.png";
    d.exportSettings().widthPx = 0;
    EXPECT_EQ(d.request().error().source, "Size");
    d.exportSettings().widthPx = 20000;
    EXPECT_EQ(d.request().error().source, "Size");
    CommandList out;
    d.submit(out);
    EXPECT_TRUE(out.empty());
}

TEST(ImageExportDialog, AsksBeforeReplacingAndRemembersThePath) {
    const std::string path =
        (std::filesystem::temp_directory_path() / "fp-image-export-dialog-test.png").string();
    std::ofstream(path) << "old";
    ImageExportDialog d;
    d.open();
    d.output = path;
    CommandList out;
    d.submit(out);
    EXPECT_TRUE(out.empty());
    EXPECT_TRUE(d.confirmingOverwrite());
    d.submit(out);  // Replace
    ASSERT_NE(findCommand<ExportImage>(out), nullptr);
    EXPECT_EQ(findCommand<ExportImage>(out)->outputPath, path);
    EXPECT_EQ(d.exportSettings().lastImagePath, path);
    std::filesystem::remove(path);
    ImageExportDialog again;
    again.exportSettings().lastImagePath = path;
    again.open();
    EXPECT_EQ(again.output, path);
}

}  // namespace
}  // namespace fp
