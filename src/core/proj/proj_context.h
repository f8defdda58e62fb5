#pragma once

// Internal to core/proj: RAII for PROJ handles. Not part of the public API (PROJ types stay in proj/ .cpp).
#include <proj.h>

#include <memory>

namespace fp::detail {

struct ProjContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct ProjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
using ProjContextPtr = std::unique_ptr<PJ_CONTEXT, ProjContextDeleter>;
using ProjPtr = std::unique_ptr<PJ, ProjDeleter>;

/// A fresh PROJ context whose log messages go to fp::Log.
ProjContextPtr makeProjContext();

}  // namespace fp::detail
