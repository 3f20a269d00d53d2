// Full builds: a new generation written beside the published one, then published atomically.
#include "indexer/index_writer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "core/index.h"
#include "core/json.h"
#include "core/registry_store.h"
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
                           const Taxonomy& taxonomy, bool registry_unchanged) {
  const std::string tax = taxonomy_to_string(taxonomy);
  db.set_metadata(std::string(sc::kMetaSchemaVersion), std::to_string(sc::kSchemaVersion));
  const bool keys_stored = !db.get_metadata(std::string(sc::kMetaEntityCount)).empty() &&
                           !db.get_metadata(std::string(sc::kMetaRegistryVersion)).empty();
  if (!registry_unchanged || !keys_stored) {
    const std::string reg = registry_to_string(registry);
    db.set_metadata(std::string(sc::kMetaRegistry), reg);
    // The registry by key, what searches read (core/registry_store.h); rewritten when it changed.
    const std::string registry_version = sha256_hex(reg).substr(0, 16);
    if (db.get_metadata(std::string(sc::kMetaRegistryVersion)) != registry_version ||
        !keys_stored) {
      write_registry_keys(db, registry);
    }
    db.set_metadata(std::string(sc::kMetaRegistryVersion), registry_version);
  }
  db.set_metadata(std::string(sc::kMetaTaxonomy), tax);
  db.set_metadata(std::string(sc::kMetaTaxonomyVersion), sha256_hex(tax).substr(0, 16));
  db.set_metadata(std::string(sc::kMetaWriter), std::string("annosearch ") + kVersion);
  db.set_metadata(std::string(sc::kMetaBuiltAt), now_utc_iso());
}

namespace {

// A run of consecutive valid documents that one job writes to one part database.
struct Part {
  std::size_t index = 0;
  std::vector<Document> documents;
  std::vector<RecordLocation> locations;
};

// What writing a part produced, merged into the summary in part order.
struct PartResult {
  std::size_t passages = 0;
  std::set<std::string> languages;
};

// Writes one part into its own fresh database: annotate, build, add, one commit. Private until
// published, so no fsync (DB_NO_SYNC): the merged generation is synced once before publishing.
PartResult write_part(Part& part, const std::string& path, DocumentBuilder& builder,
                      const BuildOptions& options) {
  PartResult result;
  std::string where = "while writing " + path;
  try {
    Xapian::WritableDatabase db(path,
                                Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    for (std::size_t i = 0; i < part.documents.size(); ++i) {
      Document& doc = part.documents[i];
      where = "while indexing " + part.locations[i].file + " line " +
              std::to_string(part.locations[i].line) + ", id=" + doc.id;
      std::string input_hash;  // of the input as read: see DocumentBuilder::build
      if (options.annotate) {
        input_hash = content_hash(doc);
        options.annotate(doc);
      }
      result.languages.insert(primary_language(doc.language));
      for (auto& unit : builder.build(doc, std::move(input_hash))) {
        if (unit.passage != 0) ++result.passages;
        db.add_document(unit.document);
      }
      fault_point("build.document");
    }
    where = "while committing " + path;
    fault_point("build.commit");
    db.commit();
    db.close();
    fault_point("build.part");
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kInternal, e.get_description() + " (" + where + ")");
  }
  part.documents.clear();
  part.documents.shrink_to_fit();
  return result;
}

std::string part_path(const std::string& parts_dir, std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "part-%06zu", index);
  return parts_dir + "/" + name;
}

// Parts handed from the reader to the jobs; bounded so memory stays flat in the input size.
class PartQueue {
 public:
  explicit PartQueue(std::size_t capacity) : capacity_(capacity) {}
  // False when the queue was stopped (a job failed): the part is dropped.
  bool push(Part&& part) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return stopped_ || queue_.size() < capacity_; });
    if (stopped_) return false;
    queue_.push_back(std::move(part));
    not_empty_.notify_one();
    return true;
  }
  std::optional<Part> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return stopped_ || closed_ || !queue_.empty(); });
    if (stopped_ || queue_.empty()) return std::nullopt;
    Part p = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return p;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
  }
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }
  bool stopped() {
    std::lock_guard lock(mutex_);
    return stopped_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<Part> queue_;
  std::size_t capacity_;
  bool closed_ = false;
  bool stopped_ = false;
};

// Merges databases, in order, into `out` (compact, document ids renumbered consecutively).
void merge(const std::vector<std::string>& sources, const std::string& out) {
  Xapian::Database all;
  for (const auto& s : sources) all.add_database(Xapian::Database(s));
  all.compact(out, Xapian::DB_BACKEND_GLASS);
}

// At most this many databases are merged at once (each holds a few open files).
constexpr std::size_t kMergeFanIn = 64;

// While there are more than kMergeFanIn sources, merges runs of kMergeFanIn consecutive ones
// (in parallel, `jobs` at a time) into intermediate databases and removes the sources; returns
// the remaining sources in order.
std::vector<std::string> merge_in_groups(std::vector<std::string> sources,
                                         const std::string& parts_dir, std::size_t jobs) {
  for (int round = 1; sources.size() > kMergeFanIn; ++round) {
    const std::size_t groups = (sources.size() + kMergeFanIn - 1) / kMergeFanIn;
    std::vector<std::string> next(groups);
    std::atomic<std::size_t> next_group{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&] {
      for (std::size_t g = next_group++; g < groups; g = next_group++) {
        try {
          char name[48];
          std::snprintf(name, sizeof name, "/merge-%d-%06zu", round, g);
          next[g] = parts_dir + name;
          const auto first = sources.begin() + static_cast<std::ptrdiff_t>(g * kMergeFanIn);
          const auto last =
              g + 1 == groups ? sources.end() : first + static_cast<std::ptrdiff_t>(kMergeFanIn);
          merge(std::vector<std::string>(first, last), next[g]);
          for (auto it = first; it != last; ++it) {
            std::error_code ec;
            std::filesystem::remove_all(*it, ec);
          }
          fault_point("build.merge-group");
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
          return;
        }
      }
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < std::min(jobs, groups); ++t) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    sources = std::move(next);
  }
  return sources;
}

