// The web page's files (tools/web/static/), embedded in the binary at build time: the CMake step
// in tools/CMakeLists.txt (cmake/EmbedAssets.cmake) writes serve_assets.cc with their bytes, so
// `annosearch serve` never reads a file to answer a request.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace annosearch::cli {

struct Asset {
  std::string_view name;  // the path below tools/web/static/, with '/' ("index.html", "js/a.js")
  std::string_view data;  // the file's bytes
};

// Every embedded file, sorted by name.
[[nodiscard]] const std::vector<Asset>& embedded_assets();

}  // namespace annosearch::cli
