// Opening a published index for reading, with the schema-version check every reader must make.
//
// An index directory holds a stub file XAPIANDB naming the current generation (a glass database in
// a subdirectory); publishing replaces the stub with rename(), so a reader sees the old or the new
// generation, never a half-built one. Stock tools open the directory as it is
// (`xapian-delve DIR`, `xapian-check DIR/<generation>`).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

namespace annosearch {

// Name of the stub file inside an index directory.
inline constexpr const char* kStubFileName = "XAPIANDB";

// Opens the index at `dir` (an index directory or a plain glass database directory) and checks its
// schema version. Throws Error(kIndex) with a message saying what to do when the index is missing,
// of another schema version, unreadable, or its stub file is not one annosearch writes (see
// published_generation). Never lets Xapian interpret a stub file itself.
[[nodiscard]] Xapian::Database open_index(const std::string& dir);

// The schema version stored in a database, or 0 when it has none.
[[nodiscard]] int stored_schema_version(const Xapian::Database& db);

// Throws Error(kIndex), naming both versions and the command that rebuilds, unless the database
// (of the index at `dir`) has this annosearch's schema version.
void check_schema_version(const Xapian::Database& db, const std::string& dir);

// The generation the stub file of an index directory names ("gen-000002"), or "" when there is no
// stub (nothing published, or `dir` is a plain Xapian database). The stub may hold only what
// annosearch writes: one line "auto gen-NNNNNN" (six or more digits) naming a real directory (not a
// symlink) inside `dir`. Anything else (a remote or other backend line, a path, an empty stub) is
// refused with Error(kIndex) before Xapian sees it, because Xapian would follow it: `remote :CMD`
// runs a program and `auto ../other/gen-1` opens another index without its lock. With
// `require_generation` a stub naming a missing generation is an Error(kIndex) too; without it (a
// build about to replace the index) only the form is checked.
[[nodiscard]] std::string published_generation(const std::string& dir,
                                               bool require_generation = true);

// The path of the glass database that readers of the index at `dir` open: the published
// generation (checked as published_generation does, and holding a glass database), or `dir` itself
// when it is a plain glass database directory. Throws Error(kIndex) saying what is wrong otherwise.
[[nodiscard]] std::string index_database_path(const std::string& dir);

// The languages of an index's documents (kMetaLanguages), sorted; {"en"} when it records none.
[[nodiscard]] std::vector<std::string> index_languages(const Xapian::Database& db);
// Records the languages (primary subtags) in kMetaLanguages, merged with those already recorded.
void add_index_languages(Xapian::WritableDatabase& db, const std::set<std::string>& languages);

// Total size in bytes of the regular files below `path` (or of `path` itself if it is a file).
[[nodiscard]] std::uintmax_t directory_size(const std::string& path);

}  // namespace annosearch
