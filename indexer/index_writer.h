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
  bool strict = false;              // any error: abort with nothing published
  std::size_t commit_every = 2000;  // documents between commits (bounds memory; see performance.md)
  std::function<void(std::size_t documents_read)> on_progress;  // after each record
  // Applied to each valid document before it is indexed (build --annotate auto:
  // Annotator::annotate, which is const and thread-safe). Empty: index the input as it is.
  std::function<void(Document&)> annotate;
  std::string annotate_mode = "off";  // recorded in the index metadata (kMetaAnnotate)
};

struct BuildSummary {
  std::size_t records = 0;   // records read
  std::size_t indexed = 0;   // documents indexed
  std::size_t rejected = 0;  // records skipped for errors
  std::size_t passages = 0;  // passage units written
  std::string generation;    // the generation written ("gen-000003")
  bool published = false;    // false when --strict aborted
  double seconds = 0;
};

// Builds a new index of the corpus beside the published one and publishes it in one atomic step.
// Takes the writer lock first (Error kIndex if held). Records with errors are skipped and counted
// (diagnostics collected); with options.strict the first error aborts and nothing is published.
// Throws Error for failures that end the build (lock, disk, Xapian errors, with context).
BuildSummary build_index(const Corpus& corpus, Diagnostics& diagnostics,
                         const BuildOptions& options);

// Writes the schema version, registry, taxonomy and their versions into the database's metadata.
void write_schema_metadata(Xapian::WritableDatabase& db, const Registry& registry,
                           const Taxonomy& taxonomy);

}  // namespace annosearch
