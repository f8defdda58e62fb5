#include "core/model/vector_layer.h"

#include <algorithm>
#include <cctype>

namespace fp {

bool VectorLayer::hasPolygons() const {
    return std::find(geometry.partKind.begin(), geometry.partKind.end(), PartKind::Polygon) !=
           geometry.partKind.end();
}

int VectorLayer::fieldIndex(const std::string& field) const {
    for (size_t i = 0; i < fieldNames.size(); ++i)
        if (fieldNames[i] == field) return static_cast<int>(i);
    return -1;
}

const std::string& VectorLayer::attribute(size_t feature, const std::string& field) const {
    static const std::string empty;
    int i = fieldIndex(field);
    if (i < 0 || feature >= featureCount()) return empty;
    return attributes[feature * fieldNames.size() + static_cast<size_t>(i)];
}

std::string VectorLayer::guessLabelField() const {
    static const char* preferred[] = {"name", "name_en", "shapename", "name_local", "nam", "label", "title"};
    for (const char* want : preferred) {
        for (const auto& f : fieldNames) {
            std::string lower = f;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return std::tolower(c); });
            if (lower == want) return f;
        }
    }
    return {};
}

}  // namespace fp
