#pragma once

#include "ui/commands.h"

namespace fp::test {

/// The first command of type T in `out`, or nullptr; points into `out`.
template <class T>
const T* findCommand(const CommandList& out) {
    for (const auto& c : out)
        if (const auto* t = std::get_if<T>(&c)) return t;
    return nullptr;
}

}  // namespace fp::test
