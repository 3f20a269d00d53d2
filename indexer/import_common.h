// Shared pieces of the importers (`annosearch import FORMAT`): options, hooks, the corpus-directory
// writer, and the helpers every format needs (ids, encodings, input files, registry files).
//
// An importer streams: it reads one input record at a time, hands each document to a CorpusWriter
// and keeps only what is small (ids seen, the registry and taxonomy it builds), so memory stays
// flat in the size of the input. Problems with one record are Diagnostics passed to a hook, never
// exceptions; an Error is thrown only for what ends the whole import (output not writable).
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/document.h"
#include "core/error.h"

namespace annosearch {

// The formats `annosearch import` knows, in the order the help lists them.
[[nodiscard]] const std::vector<std::string>& import_formats();

struct ImportOptions {
  std::vector<std::string> inputs;  // files or directories, as the format expects
  std::string language;             // overrides the format's default language ("en") if set
  std::optional<PartialDate> date;  // text, brat: the publication date of every document
  // brat: entity registry files (entities.jsonl) whose ids and Wikidata ids normalisations map to;
  // their entities are not copied into the output registry (pass them to `build --registry`).
  std::vector<std::string> registry_files;
  std::string annotation_source = "gold";  // brat: the "source" of the imported annotations
};

// How an importer reports back while it runs. Every member may be empty.
struct ImportHooks {
  std::function<void(const Diagnostic&)> on_diagnostic;
  std::function<void(std::size_t)> on_total;    // records expected, once known
  std::function<void(std::size_t)> on_advance;  // that many more records done
};

struct ImportResult {
  std::size_t documents = 0;  // documents written
  std::size_t entities = 0;   // entities in the registry written
  std::size_t themes = 0;     // themes in the taxonomy written
  std::size_t errors = 0;     // error diagnostics (records rejected or written with repairs)
  std::size_t warnings = 0;
  std::size_t ignored = 0;  // brat: annotation lines of kinds not imported (A, R, E, M, *, #)
  std::vector<std::string> notes;  // lines for the user beyond the counts (reuters21578: gazetteer)
};

// Counts diagnostics into an ImportResult while passing them on to the hook.
class DiagnosticReporter {
 public:
  DiagnosticReporter(const ImportHooks& hooks, ImportResult& result)
      : hooks_(hooks), result_(result) {}
  void report(const Diagnostic& d);
  void error(const std::string& file, std::size_t line, const std::string& id,
             const std::string& field, const std::string& message);
  void warning(const std::string& file, std::size_t line, const std::string& id,
               const std::string& field, const std::string& message);

 private:
  const ImportHooks& hooks_;
  ImportResult& result_;
};

// Writes a corpus directory: DIR/documents.jsonl (one document a line, streamed),
// DIR/entities.jsonl and DIR/themes.json ({"themes": [...]}). Every file is written under a
// temporary name and renamed into place by finish(), so an interrupted import never leaves a
// truncated file that looks whole. Other files in DIR are left alone. Not thread-safe.
class CorpusWriter {
 public:
  // Creates DIR (and its parents) if needed. Throws Error(kUsage) if DIR exists and is not a
  // directory, Error(kInternal) if it cannot be created or written.
  explicit CorpusWriter(std::filesystem::path dir);
  ~CorpusWriter();  // removes the temporary files if finish() was not called
  CorpusWriter(const CorpusWriter&) = delete;
  CorpusWriter& operator=(const CorpusWriter&) = delete;

  void write(const Document& doc);  // throws Error(kInternal) on a write failure
  // Writes the registry and taxonomy and publishes all three files. Throws Error(kInternal).
  void finish(const Registry& registry, const Taxonomy& taxonomy);

  [[nodiscard]] std::size_t documents() const { return documents_; }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  [[nodiscard]] std::filesystem::path documents_path() const { return dir_ / "documents.jsonl"; }

 private:
  std::filesystem::path dir_;
  std::filesystem::path documents_tmp_;
  std::ofstream documents_out_;
  std::size_t documents_ = 0;
  bool finished_ = false;
};

// Runs the importer for FORMAT ("reuters21578", "brat", "text") into the corpus directory out_dir.
// Throws Error(kUsage) for an unknown format or options that do not fit it.
ImportResult run_import(const std::string& format, const ImportOptions& options,
                        const std::filesystem::path& out_dir, const ImportHooks& hooks);

// ---- helpers shared by the formats (exposed for tests) ----

// Latin-1 (ISO 8859-1) bytes to UTF-8.
// The whole content of a file, or nullopt when it cannot be opened.
[[nodiscard]] std::optional<std::string> read_file_bytes(const std::filesystem::path& path);

[[nodiscard]] std::string latin1_to_utf8(std::string_view latin1);
// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t code_point);
// Valid UTF-8 stays as it is; each invalid byte becomes U+FFFD. *replaced counts them.
[[nodiscard]] std::string repair_utf8(std::string_view bytes, std::size_t* replaced = nullptr);

// True if id is a valid document or entity id (letters, digits and ._:/-).
[[nodiscard]] bool is_valid_id(std::string_view id);
// A document id made from a file name or any text: transliterated to ASCII (ICU Any-Latin;
// Latin-ASCII), every run of characters outside the id charset replaced by one '-', trimmed of
// '-'. Empty if nothing is left.
[[nodiscard]] std::string sanitize_id(std::string_view text);
// A lower-case slug (a-z, 0-9, '-') of a name, transliterated to ASCII: "Emomali Rahmon" ->
// "emomali-rahmon", "Рахмон" -> "rahmon". Empty if nothing is left.
[[nodiscard]] std::string slugify(std::string_view text);

// Whitespace runs to one space, trimmed.
[[nodiscard]] std::string collapse_whitespace(std::string_view text);
[[nodiscard]] std::string_view trim(std::string_view text);
[[nodiscard]] std::string to_lower_ascii(std::string_view text);

// The files of the inputs: a file is taken as it is (whatever its name); a directory contributes
// the files below it (recursively if asked) whose name `accept` approves, sorted by path. A
// missing input is an error diagnostic.
[[nodiscard]] std::vector<std::filesystem::path> expand_inputs(
    const std::vector<std::string>& inputs,
    const std::function<bool(const std::filesystem::path&)>& accept, bool recursive,
    DiagnosticReporter& reporter);

// Reads entity registry files (JSON Lines, one entity a line). Bad lines are error diagnostics.
[[nodiscard]] Registry load_registry_files(const std::vector<std::string>& files,
                                           DiagnosticReporter& reporter);

}  // namespace annosearch
