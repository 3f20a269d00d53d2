// Fuzz target: the whole-file importers of `annosearch import` (indexer/import_reuters.h,
// indexer/import_brat.h).
//
// Input: a first byte 'b' selects brat: the rest up to the first NUL byte is the .txt file, what
// follows the NUL the .ann file beside it (no NUL: no .ann). Any other first byte selects
// Reuters-21578: the rest is one SGML file.
//
// Properties:
// - every document the importer emits validates through the corpus reader (its JSON Lines form
//   parsed by parse_record and checked by DocumentChecker against the registry and taxonomy the
//   import produced, plus the --registry entities for brat) without an error;
// - every registry entity and taxonomy theme the import produced passes the reader's checks;
// - every diagnostic has a message, is one line, and names a file of the input and a line that
//   exists in that file (line 0, "the whole file", only for a brat .txt, whose problems are not of
//   a line);
// - Reuters: every record's line exists and its document id is reuters-NEWID.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/document.h"
#include "core/error.h"
#include "core/json.h"
#include "indexer/import_brat.h"
#include "indexer/import_common.h"
#include "indexer/import_reuters.h"
#include "indexer/reader.h"
#include "indexer/reader_rules.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace fs = std::filesystem;
using annosearch::Diagnostic;
using annosearch::Diagnostics;
using annosearch::reader_detail::RecordSink;
using annosearch::reader_detail::RecordUnit;

// Lines as std::getline counts them (a last line without '\n' counts; "" has none).
std::size_t count_lines(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) {
    if (c == '\n') ++n;
  }
  if (!s.empty() && s.back() != '\n') ++n;
  return n;
}

void check_diagnostic_form(const Diagnostic& d) {
  FUZZ_CHECK(!d.message.empty());
  FUZZ_CHECK(d.format().find('\n') == std::string::npos);
}

// The document validates as the corpus reader would read it from documents.jsonl.
void check_validates(const annosearch::Document& doc, const annosearch::Registry& registry,
                     const annosearch::Taxonomy& taxonomy) {
  const std::string line = annosearch::to_json(doc).dump();
  Diagnostics diagnostics;
  RecordSink sink{diagnostics, "documents.jsonl", 1, "", 0, 1};
  annosearch::reader_detail::DocumentChecker checker(registry, taxonomy);
  const auto record = annosearch::reader_detail::parse_record(line, RecordUnit::kLine, sink);
  if (record) (void)checker.check(*record, sink);
  if (!record || sink.errors > 0) {
    std::fprintf(stderr, "emitted document does not validate: %s\n", line.c_str());
    for (const auto& d : diagnostics.all()) std::fprintf(stderr, "  %s\n", d.format().c_str());
  }
  FUZZ_CHECK(record.has_value());
  FUZZ_CHECK(sink.errors == 0);
}

void check_registry(const annosearch::Registry& registry, const annosearch::Taxonomy& taxonomy) {
  for (const auto& [id, entity] : registry.entities()) {
    Diagnostics diagnostics;
    RecordSink sink{diagnostics, "entities.jsonl", 1, "", 0, 1};
    const auto checked = annosearch::reader_detail::check_entity(annosearch::to_json(entity), sink);
    if (!checked || sink.errors > 0) {
      std::fprintf(stderr, "emitted entity does not validate: %s\n",
                   annosearch::to_json(entity).dump().c_str());
      for (const auto& d : diagnostics.all()) std::fprintf(stderr, "  %s\n", d.format().c_str());
    }
    FUZZ_CHECK(checked.has_value() && sink.errors == 0);
  }
  for (const auto& [id, theme] : taxonomy.themes()) {
    Diagnostics diagnostics;
    RecordSink sink{diagnostics, "themes.json", 1, "", 0, 1};
    const auto checked = annosearch::reader_detail::check_theme(annosearch::to_json(theme), sink);
    FUZZ_CHECK(checked.has_value() && sink.errors == 0);
  }
}

