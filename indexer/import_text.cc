// The plain-text importer.
#include "indexer/import_text.h"

#include <fstream>
#include <set>
#include <sstream>

namespace annosearch {
namespace {

namespace fs = std::filesystem;

// "\r\n" and lone '\r' to '\n', so that a paragraph is a line whatever the file's origin.
std::string normalise_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::optional<Document> read_text_document(const std::filesystem::path& path,
                                           const ImportOptions& options,
                                           DiagnosticReporter& reporter) {
  const std::string file = path.string();
  std::optional<std::string> content = read_file_bytes(path);
  if (!content) {
    reporter.error(file, 0, "", "", "cannot read the file");
    return std::nullopt;
  }
  std::string bytes = std::move(*content);
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);

  Document doc;
  doc.id = sanitize_id(path.stem().string());
  if (doc.id.empty()) {
    reporter.error(file, 0, "", "id",
                   "the file name gives no usable id (letters, digits and ._:/-); rename the file");
    return std::nullopt;
  }
  std::size_t bad = 0;
  std::string text = normalise_newlines(repair_utf8(bytes, &bad));
  if (bad > 0) {
    reporter.error(file, 0, doc.id, "text",
                   "invalid UTF-8 (" + std::to_string(bad) +
                       " bytes replaced by U+FFFD); convert the file to UTF-8 (iconv)");
  }
  // Trailing blank lines (and the final newline) would be empty passages; trailing blanks go too.
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == ' ' || text[end - 1] == '\t')) {
    --end;
  }
  text.resize(end);
  if (trim(text).empty()) {
    reporter.error(file, 0, doc.id, "text", "the file has no text; nothing imported");
    return std::nullopt;
  }
  doc.title = std::string(trim(std::string_view(text).substr(0, text.find('\n'))));
  doc.text = std::move(text);
  doc.language = options.language.empty() ? "en" : options.language;
  doc.date = options.date;
  return doc;
}

ImportResult import_text(const ImportOptions& options, CorpusWriter& writer,
                         const ImportHooks& hooks) {
  ImportResult result;
  DiagnosticReporter reporter(hooks, result);
  const auto files = expand_inputs(
      options.inputs, [](const fs::path& p) { return p.extension() == ".txt"; }, true, reporter);
  if (hooks.on_total) hooks.on_total(files.size());
  std::set<std::string> ids;
  for (const auto& path : files) {
    if (auto doc = read_text_document(path, options, reporter)) {
      if (!ids.insert(doc->id).second) {
        reporter.error(path.string(), 0, doc->id, "id",
                       "another file already gave this id; this file is skipped (rename it)");
      } else {
        writer.write(*doc);
      }
    }
    if (hooks.on_advance) hooks.on_advance(1);
  }
  writer.finish(Registry{}, Taxonomy{});
  result.documents = writer.documents();
  return result;
}

}  // namespace annosearch
