// What an index holds: counts, the date span, versions and size on disk (`annosearch stats`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <xapian.h>

namespace annosearch {

struct IndexStats {
  std::string path;        // the index directory as given
  std::string generation;  // the generation the stub names ("" for a plain database)
  std::size_t articles = 0;
  std::size_t passages = 0;
  std::size_t entities = 0;            // in the registry
  std::size_t entities_occurring = 0;  // with at least one unit (an XA term)
  std::size_t themes = 0;              // in the taxonomy
  std::size_t themes_occurring = 0;    // with at least one unit (an XT term; ancestors included)
  std::size_t undated_articles = 0;
  std::string date_min;  // smallest publication date as known ("2021-12"), "" when none
  std::string date_max;
  int schema_version = 0;
  std::string registry_version;
  std::string taxonomy_version;
  std::string writer;
  std::string built_at;
  std::string annotate;  // how the last build annotated its input: "auto", "off", "" if unknown
  std::uint64_t size_bytes = 0;  // files of the current generation
};

// Reads the statistics of an opened index. `dir` is where it was opened from: the size on disk is
// that of the generation its XAPIANDB stub names ("auto <subdir>"), or of `dir` itself when it is a
// plain database. Counts come from the level terms' frequencies (exact, no scan); the date span
// reads the kSlotDate value stream once. Throws Error(kIndex) when the registry or taxonomy
// metadata is unreadable.
[[nodiscard]] IndexStats index_stats(const Xapian::Database& db, const std::string& dir);

// Opens the index directory (schema check) and reads its statistics, retrying as search_index().
[[nodiscard]] IndexStats index_stats(const std::string& dir);

}  // namespace annosearch
