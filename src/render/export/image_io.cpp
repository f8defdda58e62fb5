#include "render/export/image_io.h"

#include <stb_image.h>
#include <zlib.h>

#include <algorithm>
#include <future>
#include <thread>
#include <vector>

#include "core/util/atomic_file.h"

namespace fp {

namespace {

// Level 1 with run-length matching over Up-filtered rows: maps are mostly flat areas, which Up turns into
// zeros; this is as small as zlib's default strategy at level 1 and faster, and needs no window across rows.
constexpr int kZlibLevel = 1;
constexpr int kZlibStrategy = Z_RLE;
constexpr uint8_t kFilterUp = 2;
constexpr int kMinStripRows = 64;
constexpr unsigned kMaxThreads = 4;

void putBigEndian(std::string& s, uint32_t v) {
    const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
    s.append(b, 4);
}

/// One strip of a band, deflated on its own.
struct Strip {
    std::string bytes;
    unsigned long adler = 1;
    size_t length = 0;  ///< filtered bytes it holds
    bool ok = true;
};

/// Filters (Up) and deflates `rows` rows from `first` of `band` into raw deflate data that ends on a byte
/// boundary (sync flush) or, for the image's last strip, with the final block. `above` is the row above the
/// first one (zeros at the image's top).
void deflateStrip(const RowBand& band, int first, int rows, const uint8_t* above, size_t rowBytes, bool final,
                  Strip& out) {
    z_stream z{};
    if (deflateInit2(&z, kZlibLevel, Z_DEFLATED, -15, 8, kZlibStrategy) != Z_OK) {
        out.ok = false;
        return;
    }
    out.length = (rowBytes + 1) * static_cast<size_t>(rows);
    out.bytes.resize(deflateBound(&z, out.length) + 64);
    z.next_out = reinterpret_cast<Bytef*>(out.bytes.data());
    z.avail_out = static_cast<uInt>(out.bytes.size());
    std::vector<uint8_t> filtered(rowBytes + 1);
    filtered[0] = kFilterUp;
    for (int r = 0; r < rows && out.ok; ++r) {
        const uint8_t* row = band.top + (first + r) * band.stride;
        const uint8_t* prev = r == 0 ? above : row - band.stride;
        for (size_t i = 0; i < rowBytes; ++i) filtered[i + 1] = static_cast<uint8_t>(row[i] - prev[i]);
        out.adler = adler32_z(out.adler, filtered.data(), filtered.size());
        z.next_in = filtered.data();
        z.avail_in = static_cast<uInt>(filtered.size());
        const int flush = r + 1 < rows ? Z_NO_FLUSH : (final ? Z_FINISH : Z_SYNC_FLUSH);
        while (true) {
            if (z.avail_out == 0) {
                const size_t used = out.bytes.size();
                out.bytes.resize(used * 2);
                z.next_out = reinterpret_cast<Bytef*>(out.bytes.data() + used);
                z.avail_out = static_cast<uInt>(out.bytes.size() - used);
            }
            const int rc = deflate(&z, flush);
            if (rc == Z_STREAM_ERROR) {
                out.ok = false;
                break;
            }
            if (z.avail_out != 0 && (flush != Z_FINISH || rc == Z_STREAM_END)) break;
        }
    }
    out.bytes.resize(z.total_out);
    deflateEnd(&z);
}

}  // namespace

PngEncoder::PngEncoder(int width, int height, Sink sink)
    : m_width(width), m_height(height), m_sink(std::move(sink)) {}

Status PngEncoder::emitChunk(const char type[4], std::string_view data) {
    std::string head;
    putBigEndian(head, static_cast<uint32_t>(data.size()));
    head.append(type, 4);
    uLong crc = crc32_z(0L, reinterpret_cast<const Bytef*>(type), 4);
    if (!data.empty()) crc = crc32_z(crc, reinterpret_cast<const Bytef*>(data.data()), data.size());
    std::string tail;
    putBigEndian(tail, static_cast<uint32_t>(crc));
    if (Status s = m_sink(head); !s) return s;
    if (!data.empty())
        if (Status s = m_sink(data); !s) return s;
    return m_sink(tail);
}

Status PngEncoder::addRows(const RowBand& band) {
    if (m_width < 1 || m_height < 1) return makeError(ErrorCode::InvalidArgument, "PNG", "empty image");
    const int rows = std::min(band.rows, m_height - m_rowsDone);
    if (rows <= 0) return {};
    const size_t rowBytes = static_cast<size_t>(m_width) * 4;
    if (m_rowsDone == 0) {
        static const char kSignature[8] = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n'};
        if (Status s = m_sink({kSignature, 8}); !s) return s;
        std::string ihdr;
        putBigEndian(ihdr, static_cast<uint32_t>(m_width));
        putBigEndian(ihdr, static_cast<uint32_t>(m_height));
        ihdr +=
            std::string("\x08\x06\x00\x00\x00", 5);  // 8-bit RGBA, deflate, adaptive filters, no interlace
        if (Status s = emitChunk("IHDR", ihdr); !s) return s;
        m_prevRow.assign(rowBytes, 0);
    }
    const bool final = m_rowsDone + rows == m_height;
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxThreads);
    const int count = std::clamp(rows / kMinStripRows, 1, static_cast<int>(threads));
    std::vector<Strip> strips(static_cast<size_t>(count));
    std::vector<std::future<void>> running;
    for (int k = count - 1; k >= 0; --k) {
        const int first = rows * k / count, n = rows * (k + 1) / count - first;
        const uint8_t* above = first == 0 ? m_prevRow.data() : band.top + (first - 1) * band.stride;
        auto job = [&, k, first, n, above] {
            deflateStrip(band, first, n, above, rowBytes, final && k == count - 1, strips[k]);
        };
        if (k == 0)
            job();
        else
            running.push_back(std::async(std::launch::async, job));
    }
    for (auto& f : running) f.get();
    for (Strip& strip : strips) {
        if (!strip.ok) return makeError(ErrorCode::IoError, "PNG", "zlib compression failed");
        m_adler = adler32_combine(m_adler, strip.adler, static_cast<z_off_t>(strip.length));
        if (m_rowsDone == 0 && &strip == &strips.front())
            strip.bytes.insert(0, "\x78\x01", 2);  // zlib header: deflate, 32 KiB window, fastest
        if (final && &strip == &strips.back()) putBigEndian(strip.bytes, static_cast<uint32_t>(m_adler));
        if (Status s = emitChunk("IDAT", strip.bytes); !s) return s;
        strip.bytes = std::string();
    }
    const uint8_t* last = band.top + (rows - 1) * band.stride;
    std::copy(last, last + rowBytes, m_prevRow.begin());
    m_rowsDone += rows;
    return {};
}

