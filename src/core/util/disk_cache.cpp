#include "core/util/disk_cache.h"

#include <elf.h>
#include <link.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "core/util/atomic_file.h"
#include "core/util/binary_io.h"
#include "core/util/log.h"

namespace fs = std::filesystem;

namespace fp {

namespace {

constexpr std::string_view kMagic = "FPCACHE1";
constexpr auto kUnusedFor = std::chrono::hours(24 * 30);
constexpr uintmax_t kMaxBytes = 512ull << 20;

/// The GNU build id note of the main program, read from its loaded headers.
std::string buildIdNote() {
    std::string id;
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* out) {
            for (int i = 0; i < info->dlpi_phnum; ++i) {
                const ElfW(Phdr)& ph = info->dlpi_phdr[i];
                if (ph.p_type != PT_NOTE) continue;
                const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
                const char* end = p + ph.p_memsz;
                while (p + sizeof(ElfW(Nhdr)) <= end) {
                    const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
                    const char* name = p + sizeof(ElfW(Nhdr));
                    const char* desc = name + ((note->n_namesz + 3) & ~3u);
                    if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
                        std::string_view(name, 3) == "GNU") {
                        static_cast<std::string*>(out)->assign(desc, note->n_descsz);
                        return 1;
                    }
                    p = desc + ((note->n_descsz + 3) & ~3u);
                }
            }
            return 1;  // the first object is the program itself
        },
        &id);
    return id;
}

}  // namespace

const std::string& programBuildId() {
    static const std::string id = [] {
        std::string note = buildIdNote();
        if (!note.empty()) return hex64(hash64(note));
        // Without a build id, the executable's size and modification time stand for its code.
        std::error_code ec;
        const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
        struct stat st {};
        if (ec || ::stat(exe.c_str(), &st) != 0) return std::string("unknown");
        return exe.string() + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) +
               "." + std::to_string(st.st_mtim.tv_nsec);
    }();
    return id;
}

std::string fileFingerprint(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    // In chunks, each hash seeding the next: a large source costs 1 MiB of memory, not its size.
    std::string chunk(1 << 20, '\0');
    uint64_t h = 0, size = 0;
    while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
        const auto n = static_cast<size_t>(in.gcount());
        h = hash64(std::string_view(chunk.data(), n), h);
        size += n;
    }
    if (in.bad()) return {};
    return std::to_string(size) + " " + hex64(h);
}

std::optional<DiskCache> DiskCache::user() {
    if (const char* dir = std::getenv("FLASHPOINT_CACHE_DIR")) {
        if (!*dir) return std::nullopt;
        return DiskCache(dir);
    }
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return DiskCache((fs::path(xdg) / "flashpoint").string());
    if (const char* home = std::getenv("HOME"); home && *home)
        return DiskCache((fs::path(home) / ".cache" / "flashpoint").string());
    return std::nullopt;
}

std::string DiskCache::pathOf(std::string_view kind, std::string_view key) const {
    return (fs::path(m_dir) / (std::string(kind) + "-" + hex64(hash64(key)) + ".bin")).string();
}

std::optional<std::string> DiskCache::read(std::string_view kind, std::string_view key) const {
    const std::string path = pathOf(kind, key);
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0);
    std::string file(static_cast<size_t>(std::max<std::streamoff>(size, 0)), '\0');
    if (!in.read(file.data(), static_cast<std::streamsize>(file.size()))) return std::nullopt;
    ByteReader r(file);
    std::string magic, storedKey;
    uint64_t checksum = 0, payloadSize = 0;
    if (!r.getString(magic) || magic != kMagic || !r.getString(storedKey) || storedKey != key ||
        !r.get(checksum) || !r.get(payloadSize) || payloadSize != file.size() - r.position())
        return std::nullopt;
    file.erase(0, r.position());
    if (hash64(file) != checksum) return std::nullopt;
    // Touched on use, so eviction removes what is no longer used rather than what was written first.
    std::error_code ec;
    fs::last_write_time(path, fs::file_time_type::clock::now(), ec);
    return file;
}

bool DiskCache::write(std::string_view kind, std::string_view key, std::string_view payload) const {
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    ByteWriter w;
    w.putString(kMagic);
    w.putString(key);
    w.put(hash64(payload));
    w.putString(payload);
    if (Status s = writeFileAtomically(pathOf(kind, key), w.bytes()); !s) {
        logDebug("cache not written: " + s.error().describe());
        return false;
    }
    evict();
    return true;
}

void DiskCache::evict() const {
    struct Entry {
        fs::path path;
        fs::file_time_type time;
        uintmax_t size;
    };
    std::vector<Entry> entries;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(m_dir, ec)) {
        if (e.path().extension() != ".bin" || !e.is_regular_file(ec)) continue;
        entries.push_back({e.path(), e.last_write_time(ec), e.file_size(ec)});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.time > b.time; });
    const auto cutoff = fs::file_time_type::clock::now() - kUnusedFor;
    uintmax_t total = 0;
    for (const Entry& e : entries) {
        total += e.size;
        if (e.time < cutoff || total > kMaxBytes) fs::remove(e.path, ec);
    }
}

}  // namespace fp
