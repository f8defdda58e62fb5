#include "core/export/raster_file_writer.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <vector>

#include "core/export/jpeg_row_writer.h"
#include "core/export/pixel_ops.h"
#include "core/io/gdal_env.h"
#include "core/util/atomic_file.h"
#include "core/util/temp_files.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

/// A hidden temporary file beside `target`, removed on destruction (and by a SIGTERM) unless released.
struct TempFile {
    std::string path;
    TempPathGuard guard;

    TempFile(const fs::path& target, const std::string& suffix) {
        std::random_device rd;
        path = (target.parent_path() / ("." + target.filename().string() + "." + std::to_string(::getpid()) +
                                        "-" + std::to_string(rd()) + suffix))
                   .string();
        guard = TempPathGuard(path);
    }
    ~TempFile() { remove(); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    void remove() {
        if (path.empty()) return;
        VSIUnlink(path.c_str());
        std::error_code ec;
        fs::remove(path + ".aux.xml", ec);  // in case a driver left its side file
        path.clear();
        guard.release();
    }
};

const char* kindName(RasterFileKind kind) {
    switch (kind) {
        case RasterFileKind::GeoTiff:
            return "GeoTIFF";
        case RasterFileKind::GeoPdf:
            return "PDF";
        case RasterFileKind::Jpeg:
            return "JPEG";
    }
    return "image";
}

/// Creation options as GDAL wants them: a NULL-terminated list of "KEY=VALUE".
class OptionList {
public:
    OptionList& add(const std::string& key, const std::string& value) {
        m_list = CSLSetNameValue(m_list, key.c_str(), value.c_str());
        return *this;
    }
    ~OptionList() { CSLDestroy(m_list); }
    char** get() const { return m_list; }

private:
    char** m_list = nullptr;
};

}  // namespace

struct RasterFileWriter::Impl {
    std::string path;
    int width = 0, height = 0, rowsDone = 0;
    RasterFileOptions options;
    std::unique_ptr<TempFile> file;       ///< the GeoTIFF, the JPEG, or the staging file for PDF
    GDALDataset* dataset = nullptr;       ///< open on `file` while rows arrive (GeoTIFF, PDF)
    std::unique_ptr<JpegRowWriter> jpeg;  ///< writing `file` while rows arrive (JPEG)
    int bands = 4;                        ///< 4 (RGBA) for GeoTIFF, 3 (RGB over white) when staging
    std::vector<uint8_t> row;             ///< one row converted for staging
    GdalErrorCapture capture;

    ~Impl() {
        if (dataset) GDALClose(dataset);
    }

    /// `what` went wrong, with GDAL's first error as the reason; every temporary file is removed.
    Error failure(const std::string& what) {
        const std::string why = capture.firstError().empty() ? "" : ": " + capture.firstError();
        if (dataset) GDALClose(dataset);
        dataset = nullptr;
        jpeg.reset();
        if (file) file->remove();
        return makeError(ErrorCode::IoError, path, what + why);
    }

    Error writeFailure() { return failure("writing " + std::string(kindName(options.kind)) + " failed"); }

    Status create();
    Status writeRow(const uint8_t* rgba, int y);
    Status copyInto(const TempFile& out);
    Status moveIntoPlace(TempFile& from);
};

Status RasterFileWriter::Impl::create() {
    const bool staging = options.kind != RasterFileKind::GeoTiff;
    bands = staging ? 3 : 4;
    if (options.kind == RasterFileKind::Jpeg) {
        // Compressed row by row as the rows come: no staging file and no copy of the image.
        file = std::make_unique<TempFile>(fs::path(path), ".jpg");
        auto opened = JpegRowWriter::open(file->path, width, height, options.jpegQuality);
        if (!opened) {
            file->remove();
            return makeError(opened.error().code, path, opened.error().message);
        }
        jpeg = std::move(opened).value();
        return {};
    }
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) return makeError(ErrorCode::Internal, path, "GDAL has no GTiff driver");
    file = std::make_unique<TempFile>(fs::path(path), staging ? ".stage.tif" : ".tif");
    OptionList co;
    co.add("COMPRESS", "DEFLATE").add("PREDICTOR", "2").add("BIGTIFF", "IF_SAFER");
    if (staging)
        co.add("ZLEVEL", "1").add("INTERLEAVE", "PIXEL");  // read back once, line by line
    else
        co.add("TILED", "YES").add("PHOTOMETRIC", "RGB").add("ALPHA", "YES");
    CPLErrorReset();
    dataset = driver->Create(file->path.c_str(), width, height, bands, GDT_Byte, co.get());
    if (!dataset) return failure("cannot create " + std::string(kindName(options.kind)));
    double gt[6];
    std::copy(options.ref.geoTransform.begin(), options.ref.geoTransform.end(), gt);
    if (dataset->SetGeoTransform(gt) != CE_None ||
        dataset->SetProjection(options.ref.crs.toWkt().c_str()) != CE_None)
        return failure("cannot georeference the " + std::string(kindName(options.kind)));
    for (int b = 1; b <= bands; ++b)
        dataset->GetRasterBand(b)->SetColorInterpretation(static_cast<GDALColorInterp>(GCI_RedBand + b - 1));
    return {};
}

