#include "render/export/image_io.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/util/atomic_file.h"

namespace fp {

Result<std::string> encodePng(const Image& image) {
    if (image.width <= 0 || image.height <= 0)
        return makeError(ErrorCode::InvalidArgument, "PNG", "empty image");
    std::string encoded;
    auto append = [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<size_t>(size));
    };
    if (!stbi_write_png_to_func(append, &encoded, image.width, image.height, 4, image.rgba.data(),
                                image.width * 4))
        return makeError(ErrorCode::IoError, "PNG", "PNG encoding failed");
    return encoded;
}

Status writePng(const Image& image, const std::string& path) {
    auto encoded = encodePng(image);
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
