// CPU cost of the GUI's geocoding review (src/ui/panels/geocode_review_panel.h) with N held rows of one
// incident layer (synthetic: alternately ambiguous with three candidates and unmatched), in an ImGui context
// without a backend (no GL: what the panel itself costs, not the drawing of its vertices).
//
// BM_ReviewFrameOpen/N: one frame with the panel open, a row selected (its candidates listed) and nothing
//   changed: what every frame costs while the user reads the list.
// BM_ReviewFrameClosed/N: one frame of MainUi's per-frame bookkeeping with the panel closed (status bar
// count,
//   noticing new held rows).
// BM_ReviewRebuild/N: the rebuild after a decision (the reviews changed), paid once per decision.
#include <benchmark/benchmark.h>

#include <imgui.h>

#include <functional>
#include <memory>
#include <string>

#include "core/project/map_state.h"
#include "ui/panels/geocode_review_panel.h"

namespace fp {
namespace {

GeocodeSummary heldRows(size_t n) {
    GeocodeSummary summary;
    for (size_t i = 0; i < n; ++i) {
        PendingGeocodeRow row;
        row.source = "/data/synthetic.csv";
        row.row = static_cast<int64_t>(i + 1);
        row.query.name = "Place " + std::to_string(i % 997);
        row.query.country = "Kosovo";
        row.incident.id = "S" + std::to_string(i);
        row.incident.category = "Protests";
        row.incident.description = "Synthetic incident number " + std::to_string(i);
        row.incident.start = TimePoint{1670000000 + static_cast<int64_t>(i) * 600};
        if (i % 2 == 0) {
            row.result.outcome = GeocodeOutcome::Ambiguous;
            for (int c = 0; c < 3; ++c) {
                GeocodeCandidate candidate;
                candidate.placeId = static_cast<uint32_t>(i * 3 + static_cast<size_t>(c));
                candidate.name = row.query.name;
                candidate.adminLabel = "District " + std::to_string(c);
                candidate.country = c == 0 ? "XK" : "RS";
                candidate.position = {20.5 + 0.3 * c, 42.5 + 0.2 * c};
                candidate.population = 1000u * static_cast<uint32_t>(c + 1);
                row.result.candidates.push_back(candidate);
            }
            row.result.candidateCount = 3;
        } else {
            row.result.outcome = GeocodeOutcome::Unmatched;
        }
        summary.pending.push_back(std::move(row));
    }
    summary.ambiguous = (n + 1) / 2;
    summary.unmatched = n / 2;
    return summary;
}

struct Fixture {
    explicit Fixture(size_t n) : state(std::move(MapState::create(MapScene{})).value()) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = {1600.f, 1000.f};
        io.DeltaTime = 1.f / 60.f;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        state.resize(1600, 1000, 1.f);
        state.holdForReview(1, "synthetic", heldRows(n));
    }
    ~Fixture() { ImGui::DestroyContext(); }
    void frame(const std::function<void()>& body) {
        ImGui::NewFrame();
        body();
        ImGui::EndFrame();
    }
    MapState state;
    LogSnapshot log;
    GeocodeReviewPanel panel;
};

void BM_ReviewFrameOpen(benchmark::State& bench) {
    Fixture f(static_cast<size_t>(bench.range(0)));
    const UiContext ctx{f.state, f.log};
    f.panel.setOpen(true);
    CommandList out;
    f.frame([&] { f.panel.draw(ctx, out); });
    f.panel.select(1, 1);
    for (auto _ : bench) {
        f.frame([&] { f.panel.draw(ctx, out); });
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_ReviewFrameOpen)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_ReviewFrameClosed(benchmark::State& bench) {
    Fixture f(static_cast<size_t>(bench.range(0)));
    f.panel.setOpen(false);
    for (auto _ : bench) {
        f.panel.refresh(f.state.geocodeReviews());
        benchmark::DoNotOptimize(f.panel.statusHint());
    }
}
BENCHMARK(BM_ReviewFrameClosed)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_ReviewRebuild(benchmark::State& bench) {
    Fixture f(static_cast<size_t>(bench.range(0)));
    const std::vector<GeocodeChoice> none;
    for (auto _ : bench) {
        f.state.setGeocodeChoices(none);  // a new generation, as a decision makes
        f.panel.refresh(f.state.geocodeReviews());
        benchmark::DoNotOptimize(f.panel.visibleCount());
    }
}
BENCHMARK(BM_ReviewRebuild)->Arg(10)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace fp

BENCHMARK_MAIN();