Status RasterFileWriter::Impl::writeRow(const uint8_t* rgba, int y) {
    const uint8_t* src = rgba;
    if (bands == 3) {
        compositeOverWhite(rgba, width, row.data());
        src = row.data();
    }
    int bandMap[4] = {1, 2, 3, 4};
    // Interleaved pixels straight from the buffer: pixel stride = bands bytes, band stride 1 byte.
    if (jpeg) {
        Status s = jpeg->writeRow(src);
        if (!s) return failure(s.error().message);  // the temporary file goes; the Error names the output
        return s;
    }
    if (dataset->RasterIO(GF_Write, 0, y, width, 1, const_cast<uint8_t*>(src), width, 1, GDT_Byte, bands,
                          bandMap, bands, static_cast<GSpacing>(width) * bands, 1, nullptr) != CE_None)
        return writeFailure();
    return {};
}

Status RasterFileWriter::Impl::copyInto(const TempFile& out) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("PDF");
    if (!driver) return makeError(ErrorCode::Internal, path, "GDAL has no PDF driver");
    OptionList co;
    co.add("DPI", std::to_string(options.dpi))
        .add("COMPRESS", "DEFLATE")
        .add("GEO_ENCODING", "ISO32000")
        .add("CREATOR", "Flashpoint")
        .add("TITLE", options.title);
    // No .aux.xml side file: a PDF holds everything the staging file has.
    CPLConfigOptionSetter noPam("GDAL_PAM_ENABLED", "NO", false);
    GDALDataset* copy = driver->CreateCopy(out.path.c_str(), dataset, FALSE, co.get(), nullptr, nullptr);
    if (!copy) return writeFailure();
    GDALClose(copy);
    if (!capture.lastError().empty()) return writeFailure();
    return {};
}

Status RasterFileWriter::Impl::moveIntoPlace(TempFile& from) {
    std::error_code ec;
    fs::rename(from.path, path, ec);
    if (ec) {
        from.remove();
        return makeError(ErrorCode::IoError, path, "could not replace the file: " + ec.message());
    }
    from.path.clear();
    from.guard.release();
    return {};
}

RasterFileWriter::RasterFileWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
RasterFileWriter::~RasterFileWriter() = default;

Result<std::unique_ptr<RasterFileWriter>> RasterFileWriter::open(const std::string& path, int width,
                                                                 int height,
                                                                 const RasterFileOptions& options) {
    if (width <= 0 || height <= 0) return makeError(ErrorCode::InvalidArgument, path, "empty image");
    if (Status s = checkWritableOutput(path); !s) return s.error();
    initGdal();
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->width = width;
    impl->height = height;
    impl->options = options;
    impl->row.resize(static_cast<size_t>(width) * 3);
    if (Status s = impl->create(); !s) return s.error();
    return std::unique_ptr<RasterFileWriter>(new RasterFileWriter(std::move(impl)));
}

Status RasterFileWriter::addRows(const uint8_t* top, std::ptrdiff_t stride, int rows) {
    Impl& d = *m_impl;
    if (!d.dataset && !d.jpeg) return makeError(ErrorCode::Internal, d.path, "the writer has ended");
    const int n = std::min(rows, d.height - d.rowsDone);
    for (int r = 0; r < n; ++r)
        if (Status s = d.writeRow(top + r * stride, d.rowsDone + r); !s) return s;
    d.rowsDone += std::max(n, 0);
    if (d.jpeg) return {};
    // Written blocks go to disk and leave the cache now, so memory stays at one band, not the image.
    d.dataset->FlushCache();
    if (!d.capture.lastError().empty()) return d.writeFailure();
    return {};
}

Status RasterFileWriter::finish() {
    Impl& d = *m_impl;
    if (!d.dataset && !d.jpeg) return makeError(ErrorCode::Internal, d.path, "the writer has ended");
    if (d.rowsDone != d.height)
        return d.failure(std::to_string(d.height - d.rowsDone) + " rows were never written");
    if (d.jpeg) {
        Status s = d.jpeg->finish();
        d.jpeg.reset();
        if (!s) return d.failure(s.error().message);
        return d.moveIntoPlace(*d.file);
    }
    if (d.options.kind == RasterFileKind::GeoTiff) {
        // Closing flushes the last blocks: a full disk often shows only here.
        GDALClose(d.dataset);
        d.dataset = nullptr;
        if (!d.capture.lastError().empty()) return d.writeFailure();
        return d.moveIntoPlace(*d.file);
    }
    d.dataset->FlushCache();
    if (!d.capture.lastError().empty()) return d.writeFailure();
    TempFile out(fs::path(d.path), ".pdf");
    if (Status s = d.copyInto(out); !s) return s;
    GDALClose(d.dataset);
    d.dataset = nullptr;
    d.file->remove();
    return d.moveIntoPlace(out);
}

Status writeRasterFile(const uint8_t* rgba, int width, int height, const RasterFileOptions& options,
                       const std::string& path) {
    auto writer = RasterFileWriter::open(path, width, height, options);
    if (!writer) return writer.error();
    if (Status s = writer.value()->addRows(rgba, static_cast<std::ptrdiff_t>(width) * 4, height); !s)
        return s;
    return writer.value()->finish();
}

}  // namespace fp
