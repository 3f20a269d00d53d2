// Turning an annotated document into Xapian documents: one for the article and one per non-empty
// passage, with the terms, values and stored data that core/schema.h defines.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "core/analysis.h"
#include "core/document.h"

namespace annosearch {

// One Xapian document to write, with its unique id term (for replace_document).
struct BuiltUnit {
  std::string uid_term;  // schema::article_uid() or schema::passage_uid()
  int passage = 0;       // the passage number; 0 for the article
  Xapian::Document document;
};

// Builds the units of a valid document (see indexer/reader.h for validation). Theme ancestors come
// from the taxonomy; nothing of the registry is indexed (names, aliases and types live in the
// index metadata, so a registry change needs no re-indexing). Thread-compatible: one builder per
// thread.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(const Taxonomy& taxonomy);
  // `input_hash` is the document's content_hash() as read, before the annotator added to it: the
  // hash stands for what the archive holds, so `verify` and `update` compare the input with the
  // index whether or not the index was annotated. Empty: content_hash(doc).
  [[nodiscard]] std::vector<BuiltUnit> build(const Document& doc, std::string input_hash = {});

 private:
  const Analyzer& analyzer_for(const std::string& language);
  const Taxonomy& taxonomy_;
  std::vector<std::pair<std::string, Analyzer>> analyzers_;  // by language, few
};

// The content hash of a document and its annotations (hex), stored in kSlotHash: equal hashes mean
// nothing to re-index.
[[nodiscard]] std::string content_hash(const Document& doc);

}  // namespace annosearch