void reuters(const std::string& sgml) {
  const std::string file = "reut2-000.sgm";
  annosearch::ImportHooks hooks;
  std::vector<Diagnostic> seen;
  hooks.on_diagnostic = [&](const Diagnostic& d) { seen.push_back(d); };
  annosearch::ImportResult result;
  annosearch::DiagnosticReporter reporter(hooks, result);
  annosearch::ReutersCategories categories;
  std::istringstream in(sgml);
  annosearch::ReutersReader reader(in, file, categories, reporter);
  std::vector<annosearch::ReutersRecord> records;
  while (auto record = reader.next()) {
    FUZZ_CHECK(records.size() < sgml.size());  // every record consumes input: no endless loop
    records.push_back(std::move(*record));
  }
  const std::size_t lines = count_lines(sgml);
  for (const auto& d : seen) {
    check_diagnostic_form(d);
    FUZZ_CHECK(d.file == file);
    if (d.line < 1 || d.line > lines) {
      std::fprintf(stderr, "diagnostic names line %zu of %zu: %s\n", d.line, lines,
                   d.format().c_str());
    }
    FUZZ_CHECK(d.line >= 1 && d.line <= lines);
  }
  for (const auto& r : records) {
    FUZZ_CHECK(r.line >= 1 && r.line <= lines);
    FUZZ_CHECK(r.document.id.rfind("reuters-", 0) == 0);
    check_validates(r.document, categories.registry(), categories.taxonomy());
  }
  check_registry(categories.registry(), categories.taxonomy());
}

// A scratch directory for the brat files, removed at exit.
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "fuzz_import-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    dir = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

const fs::path& scratch() {
  static const Scratch s;
  return s.dir;
}

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  FUZZ_CHECK(!out.fail());
}

void brat(const std::string& input) {
  const std::size_t nul = input.find('\0');
  const std::string text = input.substr(0, nul);
  const fs::path txt = scratch() / "doc-1.txt";
  const fs::path ann = scratch() / "doc-1.ann";
  write_file(txt, text);
  std::error_code ec;
  fs::remove(ann, ec);
  std::string ann_text;
  if (nul != std::string::npos) {
    ann_text = input.substr(nul + 1);
    write_file(ann, ann_text);
  }
  annosearch::Registry external;  // the --registry entities
  external.put({"douglas-adams", "Douglas Adams", "PERSON", {"Adams"}, "Q42", {}, ""});
  external.put({"dushanbe", "Dushanbe", "GPE", {"Душанбе"}, "Q9365", {}, ""});
  annosearch::ImportOptions options;
  annosearch::BratImporter importer(options, external);
  annosearch::ImportHooks hooks;
  std::vector<Diagnostic> seen;
  hooks.on_diagnostic = [&](const Diagnostic& d) { seen.push_back(d); };
  annosearch::ImportResult result;
  annosearch::DiagnosticReporter reporter(hooks, result);
  const auto doc = importer.read(txt, reporter);
  const std::size_t ann_lines = count_lines(ann_text);
  for (const auto& d : seen) {
    check_diagnostic_form(d);
    FUZZ_CHECK(d.file == txt.string() || d.file == ann.string());
    if (d.file == ann.string()) {
      if (d.line < 1 || d.line > ann_lines) {
        std::fprintf(stderr, "diagnostic names line %zu of %zu: %s\n", d.line, ann_lines,
                     d.format().c_str());
      }
      FUZZ_CHECK(d.line >= 1 && d.line <= ann_lines);
    } else {
      FUZZ_CHECK(d.line == 0);
    }
  }
  annosearch::Registry all = importer.registry();
  for (const auto& [id, e] : external.entities()) all.put(e);
  check_registry(importer.registry(), annosearch::Taxonomy{});
  if (doc) check_validates(*doc, all, annosearch::Taxonomy{});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 'b') {
    brat(rest);
  } else {
    reuters(rest);
  }
  return 0;
}