Status PngEncoder::finish() {
    if (m_rowsDone != m_height)
        return makeError(ErrorCode::Internal, "PNG",
                         std::to_string(m_height - m_rowsDone) + " rows were never given to the encoder");
    return emitChunk("IEND", {});
}

PngFileWriter::PngFileWriter(AtomicFileWriter file, int width, int height)
    : m_file(std::move(file)),
      m_encoder(width, height, [this](std::string_view bytes) { return m_file.write(bytes); }) {}

Result<std::unique_ptr<PngFileWriter>> PngFileWriter::open(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return makeError(ErrorCode::InvalidArgument, path, "empty image");
    auto file = AtomicFileWriter::open(path);
    if (!file) return file.error();
    return std::unique_ptr<PngFileWriter>(new PngFileWriter(std::move(file).value(), width, height));
}

Status PngFileWriter::finish() {
    if (Status s = m_encoder.finish(); !s) return makeError(s.error().code, m_file.path(), s.error().message);
    return m_file.commit();
}

Result<std::string> encodePng(const Image& image) {
    if (image.width <= 0 || image.height <= 0)
        return makeError(ErrorCode::InvalidArgument, "PNG", "empty image");
    std::string encoded;
    PngEncoder encoder(image.width, image.height, [&](std::string_view b) {
        encoded.append(b);
        return Status();
    });
    if (Status s = encoder.addRows({image.rgba.data(), image.width * 4, image.height}); !s) return s.error();
    if (Status s = encoder.finish(); !s) return s.error();
    return encoded;
}

Status writePng(const Image& image, const std::string& path) {
    auto writer = PngFileWriter::open(path, image.width, image.height);
    if (!writer) return writer.error();
    if (Status s = writer.value()->addRows({image.rgba.data(), image.width * 4, image.height}); !s)
        return makeError(s.error().code, path, s.error().message);
    return writer.value()->finish();
}

Result<Image> readImage(const std::string& path) {
    int w = 0, h = 0, n = 0;
    unsigned char* data = stbi_load(path.c_str(), &w, &h, &n, 4);
    if (!data) {
        const char* why = stbi_failure_reason();
        return makeError(ErrorCode::UnsupportedFormat, path,
                         std::string("cannot read image: ") + (why ? why : "?"));
    }
    Image img;
    img.width = w;
    img.height = h;
    img.rgba.assign(data, data + static_cast<size_t>(w) * h * 4);
    stbi_image_free(data);
    return img;
}

}  // namespace fp
