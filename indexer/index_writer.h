// Writing indexes: a full build into a new generation, published atomically.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include <xapian.h>

#include "indexer/reader.h"

namespace annosearch {

struct BuildOptions {
  std::string index_dir;
  bool strict = false;  // any error: abort with nothing published
  // Documents per part database (one commit each): bounds each job's memory; see performance.md.
  std::size_t commit_every = 500;
  bool allow_empty = false;  // publish even when no document was indexed
  // Parallel jobs: 0 = the number of cores. With 1, everything runs on the calling thread.
  std::size_t jobs = 0;
  // Called for each record read, on the calling thread (the reader runs at most a few parts ahead
  // of the jobs that index them).
  std::function<void(std::size_t documents_read)> on_progress;
  // The per-document step run by the jobs on each valid document before it becomes Xapian
  // documents (the annotator's place). Called concurrently from several threads, one document each:
  // it must be safe to call in parallel (a const annotator, or one instance per thread inside).
  // What it adds is indexed as given (validation ran before it), so it must produce valid ids and
  // offsets.
  std::function<void(Document&)> annotate;
  std::string annotate_mode = "off";  // recorded in the index metadata (kMetaAnnotate)
};

struct BuildSummary {
  std::size_t records = 0;     // records read
  std::size_t indexed = 0;     // documents indexed
  std::size_t rejected = 0;    // records skipped for errors
  std::size_t passages = 0;    // passage units written
  std::string generation;      // the generation written ("gen-000003")
  bool published = false;      // false when --strict aborted or the build was refused as empty
  bool refused_empty = false;  // no document indexed and !allow_empty: nothing published
  double seconds = 0;
  std::size_t parts = 0;     // part databases written by the jobs
  std::size_t jobs = 0;      // jobs that wrote them
  double merge_seconds = 0;  // merging the parts (compaction) and the final commit
};

// Builds a new index of the corpus beside the published one and publishes it in one atomic step.
// The reader (this thread) hands parts of options.commit_every consecutive documents to
// options.jobs workers; each writes its part to its own private database (GEN.parts/part-NNNNNN,
// DB_NO_SYNC), and the parts are merged in input order with Xapian::Database::compact into the new
// generation, which is synced, so the published index is compact and its document ids follow the
// input order whatever the number of jobs.
// Takes the writer lock first (Error kIndex if held). Records with errors are skipped and counted
// (diagnostics collected); with options.strict the first error aborts and nothing is published.
// Throws Error for failures that end the build (lock, disk, Xapian errors, with context).
BuildSummary build_index(const Corpus& corpus, Diagnostics& diagnostics,
                         const BuildOptions& options);

// Writes the schema version, registry, taxonomy and their versions into the database's metadata.
// With registry_unchanged (an update whose input brings no registry: `registry` is the stored one)
// the stored registry and its keys are left as they are instead of being written again.
void write_schema_metadata(Xapian::WritableDatabase& db, const Registry& registry,
                           const Taxonomy& taxonomy, bool registry_unchanged = false);

}  // namespace annosearch
