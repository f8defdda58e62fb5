#pragma once

#include <cstdint>
#include <string>

#include "core/util/result.h"

namespace fp {

/// What an animation export writes.
enum class AnimationOutput : uint8_t {
    PngFolder,  ///< frame_00001.png ... and frames.csv in a folder
    Mp4,        ///< H.264 video through ffmpeg
    Gif,        ///< animated GIF through ffmpeg
};

/// The output a path asks for: .mp4 and .gif (any case) are videos; an existing folder or a name without an
/// extension is a folder of PNG frames. InvalidArgument naming the path for any other extension.
Result<AnimationOutput> animationOutputForPath(const std::string& path);

}  // namespace fp
