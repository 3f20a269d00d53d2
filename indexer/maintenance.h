// Keeping an index current: incremental update, delete, verify and compact.
//
// update and delete change the published generation in place inside one Xapian transaction, so
// readers see the index before or after the whole change (never half of it) and a writer killed
// at any moment leaves the last committed state. compact writes a new generation and publishes it
// like build.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "indexer/reader.h"

namespace annosearch {

struct UpdateOptions {
  std::string index_dir;
  // Delete indexed documents absent from the input. Documents whose input record was rejected are
  // kept (the archive still has them).
  bool prune = false;
  // Without force, a prune that would delete more than half of the indexed documents (an empty or
  // unmounted input directory, a wrong path) changes nothing and sets prune_refused.
  bool force = false;
  bool strict = false;
  std::function<void(std::size_t documents_read)> on_progress;
  // As BuildOptions::annotate: applied to each valid document before it is hashed and indexed.
  std::function<void(Document&)> annotate;
  // Without `annotate`: called once with the registry and taxonomy the index holds after the
  // update (the input's, else the stored ones), to make the annotator from them, so that the
  // stored registry is read once (an empty function: no annotation). They outlive every call of
  // the function it returns, not the update.
  std::function<std::function<void(Document&)>(const Registry&, const Taxonomy&)> make_annotate;
};

struct UpdateSummary {
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;
  std::size_t deleted = 0;
  std::size_t rejected = 0;
  std::size_t retagged = 0;  // units whose theme ancestors changed with the taxonomy
  // Targeted re-annotation (indexer/reannotate.h), when the registry or taxonomy changed, the
  // update annotates and the index was built with --annotate auto:
  //   "targeted": done; "unchanged": no change the annotator reads; "off": the update does not
  //   annotate; "not-annotated": the index was not built with --annotate auto (its documents
  //   carry no automatic annotations to bring up to date).
  std::string reannotation = "unchanged";
  std::vector<std::string> changed_entities;  // ids new, removed or changed for the annotator
  std::vector<std::string> changed_themes;
  std::size_t reannotate_found = 0;      // documents the change can affect, found in the index
  std::size_t reannotate_by_words = 0;   // of those, by a name or keyword in their text
  std::size_t reannotated = 0;           // re-annotated and reindexed (annotations changed)
  std::size_t reannotate_unchanged = 0;  // re-annotated to the same annotations: left as they were
  std::size_t reannotate_in_input = 0;   // found, but read from the input anyway (added/replaced)
  std::string registry_version;
  // Entity ids that indexed documents carry but the registry lacks, with how many units carry them.
  std::vector<std::pair<std::string, std::size_t>> unknown_entities;
  // --prune was not applied: a rejected record had no readable id, so the input's ids are unknown.
  bool prune_skipped = false;
  // How many documents --prune would have deleted when it refused (more than half of the index
  // without force); the update then changed nothing. 0 otherwise.
  std::size_t prune_refused = 0;
  std::size_t indexed_before = 0;  // articles in the index before the update
  bool committed = false;          // false when --strict found an error or --prune refused
  double seconds = 0;
};

// Adds new documents, replaces changed ones (by content hash), skips unchanged ones; with prune,
// deletes what the input no longer has. When the input has a registry (or taxonomy), it replaces
// the stored one: names, aliases, types and relations live only in the index metadata, so they
// change without re-indexing; a taxonomy change re-tags the units whose theme ancestors moved.
// Without one, the stored registry and taxonomy validate the input. When the registry or taxonomy
// changes and the update annotates an index built with --annotate auto, the documents the change
// can affect (found through the index, indexer/reannotate.h) are rebuilt from the index,
// annotated again with the new registry and taxonomy, and reindexed when their automatic
// annotations differ; no other document is touched. Requires a published index of this schema
// version.
UpdateSummary update_index(const Corpus& corpus, Diagnostics& diagnostics,
                           const UpdateOptions& options);

struct DeleteSummary {
  std::vector<std::string> deleted;
  std::vector<std::string> not_found;
};

// Deletes documents (article and passages) by id, in one transaction.
DeleteSummary delete_documents(const std::string& index_dir, const std::vector<std::string>& ids);

struct VerifySummary {
  std::size_t check_errors = 0;  // from Xapian's consistency check
  std::string check_output;      // what the check printed
  // "xapian": Xapian::Database::check ran; "read": the user cannot write the index files (which
  // Xapian's check opens read/write), so every table was read through the read-only API instead.
  std::string check_method = "xapian";
  std::size_t documents = 0;         // articles in the index
  std::vector<std::string> missing;  // in the input, not in the index
  std::vector<std::string> extra;    // in the index, not in the input
  std::vector<std::string> stale;    // in both, with a different content hash
  std::size_t input_rejected = 0;    // input records with errors (not compared)
  [[nodiscard]] bool consistent() const {
    return check_errors == 0 && missing.empty() && extra.empty() && stale.empty();
  }
};

// Runs Xapian's consistency check on the published generation, in a child process so that a crash
// inside it (some corrupt tables make Xapian's check read out of bounds) is an Error(kIndex)
// saying the index is corrupt rather than a crash of verify; with a corpus, also compares the ids
// and content hashes of the index with it. Needs no write access: when the index files are not
// writable by this user, the check reads every table read-only instead (check_method "read").
VerifySummary verify_index(const std::string& index_dir, const Corpus* corpus,
                           Diagnostics& diagnostics);

struct CompactSummary {
  std::string from_generation;
  std::string to_generation;
  std::uintmax_t bytes_before = 0;
  std::uintmax_t bytes_after = 0;
  double seconds = 0;
};

// Compacts the published generation into a new one and publishes it atomically.
CompactSummary compact_index(const std::string& index_dir);

}  // namespace annosearch
