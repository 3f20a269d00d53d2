// Opening an index with the schema-version check.
#include "core/index.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.h"
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

std::string published_generation(const std::string& dir) {
  std::ifstream stub(std::filesystem::path(dir) / kStubFileName);
  std::string type;
  std::string name;
  if (stub >> type >> name && type == "auto") return name;
  return {};
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
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    throw Error(ErrorKind::kIndex,
                "no index at " + dir + "; create it with `annosearch build --index " + dir + "`");
  }
  Xapian::Database db;
  try {
    db = Xapian::Database(dir);
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw Error(ErrorKind::kIndex, dir +
                                       " is not an annosearch index; create one with "
                                       "`annosearch build --index " +
                                       dir + "`");
  } catch (const Xapian::DatabaseError& e) {
    throw Error(ErrorKind::kIndex, "cannot open the index at " + dir + ": " + e.get_msg() +
                                       "; check it with `annosearch verify`");
  }
  check_schema_version(db, dir);
  return db;
}

}  // namespace annosearch
