#include "render/export/image_io.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>

#include "core/util/atomic_file.h"

namespace fp {

namespace {
void append(void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}
}  // namespace

Result<std::string> encodePng(const Image& image) {
    if (image.width <= 0 || image.height <= 0)
        return makeError(ErrorCode::InvalidArgument, "PNG", "empty image");
    std::string encoded;
    if (!stbi_write_png_to_func(append, &encoded, image.width, image.height, 4, image.rgba.data(),
                                image.width * 4))
        return makeError(ErrorCode::IoError, "PNG", "PNG encoding failed");
    return encoded;
}

Result<std::string> encodeJpeg(const Image& image, int quality) {
    if (image.width <= 0 || image.height <= 0)
        return makeError(ErrorCode::InvalidArgument, "JPEG", "empty image");
    // Composite over white into RGB: transparent parts of the map would otherwise turn black.
    std::vector<uint8_t> rgb(static_cast<size_t>(image.width) * image.height * 3);
    for (size_t i = 0, n = static_cast<size_t>(image.width) * image.height; i < n; ++i) {
        const uint8_t* p = &image.rgba[i * 4];
        for (int c = 0; c < 3; ++c)
            rgb[i * 3 + c] = static_cast<uint8_t>((p[c] * p[3] + 255 * (255 - p[3]) + 127) / 255);
    }
    std::string encoded;
    if (!stbi_write_jpg_to_func(append, &encoded, image.width, image.height, 3, rgb.data(),
                                std::clamp(quality, 1, 100)))
        return makeError(ErrorCode::IoError, "JPEG", "JPEG encoding failed");
    return encoded;
}

Status writePng(const Image& image, const std::string& path) {
    auto encoded = encodePng(image);
    if (!encoded) return makeError(encoded.error().code, path, encoded.error().message);
    return writeFileAtomically(path, encoded.value());
}

Status writeJpeg(const Image& image, const std::string& path, int quality) {
    auto encoded = encodeJpeg(image, quality);
    if (!encoded) return makeError(encoded.error().code, path, encoded.error().message);
    return writeFileAtomically(path, encoded.value());
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
