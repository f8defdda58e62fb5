#include "core/export/jpeg_row_writer.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>

// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>
// After jpeglib.h: the message codes.
#include <jerror.h>

namespace fp {

struct JpegRowWriter::Impl {
    std::string path;
    std::FILE* file = nullptr;
    jpeg_compress_struct jpeg{};
    jpeg_error_mgr errors{};
    std::jmp_buf onError{};  // libjpeg's errors end here instead of exit()
    char message[JMSG_LENGTH_MAX] = {};
    bool started = false;

    ~Impl() {
        if (started) jpeg_destroy_compress(&jpeg);
        if (file) std::fclose(file);
    }

    static void errorExit(j_common_ptr info) {
        Impl* self = static_cast<Impl*>(info->client_data);
        // A failed write says why (a full disk, "File too large"), not libjpeg's guess.
        if (info->err->msg_code == JERR_FILE_WRITE && errno != 0)
            std::snprintf(self->message, sizeof self->message, "%s", std::strerror(errno));
        else
            (*info->err->format_message)(info, self->message);
        std::longjmp(self->onError, 1);
    }

    Error failure(const std::string& what) const {
        const std::string why = message[0] ? std::string(": ") + message : std::string();
        return makeError(ErrorCode::IoError, path, what + why);
    }
};

JpegRowWriter::JpegRowWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
JpegRowWriter::~JpegRowWriter() = default;

Result<std::unique_ptr<JpegRowWriter>> JpegRowWriter::open(const std::string& path, int width, int height,
                                                           int quality) {
    if (width <= 0 || height <= 0 || width > JPEG_MAX_DIMENSION || height > JPEG_MAX_DIMENSION)
        return makeError(ErrorCode::InvalidArgument, path,
                         "a JPEG is at most " + std::to_string(JPEG_MAX_DIMENSION) + " pixels a side");
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->file = std::fopen(path.c_str(), "wb");
    if (!impl->file)
        return makeError(ErrorCode::IoError, path, std::string("cannot create: ") + std::strerror(errno));
    Impl& d = *impl;
    d.jpeg.err = jpeg_std_error(&d.errors);
    d.errors.error_exit = &Impl::errorExit;
    d.jpeg.client_data = &d;
    if (setjmp(d.onError)) return d.failure("cannot start the JPEG");
    jpeg_create_compress(&d.jpeg);
    d.started = true;
    jpeg_stdio_dest(&d.jpeg, d.file);
    d.jpeg.image_width = static_cast<JDIMENSION>(width);
    d.jpeg.image_height = static_cast<JDIMENSION>(height);
    d.jpeg.input_components = 3;
    d.jpeg.in_color_space = JCS_RGB;
    jpeg_set_defaults(&d.jpeg);
    jpeg_set_quality(&d.jpeg, std::clamp(quality, 1, 100), TRUE);
    // Optimised Huffman tables would keep every coefficient of the image until the end: the default tables
    // let each row band go to the file as it is compressed.
    d.jpeg.optimize_coding = FALSE;
    jpeg_start_compress(&d.jpeg, TRUE);
    return std::unique_ptr<JpegRowWriter>(new JpegRowWriter(std::move(impl)));
}

Status JpegRowWriter::writeRow(const uint8_t* rgb) {
    Impl& d = *m_impl;
    if (d.jpeg.next_scanline >= d.jpeg.image_height)
        return makeError(ErrorCode::Internal, d.path, "more rows than the image has");
    JSAMPROW row = const_cast<JSAMPROW>(rgb);
    if (setjmp(d.onError)) return d.failure("writing JPEG failed");
    errno = 0;
    jpeg_write_scanlines(&d.jpeg, &row, 1);
    if (std::ferror(d.file)) return d.failure("writing JPEG failed");
    return {};
}

Status JpegRowWriter::finish() {
    Impl& d = *m_impl;
    if (d.jpeg.next_scanline != d.jpeg.image_height)
        return makeError(ErrorCode::Internal, d.path, "rows are missing");
    if (setjmp(d.onError)) return d.failure("writing JPEG failed");
    errno = 0;
    jpeg_finish_compress(&d.jpeg);
    jpeg_destroy_compress(&d.jpeg);
    d.started = false;
    const bool written = std::fflush(d.file) == 0 && !std::ferror(d.file) && ::fsync(fileno(d.file)) == 0;
    const int err = errno;
    const bool closed = std::fclose(d.file) == 0;
    d.file = nullptr;
    if (!written || !closed)
        return makeError(ErrorCode::IoError, d.path,
                         std::string("writing JPEG failed: ") + std::strerror(err));
    return {};
}

}  // namespace fp
