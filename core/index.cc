// Opening an index with the schema-version check.
#include "core/index.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/escape.h"
#include "core/schema.h"

namespace annosearch {

int stored_schema_version(const Xapian::Database& db) {
  const std::string v = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  if (v.empty()) return 0;
  try {
    return std::stoi(v);
  } catch (const std::exception&) {
    return -1;
  }
}

void check_schema_version(const Xapian::Database& db, const std::string& dir) {
  const int version = stored_schema_version(db);
  if (version == schema::kSchemaVersion) return;
  throw Error(ErrorKind::kIndex,
              "the index at " + dir + " has schema version " + std::to_string(version) +
                  " but this annosearch uses version " + std::to_string(schema::kSchemaVersion) +
                  "; rebuild it from the archive with `annosearch build --index " + dir +
                  " INPUT...`");
}

namespace {

namespace fs = std::filesystem;

std::string rebuild_hint(const std::string& dir) {
  return "rebuild it from the archive with `annosearch build --index " + dir + " INPUT...`";
}

// True when `content` is "auto gen-" + six or more digits, with or without one final newline.
bool is_annosearch_stub(std::string_view content, std::string* generation) {
  if (!content.empty() && content.back() == '\n') content.remove_suffix(1);
  constexpr std::string_view kPrefix = "auto ";
  constexpr std::string_view kGen = "gen-";
  if (content.substr(0, kPrefix.size()) != kPrefix) return false;
  const std::string_view name = content.substr(kPrefix.size());
  if (name.substr(0, kGen.size()) != kGen) return false;
  const std::string_view digits = name.substr(kGen.size());
  if (digits.size() < 6 || digits.size() > 18) return false;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  *generation = std::string(name);
  return true;
}

// Throws unless `path` holds a glass database (its "iamglass" file), so that Xapian is never
// asked to guess the backend of a directory (it would follow a stub file inside it).
void require_glass(const std::string& path, const std::string& dir, const std::string& what) {
  std::error_code ec;
  const auto st = fs::symlink_status(fs::path(path) / "iamglass", ec);
  if (st.type() != fs::file_type::regular) {
    throw Error(ErrorKind::kIndex, what + " " + escape_control(path) +
                                       " is not a Xapian glass database; " + rebuild_hint(dir));
  }
}

}  // namespace

std::string published_generation(const std::string& dir, bool require_generation) {
  const fs::path stub_path = fs::path(dir) / kStubFileName;
  const std::string shown = escape_control(stub_path.string());
  std::error_code ec;
  const auto st = fs::symlink_status(stub_path, ec);
  if (st.type() == fs::file_type::not_found) return {};
  if (ec)
    throw Error(ErrorKind::kIndex, "cannot read the stub file " + shown + ": " + ec.message());
  if (st.type() != fs::file_type::regular) {
    throw Error(ErrorKind::kIndex, "the stub file " + shown +
                                       " is not a regular file (a symlink or other file type); "
                                       "refusing to open the index; " +
                                       rebuild_hint(dir));
  }
  std::ifstream in(stub_path, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::kIndex,
                "cannot read the stub file " + shown + ": " + std::strerror(errno));
  }
  constexpr std::size_t kMaxStub = 256;
  std::string content(kMaxStub, '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(in.gcount()));
  if (content.empty()) {
    throw Error(ErrorKind::kIndex, "the stub file " + shown +
                                       " is empty, so no generation is published (the index is "
                                       "damaged); " +
                                       rebuild_hint(dir));
  }
  std::string generation;
  if (!is_annosearch_stub(content, &generation)) {
    const std::string first_line = content.substr(0, content.find('\n'));
    throw Error(ErrorKind::kIndex,
                "the stub file " + shown + " holds \"" + escape_control(first_line) +
                    "\", not the one line `auto gen-NNNNNN` annosearch writes; refusing to open it "
                    "(a stub can name a program to run or another index); " +
                    rebuild_hint(dir));
  }
  if (require_generation) {
    const fs::path gen_path = fs::path(dir) / generation;
    const auto gst = fs::symlink_status(gen_path, ec);
    if (gst.type() == fs::file_type::not_found) {
      throw Error(ErrorKind::kIndex,
                  "the index at " + escape_control(dir) + " publishes generation " + generation +
                      ", which is missing (deleted or never completed); " + rebuild_hint(dir));
    }
    if (gst.type() != fs::file_type::directory) {
      throw Error(ErrorKind::kIndex, "the published generation " +
                                         escape_control(gen_path.string()) +
                                         " is not a directory (a symlink or other file type); "
                                         "refusing to open it; " +
                                         rebuild_hint(dir));
    }
  }
  return generation;
}

std::string index_database_path(const std::string& dir) {
  std::error_code ec;
  const auto st = fs::status(dir, ec);
  if (st.type() == fs::file_type::not_found) {
    throw Error(ErrorKind::kIndex, "no index at " + escape_control(dir) +
                                       "; create it with `annosearch build --index " + dir +
                                       " INPUT...`");
  }
  if (st.type() != fs::file_type::directory) {
    throw Error(ErrorKind::kIndex, escape_control(dir) +
                                       " is not a directory; give the index directory with "
                                       "--index (a file there is never opened as a stub)");
  }
  const std::string gen = published_generation(dir, /*require_generation=*/true);
  if (!gen.empty()) {
    std::string path = (fs::path(dir) / gen).string();
    require_glass(path, dir, "the published generation");
    return path;
  }
  if (fs::exists(fs::path(dir) / "iamglass", ec)) {
    require_glass(dir, dir, "the database");
    return dir;  // a plain glass database
  }
  if (fs::exists(fs::path(dir) / "annosearch.lock", ec)) {
    throw Error(ErrorKind::kIndex,
                "nothing is published at " + escape_control(dir) +
                    " (no XAPIANDB stub: the first build failed or is still running); build it "
                    "with `annosearch build --index " +
                    dir + " INPUT...`");
  }
  throw Error(ErrorKind::kIndex, escape_control(dir) +
                                     " is not an annosearch index; create one with "
                                     "`annosearch build --index " +
                                     dir + " INPUT...`");
}

std::vector<std::string> index_languages(const Xapian::Database& db) {
  std::set<std::string> out;
  const std::string list = db.get_metadata(std::string(schema::kMetaLanguages));
  std::size_t start = 0;
  while (start < list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) out.insert(list.substr(start, comma - start));
    start = comma + 1;
  }
  if (out.empty()) out.insert("en");
  return {out.begin(), out.end()};
}

void add_index_languages(Xapian::WritableDatabase& db, const std::set<std::string>& languages) {
  std::set<std::string> all(languages);
  if (!db.get_metadata(std::string(schema::kMetaLanguages)).empty()) {
    for (const auto& l : index_languages(db)) all.insert(l);
  }
  std::string list;
  for (const auto& l : all) list += (list.empty() ? "" : ",") + l;
  db.set_metadata(std::string(schema::kMetaLanguages), list);
}

std::uintmax_t directory_size(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
  std::uintmax_t total = 0;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    std::error_code fec;
    if (it->is_regular_file(fec)) {
      const auto size = it->file_size(fec);
      if (!fec) total += size;
    }
  }
  return total;
}

Xapian::Database open_index(const std::string& dir) {
  const std::string path = index_database_path(dir);
  Xapian::Database db;
  try {
    db = Xapian::Database(path, Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::DatabaseError& e) {
    throw Error(ErrorKind::kIndex, "cannot open the index at " + escape_control(dir) + ": " +
                                       e.get_msg() + "; check it with `annosearch verify`");
  }
  check_schema_version(db, dir);
  return db;
}

}  // namespace annosearch
