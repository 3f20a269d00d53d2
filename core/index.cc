// Opening an index with the schema-version check.
#include "core/index.h"

#include <filesystem>

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
  const int version = stored_schema_version(db);
  if (version != schema::kSchemaVersion) {
    throw Error(ErrorKind::kIndex,
                "the index at " + dir + " has schema version " + std::to_string(version) +
                    " but this annosearch uses version " + std::to_string(schema::kSchemaVersion) +
                    "; rebuild it from the archive with `annosearch build --index " + dir +
                    " INPUT...`");
  }
  return db;
}

}  // namespace annosearch