// Thrown inside the reader's callback to stop reading when a job failed.
struct JobFailed {};

}  // namespace

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
  UnpublishedGeneration pending(dir, summary.generation);  // removed on every way out but publish
  // The parts live beside the generation under a "gen-" name, so a killed writer's parts are
  // removed by the next writer's remove_unused() like any unpublished generation.
  const std::string parts_dir = gen_path + ".parts";
  std::filesystem::create_directories(parts_dir);
  // The parts are never needed once this function returns, whichever way it returns.
  struct PartsCleanup {
    std::string path;
    ~PartsCleanup() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  } parts_cleanup{parts_dir};
  const std::size_t jobs =
      options.jobs > 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
  const std::size_t per_part = std::max<std::size_t>(1, options.commit_every);

  std::vector<PartResult> results;
  std::mutex results_mutex;
  std::exception_ptr failure;
  PartQueue queue(jobs);
  std::vector<std::thread> workers;
  auto record = [&](std::size_t index, PartResult&& r) {
    std::lock_guard lock(results_mutex);
    if (results.size() <= index) results.resize(index + 1);
    results[index] = std::move(r);
  };
  if (jobs > 1) {
    for (std::size_t w = 0; w < jobs; ++w) {
      workers.emplace_back([&] {
        DocumentBuilder builder(corpus.taxonomy);
        while (auto part = queue.pop()) {
          try {
            record(part->index,
                   write_part(*part, part_path(parts_dir, part->index), builder, options));
          } catch (...) {
            {
              std::lock_guard lock(results_mutex);
              if (!failure) failure = std::current_exception();
            }
            queue.stop();
            return;
          }
        }
      });
    }
  }
  DocumentBuilder inline_builder(corpus.taxonomy);
  Part current;
  std::size_t parts = 0;
  auto hand_over = [&] {
    if (current.documents.empty()) return;
    current.index = parts++;
    if (jobs > 1) {
      if (!queue.push(std::move(current))) throw JobFailed{};
    } else {
      record(current.index,
             write_part(current, part_path(parts_dir, current.index), inline_builder, options));
    }
    current = Part{};
  };
  auto join = [&] {
    queue.close();
    for (auto& w : workers) w.join();
    workers.clear();
  };

  ScanStats stats;
  try {
    stats = scan_documents(
        corpus, diagnostics,
        [&](Document&& doc, const RecordLocation& loc) {
          current.documents.push_back(std::move(doc));
          current.locations.push_back(loc);
          ++summary.indexed;
          if (current.documents.size() >= per_part) hand_over();
          if (options.on_progress) options.on_progress(summary.indexed);
        },
        options.strict);
    if (!(options.strict && diagnostics.errors() > 0)) hand_over();
  } catch (const JobFailed&) {
    // the job's own error is rethrown below
  } catch (...) {
    queue.stop();
    join();
    throw;
  }
  join();
  if (failure) std::rethrow_exception(failure);
  summary.records = stats.records;
  summary.rejected = stats.rejected;
  if (options.strict && diagnostics.errors() > 0) {
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
  }

  std::set<std::string> languages;
  for (const auto& r : results) {
    summary.passages += r.passages;
    languages.insert(r.languages.begin(), r.languages.end());
  }
  std::string where = "while merging the parts into " + gen_path;
  summary.parts = parts;
  summary.jobs = jobs;
  const auto merge_started = std::chrono::steady_clock::now();
  try {
    fault_point("build.merge");
    if (parts > 0) {
      std::vector<std::string> sources;
      for (std::size_t i = 0; i < parts; ++i) sources.push_back(part_path(parts_dir, i));
      sources = merge_in_groups(sources, parts_dir, jobs);
      merge(sources, gen_path);
    }
    std::error_code ec;
    std::filesystem::remove_all(parts_dir, ec);
    fault_point("build.merged");
    where = "while committing " + gen_path;
    Xapian::WritableDatabase db(gen_path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    write_schema_metadata(db, corpus.registry, corpus.taxonomy);
    db.set_metadata(std::string(sc::kMetaAnnotate), options.annotate_mode);
    add_index_languages(db, languages);
    db.set_metadata(std::string(sc::kMetaArticleCount), std::to_string(summary.indexed));
    db.set_metadata(std::string(sc::kMetaPassageCount), std::to_string(summary.passages));
    fault_point("build.commit");
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    throw Error(ErrorKind::kInternal, e.get_description() + " (" + where + ")");
  }
  summary.merge_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_started).count();
  // A build that read no document (a mistyped path, an unmounted archive) never replaces an index.
  if (summary.indexed == 0 && !options.allow_empty) {
    summary.refused_empty = true;
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
  }
  fault_point("build.publish");
  dir.publish(summary.generation);
  pending.keep();
  summary.published = true;
  fault_point("build.cleanup");
  dir.remove_unused(previous);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace annosearch
