// Reading and validating corpus input: document files (JSON Lines or one JSON document), corpus
// directories, the entity registry and the theme taxonomy. Every problem becomes a Diagnostic with
// file, line, document id and field; a bad record never stops the others.
//
// Used alike by `validate` (report everything) and `build`/`update` (index what is valid), so the
// rules live in one place.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/error.h"

namespace annosearch {

// Collects diagnostics; a callback may also stream them (for progress output).
class Diagnostics {
 public:
  void add(Diagnostic d);
  [[nodiscard]] const std::vector<Diagnostic>& all() const { return all_; }
  [[nodiscard]] std::size_t errors() const { return errors_; }
  [[nodiscard]] std::size_t warnings() const { return all_.size() - errors_; }
  // Called for each diagnostic as it is added (optional).
  std::function<void(const Diagnostic&)> on_add;

 private:
  std::vector<Diagnostic> all_;
  std::size_t errors_ = 0;
};

struct InputOptions {
  // Files (.jsonl, .json), corpus directories (searched recursively for .jsonl/.json; the top-level
  // entities.jsonl and themes.json are the registry and taxonomy), or "-" for standard input.
  std::vector<std::string> inputs;
  std::vector<std::string> registry_files;  // further entities.jsonl files (--registry)
  std::vector<std::string> theme_files;     // further themes.json files (--themes)
};

// The resolved input: registry, taxonomy and the document files to read, in a stable order.
struct Corpus {
  Registry registry;
  Taxonomy taxonomy;
  std::vector<std::string> document_files;  // "-" stands for standard input
};

// Resolves inputs and loads the registry and taxonomy, checking them (JSON syntax, required fields,
// duplicate ids, unknown related/parent ids, invalid UTF-8). A missing input path is an error
// diagnostic, not an exception.
[[nodiscard]] Corpus open_corpus(const InputOptions& options, Diagnostics& diagnostics);

// How many records the corpus's document files hold, for progress totals: non-blank lines of JSON
// Lines files, one per .json file (an array counts as one). Standard input counts as zero. Reads
// the files once, quickly; no parsing.
[[nodiscard]] std::size_t estimate_records(const Corpus& corpus);

// Where a record came from.
struct RecordLocation {
  std::string file;
  std::size_t line = 0;  // 1-based line where the record starts
};

struct ScanStats {
  std::size_t records = 0;   // records read (valid or not)
  std::size_t accepted = 0;  // records passed to on_valid
  std::size_t rejected = 0;  // records with at least one error
};

// Reads every document of the corpus in order, validates each one (format, ids unique across all
// inputs, offsets inside the text and on code point boundaries, known entity and theme ids,
// existing dates, valid UTF-8; mention text not a name or alias of its entity is a warning) and
// calls on_valid for each record without errors. Streams: memory does not grow with the input.
// If stop_on_error is set, stops after the first record with an error.
ScanStats scan_documents(const Corpus& corpus, Diagnostics& diagnostics,
                         const std::function<void(Document&&, const RecordLocation&)>& on_valid,
                         bool stop_on_error = false);

}  // namespace annosearch
