// Full builds: a new generation written beside the published one, then published atomically.
#include "indexer/index_writer.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>

#include "core/index.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/sha256.h"
#include "core/version.h"
#include "indexer/document_builder.h"
#include "indexer/fault.h"
#include "indexer/index_dir.h"

namespace annosearch {
namespace {

namespace sc = schema;

std::string now_utc_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

void write_schema_metadata(Xapian::WritableDatabase& db, const Registry& registry,
                           const Taxonomy& taxonomy) {
  const std::string reg = registry_to_string(registry);
  const std::string tax = taxonomy_to_string(taxonomy);
  db.set_metadata(std::string(sc::kMetaSchemaVersion), std::to_string(sc::kSchemaVersion));
  db.set_metadata(std::string(sc::kMetaRegistry), reg);
  db.set_metadata(std::string(sc::kMetaRegistryVersion), sha256_hex(reg).substr(0, 16));
  db.set_metadata(std::string(sc::kMetaTaxonomy), tax);
  db.set_metadata(std::string(sc::kMetaTaxonomyVersion), sha256_hex(tax).substr(0, 16));
  db.set_metadata(std::string(sc::kMetaWriter), std::string("annosearch ") + kVersion);
  db.set_metadata(std::string(sc::kMetaBuiltAt), now_utc_iso());
}

BuildSummary build_index(const Corpus& corpus, Diagnostics& diagnostics,
                         const BuildOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  IndexDir dir(options.index_dir);
  dir.lock_for_writing(/*create=*/true);
  const std::string previous = dir.current_generation();
  dir.remove_unused(previous);  // leftovers of writers that were killed

  BuildSummary summary;
  summary.generation = dir.next_generation();
  const std::string gen_path = dir.generation_path(summary.generation);
  std::string where = "while building " + gen_path;
  try {
    Xapian::WritableDatabase db(gen_path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    write_schema_metadata(db, corpus.registry, corpus.taxonomy);
    db.set_metadata(std::string(schema::kMetaAnnotate), options.annotate_mode);
    DocumentBuilder builder(corpus.taxonomy);
    std::set<std::string> languages;
    std::size_t since_commit = 0;
    const ScanStats stats = scan_documents(
        corpus, diagnostics,
        [&](Document&& doc, const RecordLocation& loc) {
          where =
              "while indexing " + loc.file + " line " + std::to_string(loc.line) + ", id=" + doc.id;
          if (options.annotate) options.annotate(doc);
          languages.insert(primary_language(doc.language));
          for (auto& unit : builder.build(doc)) {
            if (unit.uid_term.find('#') != std::string::npos) ++summary.passages;
            db.add_document(unit.document);
          }
          ++summary.indexed;
          fault_point("build.document");
          if (++since_commit >= options.commit_every) {
            fault_point("build.commit");
            db.commit();
            since_commit = 0;
          }
          if (options.on_progress) options.on_progress(summary.indexed);
        },
        options.strict);
    summary.records = stats.records;
    summary.rejected = stats.rejected;
    if (options.strict && diagnostics.errors() > 0) {
      db.close();
      std::error_code ec;
      std::filesystem::remove_all(gen_path, ec);
      summary.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      return summary;
    }
    where = "while committing " + gen_path;
    add_index_languages(db, languages);
    db.set_metadata(std::string(sc::kMetaArticleCount), std::to_string(summary.indexed));
    db.set_metadata(std::string(sc::kMetaPassageCount), std::to_string(summary.passages));
    fault_point("build.commit");
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kInternal, e.get_description() + " (" + where + ")");
  }
  fault_point("build.publish");
  dir.publish(summary.generation);
  summary.published = true;
  fault_point("build.cleanup");
  dir.remove_unused(previous);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace annosearch
